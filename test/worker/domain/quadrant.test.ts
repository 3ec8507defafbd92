import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, computeResults, quadrantOf, quadrantSplit } from "../../../worker/src/domain/results";

/** A cell of an organization for a principle: n ratings around a mean, as the aggregates hold them. */
const cellArb = fc.record({
  perf: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 9 }),
  imp: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 9 }),
});

// Answers usually cluster high (the case that made lines at 3 useless): bias half of the cases there.
const highCellArb = fc.record({
  perf: fc.array(fc.integer({ min: 3, max: 5 }), { minLength: 3, maxLength: 9 }),
  imp: fc.array(fc.integer({ min: 4, max: 5 }), { minLength: 3, maxLength: 9 }),
});

function toCell(principleId: string, organizationId: string, c: { perf: number[]; imp: number[] }): Cell {
  return {
    principleId,
    organizationId,
    perfN: c.perf.length,
    perfSum: c.perf.reduce((a, b) => a + b, 0),
    hist: [1, 2, 3, 4, 5].map((v) => c.perf.filter((x) => x === v).length) as Cell["hist"],
    impN: c.imp.length,
    impSum: c.imp.reduce((a, b) => a + b, 0),
    comments: 0,
  };
}

const caseArb = fc.record({
  k: fc.integer({ min: 3, max: 4 }),
  orgs: fc.integer({ min: 2, max: 3 }),
  grid: fc.array(fc.array(fc.oneof(cellArb, highCellArb), { minLength: 3, maxLength: 3 }), {
    minLength: 1,
    maxLength: 12,
  }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function resultsOf(c: Case) {
  const organizations = ["o1", "o2", "o3"].slice(0, c.orgs);
  const principles = c.grid.map((_, i) => `p${i}`);
  const cells = c.grid.flatMap((row, i) => organizations.map((o, j) => toCell(`p${i}`, o, row[j] as never)));
  return computeResults({ kind: "assessment", k: c.k, commentThreshold: c.k, organizations, principles, cells });
}

describe("importance–performance quadrants (property)", () => {
  it("never places a listed challenge anywhere but “Concentrate here”, and never in “Keep it up”", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = resultsOf(c);
        const byId = new Map(r.principles.map((p) => [p.principleId, p]));
        for (const id of r.challenges) {
          const p = byId.get(id);
          expect(p?.quadrant).toBe("concentrate");
          expect(p?.quadrant).not.toBe("keep");
          // Geometrically too: on or left of the performance line, on or above the importance line.
          const split = r.quadrantSplit;
          if (!split) throw new Error("challenges without a split");
          expect(p?.score as number).toBeLessThanOrEqual(split.performance);
          expect(p?.importance as number).toBeGreaterThanOrEqual(split.importance);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("splits at the means of the shown principles and places every shown principle by that one rule", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = resultsOf(c);
        const shown = r.principles.filter((p) => typeof p.score === "number");
        if (shown.length === 0) {
          expect(r.quadrantSplit).toBeNull();
          expect(r.challenges).toEqual([]);
          return;
        }
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const split = r.quadrantSplit;
        if (!split) throw new Error("no split although principles are shown");
        // Rounded half up to two decimals, like every published figure.
        expect(Math.abs(split.performance - mean(shown.map((p) => p.score as number)))).toBeLessThanOrEqual(0.0051);
        expect(Math.abs(split.importance - mean(shown.map((p) => p.importance as number)))).toBeLessThanOrEqual(0.0051);
        for (const p of r.principles) {
          if (typeof p.score !== "number") expect(p.quadrant).toBeNull();
          else expect(p.quadrant).toBe(quadrantOf({ performance: p.score, importance: p.importance as number }, split));
        }
        // The top of "Concentrate here" by priority is always listed: the list and the chart agree.
        const concentrate = shown
          .filter((p) => p.quadrant === "concentrate" && (p.priority as number) > 0)
          .sort((a, b) => (b.priority as number) - (a.priority as number));
        expect(r.challenges).toEqual(concentrate.slice(0, 3).map((p) => p.principleId));
      }),
      { numRuns: 500 },
    );
  });

  it("lines at 3 would have put challenges in “Keep it up”; the partnership's means do not", () => {
    // The case from issue 14: every score between 3 and 4.5.
    const points = [
      { performance: 3.2, importance: 4.6 },
      { performance: 3.4, importance: 4.5 },
      { performance: 4.4, importance: 4.1 },
      { performance: 4.2, importance: 4.2 },
    ];
    const split = quadrantSplit(points);
    expect(split).toEqual({ performance: 3.8, importance: 4.35 });
    expect(points.map((p) => quadrantOf(p, { performance: 3, importance: 3 }))).toEqual([
      "keep",
      "keep",
      "keep",
      "keep",
    ]);
    expect(points.map((p) => quadrantOf(p, split as never))).toEqual([
      "concentrate",
      "concentrate",
      "overkill",
      "overkill",
    ]);
  });
});
