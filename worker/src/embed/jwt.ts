import { fromBase64url, hmacKey } from "../auth/crypto";
import { isId } from "../db/ids";
import { text } from "../http/text";

/** Embed tokens (SPEC §3 "API"): HS256 JWTs an intranet server signs with its embed secret. */
const MAX_LIFETIME_S = 3600;
const SUB = text({ max: 200 });
const NAME = text({ max: 120 });
const SKEW_S = 60;

interface EmbedClaims {
  iss: string;
  sub: string;
  name?: string;
}

type Verified = { ok: true; claims: EmbedClaims; keyId: string } | { ok: false; reason: string };

const decoder = new TextDecoder();
const json = (part: string): Record<string, unknown> | null => {
  const bytes = fromBase64url(part);
  if (!bytes) return null;
  try {
    const v = JSON.parse(decoder.decode(bytes));
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
};

/**
 * Verifies an embed token. The algorithm is checked before any key lookup, so `none` or an
 * asymmetric algorithm never reaches the database; the signature is checked with
 * `crypto.subtle.verify` (constant time); then audience, expiry (at most one hour ahead, 60 s skew),
 * issued-at (not in the future) and not-before.
 */
export async function verifyEmbedToken(
  token: string,
  secretFor: (keyId: string, subject: unknown) => Promise<string | null>,
  now = Date.now(),
): Promise<Verified> {
  const parts = token.split(".");
  if (parts.length !== 3 || token.length > 4096) return { ok: false, reason: "The embed token is not a JWT" };
  const [h, p, s] = parts as [string, string, string];
  const header = json(h);
  if (!header) return { ok: false, reason: "The embed token header is unreadable" };
  if (header.alg !== "HS256") return { ok: false, reason: 'The embed token must be signed with "alg": "HS256"' };
  const payload = json(p);
  if (!payload) return { ok: false, reason: "The embed token payload is unreadable" };
  const keyId = payload.iss;
  if (typeof keyId !== "string" || !isId("ek", keyId)) {
    return { ok: false, reason: 'The embed token needs "iss": the embed key id' };
  }
  // The subject is handed over unverified, so the caller can read what it needs in the same round
  // trip as the key; nothing read may be used unless this returns ok.
  const secret = await secretFor(keyId, payload.sub);
  const signature = fromBase64url(s);
  if (!secret || !signature)
    return { ok: false, reason: "The embed token's key is unknown or its signature is invalid" };
  const key = await hmacKey(secret, ["verify"]);
  const valid = await crypto.subtle.verify("HMAC", key, signature, new TextEncoder().encode(`${h}.${p}`));
  if (!valid) return { ok: false, reason: "The embed token's key is unknown or its signature is invalid" };

  const audience = payload.aud;
  if (audience !== "accord" && !(Array.isArray(audience) && audience.includes("accord"))) {
    return { ok: false, reason: 'The embed token\'s audience must be "accord"' };
  }
  const nowS = now / 1000;
  if (typeof payload.exp !== "number") return { ok: false, reason: 'The embed token needs "exp"' };
  if (payload.exp + SKEW_S < nowS) return { ok: false, reason: "The embed token has expired" };
  if (payload.exp > nowS + MAX_LIFETIME_S + SKEW_S) {
    return { ok: false, reason: "The embed token lives too long: exp must be at most one hour ahead" };
  }
  // An honest issuer never dates a token ahead: a future iat means a broken clock or a forgery.
  if (payload.iat !== undefined && typeof payload.iat !== "number") {
    return { ok: false, reason: 'The embed token\'s "iat" must be a number of seconds' };
  }
  if (typeof payload.iat === "number" && payload.iat > nowS + SKEW_S) {
    return { ok: false, reason: "The embed token was issued in the future" };
  }
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf > nowS + SKEW_S)) {
    return { ok: false, reason: "The embed token is not valid yet" };
  }
  // sub and name become a person's externalId and name: the same hygiene as any text field.
  if (typeof payload.sub !== "string" || !SUB.safeParse(payload.sub).success) {
    return { ok: false, reason: 'The embed token needs "sub": the person\'s id on the intranet' };
  }
  const parsedName = NAME.safeParse(typeof payload.name === "string" ? payload.name.slice(0, 120) : "");
  const name = parsedName.success ? parsedName.data : undefined;
  return { ok: true, keyId, claims: { iss: keyId, sub: payload.sub, ...(name ? { name } : {}) } };
}
