import { hmacHex, toHex } from "../auth/crypto";

/** The person's salt in a partnership, created on first use. */
export async function saltFor(db: D1Database, partnershipId: string, personId: string): Promise<string> {
  const fresh = toHex(crypto.getRandomValues(new Uint8Array(32)));
  const row = await db
    .prepare(
      `INSERT INTO respondent_salts (partnership_id, person_id, salt) VALUES (?, ?, ?)
       ON CONFLICT (partnership_id, person_id) DO UPDATE SET salt = salt
       RETURNING salt`,
    )
    .bind(partnershipId, personId, fresh)
    .first<{ salt: string }>();
  return row?.salt ?? fresh;
}

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
