/**
 * `npm start`: everything Accord needs locally, from a fresh clone, with no Cloudflare account and
 * no network. Migrates and seeds the local D1, builds the UI, serves the worker on workerd,
 * ticks the cron every minute and prints how to try it. Ctrl-C stops it all.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
// Demo intranet (added by the widget work): a second origin embedding the widget; see intranet.ts.
import { connectDemoInbox } from "./inbox";
import { demoIntranetSql, type Intranet, startIntranet } from "./intranet";
import {
  applyMigrations,
  CommandError,
  elapsed,
  ensureRatingKey,
  executeSql,
  goOffline,
  LOCAL_STATE,
  queryRows,
  ROOT,
  type Target,
  WRANGLER_CONFIG,
} from "./lib";
import { DEMO_PARTNERSHIP_ID, DEMO_PRESENT_SQL, type DemoSeed, seedSql } from "./seed";

const DEFAULT_PORT = 8787;
const HOSTNAME = "127.0.0.1";
const TICK_MS = 60_000;
const VITE_CONFIG = join(ROOT, "widget/vite.config.ts");
const WIDGET_DIST = join(ROOT, "widget/dist");
const DEMO_FILE = join(ROOT, ".accord/demo.json");
const EXTENSION_DIR = "extension/.output/chrome-mv3";
const LOCAL: Target = { kind: "local" };
/** wrangler's test route for cron triggers (dev.testScheduled). */
const SCHEDULED_PATH = "/__scheduled";
const SCHEDULED_REPLY = "Ran scheduled event";

type Worker = Awaited<ReturnType<typeof import("wrangler").unstable_startWorker>>;

/** What has to be undone on the way out. */
interface Running {
  abort: AbortController;
  worker?: Worker;
  intranet?: Intranet;
  ticker?: ReturnType<typeof setInterval>;
  stopping: boolean;
}

/** The port from $PORT, or 8787. */
function portFromEnv(value = process.env.PORT): number {
  if (value === undefined || value === "") return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${value}"`);
  return port;
}

/** Fails early with a useful message, rather than after a minute of setup, when the port is taken. */
function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", () =>
      fail(new Error(`Port ${port} on ${HOSTNAME} is in use. Stop whatever uses it, or run PORT=8788 npm start.`)),
    );
    probe.listen(port, HOSTNAME, () => probe.close(() => done()));
  });
}

/** Prints one progress line. */
function step(text: string): void {
  console.log(`  ✓ ${text}`);
}

/** Runs `npm run build:ui` quietly; shows its output only if it fails. */
function runUiBuild(signal: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn("npm", ["run", "--silent", "build:ui"], {
      cwd: ROOT,
      signal,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("error", (error) => fail(error));
    child.once("close", (code) =>
      code === 0 ? done() : fail(new CommandError("npm run build:ui failed", output.trim())),
    );
  });
}

/** Builds the UI when it can be built; the worker's assets folder must exist either way. */
async function buildUi(signal: AbortSignal): Promise<string> {
  if (!existsSync(VITE_CONFIG)) {
    await mkdir(WIDGET_DIST, { recursive: true });
    return "UI not built yet (no widget/vite.config.ts); serving the API";
  }
  await runUiBuild(signal);
  return "UI built";
}

/** The cron expressions the config declares (triggers.crons), as wrangler resolved them. */
function cronsOf(worker: Worker): string[] {
  const triggers: unknown = worker.config.triggers;
  if (!Array.isArray(triggers)) return [];
  return triggers.flatMap((t: unknown) =>
    typeof t === "object" && t !== null && "cron" in t && typeof t.cron === "string" ? [t.cron] : [],
  );
}

/**
 * Ticks the scheduled handler every minute through wrangler's `/__scheduled` test route
 * (Worker.scheduled() looks the worker up in the wrong Miniflare in wrangler 4.86). A failure is
 * reported once, then again only after it recovered, so a broken handler does not flood the log.
 */
function startTicking(baseUrl: string, crons: readonly string[]): ReturnType<typeof setInterval> {
  let failing = false;
  const tick = async () => {
    for (const cron of crons) {
      try {
        const res = await fetch(`${baseUrl}${SCHEDULED_PATH}?cron=${encodeURIComponent(cron)}`, {
          signal: AbortSignal.timeout(TICK_MS / 2),
        });
        // A 200 with other text means something else (the UI's index.html) answered.
        if (!res.ok || (await res.text()) !== SCHEDULED_REPLY) throw new Error(`HTTP ${res.status}, not the worker`);
        if (failing) console.log("Scheduler: the cron handler runs again.");
        failing = false;
      } catch (error) {
        if (!failing) {
          console.log(`Scheduler: the cron handler failed (${describe(error)}); retrying every minute quietly.`);
        }
        failing = true;
      }
    }
  };
  void tick();
  return setInterval(tick, TICK_MS);
}

/** Waits until the API answers, so "serving" means serving. */
async function assertServes(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
  if (!res.ok) throw new Error(`The worker started but GET /api/v1/openapi.json answered ${res.status}`);
}

/** .accord/demo.json: what tests and tools need to drive the demo. */
async function writeDemoFile(baseUrl: string, seed: DemoSeed, intranetUrl: string): Promise<void> {
  const demo = {
    baseUrl,
    intranetUrl,
    partnerships: seed.partnerships,
    people: seed.people.map(({ name, organization, role, partnershipIds, token }) => ({
      name,
      organization,
      role,
      partnershipIds,
      token,
    })),
  };
  await mkdir(join(ROOT, ".accord"), { recursive: true });
  await writeFile(DEMO_FILE, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
}

/** The "how to try it" block. */
function printSummary(baseUrl: string, seed: DemoSeed, intranetUrl: string): void {
  const names = new Map(seed.partnerships.map((p) => [p.id, p.name]));
  const facilitator = seed.people.find(
    (p) => p.role === "facilitator" && p.partnershipIds.includes(DEMO_PARTNERSHIP_ID),
  );
  const width = Math.max(...seed.people.map((p) => p.name.length));
  const orgWidth = Math.max(...seed.people.map((p) => p.organization.length));
  const lines = [
    "",
    `Accord is running.`,
    `  Console   ${baseUrl}/`,
    `  OpenAPI   ${baseUrl}/api/v1/openapi.json`,
    `  Intranet  ${intranetUrl}/  (a partner's intranet embedding the widget; pick a person at the top right)`,
    "",
    "Demo people (personal tokens, same on every start of this clone):",
    ...seed.people.map(
      (p) =>
        `  ${p.name.padEnd(width)}  ${p.organization.padEnd(orgWidth)}  ${p.role.padEnd(11)}  ${p.token}\n` +
        `  ${" ".repeat(width)}  in: ${p.partnershipIds.map((id) => `${names.get(id) ?? id} (${id})`).join(", ")}`,
    ),
    "",
    "Try it:",
    `  curl -H "Authorization: Bearer ${facilitator?.token ?? "<token>"}" \\`,
    `    ${baseUrl}/api/v1/partnerships/${DEMO_PARTNERSHIP_ID}/principles`,
    "",
    `Extension: npm run build:extension, then load the folder ${EXTENSION_DIR} unpacked (chrome://extensions, Developer mode).`,
    `Demo details for tools: .accord/demo.json. Ctrl-C stops everything.`,
    "",
  ];
  console.log(lines.join("\n"));
}

/** Stops what runs, once; a second Ctrl-C gives up waiting. */
async function shutdown(running: Running, code: number): Promise<never> {
  if (running.stopping) process.exit(code || 1);
  running.stopping = true;
  if (running.ticker) clearInterval(running.ticker);
  running.abort.abort();
  await running.intranet?.close().catch(() => undefined);
  if (running.worker) {
    console.log("\nStopping the worker…");
    await running.worker.dispose().catch(() => undefined);
  }
  process.exit(code);
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Our one handler for both signals. */
function onSignal(): void {
  void shutdown(running, 0);
}

/**
 * Drops the signal listeners wrangler and Miniflare added: Miniflare's exit hook answers Ctrl-C
 * with process.exit(130) at once, before an orderly dispose could finish. worker.dispose() in
 * shutdown() runs the same cleanup (and its "exit" hook stays as a last resort).
 */
function takeOverSignals(): void {
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener !== onSignal) process.removeListener(signal, listener);
    }
  }
}

/** An error's message, without the stack. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sets everything up and serves until stopped. */
async function main(running: Running): Promise<void> {
  const port = portFromEnv();
  const { signal } = running.abort;
  goOffline();
  console.log("Starting Accord locally…");
  await assertPortFree(port);

  const { key, created } = await ensureRatingKey();
  step(created ? "Generated a local RATING_KEY in worker/.dev.vars" : "Local RATING_KEY found in worker/.dev.vars");

  await applyMigrations(LOCAL, signal);
  step(`Local D1 migrated (${elapsed()})`);

  // The story is replayed once, into a database without the demo: it is written with the app's
  // own (unguarded) statements, so a second replay would clash or double it. Later starts ask the
  // database first and only refresh the demo tokens and open what fell due since.
  const seed = await seedSql(key);
  const [present] = await queryRows<{ n: number }>(DEMO_PRESENT_SQL, LOCAL, signal);
  await executeSql(present?.n ? seed.refreshSql : seed.sql, LOCAL, signal);
  step(`${present?.n ? "Demo found; its tokens refreshed" : "Demo data seeded"} (${elapsed()})`);

  // --- Demo intranet (widget work) ------------------------------------------------------------
  // Listens first, so its origin is known (PORT=0 picks a free port) and a taken port fails early;
  // then Northwind gets the embed key it signs with and that origin as an allowed origin.
  let workerOrigin = "";
  running.intranet = await startIntranet({
    port: port === 0 ? 0 : port + 1,
    ratingKey: key,
    workerOrigin: () => workerOrigin,
  }).catch((error: unknown) => {
    throw new Error(`The demo intranet could not listen on port ${port + 1} (${describe(error)}).`);
  });
  await executeSql(await demoIntranetSql(key, running.intranet.url), LOCAL, signal);
  step(`Demo intranet ready on ${running.intranet.url}`);
  // ---------------------------------------------------------------------------------------------

  step(`${await buildUi(signal)} (${elapsed()})`);

  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config: WRANGLER_CONFIG,
    dev: {
      server: { hostname: HOSTNAME, port },
      inspector: false,
      // The same state folder `d1 migrations apply --local` and `d1 execute --local` used above.
      persist: LOCAL_STATE,
      watch: false,
      // Adds the /__scheduled route the ticker uses.
      testScheduled: true,
    },
    // Local mode for nudges: channels may post to the demo inbox on loopback; retries come quickly.
    bindings: {
      CHANNELS_ALLOW_LOOPBACK: { type: "plain_text", value: "true" },
      CHANNELS_RETRY_SECONDS: { type: "plain_text", value: "5" },
    },
  });
  running.worker = worker;
  if (running.stopping) return;
  await worker.ready;
  takeOverSignals();
  const baseUrl = (await worker.url).origin;
  workerOrigin = baseUrl;
  await assertServes(baseUrl);
  step(`Serving on ${baseUrl} (${elapsed()} since start)`);

  const inbox = await connectDemoInbox(baseUrl, running.intranet.url, DEMO_PARTNERSHIP_ID, seed.people).catch(() => []);
  step(
    `Demo inbox on ${running.intranet.url}/inbox${inbox.length ? ` (connected: ${inbox.join(", ")})` : ""}: open a cycle and watch the nudge arrive`,
  );
  await writeDemoFile(baseUrl, seed, running.intranet.url);
  printSummary(baseUrl, seed, running.intranet.url);
  running.ticker = startTicking(baseUrl, cronsOf(worker));
}

const running: Running = { abort: new AbortController(), stopping: false };
for (const signal of SIGNALS) process.on(signal, onSignal);

main(running).catch(async (error: unknown) => {
  if (running.stopping) return;
  console.error(`\nnpm start failed: ${describe(error)}`);
  if (error instanceof CommandError && error.output) console.error(error.output);
  await shutdown(running, 1);
});
