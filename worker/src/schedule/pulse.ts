import { listClosedCycles, listRecentPulsePrinciples } from "../cycles/queries";
import { nextPulsePrinciple } from "../domain/schedule";
import { findThresholds, listPartyIds } from "../partnerships/queries";
import { listAgreedIds } from "../principles/queries";
import { getScores } from "../results/queries";

/**
 * The principle the next pulse of a partnership asks: a round through every agreed principle,
 * largest gap (as shown in the last closed assessment) first.
 */
export async function choosePulsePrinciple(db: D1Database, partnershipId: string, now = new Date().toISOString()) {
  const [agreed, [lastAssessment], recent, settings, organizations] = await Promise.all([
    listAgreedIds(db, partnershipId),
    listClosedCycles(db, { partnershipId, kind: "assessment", closedBy: now, limit: 1 }),
    listRecentPulsePrinciples(db, partnershipId),
    findThresholds(db, partnershipId),
    listPartyIds(db, partnershipId),
  ]);
  const gaps = new Map<string, number>();
  if (lastAssessment && settings) {
    const results = await getScores(db, lastAssessment.id, "assessment", organizations, settings);
    for (const p of results.principles) if (typeof p.gap === "number") gaps.set(p.principleId, p.gap);
  }
  return nextPulsePrinciple(
    agreed.map((id) => ({ id, gap: gaps.get(id) ?? null })),
    recent,
  );
}
