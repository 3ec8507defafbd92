import { hmacHex, hmacKey } from "../auth/crypto";

/** RATING_KEY as a signing key, imported once per isolate (every submission signs with it). */
let signing: { secret: string; key: Promise<CryptoKey> } | undefined;

/**
 * The respondent key of a person in a cycle: HMAC(RATING_KEY, salt ‖ cycle id). Without the
 * Worker secret nobody can recompute it; without the salt, nobody ever can.
 */
export async function respondentKey(ratingKey: string, salt: string, cycleId: string): Promise<string> {
  if (!ratingKey) throw new Error("RATING_KEY is not configured");
  if (signing?.secret !== ratingKey) signing = { secret: ratingKey, key: hmacKey(ratingKey) };
  return hmacHex(await signing.key, `${salt}|${cycleId}`);
}
