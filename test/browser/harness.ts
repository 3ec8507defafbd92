/**
 * Real parts for browser tests: the worker on workerd (Miniflare, the runtime `wrangler dev` runs)
 * over its own copy of a migrated and seeded local D1, and Debian's Chromium driven by
 * playwright-core. The worker is bundled and the database migrated and seeded once per run (see
 * `prepareWorld`); each `startAccord` copies that state, so a test file starts in a second or two.
 */
import { rmSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { type BrowserContext, chromium, type LaunchOptions } from "playwright-core";
import { goOffline, WRANGLER_CONFIG, wrangler } from "../../worker/scripts/lib";
import { type DemoSeed, seedSql } from "../../worker/scripts/seed";

export const TEST_RATING_KEY = "browser-tests-rating-key-not-a-secret";
/** Debian's full Chromium: extensions need it, and the bench measures what people run. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/**
 * Debian's `chromium-headless-shell`: the same engine without the browser's UI layer. Pages,
 * workers, CSP and DevTools behave alike; a test file costs about a fifth of full Chromium's CPU.
 */
const HEADLESS_SHELL = process.env.CHROMIUM_HEADLESS_SHELL_PATH ?? "/usr/bin/chromium-headless-shell";

/** Where `prepareWorld` left the bundle and the database states; passed to test files by env. */
const WORLD_ENV = "ACCORD_TEST_WORLD";

/** What every test file starts from: the bundled worker and two database states. */
interface World {
  root: string;
  /** The worker as `wrangler deploy` bundles it. */
  script: string;
  /** Local state folders: migrated only, and migrated plus the demo. */
  migrated: string;
  seeded: string;
  demo: DemoSeed;
  /** Miniflare's options for wrangler.jsonc's bindings, assets and routing. */
  workerOptions: WorkerOptions;
}

type MiniflareOptions = ConstructorParameters<typeof Miniflare>[0];
type WorkerOptions = Record<string, unknown> & { bindings?: Record<string, unknown> };

/**
 * wrangler.jsonc as Miniflare options. wrangler is imported only here and where a script is split
 * (loading it costs a couple of seconds), so a test file that needs neither never loads it.
 */
async function miniflareOptions(): Promise<WorkerOptions> {
  const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
  // Only wrangler's errors: its notes on reading the config are not news in a test run.
  process.env.WRANGLER_LOG = "error";
  return unstable_getMiniflareWorkerOptions(WRANGLER_CONFIG).workerOptions as WorkerOptions;
}

export interface Accord {
  baseUrl: string;
  demo: DemoSeed;
  /** The worker's D1, read and written from Node through Miniflare's binding. */
  db: D1Database;
  /**
   * Runs an SQL script (statements separated by `;`) or a list of statements as one batch: all of
   * it or none. A list skips splitting, which loads wrangler (two CPU-seconds in a test file).
   */
  sql(script: string | string[]): Promise<void>;
  /** The rows of one statement. */
  query<T = Record<string, unknown>>(statement: string, ...params: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * Bundles the worker (as `wrangler deploy --dry-run` does) and prepares the database states:
 * wrangler.jsonc's migrations in order, recorded in wrangler's `d1_migrations` table, then the
 * demo. Run once per test run by the global setup. (Spawning `wrangler d1 migrations apply` and
 * `wrangler d1 execute` here cost 15 s before any test could start; `npm run admin`'s test still
 * runs those commands on an empty database.)
 */
export async function prepareWorld(): Promise<World> {
  goOffline();
  const root = await mkdtemp(join(tmpdir(), "accord-world-"));
  const migrated = join(root, "migrated");
  const seeded = join(root, "seeded");
  const options = miniflareOptions();
  const database = async () => {
    const workerOptions = await options;
    await runBatches(migrated, workerOptions, await migrationBatches());
    await cp(migrated, seeded, { recursive: true });
    const demo = await seedSql(TEST_RATING_KEY);
    await runBatches(seeded, workerOptions, [await statementsOf(demo.sql)]);
    return demo;
  };
  // Bundling and the database do not depend on each other: one core each.
  const [script, demo, workerOptions] = await Promise.all([bundleWorker(join(root, "bundle")), database(), options]);
  return { root, script, migrated, seeded, demo, workerOptions };
}

/**
 * A worker that runs the posted lists of statements on DB in order, each list as one batch (all
 * of it or none). Inside workerd a statement costs microseconds; prepared one by one from Node
 * through Miniflare's binding, each is a blocking round trip (the demo took 3.5 s that way, 0.2 s here).
 */
const BATCH_RUNNER = `export default {
  async fetch(request, env) {
    for (const statements of await request.json()) await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
    return new Response(null, { status: 204 });
  },
};`;

/** Runs `batches` on the D1 database that wrangler.jsonc binds as DB, kept in the state folder `persistTo`. */
async function runBatches(persistTo: string, workerOptions: WorkerOptions, batches: string[][]): Promise<void> {
  const mf = new Miniflare({
    modules: true,
    script: BATCH_RUNNER,
    d1Databases: workerOptions.d1Databases,
    d1Persist: join(persistTo, "v3", "d1"),
  } as MiniflareOptions);
  try {
    const res = await mf.dispatchFetch("http://batches.test/", { method: "POST", body: JSON.stringify(batches) });
    if (res.status !== 204) throw new Error(`Preparing a test database failed: ${await res.text()}`);
  } finally {
    await mf.dispose();
  }
}

/** worker/migrations in order, as `wrangler d1 migrations apply` applies them: each file and its record in one batch. */
async function migrationBatches(): Promise<string[][]> {
  const folder = fileURLToPath(new URL("../../worker/migrations", import.meta.url));
  const names = (await readdir(folder)).filter((f) => f.endsWith(".sql")).sort();
  const batches = [
    [
      "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
    ],
  ];
  for (const name of names) {
    const statements = await statementsOf(await readFile(join(folder, name), "utf8"));
    batches.push([...statements, `INSERT INTO d1_migrations (name) VALUES ('${name}')`]);
  }
  return batches;
}

/** Bundles the worker into `outdir` as `wrangler deploy` does; returns the script's path. */
async function bundleWorker(outdir: string): Promise<string> {
  await wrangler(["deploy", "--dry-run", "--outdir", outdir, "-c", WRANGLER_CONFIG], { kind: "local" });
  return join(outdir, "index.js");
}

let ownScript: Promise<string> | undefined;

/** Folders made here outside vitest (the bench, scripts) go when the process ends. */
const ownFolders: string[] = [];
process.once("exit", () => {
  for (const folder of ownFolders) rmSync(folder, { recursive: true, force: true });
});
const removedOnExit = <T extends string>(folder: T): T => {
  ownFolders.push(folder);
  return folder;
};

/** The bundled worker and its options: the run's, or (outside vitest) made here. */
async function workerParts(): Promise<Pick<World, "script" | "workerOptions">> {
  if (process.env[WORLD_ENV]) return world();
  ownScript ??= mkdtemp(join(tmpdir(), "accord-bundle-")).then(removedOnExit).then(bundleWorker);
  return { script: await ownScript, workerOptions: await miniflareOptions() };
}

let ownWorld: Promise<World> | undefined;

/** The run's world: the global setup's, or (outside vitest, e.g. the bench) one made here. */
async function world(): Promise<World> {
  const shared = process.env[WORLD_ENV];
  if (shared) return JSON.parse(await readFile(shared, "utf8")) as World;
  ownWorld ??= prepareWorld().then((w) => ({ ...w, root: removedOnExit(w.root) }));
  return ownWorld;
}

/** Writes `w` where test files find it; returns the teardown. */
export async function shareWorld(w: World): Promise<() => Promise<void>> {
  const file = join(w.root, "world.json");
  await writeFile(file, JSON.stringify(w));
  process.env[WORLD_ENV] = file;
  return () => rm(w.root, { recursive: true, force: true });
}

/**
 * A worker on a free loopback port over its own copy of the seeded (or, with `seed: false`, only
 * migrated) database.
 */
export async function startAccord(options: { seed?: boolean } = {}): Promise<Accord> {
  const w = await world();
  const persistTo = await mkdtemp(join(tmpdir(), "accord-browser-"));
  await cp(options.seed === false ? w.migrated : w.seeded, persistTo, { recursive: true });
  const worker = await serveWorker(persistTo);
  return {
    baseUrl: worker.url,
    demo: w.demo,
    db: worker.db,
    sql: (script) => runScript(worker.db, script),
    query: async <T>(statement: string, ...params: unknown[]) =>
      (
        await worker.db
          .prepare(statement)
          .bind(...params)
          .all<T>()
      ).results,
    async stop() {
      await worker.dispose();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}

/** A script's statements, split as `wrangler d1 execute --file` splits them. */
async function statementsOf(script: string): Promise<string[]> {
  return (await import("wrangler")).unstable_splitSqlQuery(script).filter((s) => s.trim() !== "");
}

async function runScript(db: D1Database, script: string | string[]): Promise<void> {
  const statements = typeof script === "string" ? await statementsOf(script) : script.filter((s) => s.trim() !== "");
  if (statements.length > 0) await db.batch(statements.map((s) => db.prepare(s)));
}

const bundles = new Map<string, Promise<string>>();
/** The bundle's text, read once per process. */
const bundleText = (script: string) => {
  const text = bundles.get(script) ?? readFile(script, "utf8");
  bundles.set(script, text);
  return text;
};

/**
 * Serves the bundled worker on workerd over the local state in `persistTo` (a folder wrangler's
 * `--persist-to` wrote), with wrangler.jsonc's bindings, assets and routing. With `inspectorPort`,
 * workerd's inspector listens there and DevTools reach the worker at `ws://127.0.0.1:PORT/accord`
 * (the bench's request profile).
 */
export async function serveWorker(persistTo: string, options: { inspectorPort?: number } = {}) {
  goOffline();
  const { script, workerOptions } = await workerParts();
  const mf = new Miniflare({
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort, unsafeInspectorProxy: true } : {}),
    ...workerOptions,
    name: "accord",
    // The bundle is one ES module, listed as such: given only its path, Miniflare parses the whole
    // bundle to look for imports (about half a CPU-second per worker started).
    modules: [{ type: "ESModule", path: script, contents: await bundleText(script) }],
    modulesRoot: dirname(script),
    // Local mode for channels: the demo inbox on loopback may receive nudges.
    bindings: { ...workerOptions.bindings, RATING_KEY: TEST_RATING_KEY, CHANNELS_ALLOW_LOOPBACK: "true" },
    d1Persist: join(persistTo, "v3", "d1"),
    host: "127.0.0.1",
    port: 0,
  } as MiniflareOptions);
  const url = await mf.ready;
  const db = (await mf.getD1Database("DB")) as unknown as D1Database;
  return { url: url.origin, db, script, dispose: () => mf.dispose() };
}

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
  "--disable-background-networking",
  "--disable-component-update",
];

/**
 * How a browser is started. Tests (the default) save CPU in two ways that leave the web's rules
 * alone: every site runs in one renderer process (same-origin policy, CORS and CSP are enforced
 * alike; a process per site only guards memory against Spectre-style reads: a test file spent about
 * a sixth less CPU, 47 → 41 CPU-s on the organization test), and V8 stops at its baseline compiler
 * (`--max-opt=1`: no Maglev or TurboFan, which optimize code a short test page never runs long
 * enough to repay; renderers spent about a quarter less, 31 → 22 CPU-s on two console files).
 * `asPeopleRunIt` keeps Chromium's defaults: the bench measures what people run.
 */
export interface Launch {
  asPeopleRunIt?: boolean;
}

/** Chromium's switches: the common ones, then `extra`, with every `--disable-features` list merged (Chromium reads only one). */
function chromiumArgs(extra: string[], { asPeopleRunIt = false }: Launch): string[] {
  const forTests = asPeopleRunIt ? [] : ["--disable-site-isolation-trials", "--js-flags=--max-opt=1"];
  const args = [...CHROMIUM_ARGS, ...forTests, ...extra];
  const features = asPeopleRunIt ? [] : ["IsolateOrigins", "site-per-process"];
  const rest = args.filter((a) => {
    const list = /^--disable-features=(.*)$/.exec(a)?.[1];
    if (list !== undefined) features.push(...list.split(","));
    return list === undefined;
  });
  return features.length > 0 ? [...rest, `--disable-features=${features.join(",")}`] : rest;
}

/** Launches Chromium's headless shell (never a downloaded browser); `executablePath: CHROMIUM` for the full one. */
export function launchBrowser(options: LaunchOptions = {}, launch: Launch = {}) {
  return chromium.launch({
    executablePath: HEADLESS_SHELL,
    headless: true,
    ...options,
    args: chromiumArgs(options.args ?? [], launch),
  });
}

/** Chromium with an unpacked extension loaded, in a fresh profile; returns the context and its id. */
export async function launchWithExtension(extensionDir: string, args: string[] = [], launch: Launch = {}) {
  const profile = await mkdtemp(join(tmpdir(), "accord-profile-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: chromiumArgs(
      [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...args],
      launch,
    ),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
