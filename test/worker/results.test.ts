import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, computeResults, isSuppressed, SUPPRESSED } from "../../worker/src/domain/results";
import { type Actor, answer, as, call, endCycle, fails, ok, openCycle, send, world } from "./helpers";

type Scale = number | "cant_say" | undefined;

/** Answers one principle for a list of people: [performance, importance, comment?] per person. */
async function rate(
  pid: string,
  cycleId: string,
  principleId: string,
  people: Actor[],
  values: [Scale, Scale, string?][],
) {
  for (const [i, [performance, importance, comment]] of values.entries()) {
    ok(await answer(pid, cycleId, people[i] as Actor, [{ principleId, performance, importance, comment }]), 200);
  }
}

/** Four members each, k and the comment threshold lowered to 3 by both, three agreed principles. */
async function setup() {
  const w = await world({ members: 4, settings: { k: 3, commentThreshold: 3 }, principles: 3 });
  const [p1, p2, p3] = w.principles as [string, string, string];
  return { ...w, p1, p2, p3, a: [w.facA, ...w.membersA], b: [w.facB, ...w.membersB] };
}

/** A cycle's results as `who` reads them. */
const results = async (pid: string, cycleId: string, who: Actor) =>
  ok(
    await call(as(who), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/results", {
      params: { partnershipId: pid, cycleId },
    }),
    200,
  );

type Results = Awaited<ReturnType<typeof results>>;
type Principle = NonNullable<Results["principles"]>[number];

/** The published principles, in order (the test fails if the results are not published). */
function published(r: Results) {
  expect(r.published, "published").toBe(true);
  return (r.principles ?? []) as [Principle, Principle, Principle];
}

/** Closes a cycle early, as `who`. */
const close = (pid: string, cycleId: string, who: Actor) =>
  call(as(who), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/close", {
    params: { partnershipId: pid, cycleId },
  });

describe("results", () => {
  it("shows participation only while the cycle is open", async () => {
    const w = await setup();
    const cycle = await openCycle(w.pid, w.facA);
    await rate(w.pid, cycle.id, w.p1, w.a, [
      [4, 5],
      [3, 4],
    ]);
    const res = await results(w.pid, cycle.id, w.membersB[0] as Actor);
    expect(res.published).toBe(false);
    expect(res.principles).toBeUndefined();
    // Below k while open, a count would let people watch one colleague's answer arrive.
    expect(res.participation).toEqual([
      { organizationId: w.orgA, invited: 5, responded: null, fewerThanK: true },
      { organizationId: w.orgB, invited: 5, responded: null, fewerThanK: true },
    ]);
    await rate(w.pid, cycle.id, w.p1, w.a.slice(2), [[5, 5]]);
    const atK = await results(w.pid, cycle.id, w.membersB[0] as Actor);
    expect(atK.published).toBe(false);
    expect(atK.principles).toBeUndefined();
    expect(atK.participation).toEqual([
      { organizationId: w.orgA, invited: 5, responded: 3, fewerThanK: false },
      { organizationId: w.orgB, invited: 5, responded: null, fewerThanK: true },
    ]);
  });

  it("publishes on close: means of organization means, gaps, suppression at k−1, k, k+1, strengths and challenges", async () => {
    const w = await setup();
    const cycle = await openCycle(w.pid, w.facA);
    // P1: A has k+1 = 4 raters, B has k = 3 raters → shown.
    await rate(w.pid, cycle.id, w.p1, w.a, [
      [4, 5, "Great"],
      [5, 5, "Fast answers"],
      [5, 5, "Reliable"],
      [4, 5],
    ]);
    await rate(w.pid, cycle.id, w.p1, w.b, [
      [2, 4, "Slow"],
      [3, 4, "Late"],
      [2, 4],
    ]);
    // P2: A has k−1 = 2 raters (the others can't say) → A suppressed → partnership suppressed.
    await rate(w.pid, cycle.id, w.p2, w.a, [
      [5, 5],
      [5, 5],
      ["cant_say", 4],
      ["cant_say", 4],
    ]);
    await rate(w.pid, cycle.id, w.p2, w.b, [
      [1, 5],
      [1, 5],
      [2, 5],
      [1, 5],
    ]);
    // P3: strong on both sides.
    await rate(w.pid, cycle.id, w.p3, w.a, [
      [5, 4],
      [5, 4],
      [4, 4],
    ]);
    await rate(w.pid, cycle.id, w.p3, w.b, [
      [4, 4],
      [4, 4],
      [5, 4],
    ]);
    ok(await close(w.pid, cycle.id, w.facB), 200);

    const res = await results(w.pid, cycle.id, w.membersA[1] as Actor);
    const [r1, r2, r3] = published(res);
    expect(r1).toMatchObject({
      principleId: w.p1,
      n: 7,
      score: 3.42, // mean of 4.5 and 2.33, not the mean of all 7 ratings (3.57)
      importance: 4.5,
      gap: 1.08,
      priority: 4.88,
      perceptionGap: 2.17,
      perceptionGapFlagged: true,
      distribution: [0, 2, 1, 2, 2],
      trend: null,
    });
    expect(r1.organizations).toEqual([
      { organizationId: w.orgA, n: 4, performance: 4.5, importance: 5, distribution: [0, 0, 0, 2, 2] },
      { organizationId: w.orgB, n: 3, performance: 2.33, importance: 4, distribution: [0, 2, 1, 0, 0] },
    ]);
    const textsA = r1.comments.find((c) => c.organizationId === w.orgA)?.texts;
    expect(Array.isArray(textsA) ? [...textsA].sort() : textsA).toEqual(["Fast answers", "Great", "Reliable"]);
    expect(r1.comments.find((c) => c.organizationId === w.orgB)?.texts).toEqual(SUPPRESSED);

    expect(r2.organizations[0]).toEqual({
      organizationId: w.orgA,
      n: SUPPRESSED,
      performance: SUPPRESSED,
      importance: SUPPRESSED,
      distribution: SUPPRESSED,
    });
    expect(r2.organizations[1]).toMatchObject({ n: 4, performance: 1.25 });
    const fields: Record<string, unknown> = { ...r2 };
    for (const key of [
      "n",
      "score",
      "importance",
      "gap",
      "priority",
      "distribution",
      "perceptionGap",
      "perceptionGapFlagged",
    ]) {
      expect(fields[key], key).toEqual(SUPPRESSED);
    }
    expect(r3).toMatchObject({ score: 4.5, n: 6 });
    expect(res.strengths).toEqual([w.p3]);
    expect(res.challenges).toEqual([w.p1]);
    // The chart is split at the means of the shown principles; the challenge is in "Concentrate here".
    expect(res.quadrantSplit).toEqual({ performance: 3.96, importance: 4.25 });
    expect([r1.quadrant, r2.quadrant, r3.quadrant]).toEqual(["concentrate", null, "overkill"]);
    expect(res.strengths).not.toContain(w.p2);
    expect(res.challenges).not.toContain(w.p2);
    expect(JSON.stringify(res)).not.toMatch(/per_[a-z0-9]+/);
  });

  it("shows the trend against the previous closed cycle of the same kind", async () => {
    const w = await setup();
    const first = await openCycle(w.pid, w.facA);
    await rate(w.pid, first.id, w.p1, w.a, [
      [2, 5],
      [2, 5],
      [2, 5],
    ]);
    await rate(w.pid, first.id, w.p1, w.b, [
      [3, 5],
      [3, 5],
      [3, 5],
    ]);
    ok(await close(w.pid, first.id, w.facA), 200);
    const action = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/actions", {
        params: { partnershipId: w.pid },
        body: {
          kind: "improve",
          title: "Weekly risk call",
          principleId: w.p1,
          cycleId: first.id,
          ownerId: w.facB.personId,
        },
      }),
      201,
    );
    const second = await openCycle(w.pid, w.facA);
    await rate(w.pid, second.id, w.p1, w.a, [
      [4, 5],
      [4, 5],
      [4, 5],
    ]);
    await rate(w.pid, second.id, w.p1, w.b, [
      [4, 5],
      [4, 5],
      [3, 5],
    ]);
    ok(await close(w.pid, second.id, w.facA), 200);
    const res = await results(w.pid, second.id, w.facB);
    const [r1, r2] = published(res);
    expect(res.previousCycleId).toBe(first.id);
    expect(r1.score).toBe(3.83);
    expect(r1.trend).toBe(1.33);
    expect(r1.actions).toEqual([
      expect.objectContaining({ id: action.id, title: "Weekly risk call", kind: "improve" }),
    ]);
    expect(r1.sinceActions).toMatchObject({ baselineCycleId: first.id, baseline: 2.5, current: 3.83, change: 1.33 });
    expect(r2.trend).toEqual(SUPPRESSED);
  });

  it("exports the published figures as CSV for facilitators only, without people", async () => {
    const w = await setup();
    const cycle = await openCycle(w.pid, w.facA);
    await rate(w.pid, cycle.id, w.p1, w.a, [
      [4, 5],
      [4, 5],
      [5, 5],
    ]);
    await rate(w.pid, cycle.id, w.p1, w.b, [[1, 5]]);
    // Org B has one respondent, below k: the cycle cannot close early, it closes by time.
    fails(await close(w.pid, cycle.id, w.facA), 409);
    await endCycle(cycle.id);
    // Raw: the body is CSV, not JSON.
    const csv = await send("GET", `/partnerships/${w.pid}/cycles/${cycle.id}/results.csv`, { token: w.facB.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(csv.error).toBeNull();
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "principle,version,group,n,performance,importance,gap,priority,perception_gap,trend,dist_1,dist_2,dist_3,dist_4,dist_5",
    );
    expect(lines[1]).toMatch(/^Principle 1,1,Partnership,suppressed,suppressed/);
    expect(lines[2]).toBe("Principle 1,1,Org A,3,4.33,5,,,,,0,0,0,2,1");
    expect(lines[3]).toMatch(/^Principle 1,1,Org B,suppressed,suppressed,suppressed/);
    expect(lines.join("\n")).not.toMatch(/per_|Member|Fay/);
    const member = await call(
      as(w.membersA[0] as Actor),
      "get",
      "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/results.csv",
      { params: { partnershipId: w.pid, cycleId: cycle.id } },
    );
    fails(member, 403);
  });
});

describe("anonymity (property)", () => {
  const k = 3;
  const cellArb = fc.record({
    perf: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(0)), { maxLength: 8 }),
    imp: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(0)), { maxLength: 8 }),
    comments: fc.nat({ max: 8 }),
  });
  const toCell = (
    principleId: string,
    organizationId: string,
    c: { perf: number[]; imp: number[]; comments: number },
  ): Cell => {
    const rated = c.perf.filter((v) => v > 0);
    const imp = c.imp.filter((v) => v > 0);
    return {
      principleId,
      organizationId,
      perfN: rated.length,
      perfSum: rated.reduce((a, b) => a + b, 0),
      hist: [1, 2, 3, 4, 5].map((v) => rated.filter((x) => x === v).length) as Cell["hist"],
      impN: imp.length,
      impSum: imp.reduce((a, b) => a + b, 0),
      comments: Math.min(c.comments, c.perf.length),
    };
  };

  it("never shows figures from which a group smaller than k could be derived", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.array(cellArb, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom("assessment" as const, "pulse" as const),
        (orgCount, grid, kind) => {
          const orgs = ["o1", "o2", "o3", "o4"].slice(0, orgCount);
          const principles = grid.map((_, i) => `p${i}`);
          const cells = grid.flatMap((row, i) => orgs.map((o, j) => toCell(`p${i}`, o, row[j] as never)));
          const r = computeResults({ kind, k, commentThreshold: k, organizations: orgs, principles, cells });
          for (const p of r.principles) {
            const mine = cells.filter((c) => c.principleId === p.principleId);
            for (const o of p.organizations) {
              const c = mine.find((x) => x.organizationId === o.organizationId) as Cell;
              const small = c.perfN < k || (kind === "assessment" && c.impN < k);
              // A small group's cell shows no figure at all.
              if (small) for (const v of [o.n, o.performance, o.distribution]) expect(isSuppressed(v)).toBe(true);
              else expect(o.n).toBe(c.perfN);
            }
            const anyHidden = p.organizations.some((o) => isSuppressed(o.n));
            // Partnership-wide figures would let a subtraction reveal a hidden cell: all or nothing.
            for (const v of [p.n, p.score, p.distribution, p.perceptionGap]) expect(isSuppressed(v)).toBe(anyHidden);
            if (!anyHidden) {
              const shownCounts = p.organizations.reduce((a, o) => a + (o.n as number), 0);
              expect(p.n).toBe(shownCounts);
            }
            if (anyHidden) {
              expect(r.strengths).not.toContain(p.principleId);
              expect(r.challenges).not.toContain(p.principleId);
            }
            for (const orgId of p.commentsVisibleFor) {
              const c = mine.find((x) => x.organizationId === orgId) as Cell;
              expect(c.comments).toBeGreaterThanOrEqual(k);
              expect(c.perfN).toBeGreaterThanOrEqual(k);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
