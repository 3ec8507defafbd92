import type { CycleRow } from "../cycles/queries";
import { nextPulsePrinciple } from "../domain/schedule";
import { partyOrganizations, scoresOf } from "../results/queries";

/**
 * The principle the next pulse of a partnership asks: a round through every agreed principle,
 * largest gap (as shown in the last closed assessment) first.
 */
export async function choosePulsePrinciple(db: D1Database, partnershipId: string, now = new Date().toISOString()) {
  const [agreed, lastAssessment, recent, settings, organizations] = await Promise.all([
    db
      .prepare("SELECT id FROM principles WHERE partnership_id = ? AND status = 'agreed' ORDER BY created_at, id")
      .bind(partnershipId)
      .all<{ id: string }>(),
    db
      .prepare(
        "SELECT id FROM cycles WHERE partnership_id = ? AND kind = 'assessment' AND closes_at <= ? ORDER BY closes_at DESC LIMIT 1",
      )
      .bind(partnershipId, now)
      .first<Pick<CycleRow, "id">>(),
    db
      .prepare(
        `SELECT cp.principle_id AS id FROM cycles c JOIN cycle_principles cp ON cp.cycle_id = c.id
         WHERE c.partnership_id = ? AND c.kind = 'pulse' ORDER BY c.opens_at DESC LIMIT 40`,
      )
      .bind(partnershipId)
      .all<{ id: string }>(),
    db
      .prepare("SELECT k, comment_threshold AS commentThreshold FROM partnerships WHERE id = ?")
      .bind(partnershipId)
      .first<{ k: number; commentThreshold: number }>(),
    partyOrganizations(db, partnershipId),
  ]);
  const gaps = new Map<string, number>();
  if (lastAssessment && settings) {
    const results = await scoresOf(
      db,
      lastAssessment.id,
      "assessment",
      organizations.map((o) => o.id),
      settings,
    );
    for (const p of results.principles) if (typeof p.gap === "number") gaps.set(p.principleId, p.gap);
  }
  return nextPulsePrinciple(
    agreed.results.map((p) => ({ id: p.id, gap: gaps.get(p.id) ?? null })),
    recent.results.map((r) => r.id),
  );
}
