/**
 * What the hottest paths cost in D1 round trips, counted on the real binding: a submission
 * through the token door is one read and one write, and a person's next answer in the same cycle
 * one write (the isolate remembers the reads); the door itself reads the token, its person and
 * their memberships in one statement. The write batch re-checks in SQL what the reads found, so a
 * cycle closing, a person removed or a token revoked in between writes nothing, and a remembered
 * submission refused for it ends as a fresh one would.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { isoNow } from "../../worker/src/db/ids";
import { respondentKey } from "../../worker/src/ratings/respondent";
import {
  type Actor,
  type Answer,
  appWith,
  as,
  call,
  embedAs,
  endCycle,
  fails,
  INTRANET,
  ok,
  recordingD1,
  snapshot,
  world,
} from "./helpers";

const RESPONSES = "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses" as const;

async function scene() {
  const w = await world({ principles: 2, cycle: "assessment" });
  const cycle = w.cycle;
  // Loading the cycle, as the survey does before the first answer (it records the opening).
  ok(
    await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
      params: { partnershipId: w.pid },
    }),
  );
  const submit = (who: Actor, db: D1Database, answers: Answer[], key?: string) =>
    call(as(who, { via: appWith({ DB: db }) }), "post", RESPONSES, {
      params: { partnershipId: w.pid, cycleId: cycle.id },
      body: { answers },
      headers: key ? { "Idempotency-Key": key } : {},
    });
  return { ...w, cycle, submit };
}

describe("round trips", () => {
  it("saves a submission through the token door in one read and one write", async () => {
    const s = await scene();
    const [p1, p2] = s.principles as [string, string];
    const first = recordingD1(env.DB);
    const saved = ok(await s.submit(s.membersA[0] as Actor, first.db, [{ principleId: p1, performance: 4 }]));
    expect(saved.progress).toEqual({ answered: 0, total: 2 });
    expect(first.trips).toHaveLength(2);
    // The read: the token, its person and memberships, the cycle, salt, eligibility (and snapshot).
    const read = first.trips[0]?.join("\n") ?? "";
    for (const table of ["personal_tokens", "memberships", "cycles", "respondent_salts", "cycle_eligibility"]) {
      expect(read).toContain(`FROM ${table}`);
    }

    // Again with a key, completing the first answer and adding another: the isolate remembers
    // the reads, so the write alone, checking the token itself.
    const second = recordingD1(env.DB);
    const answers: Answer[] = [
      { principleId: p1, importance: 5 },
      { principleId: p2, performance: "cant_say", importance: 2, comment: "Early days" },
    ];
    const merged = ok(await s.submit(s.membersA[0] as Actor, second.db, answers, "k-1"));
    expect(second.trips).toHaveLength(1);
    const write = second.trips[0]?.join("\n") ?? "";
    expect(write).toContain("INSERT INTO ratings");
    expect(write).toContain("FROM personal_tokens");
    expect(merged).toEqual({
      cycleId: s.cycle.id,
      answers: [
        { principleId: p1, performance: 4, importance: 5, comment: null },
        { principleId: p2, performance: "cant_say", importance: 2, comment: "Early days" },
      ],
      progress: { answered: 2, total: 2 },
    });

    // A retry with the same key answers as the first did and changes nothing.
    const before = await snapshot();
    const retry = recordingD1(env.DB);
    expect(ok(await s.submit(s.membersA[0] as Actor, retry.db, answers, "k-1"))).toEqual(merged);
    expect(await snapshot()).toEqual(before);
  });

  it("reads the door's token, person and memberships in one statement on a partnership's routes", async () => {
    const s = await scene();
    const read = () =>
      call(as(s.facA, { via: appWith({ DB: trip.db }) }), "get", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: s.pid },
      });
    let trip = recordingD1(env.DB);
    ok(await read()); // the token's day of use is recorded once a day, in the background
    trip = recordingD1(env.DB);
    ok(await read());
    const [door, ...rest] = trip.trips;
    expect(door).toHaveLength(1);
    expect(door?.[0]).toContain("FROM personal_tokens");
    expect(door?.[0]).toContain("FROM memberships");
    // Nothing after the door asks for the token or the caller's membership again.
    expect(rest.flat().filter((sql) => /personal_tokens|FROM memberships m JOIN partnerships/.test(sql))).toEqual([]);
  });

  it("reads the embed door's key, organization, person, membership and origins in one statement", async () => {
    const w = await world({ principles: 1, intranet: true });
    const token = await w.intranet.jwt("ines@a.example");
    const read = (db: D1Database) =>
      call(embedAs(token, INTRANET, appWith({ DB: db })), "get", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: w.pid },
      });
    ok(await read(env.DB)); // the first visit provisions the person and makes them a member
    const trip = recordingD1(env.DB);
    const res = await read(trip.db);
    ok(res);
    const [door, ...rest] = trip.trips;
    expect(door).toHaveLength(1);
    for (const table of ["embed_keys", "people", "memberships", "parties"]) expect(door?.[0]).toContain(table);
    expect(rest.flat().filter((sql) => /FROM embed_keys|external_id|FROM memberships/.test(sql))).toEqual([]);
  });

  it("writes nothing when the cycle closes between a submission's reads and its write", async () => {
    const s = await scene();
    const [p1] = s.principles as [string];
    const before = await snapshot();
    const raced = recordingD1(env.DB, () => endCycle(s.cycle.id));
    const refused = fails(
      await s.submit(s.membersA[0] as Actor, raced.db, [{ principleId: p1, performance: 2 }], "k-9"),
      409,
      "conflict",
    );
    expect(refused.message).toMatch(/no longer open to you; nothing was saved/);
    expect(raced.trips).toHaveLength(2);
    expect(await snapshot()).toEqual(before);
  });

  it("writes nothing when the person is removed between a submission's reads and its write", async () => {
    const s = await scene();
    const [p1] = s.principles as [string];
    const member = s.membersA[0] as Actor;
    const before = await snapshot();
    const withdraw = () =>
      env.DB.prepare("UPDATE cycle_eligibility SET withdrawn = 1 WHERE cycle_id = ? AND person_id = ?")
        .bind(s.cycle.id, member.personId)
        .run();
    const raced = recordingD1(env.DB, withdraw);
    fails(await s.submit(member, raced.db, [{ principleId: p1, performance: 2 }]), 409, "conflict");
    // Only the withdrawal itself changed a row; no rating, aggregate or count moved.
    expect(await snapshot()).toEqual(before);
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM ratings WHERE cycle_id = ?")
      .bind(s.cycle.id)
      .first<{ n: number }>()) ?? { n: -1 };
    expect(n).toBe(0);
  });

  describe("a remembered submission", () => {
    /** A scene where the member's first answer was accepted, so this isolate remembers its reads. */
    async function remembered() {
      const s = await scene();
      const member = s.membersA[0] as Actor;
      const [p1, p2] = s.principles as [string, string];
      ok(await s.submit(member, env.DB, [{ principleId: p1, performance: 4 }]));
      const again = async (change: () => Promise<unknown>) => {
        await change();
        const before = await snapshot();
        const trip = recordingD1(env.DB);
        const res = await s.submit(member, trip.db, [{ principleId: p2, performance: 2 }], "k-again");
        return { res, trips: trip.trips, unchanged: async () => expect(await snapshot()).toEqual(before) };
      };
      return { ...s, member, again };
    }
    const sql = (query: string, ...values: unknown[]) =>
      env.DB.prepare(query)
        .bind(...values)
        .run();

    it("is refused once the token is revoked, and answers 401 from fresh reads", async () => {
      const s = await remembered();
      const { res, trips, unchanged } = await s.again(() =>
        sql("UPDATE personal_tokens SET revoked_at = ?1 WHERE person_id = ?2", isoNow(), s.member.personId),
      );
      fails(res, 401, "unauthorized");
      expect(trips).toHaveLength(2); // the refused write, then the fresh read
      await unchanged();
    });

    it("is refused once the person is removed from their organization", async () => {
      const s = await remembered();
      const { res, unchanged } = await s.again(() =>
        sql("UPDATE people SET removed_at = ?1 WHERE id = ?2", isoNow(), s.member.personId),
      );
      fails(res, 401, "unauthorized");
      await unchanged();
    });

    it("is refused once the person is withdrawn from the cycle, with the reason", async () => {
      const s = await remembered();
      const { res, unchanged } = await s.again(() =>
        sql(
          "UPDATE cycle_eligibility SET withdrawn = 1 WHERE cycle_id = ?1 AND person_id = ?2",
          s.cycle.id,
          s.member.personId,
        ),
      );
      expect(fails(res, 403, "forbidden").message).toMatch(/removed while this cycle ran/);
      await unchanged();
    });

    it("is refused once the cycle has closed", async () => {
      const s = await remembered();
      const { res, unchanged } = await s.again(() => endCycle(s.cycle.id));
      expect(fails(res, 409, "conflict").message).toBe("This cycle is closed");
      await unchanged();
    });

    it("is refused once the partnership is archived", async () => {
      const s = await remembered();
      const { res, unchanged } = await s.again(() =>
        sql("UPDATE partnerships SET archived_at = ?1 WHERE id = ?2", isoNow(), s.pid),
      );
      expect(fails(res, 409, "conflict").message).toMatch(/archived/);
      await unchanged();
    });

    it("never writes under a salt that has changed: the answer lands under the stored salt's key", async () => {
      const s = await remembered();
      const salt = "a-salt-the-isolate-has-not-seen";
      const { res, trips } = await s.again(() =>
        sql("UPDATE respondent_salts SET salt = ?1 WHERE person_id = ?2", salt, s.member.personId),
      );
      ok(res);
      expect(trips).toHaveLength(3); // the refused write, the fresh read, the write
      const key = await respondentKey(env.RATING_KEY, salt, s.cycle.id);
      const stored = await env.DB.prepare("SELECT principle_id AS principleId FROM ratings WHERE respondent = ?")
        .bind(key)
        .all<{ principleId: string }>();
      expect(stored.results.map((r) => r.principleId)).toEqual([s.principles[1]]);
    });
  });
});
