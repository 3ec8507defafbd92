import { hmacHex } from "../auth/crypto";

/**
 * The respondent key of a person in a cycle: HMAC(RATING_KEY, salt ‖ cycle id). Without the
 * Worker secret nobody can recompute it; without the salt, nobody ever can.
 */
export function respondentKey(ratingKey: string, salt: string, cycleId: string): Promise<string> {
  if (!ratingKey) throw new Error("RATING_KEY is not configured");
  return hmacHex(ratingKey, `${salt}|${cycleId}`);
}
