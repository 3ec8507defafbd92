import { respondentKey } from "../ratings/respondent";

const GONE = "NOT EXISTS (SELECT 1 FROM memberships WHERE partnership_id = ?1 AND person_id = ?2)";

/**
 * What else goes when someone leaves a partnership: their replay records
 * and respondent salt. Their ratings stay counted; without the salt nobody can ever link them to
 * the person again. Each statement acts only once the membership is gone, because the removal
 * batch runs them after a guarded DELETE that may refuse (last facilitator).
 */
export async function removalStatements(db: D1Database, ratingKey: string, partnershipId: string, personId: string) {
  const salt = await db
    .prepare("SELECT salt FROM respondent_salts WHERE partnership_id = ? AND person_id = ?")
    .bind(partnershipId, personId)
    .first<{ salt: string }>();
  const statements: D1PreparedStatement[] = [];
  if (salt) {
    const { results: cycles } = await db
      .prepare("SELECT id FROM cycles WHERE partnership_id = ?")
      .bind(partnershipId)
      .all<{ id: string }>();
    for (const cycle of cycles) {
      const respondent = await respondentKey(ratingKey, salt.salt, cycle.id);
      statements.push(
        db
          .prepare(`DELETE FROM idempotency WHERE respondent = ?3 AND ${GONE}`)
          .bind(partnershipId, personId, respondent),
      );
    }
  }
  statements.push(
    db
      .prepare(`DELETE FROM respondent_salts WHERE partnership_id = ?1 AND person_id = ?2 AND ${GONE}`)
      .bind(partnershipId, personId),
  );
  return statements;
}
