import { listCycleIds } from "../cycles/queries";
import { findSalt, forgetRespondentStatements } from "../ratings/queries";
import { respondentKey } from "../ratings/respondent";

/**
 * What else goes when someone leaves a partnership: their replay records and respondent salt.
 * Their ratings stay counted; without the salt nobody can ever link them to the person again.
 * Each statement acts only once the membership is gone, because the removal batch runs them after
 * a guarded DELETE that may refuse (last facilitator).
 */
export async function removalStatements(db: D1Database, ratingKey: string, partnershipId: string, personId: string) {
  const salt = await findSalt(db, partnershipId, personId);
  const cycles = salt ? await listCycleIds(db, partnershipId) : [];
  const respondents = salt ? await Promise.all(cycles.map((id) => respondentKey(ratingKey, salt, id))) : [];
  return forgetRespondentStatements(db, partnershipId, personId, respondents);
}
