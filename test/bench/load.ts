/**
 * `npm run test:load`: a bounded smoke test against the local worker on loopback. 20 concurrent
 * clients for 60 seconds of mixed reads and writes; passes with zero 5xx and aggregates equal to a
 * recount from the ratings table. Not part of `npm test` (it takes a minute by design).
 */
import { type Accord, startAccord } from "../browser/harness";
import { median, openOwnAssessment, percentile, provisionPeople, runLoad } from "./load-lib";

const PID = "prt_demonorthwind";
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 20);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);

async function main(accord: Accord) {
  const people = await provisionPeople(accord, PID, ["org_northwind", "org_acme"], 200);
  const { cycle } = await openOwnAssessment(accord, PID, "Load test");
  const headers = (token: string) => ({ Authorization: `Bearer ${token}`, "Content-Type": "application/json" });
  const principleIds = cycle.principles.map((p) => p.principleId);
  const base = `${accord.baseUrl}/api/v1/partnerships/${PID}`;

  const result = await runLoad({ concurrency: CLIENTS, durationMs: SECONDS * 1000 }, (i) => {
    const person = people[i % people.length];
    if (!person) throw new Error("no person");
    switch (i % 5) {
      case 0:
      case 1: {
        const principleId = principleIds[(i >> 3) % principleIds.length];
        return fetch(`${base}/cycles/${cycle.id}/responses`, {
          method: "POST",
          headers: { ...headers(person.token), "Idempotency-Key": `load-${i % 997}-${person.id}` },
          body: JSON.stringify({
            answers: [{ principleId, performance: (i % 5) + 1, importance: ((i >> 2) % 5) + 1 }],
          }),
        });
      }
      case 2:
        return fetch(`${base}/cycles/current?kind=assessment`, { headers: headers(person.token) });
      case 3:
        return fetch(`${base}/principles`, { headers: headers(person.token) });
      default:
        return fetch(`${accord.baseUrl}/api/v1/me/pending`, { headers: headers(person.token) });
    }
  });

  const fiveXX = Object.entries(result.statuses)
    .filter(([s]) => Number(s) >= 500 || Number(s) === 0)
    .reduce((n, [, c]) => n + c, 0);
  const [recount] = await accord.query<{ mismatches: number }>(
    `SELECT COUNT(*) AS mismatches FROM (SELECT cycle_id, principle_id, organization_id, SUM(iif(performance BETWEEN 1 AND 5, 1, 0)) AS n,
       SUM(iif(performance BETWEEN 1 AND 5, performance, 0)) AS s FROM ratings WHERE cycle_id = '${cycle.id}'
       GROUP BY 1, 2, 3) r LEFT JOIN aggregates a USING (cycle_id, principle_id, organization_id)
     WHERE a.perf_n IS NOT r.n OR a.perf_sum IS NOT r.s`,
  );
  const mismatches = recount?.mismatches ?? -1;
  const rps = result.requests / (result.durationMs / 1000);
  console.log(`\nLoad: ${CLIENTS} clients × ${SECONDS} s on loopback (client and workerd share this machine's cores)`);
  console.log(`  requests ${result.requests}  (${rps.toFixed(0)}/s)  statuses ${JSON.stringify(result.statuses)}`);
  console.log(
    `  latency p50 ${median(result.latenciesMs).toFixed(1)} ms  p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms`,
  );
  console.log(`  5xx or failed: ${fiveXX}   aggregates ≠ recount: ${mismatches}`);
  return fiveXX === 0 && mismatches === 0;
}

const accord = await startAccord();
let ok = false;
try {
  ok = await main(accord);
} finally {
  await accord.stop();
}
console.log(ok ? "load: passed" : "load: FAILED");
process.exit(ok ? 0 : 1);
