/**
 * Anonymous even to the database's own history: a submission writes nothing that names a person,
 * so no transaction links a rating to its author. Every statement run while handling submissions
 * is recorded on the real D1 binding and checked against the tables' columns.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Result } from "../../widget/src/api";
import {
  type Actor,
  type Answer,
  answer,
  appWith,
  as,
  call,
  embedAs,
  INTRANET,
  invite,
  ok,
  openCycle,
  recordingD1,
  world,
} from "./helpers";

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

/** One submission through the real app on a recording binding, waiting for its background work too. */
async function recorded<T>(submit: (via: ReturnType<typeof appWith>) => Promise<Result<T>>) {
  const { db, trips, committed } = recordingD1(env.DB);
  return { result: await submit(appWith({ DB: db })), executed: trips.flat(), committed: committed.flat() };
}

async function scene() {
  const w = await world({ principles: 3, intranet: true });
  const principles = w.principles as [string, string, string];
  const { jwt } = w.intranet;
  // Members who have never answered anything, one invited and one from the intranet, before the cycle opens.
  const newcomer = await invite(w.pid, w.facA, "Newcomer");
  const intranetPerson = await jwt("iris@a.example");
  ok(
    await call(embedAs(intranetPerson), "get", "/api/v1/partnerships/{partnershipId}/principles", {
      params: { partnershipId: w.pid },
    }),
    200,
  );
  const assessment = await openCycle(w.pid, w.facA);
  const pulse = await openCycle(w.pid, w.facA, "pulse", { principleId: principles[0] });
  // Loading the cycle, as the survey does before the first answer (it records the opening).
  await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
    params: { partnershipId: w.pid },
  });
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
    const a = s.assessment.id;
    // Who submits: a person with a token, or the intranet page of `s.intranetPerson` (the embed door).
    const intranet = "intranet" as const;
    const requests: [string, Actor | typeof intranet, string, Answer[], string?][] = [
      // First answer of a member who never answered, a partial save.
      ["partial save (new member)", s.newcomer, a, [{ principleId: p1, performance: 3 }]],
      [
        "complete",
        s.newcomer,
        a,
        [
          { principleId: p1, importance: 4 },
          { principleId: p2, performance: 4, importance: 5 },
          { principleId: p3, performance: "cant_say", importance: 2, comment: "Hard to say" },
        ],
      ],
      ["update", s.newcomer, a, [{ principleId: p2, performance: 2 }]],
      ["with a key", s.facA, a, [{ principleId: p1, performance: 5, importance: 5 }], "k-1"],
      ["idempotent replay", s.facA, a, [{ principleId: p1, performance: 5, importance: 5 }], "k-1"],
      ["pulse", s.facB, s.pulse.id, [{ principleId: p1, performance: 4 }]],
      ["embed door, first answer", intranet, a, [{ principleId: p1, performance: 2, importance: 3 }]],
      ["embed door, pulse", intranet, s.pulse.id, [{ principleId: p1, performance: 1 }], "e-1"],
    ];
    for (const [label, who, cycleId, answers, key] of requests) {
      const res = await recorded((via) =>
        call(
          who === intranet ? embedAs(s.intranetPerson, INTRANET, via) : as(who, { via }),
          "post",
          "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses",
          {
            params: { partnershipId: s.pid, cycleId },
            body: { answers },
            headers: key ? { "Idempotency-Key": key } : {},
          },
        ),
      );
      expect(res.result.ok && res.result.status, `${label}: ${JSON.stringify(res.result)}`).toBe(200);
      const writes = res.executed.map(writtenTable).filter((t): t is string => t !== null);
      // A replay writes nothing at all (its batch fails on the claimed key and rolls back); every
      // other submission writes its rating.
      const committed = res.committed.map(writtenTable);
      expect(committed.includes("ratings"), label).toBe(label !== "idempotent replay");
      // No statement naming a person is even attempted.
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
    const pending = async () => ok(await call(as(s.newcomer), "get", "/api/v1/me/pending"));
    expect((await pending()).items.map((i) => i.cycleId)).toEqual(
      expect.arrayContaining([s.assessment.id, s.pulse.id]),
    );
    const before = await dump();
    const [p1, p2, p3] = s.principles;
    const inAssessment = { partnershipId: s.pid, cycleId: s.assessment.id };
    ok(await answer(s.pid, s.assessment.id, s.newcomer, [{ principleId: p1, performance: 4, importance: 5 }]), 200);
    ok(await answer(s.pid, s.pulse.id, s.newcomer, [{ principleId: p1, performance: 3 }]), 200);
    const throughIntranet = await call(
      embedAs(s.intranetPerson),
      "post",
      "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses",
      { params: inAssessment, body: { answers: [{ principleId: p2, performance: 2 }] } },
    );
    ok(throughIntranet, 200);
    expect(await dump()).toEqual(before);

    // Resume: the person reads back their own partial answers, derived from their respondent key.
    const mine = ok(
      await call(as(s.newcomer), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses/mine", {
        params: inAssessment,
      }),
    );
    expect(mine.progress).toEqual({ answered: 1, total: 3 });
    // Pending (and so the extension's badge count): the pulse is answered, the assessment is 1 of 3.
    const half = await pending();
    expect(half.items).toEqual([expect.objectContaining({ cycleId: s.assessment.id, answered: 1, total: 3 })]);
    expect(half.count).toBe(1);
    await answer(s.pid, s.assessment.id, s.newcomer, [
      { principleId: p2, performance: 4, importance: 4 },
      { principleId: p3, performance: 3, importance: 3 },
    ]);
    expect((await pending()).count).toBe(0);
    // Participation is counted without a per-person record.
    const detail = ok(
      await call(as(s.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", { params: inAssessment }),
    );
    const counted = await env.DB.prepare("SELECT SUM(responded) AS n FROM participation_counts WHERE cycle_id = ?")
      .bind(s.assessment.id)
      .first<{ n: number }>();
    expect(counted?.n).toBe(2);
    expect(detail.participation.map((p) => p.invited)).toEqual([4, 2]);
  });
});
