import { hmacHex } from "../auth/crypto";

export const saltStatement = (db: D1Database, partnershipId: string, personId: string) =>
  db
    .prepare("SELECT salt FROM respondent_salts WHERE partnership_id = ? AND person_id = ?")
    .bind(partnershipId, personId);

/** The salt if the person has one (read-only paths must not create salts). */
export async function existingSalt(db: D1Database, partnershipId: string, personId: string) {
  const row = await saltStatement(db, partnershipId, personId).first<{ salt: string }>();
  return row?.salt ?? null;
}

/**
 * The respondent key of a person in a cycle: HMAC(RATING_KEY, salt ‖ cycle id). Without the
 * Worker secret nobody can recompute it; without the salt, nobody ever can.
 */
export function respondentKey(ratingKey: string, salt: string, cycleId: string): Promise<string> {
  if (!ratingKey) throw new Error("RATING_KEY is not configured");
  return hmacHex(ratingKey, `${salt}|${cycleId}`);
}
