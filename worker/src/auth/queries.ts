import type { SignInPurpose } from "./credentials";
import type { Device } from "./device";

export function createSignInCodeStatement(
  db: D1Database,
  c: { hash: string; personId: string; purpose: SignInPurpose; issuedBy: string | null; expiresAt: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sign_in_codes (code_hash, person_id, purpose, issued_by, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .bind(c.hash, c.personId, c.purpose, c.issuedBy, c.expiresAt, c.at);
}

/**
 * Marks a live code used (RETURNING its person, never a removed one) and records the person's
 * first sign-in.
 */
export function redeemSignInCodeStatements(db: D1Database, hash: string, at: string): D1PreparedStatement[] {
  return [
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
  ];
}

export function createTokenStatement(
  db: D1Database,
  t: { id: string; personId: string; hash: string; label: string; at: string; device?: Device | null },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO personal_tokens (id, person_id, token_hash, label, created_at, device_browser, device_system)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(t.id, t.personId, t.hash, t.label, t.at, t.device?.browser ?? null, t.device?.system ?? null);
}

export interface TokenOwnerRow {
  tokenId: string;
  personId: string;
  organizationId: string;
  name: string;
  admin: number;
  lastUsedAt: string | null;
  /** JSON: [[partnershipId, role, archived (0/1)], …] */
  memberships: string;
}

/**
 * The live token with that hash, its (not removed) owner and the owner's memberships: every
 * request's door in one statement.
 */
export function liveTokenStatement(db: D1Database, hash: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT t.id AS tokenId, p.id AS personId, p.organization_id AS organizationId, p.name AS name,
              p.admin, t.last_used_at AS lastUsedAt,
              (SELECT json_group_array(json_array(m.partnership_id, m.role, pa.archived_at IS NOT NULL))
               FROM memberships m JOIN partnerships pa ON pa.id = m.partnership_id
               WHERE m.person_id = p.id) AS memberships
       FROM personal_tokens t JOIN people p ON p.id = t.person_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND p.removed_at IS NULL`,
    )
    .bind(hash);
}

export function touchTokenStatement(db: D1Database, tokenId: string, day: string): D1PreparedStatement {
  return db.prepare("UPDATE personal_tokens SET last_used_at = ? WHERE id = ?").bind(`${day}T00:00:00.000Z`, tokenId);
}

/** Revokes one token of a person (a no-op on a token already revoked or not theirs). */
export function revokeTokenStatement(
  db: D1Database,
  personId: string,
  tokenId: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare("UPDATE personal_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND person_id = ?")
    .bind(at, tokenId, personId);
}

interface TokenRow {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  device: Device | null;
}

export async function listTokens(db: D1Database, personId: string): Promise<TokenRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, label, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt,
              device_browser AS browser, device_system AS system
       FROM personal_tokens WHERE person_id = ? ORDER BY created_at DESC`,
    )
    .bind(personId)
    .all<Omit<TokenRow, "device"> & { browser: string | null; system: string | null }>();
  return results.map(({ browser, system, ...t }) => ({
    ...t,
    device: browser !== null || system !== null ? { browser: browser ?? "", system: system ?? "" } : null,
  }));
}

/** Account recoveries an admin issued for the person, newest first. */
export async function listRecoveries(db: D1Database, personId: string) {
  const { results } = await db
    .prepare(
      `SELECT c.issued_by AS issuedById, p.name AS issuedByName, c.created_at AS at
       FROM sign_in_codes c LEFT JOIN people p ON p.id = c.issued_by
       WHERE c.person_id = ? AND c.purpose = 'recovery' ORDER BY c.created_at DESC LIMIT 20`,
    )
    .bind(personId)
    .all<{ issuedById: string | null; issuedByName: string | null; at: string }>();
  return results.map((r) => ({
    issuedBy: r.issuedById && r.issuedByName ? { id: r.issuedById, name: r.issuedByName } : null,
    at: r.at,
  }));
}

/** Creates a token with a fixed id, or gives it a new hash and un-revokes it (the demo's tokens). */
export function refreshTokenStatement(
  db: D1Database,
  t: { id: string; personId: string; hash: string; label: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO personal_tokens (id, person_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, revoked_at = NULL`,
    )
    .bind(t.id, t.personId, t.hash, t.label, t.at);
}
