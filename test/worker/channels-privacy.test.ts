/**
 * A hidden figure never reaches a channel. Stated as non-interference: whatever a group smaller
 * than k answered, every payload (Slack, Teams, signed JSON) is byte for byte the same, so nothing
 * in it can depend on, or reveal, a hidden figure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NudgeEvent, participationLines, resultsHeadline } from "../../worker/src/channels/events";
import { CHANNEL_KINDS, render } from "../../worker/src/channels/formats";
import { type CycleRow, participationFrom } from "../../worker/src/cycles/queries";
import { type Cell, computeResults } from "../../worker/src/domain/results";

const ORGS = ["org_a", "org_b", "org_c"];
const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const partnership = { id: "prt_x", name: "A × B × C" };
const cycleRef = {
  id: "cyc_x",
  kind: "assessment" as const,
  title: "",
  opensAt: "2026-05-01T00:00:00.000Z",
  closesAt: "2026-06-02T00:00:00.000Z",
};

/** A cell's aggregates from a histogram of performance and a count and sum of importance. */
const cellArb = (maxN: number) =>
  fc
    .record({
      hist: fc.tuple(...Array.from({ length: 5 }, () => fc.integer({ min: 0, max: Math.ceil(maxN / 5) }))),
      impShare: fc.double({ min: 0, max: 1, noNaN: true }),
      impMean: fc.integer({ min: 1, max: 5 }),
      comments: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ hist, impShare, impMean, comments }) => {
      const perfN = Math.min(
        maxN,
        hist.reduce((a, b) => a + b, 0),
      );
      const h = hist as [number, number, number, number, number];
      const perfSum = h.reduce((a, c, i) => a + c * (i + 1), 0);
      const impN = Math.round(perfN * impShare);
      return { perfN, perfSum, hist: h, impN, impSum: impN * impMean, comments };
    });

const worldArb = fc.record({
  k: fc.integer({ min: 3, max: 6 }),
  principles: fc.integer({ min: 1, max: 5 }),
  cells: fc.array(cellArb(25), { minLength: 15, maxLength: 15 }),
  // What the hidden groups answered instead.
  others: fc.array(cellArb(2), { minLength: 15, maxLength: 15 }),
});

type Aggregates = Omit<Cell, "principleId" | "organizationId">;

const cellsOf = (k: number, n: number, aggregates: Aggregates[], replace: Aggregates[] | null) => {
  const cells: Cell[] = [];
  for (let p = 0; p < n; p++) {
    ORGS.forEach((organizationId, o) => {
      const i = p * ORGS.length + o;
      const a = aggregates[i] as Aggregates;
      const hidden = a.perfN < k || a.impN < k;
      // A hidden group's answers are replaced by others of a group that is hidden as well.
      const other = replace?.[i] as Aggregates;
      const b = hidden && replace ? { ...other, perfN: Math.min(other.perfN, k - 1) } : a;
      cells.push({ principleId: `pri_${p}`, organizationId, ...b });
    });
  }
  return cells;
};

async function payloads(event: NudgeEvent) {
  return Promise.all(CHANNEL_KINDS.map(async (kind) => (await render(kind, event, "whsec_test", NOW)).body));
}

async function publishedPayloads(k: number, n: number, cells: Cell[]) {
  const results = computeResults({
    kind: "assessment",
    k,
    commentThreshold: k,
    organizations: ORGS,
    principles: Array.from({ length: n }, (_, p) => `pri_${p}`),
    cells,
  });
  const headline = resultsHeadline({
    strengths: results.strengths,
    challenges: results.challenges,
    principles: results.principles.map((p) => ({ ...p, title: `Principle ${p.principleId}` })),
  });
  const event: NudgeEvent<"results.published"> = {
    id: "evt_x",
    type: "results.published",
    time: "2026-06-02T00:00:00.000Z",
    data: { partnership, cycle: cycleRef, ...headline, url: "https://accord.example/p/prt_x/results" },
  };
  return payloads(event);
}

describe("nudges never carry a hidden figure", () => {
  it("results: whatever groups below k answered, every format's payload is the same", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ({ k, principles, cells, others }) => {
        const shown = await publishedPayloads(k, principles, cellsOf(k, principles, cells, null));
        const swapped = await publishedPayloads(k, principles, cellsOf(k, principles, cells, others));
        expect(swapped).toEqual(shown);
        for (const body of shown) expect(body).not.toContain("suppressed");
      }),
      { numRuns: 150 },
    );
  });

  it("participation: a count below k is never sent, only that k is not reached", async () => {
    const cycle: CycleRow = {
      ...cycleRef,
      partnershipId: "prt_x",
      source: "manual",
      periodStart: "cyc_x",
      closedAt: null,
      createdAt: cycleRef.opensAt,
      openedAt: cycleRef.opensAt,
      k: 0,
      commentThreshold: 0,
      plannedClosesAt: cycleRef.closesAt,
    };
    const result = (rows: unknown[]) => ({ results: rows, success: true, meta: {} }) as unknown as D1Result<unknown>;
    const closingPayloads = (k: number, invited: number[], responded: number[]) => {
      const participation = participationFrom(
        result(ORGS.map((organizationId, i) => ({ organizationId, n: invited[i] }))),
        result(ORGS.map((organizationId, i) => ({ organizationId, n: responded[i] }))),
        { ...cycle, k },
        NOW,
      );
      const names = new Map(ORGS.map((o) => [o, o.toUpperCase()]));
      return payloads({
        id: "evt_y",
        type: "cycle.closing_soon",
        time: "2026-06-01T12:00:00.000Z",
        data: { partnership, cycle: cycleRef, k, participation: participationLines(participation, names), url: "u" },
      });
    };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 3, maxLength: 3 }),
        async (k, responded, instead) => {
          const invited = responded.map((r) => r + 10);
          const swapped = responded.map((r, i) => (r < k ? Math.min(instead[i] as number, k - 1) : r));
          const a = await closingPayloads(k, invited, responded);
          expect(await closingPayloads(k, invited, swapped)).toEqual(a);
          // And a count that reached k is shown as it is.
          responded.forEach((r) => {
            if (r >= k)
              expect(JSON.parse(a[2] as string).data.participation).toContainEqual(
                expect.objectContaining({ responded: r }),
              );
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
