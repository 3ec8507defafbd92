/**
 * The local database file itself, read through the D1 binding after a scripted round of answers on the real
 * worker (workerd, local D1): no row that names a person changes when people answer, while their
 * answers are stored and pending, the badge count and resume still work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Accord, startAccord } from "./harness";

/** Columns that name a person or hold their credentials. */
const NAMING = /^(person_id|external_id|name|token_hash|actor_id|created_by|issued_by|owner_id|code_hash)$/;

let accord: Accord;

const query = <T>(sql: string) => accord.query<T>(sql);

async function api<T = Record<string, unknown>>(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) {
  const res = await fetch(`${accord.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(key ? { "Idempotency-Key": key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

interface Pending {
  count: number;
  items: {
    partnershipId: string;
    cycleId: string;
    kind: string;
    answered: number;
    total: number;
    principle: { id: string } | null;
  }[];
}

describe("the database file after people answer", () => {
  beforeAll(async () => {
    accord = await startAccord();
  });
  afterAll(async () => {
    await accord?.stop();
  });

  it("holds no new or changed row naming a person, yet pending, the badge and resume work", async () => {
    // Someone of the demo with an assessment and a pulse still to answer.
    let who: { token: string; pending: Pending } | undefined;
    for (const p of accord.demo.people) {
      const pending = (await api<Pending>(p.token, "GET", "/me/pending")).body;
      const open = pending.items.find((i) => i.kind === "assessment" && i.answered === 0);
      if (open && pending.items.some((i) => i.kind === "pulse")) {
        who = { token: p.token, pending };
        break;
      }
    }
    if (!who) throw new Error("The demo has nobody with an assessment and a pulse to answer");
    const assessment = who.pending.items.find((i) => i.kind === "assessment") as Pending["items"][number];
    const pulse = who.pending.items.find((i) => i.kind === "pulse") as Pending["items"][number];

    const columns = await query<{ t: string; c: string }>(
      `SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name <> 'd1_migrations'`,
    );
    const tables = [...new Set(columns.map((r) => r.t))];
    const naming = tables.filter((t) => columns.some((r) => r.t === t && NAMING.test(r.c))).sort();
    expect(naming).toEqual(expect.arrayContaining(["people", "memberships", "personal_tokens", "respondent_salts"]));
    expect(naming).not.toContain("ratings");
    // One SELECT of JSON per few tables (D1 limits compound SELECTs and function arguments).
    const dumpOf = (t: string) => {
      const cols = columns.filter((r) => r.t === t).map((r) => r.c);
      return `'${t}', (SELECT json_group_array(json_array(${cols.join(", ")})) FROM (SELECT * FROM ${t} ORDER BY ${cols.join(", ")}))`;
    };
    const chunks = Array.from({ length: Math.ceil(naming.length / 8) }, (_, i) => naming.slice(i * 8, i * 8 + 8));
    const dump = async () => {
      const out: Record<string, string> = {};
      for (const chunk of chunks) {
        const [row] = await query<{ dump: string }>(`SELECT json_object(${chunk.map(dumpOf).join(", ")}) AS dump`);
        for (const [t, rows] of Object.entries(JSON.parse(row?.dump ?? "{}"))) out[t] = JSON.stringify(rows);
      }
      return out;
    };
    const before = await dump();
    const ratingsBefore = (await query<{ n: number }>("SELECT COUNT(*) AS n FROM ratings"))[0]?.n ?? 0;

    // A partial save, the rest with a key, a replay of it, and the pulse.
    const cycle = await api<{ cycle: { principles: { principleId: string }[] } }>(
      who.token,
      "GET",
      `/partnerships/${assessment.partnershipId}/cycles/current?cycle=${assessment.cycleId}`,
    );
    const [first, ...rest] = cycle.body.cycle.principles.map((p) => p.principleId);
    const path = `/partnerships/${assessment.partnershipId}/cycles/${assessment.cycleId}/responses`;
    expect((await api(who.token, "POST", path, { answers: [{ principleId: first, performance: 4 }] })).status).toBe(
      200,
    );
    const resumed = await api<{ progress: { answered: number; total: number } }>(who.token, "GET", `${path}/mine`);
    expect(resumed.body.progress).toEqual({ answered: 0, total: assessment.total });
    const restBody = {
      answers: [
        { principleId: first, importance: 5 },
        ...rest.map((principleId) => ({ principleId, performance: 3, importance: 4 })),
      ],
    };
    expect((await api(who.token, "POST", path, restBody, "history-1")).status).toBe(200);
    expect((await api(who.token, "POST", path, restBody, "history-1")).status).toBe(200);
    const pulsePath = `/partnerships/${pulse.partnershipId}/cycles/${pulse.cycleId}/responses`;
    expect(
      (await api(who.token, "POST", pulsePath, { answers: [{ principleId: pulse.principle?.id, performance: 5 }] }))
        .status,
    ).toBe(200);

    const after_ = await dump();
    expect(Object.keys(after_)).toEqual(Object.keys(before));
    expect(naming.filter((t) => after_[t] !== before[t])).toEqual([]);
    const ratingsAfter = (await query<{ n: number }>("SELECT COUNT(*) AS n FROM ratings"))[0]?.n ?? 0;
    expect(ratingsAfter).toBe(ratingsBefore + assessment.total + 1);

    // Resume reads every answer back; the to-do list and the badge count lose both items.
    const mine = await api<{ progress: { answered: number; total: number } }>(who.token, "GET", `${path}/mine`);
    expect(mine.body.progress).toEqual({ answered: assessment.total, total: assessment.total });
    const after = (await api<Pending>(who.token, "GET", "/me/pending")).body;
    expect(after.items.map((i) => i.cycleId)).not.toContain(assessment.cycleId);
    expect(after.items.map((i) => i.cycleId)).not.toContain(pulse.cycleId);
    expect(after.count).toBe(who.pending.count - 2);
  });
});
