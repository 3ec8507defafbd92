import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ratingWriteStatements } from "../../worker/src/ratings/queries";
import {
  type Actor,
  aggregatesAndRecount,
  agreedPrinciples,
  answer,
  as,
  assertOk,
  call,
  endCycle,
  fails,
  invite,
  ok,
  openCycle,
  partnership,
  send,
  snapshot,
  world,
} from "./helpers";

/** A partnership with two agreed principles and an open assessment. */
const setup = () => world({ principles: 2, cycle: "assessment" });

const ratingsIn = async (cycleId: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM ratings WHERE cycle_id = ?").bind(cycleId).first<{ n: number }>())
    ?.n;

const cell = (cycleId: string, principleId: string) =>
  env.DB.prepare("SELECT * FROM aggregates WHERE cycle_id = ? AND principle_id = ?").bind(cycleId, principleId).all();

describe("responding", () => {
  it("saves partial answers, reads them back while open and updates without counting twice", async () => {
    const { pid, cycle, principles: ids, membersA } = await setup();
    const me = membersA[0] as Actor;
    const [p1, p2] = ids as [string, string];
    const first = ok(await answer(pid, cycle.id, me, [{ principleId: p1, performance: 3 }]), 200);
    expect(first).toMatchObject({ progress: { answered: 0, total: 2 } });
    await answer(pid, cycle.id, me, [{ principleId: p1, importance: 5, comment: "Mostly" }]);
    await answer(pid, cycle.id, me, [{ principleId: p2, performance: "cant_say", importance: 4 }]);
    const mine = ok(
      await call(as(me), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses/mine", {
        params: { partnershipId: pid, cycleId: cycle.id },
      }),
    );
    expect(mine).toEqual({
      cycleId: cycle.id,
      answers: [
        { principleId: p1, performance: 3, importance: 5, comment: "Mostly" },
        { principleId: p2, performance: "cant_say", importance: 4, comment: null },
      ],
      progress: { answered: 2, total: 2 },
    });
    await answer(pid, cycle.id, me, [{ principleId: p1, performance: 4 }]);
    const agg = (await cell(cycle.id, p1)).results[0];
    expect(agg).toMatchObject({ perf_n: 1, perf_sum: 4, perf_3: 0, perf_4: 1, imp_n: 1, imp_sum: 5, comments: 1 });
    const cantSay = (await cell(cycle.id, p2)).results[0];
    expect(cantSay).toMatchObject({ perf_n: 0, perf_sum: 0, imp_n: 1 });
    // Four submissions by one person count as one respondent of their organization.
    const { results: responded } = await env.DB.prepare(
      "SELECT organization_id AS organizationId, responded FROM participation_counts WHERE cycle_id = ?",
    )
      .bind(cycle.id)
      .all();
    expect(responded).toEqual([{ organizationId: me.organizationId, responded: 1 }]);
  });

  it("rejects bad values and principles outside the cycle with 400, writing nothing", async () => {
    const { pid, cycle, principles: ids, membersA, facA } = await setup();
    const outside = ok(
      await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: pid },
        body: { title: "New", description: "D" },
      }),
    );
    const me = membersA[0] as Actor;
    const p1 = ids[0] as string;
    const before = await snapshot();
    const bad: [unknown[], RegExp][] = [
      [[{ principleId: p1, performance: 0 }], /answers\.0\.performance/],
      [[{ principleId: p1, performance: 6 }], /answers\.0\.performance/],
      [[{ principleId: p1, performance: 3.5 }], /answers\.0\.performance/],
      [[{ principleId: p1, performance: "5" }], /answers\.0\.performance/],
      [[{ principleId: p1, importance: -1 }], /answers\.0\.importance/],
      [[{ principleId: p1, performance: 3, mood: "ok" }], /mood/],
      [[{ principleId: p1, comment: "x".repeat(1001) }], /answers\.0\.comment/],
      [[{ principleId: outside.id, performance: 3 }], /answers\.0\.principleId/],
      [
        [
          { principleId: p1, performance: 3 },
          { principleId: p1, performance: 4 },
        ],
        /answers\.1\.principleId/,
      ],
      [[{ principleId: p1 }], /answers\.0/],
      [[], /answers/],
    ];
    // Raw: these bodies are what the typed client would refuse to build.
    const responses = `/partnerships/${pid}/cycles/${cycle.id}/responses`;
    for (const [answers, field] of bad) {
      const res = await send("POST", responses, { token: me.token, body: { answers } });
      expect(res.status, JSON.stringify(answers)).toBe(400);
      expect(res.error?.code).toBe("invalid_request");
      expect(res.error?.message).toMatch(field);
    }
    // A valid first answer with an invalid second: nothing partial is written.
    const mixed = await answer(pid, cycle.id, me, [
      { principleId: p1, performance: 3 },
      { principleId: ids[1] as string, performance: 9 },
    ]);
    fails(mixed, 400);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 409 for a cycle that is not open yet or already closed", async () => {
    const world = await partnership();
    await agreedPrinciples(world.pid, world.facA, world.facB, 1);
    // Opens after the one below closes: one assessment at a time.
    const later = await openCycle(world.pid, world.facA, "assessment", {
      opensAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(later.status).toBe("scheduled");
    const pid = world.pid;
    const p = later.principles[0]?.principleId as string;
    const early = await answer(pid, later.id, world.facA, [{ principleId: p, performance: 3, importance: 3 }]);
    expect(fails(early, 409).message).toMatch(/not open yet/);
    const now = await openCycle(pid, world.facA);
    await endCycle(now.id);
    const late = await answer(pid, now.id, world.facA, [{ principleId: p, performance: 3, importance: 3 }]);
    expect(fails(late, 409).message).toMatch(/closed/);
    const readBack = await call(
      as(world.facA),
      "get",
      "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses/mine",
      {
        params: { partnershipId: pid, cycleId: now.id },
      },
    );
    fails(readBack, 409);
  });

  it("takes a pulse as one answer with a performance of 1–5 only", async () => {
    const world = await partnership();
    const [p] = (await agreedPrinciples(world.pid, world.facA, world.facB, 1)) as [string];
    const pulse = await openCycle(world.pid, world.facA, "pulse");
    expect(pulse.principles.map((x) => x.principleId)).toEqual([p]);
    for (const bad of [
      [{ principleId: p, performance: "cant_say" as const }],
      [{ principleId: p, performance: 4, importance: 3 }],
      [{ principleId: p, performance: 4, comment: "hi" }],
    ]) {
      fails(await answer(world.pid, pulse.id, world.facB, bad), 400);
    }
    const saved = ok(await answer(world.pid, pulse.id, world.facB, [{ principleId: p, performance: 4 }]));
    expect(saved).toMatchObject({ progress: { answered: 1, total: 1 } });
  });
});

describe("idempotency", () => {
  it("replays the first result of a key and keeps the latest answer (3 with K1, 5 with K2, retry K1)", async () => {
    const { pid, cycle, principles: ids, membersA } = await setup();
    const me = membersA[0] as Actor;
    const p1 = ids[0] as string;
    const k1 = ok(await answer(pid, cycle.id, me, [{ principleId: p1, performance: 3, importance: 4 }], "K1"));
    const k2 = ok(await answer(pid, cycle.id, me, [{ principleId: p1, performance: 5, importance: 4 }], "K2"));
    expect(k2.answers[0]?.performance).toBe(5);
    const retry = await answer(pid, cycle.id, me, [{ principleId: p1, performance: 3, importance: 4 }], "K1");
    assertOk(retry);
    expect(retry.status).toBe(200);
    expect(retry.value).toEqual(k1);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    const mine = ok(
      await call(as(me), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses/mine", {
        params: { partnershipId: pid, cycleId: cycle.id },
      }),
    );
    expect(mine.answers[0]?.performance).toBe(5);
    expect((await cell(cycle.id, p1)).results[0]).toMatchObject({ perf_n: 1, perf_sum: 5, perf_5: 1, perf_3: 0 });
  });

  it("answers 409 when a key is reused for a different request", async () => {
    const { pid, cycle, principles: ids, membersA } = await setup();
    const me = membersA[0] as Actor;
    const p1 = ids[0] as string;
    ok(await answer(pid, cycle.id, me, [{ principleId: p1, performance: 3 }], "K"));
    fails(await answer(pid, cycle.id, me, [{ principleId: p1, performance: 4 }], "K"), 409, "conflict");
  });

  it("stores exactly one rating for 50 concurrent submissions with one key", async () => {
    const { pid, cycle, principles: ids, membersA } = await setup();
    const me = membersA[0] as Actor;
    const body = [{ principleId: ids[0] as string, performance: 4, importance: 5 }];
    const all = await Promise.all(Array.from({ length: 50 }, () => answer(pid, cycle.id, me, body, "same-key")));
    expect(all.map((r) => (r.ok ? r.status : r.error.status))).toEqual(Array(50).fill(200));
    expect(new Set(all.map((r) => JSON.stringify(ok(r)))).size).toBe(1);
    expect(await ratingsIn(cycle.id)).toBe(1);
    expect((await cell(cycle.id, ids[0] as string)).results[0]).toMatchObject({ perf_n: 1, perf_sum: 4, imp_n: 1 });
    const replays = await env.DB.prepare("SELECT COUNT(*) AS n FROM idempotency WHERE key = 'same-key'").first<{
      n: number;
    }>();
    expect(replays?.n).toBe(1);
  });
});

describe("aggregates", () => {
  it("equal a recount from the ratings table after random submits and updates", async () => {
    const world = await partnership({ members: 2 });
    const ids = await agreedPrinciples(world.pid, world.facA, world.facB, 3);
    const people = [world.facA, world.facB, ...world.membersA, ...world.membersB];
    const scale = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant("cant_say" as const));
    const step = fc.record({
      who: fc.integer({ min: 0, max: people.length - 1 }),
      principle: fc.integer({ min: 0, max: ids.length - 1 }),
      performance: fc.option(scale, { nil: undefined }),
      importance: fc.option(scale, { nil: undefined }),
      comment: fc.option(fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 20 })), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const cycle = await openCycle(world.pid, world.facA);
        for (const s of steps) {
          const a = {
            principleId: ids[s.principle] as string,
            performance: s.performance,
            importance: s.importance,
            comment: s.comment,
          };
          if (a.performance === undefined && a.importance === undefined && a.comment === undefined) a.performance = 3;
          ok(await answer(world.pid, cycle.id, people[s.who] as Actor, [a]), 200);
        }
        const { stored, recount } = await aggregatesAndRecount(cycle.id);
        expect(stored).toEqual(recount);
        // Each run's assessment ends, so the next run can open one (one assessment at a time).
        await endCycle(cycle.id);
      }),
      { numRuns: 12 },
    );
  });

  it("leaves nothing behind when the last statement of a rating batch fails", async () => {
    const { cycle, principles: ids } = await setup();
    const before = await snapshot();
    const statements = ratingWriteStatements(env.DB, {
      cycleId: cycle.id,
      respondent: "r1",
      principleId: ids[0] as string,
      organizationId: "org_x",
      performance: 4,
      importance: 4,
    });
    // The last statement fails when it runs (a NOT NULL constraint), after the writes before it ran.
    await expect(
      env.DB.batch([...statements, env.DB.prepare("INSERT INTO participation_counts (cycle_id) VALUES ('nope')")]),
    ).rejects.toThrow(/NOT NULL/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("confidential storage", () => {
  it("keeps no person and no time in the ratings table, and no insertion order", async () => {
    const { results: columns } = await env.DB.prepare("PRAGMA table_info(ratings)").all<{ name: string }>();
    const names = columns.map((c) => c.name);
    expect(names).toEqual([
      "cycle_id",
      "respondent",
      "principle_id",
      "organization_id",
      "performance",
      "importance",
      "comment",
    ]);
    expect(names.some((n) => /person|people|user|time|date|_at|_on|created|updated/.test(n))).toBe(false);
    const sql = await env.DB.prepare("SELECT sql FROM sqlite_master WHERE name = 'ratings'").first<{ sql: string }>();
    expect(sql?.sql).toMatch(/WITHOUT ROWID/);
    // Participation is kept only as counters per organization: no table records who responded.
    const participation = await env.DB.prepare("PRAGMA table_info(participation_counts)").all<{ name: string }>();
    expect(participation.results.map((c) => c.name)).toEqual(["cycle_id", "organization_id", "responded"]);
    const perPerson = await env.DB.prepare("SELECT name FROM sqlite_master WHERE name = 'participation'").first();
    expect(perPerson).toBeNull();
  });

  it("makes a removed person's ratings unlinkable while they stay counted", async () => {
    const world = await partnership({ members: 1 });
    const ids = await agreedPrinciples(world.pid, world.facA, world.facB, 1);
    // A member before the cycle opens, so eligible to answer it.
    const leaver = await invite(world.pid, world.facA, "Leaver");
    const cycle = await openCycle(world.pid, world.facA);
    const answered = await answer(
      world.pid,
      cycle.id,
      leaver,
      [{ principleId: ids[0] as string, performance: 2, importance: 5, comment: "c" }],
      "k-leave",
    );
    ok(answered, 200);
    const respondent = (
      await env.DB.prepare("SELECT respondent FROM ratings WHERE cycle_id = ?")
        .bind(cycle.id)
        .first<{ respondent: string }>()
    )?.respondent;
    expect(respondent).toBeTruthy();
    const removed = await call(as(world.facA), "delete", "/api/v1/partnerships/{partnershipId}/people/{personId}", {
      params: { partnershipId: world.pid, personId: leaver.personId },
    });
    ok(removed, 204);
    expect(await ratingsIn(cycle.id)).toBe(1);
    expect((await cell(cycle.id, ids[0] as string)).results[0]).toMatchObject({ perf_n: 1, perf_sum: 2 });
    // No row anywhere holds the person's id next to the respondent key, and nothing can recompute it.
    const tables = Object.keys(await snapshot());
    for (const table of tables) {
      const { results } = await env.DB.prepare(`SELECT * FROM ${table}`).all();
      for (const row of results) {
        const text = JSON.stringify(row);
        if (text.includes(leaver.personId)) expect(text, table).not.toContain(respondent);
      }
    }
    const salt = await env.DB.prepare("SELECT * FROM respondent_salts WHERE person_id = ?")
      .bind(leaver.personId)
      .first();
    expect(salt).toBeNull();
    // Still counted as a respondent of their organization, and can never answer this cycle again.
    const counted = await env.DB.prepare("SELECT responded FROM participation_counts WHERE cycle_id = ?")
      .bind(cycle.id)
      .all();
    expect(counted.results).toEqual([{ responded: 1 }]);
    const eligibility = await env.DB.prepare(
      "SELECT withdrawn FROM cycle_eligibility WHERE cycle_id = ? AND person_id = ?",
    )
      .bind(cycle.id, leaver.personId)
      .first();
    expect(eligibility).toEqual({ withdrawn: 1 });
    const replays = await env.DB.prepare("SELECT COUNT(*) AS n FROM idempotency WHERE respondent = ?")
      .bind(respondent)
      .first<{ n: number }>();
    expect(replays?.n).toBe(0);
  });
});
