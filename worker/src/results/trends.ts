/**
 * A partnership's trends: every principle's published score across its closed assessments and
 * pulses, per organization too, with the actions linked to it. Each point is exactly what
 * that cycle's results show (the same rule, the cycle's own k), so a hidden figure stays hidden
 * here: `{ suppressed: true }`, never a number, and a chart draws it as a gap.
 */
import { type PrincipleActionRow, principleActionsStatement } from "../actions/queries";
import { isoNow } from "../db/ids";
import { rows } from "../db/rows";
import { computeResults } from "../domain/results";
import { type PartyRow, partiesStatement } from "../partnerships/queries";
import { cellsByCycle, type TrendCycleRow, trendStatements } from "./queries";

/** Every principle's line across the partnership's closed cycles, oldest first, in one round trip. */
export async function buildTrends(db: D1Database, partnershipId: string, now = Date.now()) {
  const [cyclesResult, aggregatesResult, snapshotResult, doneResult, partiesResult, actionsResult] =
    await db.batch<unknown>([
      ...trendStatements(db, partnershipId, isoNow(now)),
      partiesStatement(db, partnershipId),
      principleActionsStatement(db, partnershipId),
    ]);
  const organizations = rows<PartyRow>(partiesResult).map((o) => ({ id: o.id, name: o.name }));
  const orgIds = organizations.map((o) => o.id);
  const cycles = rows<TrendCycleRow>(cyclesResult);
  const cells = cellsByCycle(aggregatesResult);
  const snapshot = rows<{ cycleId: string; principleId: string; title: string; position: number }>(snapshotResult);
  const doneAt = new Map(rows<{ actionId: string; doneAt: string }>(doneResult).map((r) => [r.actionId, r.doneAt]));
  const actions = rows<PrincipleActionRow>(actionsResult);
  const askedBy = new Map<string, typeof snapshot>();
  for (const s of snapshot) askedBy.set(s.cycleId, [...(askedBy.get(s.cycleId) ?? []), s]);

  // Principles in the order they were first asked; each named by the version it was last asked in.
  const order: string[] = [];
  const titles = new Map<string, string>();
  for (const c of cycles) {
    for (const s of askedBy.get(c.id) ?? []) {
      if (!titles.has(s.principleId)) order.push(s.principleId);
      titles.set(s.principleId, s.title);
    }
  }

  const points = new Map<string, ReturnType<typeof pointOf>[]>(order.map((id) => [id, []]));
  for (const c of cycles) {
    const asked = (askedBy.get(c.id) ?? []).map((s) => s.principleId);
    const r = computeResults({
      kind: c.kind,
      k: c.k,
      commentThreshold: c.commentThreshold,
      organizations: orgIds,
      principles: asked,
      cells: cells.get(c.id) ?? [],
    });
    for (const p of r.principles) points.get(p.principleId)?.push(pointOf(c.id, p));
  }

  return {
    organizations,
    cycles: cycles.map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      k: c.k,
    })),
    principles: order.map((principleId) => ({
      principleId,
      title: titles.get(principleId) ?? "",
      points: points.get(principleId) ?? [],
      actions: actions
        .filter((a) => a.principleId === principleId)
        .map((a) => ({
          id: a.id,
          kind: a.kind,
          title: a.title,
          status: a.status,
          createdAt: a.createdAt,
          // Done now, and when it was marked so (the latest time, if it was reopened and done again).
          doneAt: a.status === "done" ? (doneAt.get(a.id) ?? null) : null,
        })),
    })),
  };
}

type PrincipleFigures = ReturnType<typeof computeResults>["principles"][number];

/** One cycle's published figures of a principle, as a trend point. */
function pointOf(cycleId: string, p: PrincipleFigures) {
  return {
    cycleId,
    n: p.n,
    score: p.score,
    organizations: p.organizations.map((o) => ({
      organizationId: o.organizationId,
      n: o.n,
      performance: o.performance,
    })),
  };
}
