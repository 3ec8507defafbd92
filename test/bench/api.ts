/**
 * API figures: rating submission latency and throughput, the fixed cost of two small reads, each
 * next to the floor Worker (floor/worker.ts) driven by the same load driver in the same rounds;
 * and results read latency with 1k, 100k and 1M ratings in the cycle (bulk-loaded straight into
 * the local D1's SQLite file).
 */
import { execFile } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Accord } from "../browser/harness";
import type { Floor } from "./floor/serve";
import type { Intranet } from "./intranet";
import { type LoadResult, median, openOwnAssessment, percentile, provisionPeople, runLoad } from "./load-lib";

const run = promisify(execFile);
const PID = "prt_demonorthwind";
const ORGS = ["org_northwind", "org_acme"];
/** Each load is split into this many rounds, alternated with the others' (A B B A …). */
const ROUNDS = 4;

const headers = (token: string) => ({ Authorization: `Bearer ${token}`, "Content-Type": "application/json" });

type Next = (i: number) => Promise<Response>;

/**
 * Runs every load in `loads` for `requests` requests at `concurrency` connections, in `ROUNDS`
 * rounds taken in turn (forwards, then backwards: A B, B A, A B …) so that drift in the machine's
 * load falls on all of them alike; each load's rounds are pooled into one result. `i` counts on
 * across a load's rounds.
 */
async function alternate<K extends string>(
  loads: Record<K, Next>,
  options: { concurrency: number; requests: number },
): Promise<Record<K, LoadResult>> {
  const names = Object.keys(loads) as K[];
  const pooled = {} as Record<K, LoadResult>;
  for (const name of names) pooled[name] = { requests: 0, durationMs: 0, latenciesMs: [], statuses: {} };
  let done = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const size = Math.round(((round + 1) * options.requests) / ROUNDS) - done;
    for (const name of round % 2 ? [...names].reverse() : names) {
      const from = done;
      const r = await runLoad({ concurrency: options.concurrency, requests: size }, (i) => loads[name](from + i));
      const p = pooled[name];
      p.requests += r.requests;
      p.durationMs += r.durationMs;
      p.latenciesMs.push(...r.latenciesMs);
      for (const [status, n] of Object.entries(r.statuses))
        p.statuses[Number(status)] = (p.statuses[Number(status)] ?? 0) + n;
    }
    done += size;
  }
  for (const name of names) {
    const bad = Object.keys(pooled[name].statuses).filter((s) => s !== "200");
    if (bad.length)
      throw new Error(`${name} at ${options.concurrency} answered ${JSON.stringify(pooled[name].statuses)}`);
  }
  return pooled;
}

/** p50, p99 and throughput of one (pooled) load. */
function summary(r: LoadResult) {
  return {
    p50Ms: round(median(r.latenciesMs)),
    p99Ms: round(percentile(r.latenciesMs, 99)),
    rps: Math.round(r.requests / (r.durationMs / 1000)),
  };
}

/**
 * One person's submission to Accord (a rating of one principle in an open assessment, spread over
 * many people), and the same request to the floor: the person's token (the floor's respondent), the
 * same JSON and headers. `offset` starts a load where the last one stopped, so no answer repeats.
 */
export async function submissions(accord: Accord, floor: Floor, tag: string) {
  const people = await provisionPeople(accord, PID, ORGS, 500, tag);
  const { cycle } = await openOwnAssessment(accord, PID, `Benchmark ${tag}`);
  const url = `${accord.baseUrl}/api/v1/partnerships/${PID}/cycles/${cycle.id}/responses`;
  const submit = (offset: number) => (i: number) => {
    const person = people[(i + offset) % people.length];
    const principle = cycle.principles[Math.floor((i + offset) / people.length) % cycle.principles.length];
    if (!person || !principle) throw new Error("bench setup");
    return fetch(url, {
      method: "POST",
      headers: { ...headers(person.token), "Idempotency-Key": `${tag}-${offset}-${i}` },
      body: JSON.stringify({
        answers: [{ principleId: principle.principleId, performance: (i % 5) + 1, importance: 4 }],
      }),
    });
  };
  // Its principles never repeat for a respondent: the floor refuses a second answer.
  const floorSubmit = (offset: number) => (i: number) => {
    const person = people[(i + offset) % people.length];
    if (!person) throw new Error("bench setup");
    return fetch(`${floor.url}/submit`, {
      method: "POST",
      headers: { ...headers(person.token), "Idempotency-Key": `${tag}-${offset}-${i}` },
      body: JSON.stringify({
        answers: [
          {
            principleId: `pri_floor${tag}${Math.floor((i + offset) / people.length)}`,
            performance: (i % 5) + 1,
            importance: 4,
          },
        ],
      }),
    });
  };
  return { accord: submit, floor: floorSubmit };
}

/**
 * Submission latency at 1 and at 10 connections, over `requests` each; the floor Worker takes the
 * same requests in alternating rounds of the same size.
 */
export async function measureSubmissions(accord: Accord, floor: Floor, requests: number) {
  const { accord: submit, floor: floorSubmit } = await submissions(accord, floor, "bench");
  // Warm-up: the first requests compile code paths and open the database.
  await alternate({ accord: submit(0), floor: floorSubmit(0) }, { concurrency: 2, requests: 50 });
  const c1 = await alternate({ accord: submit(50), floor: floorSubmit(50) }, { concurrency: 1, requests });
  const c10 = await alternate(
    { accord: submit(50 + requests), floor: floorSubmit(50 + requests) },
    { concurrency: 10, requests },
  );
  return {
    c1: summary(c1.accord),
    c10: summary(c10.accord),
    floor: { c1: summary(c1.floor), c10: summary(c10.floor) },
  };
}

/**
 * Fixed costs at one connection, alternating in rounds with the floor's one-row read: a person's
 * pending list (personal token) and the embed door's first-question call (the widget's first API
 * call: embed token, the intranet's Origin).
 */
export async function measureFixedCosts(
  api: string,
  floor: Floor,
  personalToken: string,
  intranet: Intranet,
  requests: number,
) {
  const loads = {
    pending: () => fetch(`${api}/api/v1/me/pending`, { headers: { Authorization: `Bearer ${personalToken}` } }),
    firstQuestion: () =>
      fetch(`${api}/api/v1/embed/${PID}/cycles/current?kind=pulse`, {
        headers: { Accept: "application/json", Authorization: `Bearer ${intranet.token}`, Origin: intranet.origin },
      }),
    read: () => fetch(`${floor.url}/read`, { headers: { Authorization: `Bearer ${personalToken}` } }),
  };
  await alternate(loads, { concurrency: 1, requests: 30 });
  const r = await alternate(loads, { concurrency: 1, requests });
  return { pending: summary(r.pending), firstQuestion: summary(r.firstQuestion), read: summary(r.read) };
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

/** a ÷ b to two decimals. */
export const ratio = (a: number, b: number) => round(a / b);
