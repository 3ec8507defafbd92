/**
 * Load helpers shared by `npm run bench` and `npm run test:load`: people with tokens provisioned
 * in bulk, and a bounded request loop on loopback (no external load tool needed).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Accord } from "../browser/harness";

export interface LoadPerson {
  id: string;
  token: string;
  organizationId: string;
}

const q = (v: string) => `'${v.replaceAll("'", "''")}'`;

/** Adds `n` members (alternating between the organizations) with personal tokens, in one SQL run. */
export async function provisionPeople(
  accord: Accord,
  partnershipId: string,
  organizationIds: string[],
  n: number,
  prefix = "load",
) {
  const people: LoadPerson[] = [];
  const rows: string[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    const id = `per_${prefix}${i}`;
    const organizationId = organizationIds[i % organizationIds.length] as string;
    const token = `acc_${randomBytes(32).toString("base64url")}`;
    const hash = createHash("sha256").update(token).digest("hex");
    people.push({ id, token, organizationId });
    rows.push(
      `INSERT OR IGNORE INTO people (id, organization_id, external_id, name, created_at) VALUES (${q(id)}, ${q(organizationId)}, ${q(`${id}@load.example`)}, ${q(`Load ${i}`)}, ${q(now)});`,
      `INSERT OR IGNORE INTO memberships (partnership_id, person_id, role, created_at) VALUES (${q(partnershipId)}, ${q(id)}, 'member', ${q(now)});`,
      `INSERT INTO personal_tokens (id, person_id, token_hash, label, created_at) VALUES (${q(`tok_${prefix}${i}`)}, ${q(id)}, ${q(hash)}, 'load', ${q(now)});`,
    );
  }
  await accord.sql(rows.join("\n"));
  return people;
}

export interface LoadResult {
  requests: number;
  durationMs: number;
  latenciesMs: number[];
  statuses: Record<number, number>;
}

/**
 * Runs `concurrency` workers that each call `next(i)` until `requests` are sent or `durationMs`
 * passes, whichever comes first. Bounded in count and time; loopback only.
 */
export async function runLoad(
  options: { concurrency: number; requests?: number; durationMs?: number },
  next: (i: number) => Promise<Response>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  const limit = options.requests ?? Number.POSITIVE_INFINITY;
  const deadline = performance.now() + (options.durationMs ?? 10 * 60_000);
  let issued = 0;
  const start = performance.now();
  async function worker() {
    while (issued < limit && performance.now() < deadline) {
      const i = issued++;
      const t0 = performance.now();
      let status = 0;
      try {
        const res = await next(i);
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0;
      }
      latenciesMs.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { requests: latenciesMs.length, durationMs: performance.now() - start, latenciesMs, statuses };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const median = (values: number[]) => percentile(values, 50);

/**
 * Opens an assessment of the demo partnership `pid` for a measurement, as its facilitator. One
 * assessment runs at a time, so the demo's running one ends first, straight in the database
 * (closing early through the API needs k respondents per organization).
 */
export async function openOwnAssessment(accord: Accord, pid: string, title: string) {
  const facilitator = accord.demo.people.find((p) => p.role === "facilitator" && p.partnershipIds.includes(pid));
  if (!facilitator) throw new Error("the demo has no facilitator");
  await accord.sql(
    `UPDATE cycles SET closes_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE partnership_id = '${pid}' AND kind = 'assessment' AND closes_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now');`,
  );
  const created = await fetch(`${accord.baseUrl}/api/v1/partnerships/${pid}/cycles`, {
    method: "POST",
    headers: { Authorization: `Bearer ${facilitator.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "assessment", title }),
  });
  if (created.status !== 201) throw new Error(`opening "${title}": ${created.status} ${await created.text()}`);
  return { facilitator, cycle: (await created.json()) as { id: string; principles: { principleId: string }[] } };
}
