/**
 * `npm run bench [-- --json FILE]`: measures Accord on loopback and prints a table. It starts what
 * it needs (workerd with its own local D1, a floor Worker on workerd with its own, Chromium),
 * stops everything and leaves nothing running. On a shared machine absolute times drift, so each
 * timing sits beside a floor measured in the same run, the same way (see floor/worker.ts,
 * widget.ts, extension.ts), and its ratio to it. Figures only: nothing here asserts a time.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, executeSql, goOffline } from "../../worker/scripts/lib";
import { seedSql } from "../../worker/scripts/seed";
import { type Accord, serveWorker, TEST_RATING_KEY } from "../browser/harness";
import { bulkLoad, measureFixedCosts, measureResults, measureSubmissions, ratio, round } from "./api";
import { measureExtension } from "./extension";
import { type Floor, serveFloor } from "./floor/serve";
import { type Intranet, startIntranet } from "./intranet";
import { freePort, profileSubmissions } from "./profile";
import { measureFirstRequest, measureWorker } from "./startup";
import { measureWidget } from "./widget";

const args = process.argv.slice(2);
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const SIZES = [1_000, 100_000, 1_000_000];

type Figures = Record<string, Record<string, unknown>>;

async function main() {
  goOffline();
  const widget: Record<string, unknown> = {};
  const extension: Record<string, unknown> = {};
  const api: Record<string, unknown> = {};
  const floor: Record<string, unknown> = {};
  const figures: Figures = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version },
    widget,
    extension,
    api,
    floor,
    worker: {},
    profile: {},
  };
  // First, while nothing else runs: the bundle profiled is built from the same sources as the one served.
  process.stdout.write("Worker bundle and startup profile …\n");
  figures.worker = await measureWorker();
  const persistTo = await mkdtemp(join(tmpdir(), "accord-bench-"));
  const target = { kind: "local" as const, persistTo };
  let worker: Awaited<ReturnType<typeof serveWorker>> | undefined;
  let floorWorker: Floor | undefined;
  let intranet: Intranet | undefined;
  try {
    process.stdout.write("Preparing a local D1 …\n");
    await applyMigrations(target);
    const demo = await seedSql(TEST_RATING_KEY);
    await executeSql(demo.sql, target);
    process.stdout.write(`Bulk-loading ${SIZES.map((s) => s.toLocaleString("en")).join(" / ")} ratings …\n`);
    const bulk = await bulkLoad(persistTo, SIZES);
    /** The harness's view of a worker served here over the bench's database. */
    const asAccord = (served: Awaited<ReturnType<typeof serveWorker>>): Accord => ({
      baseUrl: served.url,
      demo,
      db: served.db,
      sql: (s) => executeSql(typeof s === "string" ? s : s.join("\n"), target).then(() => undefined),
      query: async <T>(s: string, ...params: unknown[]) =>
        (
          await served.db
            .prepare(s)
            .bind(...params)
            .all<T>()
        ).results,
      stop: async () => {},
    });
    worker = await serveWorker(persistTo);
    floorWorker = await serveFloor();
    const baseUrl = worker.url;
    Object.assign(figures.worker, await measureFirstRequest(baseUrl));
    const accord = asAccord(worker);
    const facilitator = demo.people.find((p) => p.role === "facilitator");
    if (!facilitator) throw new Error("no facilitator");
    intranet = await startIntranet(baseUrl, facilitator.token);

    process.stdout.write("Widget in Chromium …\n");
    const w = await measureWidget(baseUrl, intranet);
    Object.assign(widget, {
      gzipBytes: w.gzipBytes,
      rawBytes: w.rawBytes,
      brotliBytes: w.brotliBytes,
      requestsToFirstQuestion: w["pulse.requestsToFirstQuestion"],
      firstQuestionMs: w["pulse.firstQuestionMs"],
      firstQuestionRatio: w["pulse.firstQuestionRatio"],
      apiCallStartMs: w["pulse.apiCallStartMs"],
      staticRatio: w["pulse.staticRatio"],
      "survey.requestsToFirstQuestion": w["survey.requestsToFirstQuestion"],
      "survey.firstQuestionMs": w["survey.firstQuestionMs"],
      "survey.firstQuestionRatio": w["survey.firstQuestionRatio"],
      "survey.apiCallStartMs": w["survey.apiCallStartMs"],
      "survey.staticRatio": w["survey.staticRatio"],
      "pulse.trace": w["pulse.trace"],
      "survey.trace": w["survey.trace"],
    });
    Object.assign(floor, {
      firstQuestionMs: w["pulse.apiFloorMs"],
      firstQuestionRequests: w["pulse.apiFloorRequests"],
      apiCallStartMs: w["pulse.apiFloorCallStartMs"],
      staticMs: w["pulse.staticFloorMs"],
      "survey.firstQuestionMs": w["survey.apiFloorMs"],
      "survey.firstQuestionRequests": w["survey.apiFloorRequests"],
      "survey.apiCallStartMs": w["survey.apiFloorCallStartMs"],
      "survey.staticMs": w["survey.staticFloorMs"],
      "pulse.trace": w["pulse.apiFloorTrace"],
      "survey.trace": w["survey.apiFloorTrace"],
    });

    process.stdout.write("Extension popup …\n");
    const e = await measureExtension(baseUrl, facilitator.token);
    Object.assign(extension, {
      popupCachedMs: e.popupCachedMs,
      popupCachedRatio: ratio(e.popupCachedMs, e.floorMs),
      popupColdMs: e.popupColdMs,
      popupTrace: e.popupTrace,
      zipBytes: e.zipBytes,
      firefoxZipBytes: e.firefoxZipBytes,
      sourcesZipBytes: e.sourcesZipBytes,
    });
    floor.popupMs = e.floorMs;
    floor.popupTrace = e.floorTrace;

    process.stdout.write("Results reads …\n");
    const [ms1k = Number.NaN, ms100k = Number.NaN, ms1m = Number.NaN] = await measureResults(
      baseUrl,
      facilitator.token,
      bulk.ids,
    );
    const fixedRequests = Math.round(REQUESTS / 4);
    process.stdout.write(`Fixed costs (${fixedRequests} each at 1 connection, beside the floor's one-row read) …\n`);
    const fixed = await measureFixedCosts(baseUrl, floorWorker, facilitator.token, intranet, fixedRequests);
    process.stdout.write(`Submissions (${REQUESTS} at 1 and at 10 connections, beside the floor's) …\n`);
    const submit = await measureSubmissions(accord, floorWorker, REQUESTS);
    Object.assign(api, {
      "submit.c1.p50Ms": submit.c1.p50Ms,
      "submit.c1.p99Ms": submit.c1.p99Ms,
      "submit.c1.rps": submit.c1.rps,
      "submit.c1.p50Ratio": ratio(submit.c1.p50Ms, submit.floor.c1.p50Ms),
      "submit.c1.p99Ratio": ratio(submit.c1.p99Ms, submit.floor.c1.p99Ms),
      "submit.c10.p50Ms": submit.c10.p50Ms,
      "submit.c10.p99Ms": submit.c10.p99Ms,
      "submit.c10.rps": submit.c10.rps,
      "submit.c10.rpsRatio": ratio(submit.c10.rps, submit.floor.c10.rps),
      "pending.p50Ms": fixed.pending.p50Ms,
      "pending.p99Ms": fixed.pending.p99Ms,
      "pending.p50Ratio": ratio(fixed.pending.p50Ms, fixed.read.p50Ms),
      "pending.p99Ratio": ratio(fixed.pending.p99Ms, fixed.read.p99Ms),
      "firstQuestionCall.p50Ms": fixed.firstQuestion.p50Ms,
      "firstQuestionCall.p99Ms": fixed.firstQuestion.p99Ms,
      "firstQuestionCall.p50Ratio": ratio(fixed.firstQuestion.p50Ms, fixed.read.p50Ms),
      "firstQuestionCall.p99Ratio": ratio(fixed.firstQuestion.p99Ms, fixed.read.p99Ms),
      "results.ms1k": ms1k,
      "results.ms100k": ms100k,
      "results.ms1m": ms1m,
      "results.ratio1mTo1k": round(ms1m / ms1k),
      "results.bulkCounts": bulk.counts.replaceAll("\n", "; "),
    });
    Object.assign(floor, {
      "submit.c1.p50Ms": submit.floor.c1.p50Ms,
      "submit.c1.p99Ms": submit.floor.c1.p99Ms,
      "submit.c1.rps": submit.floor.c1.rps,
      "submit.c10.p50Ms": submit.floor.c10.p50Ms,
      "submit.c10.p99Ms": submit.floor.c10.p99Ms,
      "submit.c10.rps": submit.floor.c10.rps,
      "read.p50Ms": fixed.read.p50Ms,
      "read.p99Ms": fixed.read.p99Ms,
    });

    const profiled = Math.round(REQUESTS / 4);
    process.stdout.write(`Profiling ${profiled} submissions to each (fresh runtimes, workerd's inspector) …\n`);
    await floorWorker.dispose();
    floorWorker = undefined;
    await worker.dispose();
    worker = undefined;
    const ports = { accord: await freePort(), floor: await freePort() };
    worker = await serveWorker(persistTo, { inspectorPort: ports.accord });
    floorWorker = await serveFloor({ inspectorPort: ports.floor });
    figures.profile = await profileSubmissions(
      asAccord(worker),
      floorWorker,
      { accord: `ws://127.0.0.1:${ports.accord}/accord`, floor: `ws://127.0.0.1:${ports.floor}/floor` },
      worker.script,
      profiled,
    );
  } finally {
    intranet?.close();
    await floorWorker?.dispose();
    await worker?.dispose();
    await rm(persistTo, { recursive: true, force: true });
  }
  return figures;
}

/** Flattens sections into the dotted keys the JSON uses (e.g. "api.submit.c1.p50Ms"). */
function flatten(figures: Figures) {
  const out: Record<string, unknown> = {};
  for (const [section, values] of Object.entries(figures)) {
    for (const [key, value] of Object.entries(values)) out[`${section}.${key}`] = value;
  }
  return out;
}

/**
 * Each timing beside its floor, its ratio and the ratio's target: [figure, value, floor, ratio,
 * target]. A ratio key of "" is worked out for the table only (a diagnostic, not a goal).
 */
// biome-ignore format: one row per line reads as the table it prints
const COMPARED: [string, string, string, string, string][] = [
  ["submission, 1 connection, p50 (ms)", "api.submit.c1.p50Ms", "floor.submit.c1.p50Ms", "api.submit.c1.p50Ratio", "≤ 1.3×"],
  ["submission, 1 connection, p99 (ms)", "api.submit.c1.p99Ms", "floor.submit.c1.p99Ms", "api.submit.c1.p99Ratio", "≤ 1.5×"],
  ["submission, 1 connection (req/s)", "api.submit.c1.rps", "floor.submit.c1.rps", "", ""],
  ["submission, 10 connections (req/s)", "api.submit.c10.rps", "floor.submit.c10.rps", "api.submit.c10.rpsRatio", "≥ 0.8×"],
  ["submission, 10 connections, p50 (ms)", "api.submit.c10.p50Ms", "floor.submit.c10.p50Ms", "", ""],
  ["submission, 10 connections, p99 (ms)", "api.submit.c10.p99Ms", "floor.submit.c10.p99Ms", "", ""],
  ["GET /me/pending, p50 vs one-row read (ms)", "api.pending.p50Ms", "floor.read.p50Ms", "api.pending.p50Ratio", ""],
  ["GET /me/pending, p99 vs one-row read (ms)", "api.pending.p99Ms", "floor.read.p99Ms", "api.pending.p99Ratio", ""],
  ["embed first-question call, p50 vs one-row read (ms)", "api.firstQuestionCall.p50Ms", "floor.read.p50Ms", "api.firstQuestionCall.p50Ratio", ""],
  ["embed first-question call, p99 vs one-row read (ms)", "api.firstQuestionCall.p99Ms", "floor.read.p99Ms", "api.firstQuestionCall.p99Ratio", ""],
  ["pulse: first question vs same requests (ms)", "widget.firstQuestionMs", "floor.firstQuestionMs", "widget.firstQuestionRatio", "≤ 1.2×"],
  ["pulse: first question vs static page (ms)", "widget.firstQuestionMs", "floor.staticMs", "widget.staticRatio", "≤ 1.5×"],
  ["pulse: API call sent at (ms)", "widget.apiCallStartMs", "floor.apiCallStartMs", "", ""],
  ["survey: first question vs same requests (ms)", "widget.survey.firstQuestionMs", "floor.survey.firstQuestionMs", "widget.survey.firstQuestionRatio", "≤ 1.2×"],
  ["survey: first question vs static page (ms)", "widget.survey.firstQuestionMs", "floor.survey.staticMs", "widget.survey.staticRatio", "≤ 1.5×"],
  ["survey: API call sent at (ms)", "widget.survey.apiCallStartMs", "floor.survey.apiCallStartMs", "", ""],
  ["popup from cached data (ms)", "extension.popupCachedMs", "floor.popupMs", "extension.popupCachedRatio", "≤ 1.3×"],
];

function print(flat: Record<string, unknown>) {
  const shown = new Set<string>();
  const cell = (key: string) => {
    shown.add(key);
    return String(flat[key]);
  };
  const rows = COMPARED.map(([label, value, floor, r, target]) => [
    label,
    cell(value),
    cell(floor),
    `${r ? cell(r) : ratio(Number(flat[value]), Number(flat[floor]))}×`,
    target || "—",
  ]);
  table(["figure", "value", "floor", "ratio", "target"], rows);
  console.log("");
  const lists = Object.keys(flat).filter((k) => /\.(startupTop|top)(Modules|Functions)$/.test(k));
  table(
    ["figure", "value"],
    Object.entries(flat)
      .filter(([k]) => !shown.has(k) && !lists.includes(k))
      .map(([k, v]) => [k, String(v)]),
  );
  const headings: Record<string, string> = {
    worker: `Worker startup (self time per run, over ${flat["worker.startupRuns"]} runs of \`wrangler check startup\`)`,
    "profile.accord": "A submission to Accord (self time per request in its isolate's CPU profile)",
    "profile.floor": "The same submission to the floor Worker (self time per request)",
  };
  let last = "";
  for (const key of lists) {
    const group = key.replace(/\.(startupTop|top)(Modules|Functions)$/, "");
    if (group !== last) console.log(`\n${headings[group] ?? group}:`);
    last = group;
    console.log(`  ${/Modules$/.test(key) ? "top modules" : "top functions"}:`);
    for (const item of String(flat[key]).split("; ")) console.log(`    ${item}`);
  }
}

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
}

const figures = await main();
const flat = flatten(figures);
console.log("");
print(flat);
console.log(
  "\nRatios: Accord ÷ floor, both measured in this run (rps: Accord ÷ floor, higher is better). Targets are aims, not assertions.",
);
console.log("The load driver shares this machine's cores with workerd and Chromium.");
if (jsonOut) {
  await writeFile(jsonOut, `${JSON.stringify(flat, null, 2)}\n`);
  console.log(`Figures written to ${jsonOut}`);
}
