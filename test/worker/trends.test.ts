import { describe, expect, it } from "vitest";
import { SUPPRESSED } from "../../worker/src/domain/results";
import { type Actor, answer, as, call, fails, ok, openCycle, world } from "./helpers";

type Scale = number | "cant_say" | undefined;

/** Answers one principle for a list of people: [performance, importance] per person. */
async function rate(pid: string, cycleId: string, principleId: string, people: Actor[], values: [Scale, Scale][]) {
  for (const [i, [performance, importance]] of values.entries()) {
    ok(await answer(pid, cycleId, people[i] as Actor, [{ principleId, performance, importance }]), 200);
  }
}

const close = async (pid: string, cycleId: string, who: Actor) =>
  ok(
    await call(as(who), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/close", {
      params: { partnershipId: pid, cycleId },
    }),
    200,
  );

const trends = (pid: string, who: Actor) =>
  call(as(who), "get", "/api/v1/partnerships/{partnershipId}/trends", { params: { partnershipId: pid } });

const results = async (pid: string, cycleId: string, who: Actor) =>
  ok(
    await call(as(who), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/results", {
      params: { partnershipId: pid, cycleId },
    }),
    200,
  );

/**
 * Two assessments and a pulse round in between: P1 shown everywhere; P2 hidden in the first
 * assessment (A has only two answers); an action on P1 begun after the first and done before the second.
 */
async function story() {
  const w = await world({ members: 3, settings: { k: 3, commentThreshold: 3 }, principles: 2 });
  const [p1, p2] = w.principles as [string, string];
  const a = [w.facA, ...w.membersA];
  const b = [w.facB, ...w.membersB];
  const first = await openCycle(w.pid, w.facA);
  await rate(w.pid, first.id, p1, a, [
    [2, 5],
    [2, 5],
    [3, 5],
  ]);
  await rate(w.pid, first.id, p1, b, [
    [3, 4],
    [3, 4],
    [3, 4],
  ]);
  await rate(w.pid, first.id, p2, a, [
    [5, 4],
    [5, 4],
  ]);
  await rate(w.pid, first.id, p2, b, [
    [4, 4],
    [4, 4],
    [4, 4],
  ]);
  // Closing early needs k respondents per organization (A has three through P1); P2's small group stays hidden.
  await close(w.pid, first.id, w.facA);

  const action = ok(
    await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/actions", {
      params: { partnershipId: w.pid },
      body: { kind: "improve", title: "Weekly risk call", principleId: p1, cycleId: first.id },
    }),
    201,
  );
  for (const status of ["in_progress", "done"] as const) {
    ok(
      await call(as(w.facB), "patch", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", {
        params: { partnershipId: w.pid, actionId: action.id },
        body: { status },
      }),
      200,
    );
  }

  const pulse = await openCycle(w.pid, w.facA, "pulse", { principleId: p1 });
  await rate(w.pid, pulse.id, p1, a, [
    [4, undefined],
    [3, undefined],
    [4, undefined],
  ]);
  await rate(w.pid, pulse.id, p1, b, [
    [4, undefined],
    [4, undefined],
    [3, undefined],
  ]);
  await close(w.pid, pulse.id, w.facB);

  const second = await openCycle(w.pid, w.facA);
  await rate(w.pid, second.id, p1, a, [
    [4, 5],
    [4, 5],
    [4, 5],
  ]);
  await rate(w.pid, second.id, p1, b, [
    [4, 4],
    [5, 4],
    [4, 4],
  ]);
  await rate(w.pid, second.id, p2, a, [
    [5, 4],
    [4, 4],
    [5, 4],
  ]);
  await rate(w.pid, second.id, p2, b, [
    [4, 4],
    [4, 4],
    [4, 4],
  ]);
  await close(w.pid, second.id, w.facA);
  return { ...w, p1, p2, first, pulse, second, action };
}

describe("trends", () => {
  it("draws each principle across every closed assessment and pulse, per organization, with its actions", async () => {
    const s = await story();
    // An open cycle is not part of any trend: its figures are not published.
    const open = await openCycle(s.pid, s.facA, "pulse", { principleId: s.p2 });
    const t = ok(await trends(s.pid, s.membersB[0] as Actor), 200);

    expect(t.organizations.map((o) => o.id)).toEqual([s.orgA, s.orgB]);
    expect(t.cycles.map((c) => [c.id, c.kind])).toEqual([
      [s.first.id, "assessment"],
      [s.pulse.id, "pulse"],
      [s.second.id, "assessment"],
    ]);
    expect(JSON.stringify(t)).not.toContain(open.id);

    const [p1] = t.principles;
    expect(p1?.principleId).toBe(s.p1);
    expect(p1?.title).toBe("Principle 1");
    expect(p1?.points.map((p) => [p.cycleId, p.score])).toEqual([
      [s.first.id, 2.67], // mean of 2.33 and 3
      [s.pulse.id, 3.67],
      [s.second.id, 4.17],
    ]);
    expect(p1?.points[0]?.organizations).toEqual([
      { organizationId: s.orgA, n: 3, performance: 2.33 },
      { organizationId: s.orgB, n: 3, performance: 3 },
    ]);
    expect(p1?.actions).toEqual([
      {
        id: s.action.id,
        kind: "improve",
        title: "Weekly risk call",
        status: "done",
        createdAt: s.action.createdAt,
        doneAt: expect.any(String),
      },
    ]);
    const doneAt = p1?.actions[0]?.doneAt ?? "";
    expect(doneAt >= s.action.createdAt).toBe(true);

    // Each point is the figure that cycle's results show: one rule, the same numbers.
    const second = await results(s.pid, s.second.id, s.facA);
    const shown = second.principles?.find((p) => p.principleId === s.p1);
    expect(p1?.points[2]?.score).toEqual(shown?.score);
    expect(p1?.points[2]?.organizations.map((o) => o.performance)).toEqual(
      shown?.organizations.map((o) => o.performance),
    );
  });

  it("leaves a hidden point without any figure (a gap, never a zero)", async () => {
    const s = await story();
    const t = ok(await trends(s.pid, s.facB), 200);
    const p2 = t.principles.find((p) => p.principleId === s.p2);
    // P2 was not asked by the pulse: two points, the first hidden.
    expect(p2?.points.map((p) => p.cycleId)).toEqual([s.first.id, s.second.id]);
    const hidden = p2?.points[0];
    expect(hidden).toEqual({
      cycleId: s.first.id,
      n: SUPPRESSED,
      score: SUPPRESSED,
      organizations: [
        { organizationId: s.orgA, n: SUPPRESSED, performance: SUPPRESSED },
        // B's own cell had k answers, but the partnership figures would reveal A's: B's shows, the score does not.
        { organizationId: s.orgB, n: 3, performance: 4 },
      ],
    });
    // A's two answers (5 and 5) are nowhere: no 5, no 4.5 (the partnership mean they would make).
    expect(JSON.stringify(hidden)).not.toMatch(/:5\b|4\.5/);
    expect(p2?.points[1]?.score).toBe(4.33);
  });

  it("answers 404 to another partnership's facilitator, and to nobody signed in", async () => {
    const s = await story();
    const other = await world({ members: 1 });
    fails(await trends(s.pid, other.facA), 404, "not_found");
    fails(await trends(s.pid, other.facB), 404, "not_found");
    fails(
      await call(as(null), "get", "/api/v1/partnerships/{partnershipId}/trends", { params: { partnershipId: s.pid } }),
      401,
    );
    // Their own trends hold nothing of the first partnership.
    const own = ok(await trends(other.pid, other.facA), 200);
    expect(own.principles).toEqual([]);
    expect(own.cycles).toEqual([]);
  });
});
