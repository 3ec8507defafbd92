/**
 * API figures: rating submission latency and throughput, and results read latency with 1k, 100k
 * and 1M ratings in the cycle (bulk-loaded straight into the local D1's SQLite file).
 */
import { execFile } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Accord } from "../browser/harness";
import { median, percentile, provisionPeople, runLoad } from "./load-lib";

const run = promisify(execFile);
const PID = "prt_demonorthwind";
const ORGS = ["org_northwind", "org_acme"];

export interface ApiFigures {
  submit: { c1: { p50Ms: number; p99Ms: number; rps: number }; c10: { p50Ms: number; p99Ms: number; rps: number } };
  results: { ms1k: number; ms100k: number; ms1m: number; ratio1mTo1k: number };
}

const headers = (token: string) => ({ Authorization: `Bearer ${token}`, "Content-Type": "application/json" });

/** Submission latency at 1 and at 10 connections, over `requests` each, spread over many people. */
export async function measureSubmissions(accord: Accord, requests: number) {
  const people = await provisionPeople(accord, PID, ORGS, 500, "bench");
  const facilitator = accord.demo.people.find((p) => p.role === "facilitator" && p.partnershipIds.includes(PID));
  if (!facilitator) throw new Error("no demo facilitator");
  const created = await fetch(`${accord.baseUrl}/api/v1/partnerships/${PID}/cycles`, {
    method: "POST",
    headers: headers(facilitator.token),
    body: JSON.stringify({ kind: "assessment", title: "Benchmark" }),
  });
  const cycle = (await created.json()) as { id: string; principles: { principleId: string }[] };
  const url = `${accord.baseUrl}/api/v1/partnerships/${PID}/cycles/${cycle.id}/responses`;
  const submit = (offset: number) => (i: number) => {
    const person = people[(i + offset) % people.length];
    const principle = cycle.principles[Math.floor((i + offset) / people.length) % cycle.principles.length];
    if (!person || !principle) throw new Error("bench setup");
    return fetch(url, {
      method: "POST",
      headers: { ...headers(person.token), "Idempotency-Key": `bench-${offset}-${i}` },
      body: JSON.stringify({
        answers: [{ principleId: principle.principleId, performance: (i % 5) + 1, importance: 4 }],
      }),
    });
  };
  // Warm-up: the first requests compile code paths and open the database.
  await runLoad({ concurrency: 2, requests: 50 }, submit(0));
  const c1 = await runLoad({ concurrency: 1, requests }, submit(50));
  const c10 = await runLoad({ concurrency: 10, requests }, submit(50 + requests));
  for (const [name, r] of [
    ["c1", c1],
    ["c10", c10],
  ] as const) {
    const bad = Object.entries(r.statuses).filter(([s]) => s !== "200");
    if (bad.length) throw new Error(`submissions ${name} answered ${JSON.stringify(r.statuses)}`);
  }
  const figures = (r: typeof c1) => ({
    p50Ms: round(median(r.latenciesMs)),
    p99Ms: round(percentile(r.latenciesMs, 99)),
    rps: Math.round(r.requests / (r.durationMs / 1000)),
  });
  return { c1: figures(c1), c10: figures(c10) };
}

/** The local D1's SQLite file inside a persist folder. */
async function sqliteFile(persistTo: string) {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = (await readdir(dir)).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return join(dir, file);
}

/**
 * Writes closed assessment cycles holding `sizes` ratings each (with participation and matching
 * aggregates) directly into the SQLite file while the worker is stopped; returns their ids.
 */
export async function bulkLoad(persistTo: string, sizes: number[]) {
  await run("sqlite3", ["-version"]).catch(() => {
    throw new Error("npm run bench needs Debian's sqlite3 for the bulk load: apt-get install sqlite3");
  });
  const file = await sqliteFile(persistTo);
  const ids: string[] = [];
  const statements = ["PRAGMA journal_mode = WAL;", "BEGIN;"];
  for (const [n, size] of sizes.entries()) {
    const id = `cyc_bench${n}`;
    ids.push(id);
    const at = new Date(Date.UTC(2020, 0, 1 + n * 2)).toISOString();
    const end = new Date(Date.UTC(2020, 0, 2 + n * 2)).toISOString();
    statements.push(
      `INSERT INTO cycles (id, partnership_id, kind, source, period_start, title, opens_at, closes_at, closed_at, created_at)
       VALUES ('${id}', '${PID}', 'assessment', 'manual', '${id}', 'Bench ${size}', '${at}', '${end}', '${end}', '${at}');`,
      `INSERT INTO cycle_principles (cycle_id, principle_id, version_id, position)
       SELECT '${id}', id, agreed_version_id, ROW_NUMBER() OVER (ORDER BY created_at, id) FROM principles
       WHERE partnership_id = '${PID}' AND status = 'agreed';`,
      // One respondent answers every principle: respondents = ratings / principles.
      `WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r
         WHERE i + 1 < ${size} / (SELECT COUNT(*) FROM cycle_principles WHERE cycle_id = '${id}'))
       INSERT INTO ratings (cycle_id, respondent, principle_id, organization_id, performance, importance, comment)
       SELECT '${id}', lower(hex(randomblob(32))) || '', cp.principle_id, CASE r.i % 2 WHEN 0 THEN '${ORGS[0]}' ELSE '${ORGS[1]}' END,
              1 + abs(random()) % 5, 1 + abs(random()) % 5, NULL
       FROM r JOIN cycle_principles cp ON cp.cycle_id = '${id}';`,
      `INSERT OR REPLACE INTO aggregates (cycle_id, principle_id, organization_id, perf_n, perf_sum, perf_1, perf_2, perf_3, perf_4, perf_5, imp_n, imp_sum, comments)
       SELECT cycle_id, principle_id, organization_id, COUNT(*), SUM(performance), SUM(performance = 1), SUM(performance = 2),
              SUM(performance = 3), SUM(performance = 4), SUM(performance = 5), COUNT(*), SUM(importance), 0
       FROM ratings WHERE cycle_id = '${id}' GROUP BY 1, 2, 3;`,
      `INSERT OR REPLACE INTO participation_counts (cycle_id, organization_id, responded)
       SELECT cycle_id, organization_id, COUNT(*) / (SELECT COUNT(*) FROM cycle_principles WHERE cycle_id = '${id}')
       FROM ratings WHERE cycle_id = '${id}' GROUP BY 1, 2;`,
    );
  }
  statements.push("COMMIT;", "PRAGMA wal_checkpoint(TRUNCATE);");
  const script = join(persistTo, "bulk.sql");
  await writeFile(script, statements.join("\n"));
  await run("sqlite3", [file, `.read ${script}`], { maxBuffer: 1 << 24 });
  const { stdout } = await run("sqlite3", [
    file,
    `SELECT cycle_id, COUNT(*) FROM ratings WHERE cycle_id LIKE 'cyc_bench%' GROUP BY 1;`,
  ]);
  return { ids, counts: stdout.trim() };
}

/**
 * Median latency of reading each cycle's results, `samples` times each, interleaved so that
 * warm-up and background noise fall on every size alike.
 */
export async function measureResults(baseUrl: string, token: string, cycleIds: string[], samples = 40) {
  const once = async (cycleId: string) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/v1/partnerships/${PID}/cycles/${cycleId}/results`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { published?: boolean };
    if (res.status !== 200 || !body.published) throw new Error(`results of ${cycleId}: ${res.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i++) for (const id of cycleIds) await once(id);
  const times = cycleIds.map(() => [] as number[]);
  for (let i = 0; i < samples; i++) for (const [k, id] of cycleIds.entries()) times[k]?.push(await once(id));
  return times.map((t) => round(median(t)));
}

export const round = (x: number) => Math.round(x * 100) / 100;
