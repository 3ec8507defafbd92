/**
 * `npm run bench [-- --json FILE]`: measures Accord against its budgets on loopback and prints a
 * table. It starts what it needs (workerd with its own local D1, Chromium), stops everything and
 * leaves nothing running. Figures only: nothing here asserts a time.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { applyMigrations, executeSql, goOffline, ROOT } from "../../worker/scripts/lib";
import { seedSql } from "../../worker/scripts/seed";
import { type Accord, serveWorker, TEST_RATING_KEY } from "../browser/harness";
import { bulkLoad, measureResults, measureSubmissions, round } from "./api";
import { measureExtension } from "./extension";
import { measureWidget } from "./widget";

const run = promisify(execFile);
const args = process.argv.slice(2);
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const SIZES = [1_000, 100_000, 1_000_000];

type Figures = Record<string, Record<string, unknown>>;

async function workerBundle() {
  const out = await mkdtemp(join(tmpdir(), "accord-deploy-"));
  try {
    await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], {
      cwd: join(ROOT, "worker"),
      maxBuffer: 1 << 24,
    });
    const js = await readFile(join(out, "index.js"));
    return { rawBytes: js.byteLength, gzipBytes: gzipSync(js, { level: 9 }).byteLength };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function main() {
  goOffline();
  const figures: Figures = { machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version } };
  const persistTo = await mkdtemp(join(tmpdir(), "accord-bench-"));
  const target = { kind: "local" as const, persistTo };
  let worker: Awaited<ReturnType<typeof serveWorker>> | undefined;
  try {
    process.stdout.write("Preparing a local D1 …\n");
    await applyMigrations(target);
    const demo = await seedSql(TEST_RATING_KEY);
    await executeSql(demo.sql, target);
    process.stdout.write(`Bulk-loading ${SIZES.map((s) => s.toLocaleString("en")).join(" / ")} ratings …\n`);
    const bulk = await bulkLoad(persistTo, SIZES);
    worker = await serveWorker(persistTo);
    const baseUrl = worker.url;
    const db = worker.db;
    const accord: Accord = {
      baseUrl,
      demo,
      db,
      sql: (s) => executeSql(s, target).then(() => undefined),
      query: async <T>(s: string, ...params: unknown[]) =>
        (
          await db
            .prepare(s)
            .bind(...params)
            .all<T>()
        ).results,
      stop: async () => {},
    };
    const facilitator = demo.people.find((p) => p.role === "facilitator");
    if (!facilitator) throw new Error("no facilitator");

    process.stdout.write("Widget in Chromium …\n");
    const widget = await measureWidget(baseUrl, facilitator.token);
    figures.widget = {
      gzipBytes: widget.gzipBytes,
      rawBytes: widget.rawBytes,
      brotliBytes: widget.brotliBytes,
      requestsToFirstQuestion: widget["pulse.requestsToFirstQuestion"],
      firstQuestionMs: widget["pulse.firstQuestionMs"],
      floorMs: widget["pulse.floorMs"],
      ratio: widget["pulse.ratio"],
      "survey.requestsToFirstQuestion": widget["survey.requestsToFirstQuestion"],
      "survey.firstQuestionMs": widget["survey.firstQuestionMs"],
      "survey.floorMs": widget["survey.floorMs"],
      "survey.ratio": widget["survey.ratio"],
    };

    process.stdout.write("Extension popup …\n");
    figures.extension = await measureExtension(baseUrl, facilitator.token);

    process.stdout.write("Results reads …\n");
    const [ms1k = Number.NaN, ms100k = Number.NaN, ms1m = Number.NaN] = await measureResults(
      baseUrl,
      facilitator.token,
      bulk.ids,
    );
    process.stdout.write(`Submissions (${REQUESTS} at 1 and at 10 connections) …\n`);
    const submit = await measureSubmissions(accord, REQUESTS);
    figures.api = {
      "submit.c1.p50Ms": submit.c1.p50Ms,
      "submit.c1.p99Ms": submit.c1.p99Ms,
      "submit.c1.rps": submit.c1.rps,
      "submit.c10.p50Ms": submit.c10.p50Ms,
      "submit.c10.p99Ms": submit.c10.p99Ms,
      "submit.c10.rps": submit.c10.rps,
      "results.ms1k": ms1k,
      "results.ms100k": ms100k,
      "results.ms1m": ms1m,
      "results.ratio1mTo1k": round(ms1m / ms1k),
      "results.bulkCounts": bulk.counts.replaceAll("\n", "; "),
    };
  } finally {
    await worker?.dispose();
    await rm(persistTo, { recursive: true, force: true });
  }
  process.stdout.write("Worker bundle …\n");
  const bundle = await workerBundle();
  figures.worker = { gzipBytes: bundle.gzipBytes, rawBytes: bundle.rawBytes };
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

const figures = await main();
const flat = flatten(figures);
console.log("\n| figure | value |\n| --- | --- |");
for (const [k, v] of Object.entries(flat)) console.log(`| ${k} | ${v} |`);
console.log("\nThe load driver shares this machine's cores with workerd and Chromium.");
if (jsonOut) {
  await writeFile(jsonOut, `${JSON.stringify(flat, null, 2)}\n`);
  console.log(`Figures written to ${jsonOut}`);
}
