import { isoNow, newId } from "../db/ids";
import { base64url, sha256Hex } from "./crypto";

/** Personal tokens: "acc_" + 32 random bytes, base64url. Only the SHA-256 is stored. */
export function newPersonalToken(): string {
  return `acc_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export const TOKEN_PATTERN = /^acc_[A-Za-z0-9_-]{43}$/;

// Crockford-style alphabet: no I, L, O, U, so codes survive being read aloud or retyped.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A sign-in code such as "7KQ2-M9TX-4HBD" (60 random bits). */
export function newSignInCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Uppercases and drops separators, mapping look-alike letters, so "7kq2 m9tx 4hbd" matches. */
export function normalizeSignInCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replaceAll("O", "0").replaceAll("I", "1").replaceAll("L", "1");
}

export const SIGN_IN_CODE_TTL_MS = {
  invite: 7 * 24 * 3600_000,
  recovery: 24 * 3600_000,
  "organization-invite": 7 * 24 * 3600_000,
  bootstrap: 7 * 24 * 3600_000,
  pairing: 10 * 60_000,
} as const;

export type SignInPurpose = keyof typeof SIGN_IN_CODE_TTL_MS;

/** Statement and code for a fresh sign-in code; run it in the caller's batch. */
export async function signInCodeStatement(
  db: D1Database,
  personId: string,
  purpose: SignInPurpose,
  issuedBy: string | null,
  now = Date.now(),
) {
  const code = newSignInCode();
  const expiresAt = isoNow(now + SIGN_IN_CODE_TTL_MS[purpose]);
  const statement = db
    .prepare(
      `INSERT INTO sign_in_codes (code_hash, person_id, purpose, issued_by, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .bind(await sha256Hex(normalizeSignInCode(code)), personId, purpose, issuedBy, expiresAt, isoNow(now));
  return { code, expiresAt, statement };
}

/**
 * Marks a code used and returns its person, or null when unknown, used, expired or the person was
 * removed. The person's first sign-in is recorded: from then on only they (pairing) or an admin's
 * audited recovery can issue a code for them.
 */
export async function redeemSignInCode(db: D1Database, code: string, now = Date.now()) {
  const hash = await sha256Hex(normalizeSignInCode(code));
  const at = isoNow(now);
  const [redeemed] = await db.batch([
    db
      .prepare(
        `UPDATE sign_in_codes SET used_at = ?1
         WHERE code_hash = ?2 AND used_at IS NULL AND expires_at > ?1
           AND person_id IN (SELECT id FROM people WHERE removed_at IS NULL)
         RETURNING person_id AS personId`,
      )
      .bind(at, hash),
    db
      .prepare(
        "UPDATE people SET signed_in_at = ?1 WHERE signed_in_at IS NULL AND id = (SELECT person_id FROM sign_in_codes WHERE code_hash = ?2 AND used_at = ?1)",
      )
      .bind(at, hash),
  ]);
  return (redeemed?.results[0] as { personId: string } | undefined) ?? null;
}

/** Creates a personal token for a person; returns the token (shown once) and its id. */
export async function issuePersonalToken(db: D1Database, personId: string, label: string, now = Date.now()) {
  const token = newPersonalToken();
  const id = newId("tok");
  await db
    .prepare(`INSERT INTO personal_tokens (id, person_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)`)
    .bind(id, personId, await sha256Hex(token), label, isoNow(now))
    .run();
  return { id, token };
}

export interface TokenOwner {
  tokenId: string;
  personId: string;
  organizationId: string;
  name: string;
  admin: boolean;
  lastUsedAt: string | null;
}

/** Finds the live token's owner. The lookup is by hash, so it leaks nothing through timing. */
export async function findTokenOwner(db: D1Database, token: string): Promise<TokenOwner | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .prepare(
      `SELECT t.id AS tokenId, p.id AS personId, p.organization_id AS organizationId, p.name AS name,
              p.admin, t.last_used_at AS lastUsedAt
       FROM personal_tokens t JOIN people p ON p.id = t.person_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND p.removed_at IS NULL`,
    )
    .bind(await sha256Hex(token))
    .first<Omit<TokenOwner, "admin"> & { admin: number }>();
  return row ? { ...row, admin: row.admin === 1 } : null;
}

/**
 * Records the day a token was last used, at most once a day, so reads do not each cost a write and
 * the time says little. Callers skip it on rating submissions, which write nothing naming a person.
 */
export function touchToken(db: D1Database, owner: TokenOwner, now = Date.now()) {
  const today = isoNow(now).slice(0, 10);
  if (owner.lastUsedAt?.startsWith(today)) return null;
  return db
    .prepare("UPDATE personal_tokens SET last_used_at = ? WHERE id = ?")
    .bind(`${today}T00:00:00.000Z`, owner.tokenId)
    .run();
}

/** A rating submission: a request that must write nothing naming a person. */
export const isSubmission = (method: string, path: string) => method === "POST" && /\/responses$/.test(path);
