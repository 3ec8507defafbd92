import { isoNow, newId } from "../db/ids";
import { rows } from "../db/rows";
import type { Role } from "../domain/roles";
import { base64url, sha256Hex } from "./crypto";
import type { Device } from "./device";
import {
  createSignInCodeStatement,
  createTokenStatement,
  liveTokenStatement,
  redeemSignInCodeStatements,
  type TokenOwnerRow,
  touchTokenStatement,
} from "./queries";

/** Personal tokens: "acc_" + 32 random bytes, base64url. Only the SHA-256 is stored. */
function newPersonalToken(): string {
  return `acc_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

const TOKEN_PATTERN = /^acc_[A-Za-z0-9_-]{43}$/;

// Crockford-style alphabet: no I, L, O, U, so codes survive being read aloud or retyped.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A sign-in code such as "7KQ2-M9TX-4HBD" (60 random bits). */
function newSignInCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Uppercases and drops separators, mapping look-alike letters, so "7kq2 m9tx 4hbd" matches. */
function normalizeSignInCode(code: string): string {
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
  const statement = createSignInCodeStatement(db, {
    hash: await sha256Hex(normalizeSignInCode(code)),
    personId,
    purpose,
    issuedBy,
    expiresAt,
    at: isoNow(now),
  });
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
  const [redeemed] = await db.batch(redeemSignInCodeStatements(db, hash, at));
  return (redeemed?.results[0] as { personId: string } | undefined) ?? null;
}

/** Creates a personal token for a person; returns the token (shown once) and its id. */
export async function issuePersonalToken(
  db: D1Database,
  personId: string,
  label: string,
  now = Date.now(),
  device: Device | null = null,
) {
  const token = newPersonalToken();
  const id = newId("tok");
  await createTokenStatement(db, { id, personId, hash: await sha256Hex(token), label, at: isoNow(now), device }).run();
  return { id, token };
}

/** Where a person is a member: role, and whether the partnership is archived. */
export type Memberships = ReadonlyMap<string, { role: Role; archived: boolean }>;

export interface TokenOwner {
  tokenId: string;
  personId: string;
  organizationId: string;
  name: string;
  admin: boolean;
  lastUsedAt: string | null;
  memberships: Memberships;
}

/** The hash a personal token is stored and looked up by; null for what cannot be a token. */
export async function tokenHash(token: string): Promise<string | null> {
  return TOKEN_PATTERN.test(token) ? sha256Hex(token) : null;
}

/**
 * Finds the live token's owner and their memberships in one statement, plus whatever `alongside`
 * reads in the same round trip. The lookup is by the token's hash (see `tokenHash`), so it leaks
 * nothing through timing. `also` holds the other statements' results, meaningful only with an owner.
 */
export async function findTokenOwner(
  db: D1Database,
  hash: string | null,
  alongside: D1PreparedStatement[] = [],
): Promise<{ owner: TokenOwner | null; also: D1Result[] }> {
  if (!hash) return { owner: null, also: [] };
  const [found, ...also] = await db.batch([liveTokenStatement(db, hash), ...alongside]);
  const row = rows<TokenOwnerRow>(found)[0];
  if (!row) return { owner: null, also: [] };
  const list = JSON.parse(row.memberships) as [string, Role, 0 | 1][];
  return {
    owner: {
      ...row,
      admin: row.admin === 1,
      memberships: new Map(list.map(([id, role, archived]) => [id, { role, archived: archived === 1 }])),
    },
    also,
  };
}

/**
 * Records the day a token was last used, at most once a day, so reads do not each cost a write and
 * the time says little. Callers skip it on rating submissions, which write nothing naming a person.
 */
export function touchToken(db: D1Database, owner: TokenOwner, now = Date.now()) {
  const today = isoNow(now).slice(0, 10);
  if (owner.lastUsedAt?.startsWith(today)) return null;
  return touchTokenStatement(db, owner.tokenId, today).run();
}

/** A rating submission: a request that must write nothing naming a person. */
export const isSubmission = (method: string, path: string) => method === "POST" && /\/responses$/.test(path);

/** The partnership and cycle a submission through the token door is for, or null. */
export function submissionTarget(method: string, path: string) {
  const match = /\/partnerships\/([^/]+)\/cycles\/([^/]+)\/responses$/.exec(path);
  return method === "POST" && match ? { partnershipId: match[1] as string, cycleId: match[2] as string } : null;
}
