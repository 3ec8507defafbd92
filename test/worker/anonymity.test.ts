/**
 * Anonymous even to the database's own history: a submission writes nothing that names a person,
 * so no transaction links a rating to its author. Every statement run while handling submissions
 * is recorded on the real D1 binding and checked against the tables' columns.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Actor, appWith, INTRANET, invite, openCycle, send, world } from "./helpers";

/** Columns that name a person or hold their credentials. */
const NAMING = /^(person_id|external_id|name|token_hash|actor_id|created_by|issued_by|owner_id|code_hash)$/;

/** Tables with a column that names a person, read from the schema itself. */
async function namingTables(): Promise<Set<string>> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const out = new Set<string>();
  for (const { name } of results) {
    const cols = await env.DB.prepare(`SELECT name FROM pragma_table_info('${name}')`).all<{ name: string }>();
    if (cols.results.some((c) => NAMING.test(c.name))) out.add(name);
  }
  return out;
}

/** The table a statement writes to, or null for a read. */
function writtenTable(sql: string): string | null {
  const m =
    /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+([A-Za-z_]\w*)/i.exec(
      sql,
    );
  return m?.[1]?.toLowerCase() ?? null;
}

/** The real binding, recording the SQL of every statement it executes (alone or in a batch). */
function recording(db: D1Database) {
  const executed: string[] = [];
  const sqlOf = new WeakMap<object, string>();
  const wrap = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return (...args: unknown[]) => {
            executed.push(sql);
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    sqlOf.set(proxy, sql);
    originals.set(proxy, s);
    return proxy;
  };
  const originals = new WeakMap<object, D1PreparedStatement>();
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          for (const s of statements) executed.push(sqlOf.get(s) ?? "?");
          return target.batch(statements.map((s) => originals.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, executed };
}

/** One submission through the real app on a recording binding, waiting for its background work too. */
async function recorded(path: string, headers: Record<string, string>, body: unknown) {
  const { db, executed } = recording(env.DB);
  return { ...(await send("POST", path, { headers, body, via: appWith({ DB: db }) })), executed };
}

async function scene() {
  const w = await world({ principles: 3, intranet: true });
  const principles = w.principles as [string, string, string];
  const { jwt } = w.intranet;
  // Members who have never answered anything, one invited and one from the intranet, before the cycle opens.
  const newcomer = await invite(w.pid, w.facA, "Newcomer");
  const intranetPerson = await jwt("iris@a.example");
  expect(
    (await send("GET", `/embed/${w.pid}/principles`, { token: intranetPerson, headers: { Origin: INTRANET } })).status,
  ).toBe(200);
  const assessment = await openCycle(w.pid, w.facA);
  const pulse = await openCycle(w.pid, w.facA, "pulse", { principleId: principles[0] });
  // Loading the cycle, as the survey does before the first answer (it records the opening).
  await send("GET", `/partnerships/${w.pid}/cycles/current`, { token: w.facA.token });
  return { ...w, principles, newcomer, intranetPerson, assessment, pulse, jwt };
}

describe("a submission writes nothing that names a person", () => {
  it("runs no write to a table with a person, externalId, name or token column, through either door", async () => {
    const s = await scene();
    const naming = await namingTables();
    expect(naming).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    for (const table of [
      "people",
      "memberships",
      "personal_tokens",
      "respondent_salts",
      "cycle_eligibility",
      "audit_log",
    ]) {
      expect(naming.has(table), table).toBe(true);
    }
    for (const table of ["ratings", "aggregates", "participation_counts", "idempotency"]) {
      expect(naming.has(table), table).toBe(false);
    }
    const [p1, p2, p3] = s.principles;
    const token = (who: Actor) => ({ Authorization: `Bearer ${who.token}` });
    const embed = { Authorization: `Bearer ${s.intranetPerson}`, Origin: INTRANET };
    const a = `/partnerships/${s.pid}/cycles/${s.assessment.id}/responses`;
    const requests: [string, string, Record<string, string>, unknown][] = [
      // First answer of a member who never answered, a partial save.
      ["partial save (new member)", a, token(s.newcomer), { answers: [{ principleId: p1, performance: 3 }] }],
      [
        "complete",
        a,
        token(s.newcomer),
        {
          answers: [
            { principleId: p1, importance: 4 },
            { principleId: p2, performance: 4, importance: 5 },
            { principleId: p3, performance: "cant_say", importance: 2, comment: "Hard to say" },
          ],
        },
      ],
      ["update", a, token(s.newcomer), { answers: [{ principleId: p2, performance: 2 }] }],
      [
        "with a key",
        a,
        { ...token(s.facA), "Idempotency-Key": "k-1" },
        { answers: [{ principleId: p1, performance: 5, importance: 5 }] },
      ],
      [
        "idempotent replay",
        a,
        { ...token(s.facA), "Idempotency-Key": "k-1" },
        { answers: [{ principleId: p1, performance: 5, importance: 5 }] },
      ],
      [
        "pulse",
        `/partnerships/${s.pid}/cycles/${s.pulse.id}/responses`,
        token(s.facB),
        { answers: [{ principleId: p1, performance: 4 }] },
      ],
      [
        "embed door, first answer",
        `/embed/${s.pid}/cycles/${s.assessment.id}/responses`,
        embed,
        { answers: [{ principleId: p1, performance: 2, importance: 3 }] },
      ],
      [
        "embed door, pulse",
        `/embed/${s.pid}/cycles/${s.pulse.id}/responses`,
        { ...embed, "Idempotency-Key": "e-1" },
        { answers: [{ principleId: p1, performance: 1 }] },
      ],
    ];
    for (const [label, path, headers, body] of requests) {
      const res = await recorded(path, headers, body);
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(200);
      const writes = res.executed.map(writtenTable).filter((t): t is string => t !== null);
      // A replay writes nothing at all; every other submission writes its rating.
      expect(writes.includes("ratings"), label).toBe(label !== "idempotent replay");
      const naming_ = writes.filter((t) => naming.has(t));
      expect(naming_, `${label} wrote to ${naming_.join(", ")}`).toEqual([]);
    }
  });

  it("leaves every row that names a person as it was, while pending, the badge count and resume still work", async () => {
    const s = await scene();
    const naming = [...(await namingTables())].sort();
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of naming)
        out[table] = (await env.DB.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()).results;
      return out;
    };
    const pendingBefore = await send("GET", "/me/pending", { token: s.newcomer.token });
    expect(pendingBefore.body.items.map((i: { cycleId: string }) => i.cycleId)).toEqual(
      expect.arrayContaining([s.assessment.id, s.pulse.id]),
    );
    const before = await dump();
    const [p1, p2, p3] = s.principles;
    const a = `/partnerships/${s.pid}/cycles/${s.assessment.id}/responses`;
    expect(
      (
        await send("POST", a, {
          token: s.newcomer.token,
          body: { answers: [{ principleId: p1, performance: 4, importance: 5 }] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send("POST", `/partnerships/${s.pid}/cycles/${s.pulse.id}/responses`, {
          token: s.newcomer.token,
          body: { answers: [{ principleId: p1, performance: 3 }] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send("POST", `/embed/${s.pid}/cycles/${s.assessment.id}/responses`, {
          token: s.intranetPerson,
          headers: { Origin: INTRANET },
          body: { answers: [{ principleId: p2, performance: 2 }] },
        })
      ).status,
    ).toBe(200);
    expect(await dump()).toEqual(before);

    // Resume: the person reads back their own partial answers, derived from their respondent key.
    const mine = await send("GET", `${a}/mine`, { token: s.newcomer.token });
    expect(mine.body.progress).toEqual({ answered: 1, total: 3 });
    // Pending (and so the extension's badge count): the pulse is answered, the assessment is 1 of 3.
    const pending = await send("GET", "/me/pending", { token: s.newcomer.token });
    expect(pending.body.items).toEqual([expect.objectContaining({ cycleId: s.assessment.id, answered: 1, total: 3 })]);
    expect(pending.body.count).toBe(1);
    await send("POST", a, {
      token: s.newcomer.token,
      body: {
        answers: [
          { principleId: p2, performance: 4, importance: 4 },
          { principleId: p3, performance: 3, importance: 3 },
        ],
      },
    });
    expect((await send("GET", "/me/pending", { token: s.newcomer.token })).body.count).toBe(0);
    // Participation is counted without a per-person record.
    const detail = await send("GET", `/partnerships/${s.pid}/cycles/${s.assessment.id}`, { token: s.facA.token });
    const counted = await env.DB.prepare("SELECT SUM(responded) AS n FROM participation_counts WHERE cycle_id = ?")
      .bind(s.assessment.id)
      .first<{ n: number }>();
    expect(counted?.n).toBe(2);
    expect(detail.body.participation.map((p: { invited: number }) => p.invited)).toEqual([4, 2]);
  });
});
