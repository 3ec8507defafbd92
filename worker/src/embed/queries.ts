import type { Role } from "../domain/roles";
import { listParties } from "../partnerships/queries";

interface EmbedKeyRow {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEY_COLUMNS =
  "id, label, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM embed_keys";

/** Every origin any party organization allows to embed Accord for this partnership. */
export async function listPartnershipOrigins(db: D1Database, partnershipId: string): Promise<Set<string>> {
  const parties = await listParties(db, partnershipId);
  return new Set(parties.flatMap((o) => JSON.parse(o.allowedOrigins) as string[]));
}

/** What the embed door needs, read in one statement from the token's (not yet verified) key and subject. */
export interface EmbedDoorRow {
  /** The key's organization and sealed secret (the signature is checked with it before anything else is used). */
  organizationId: string;
  sealed: string;
  /** The organization's allowed origins (JSON). */
  allowedOrigins: string;
  /** Every party organization's allowed origins (JSON array of JSON arrays), for CORS. */
  partnershipOrigins: string;
  party: number;
  archived: number | null;
  /** The organization's person with that externalId, if any, and their role in the partnership. */
  personId: string | null;
  personName: string | null;
  removedAt: string | null;
  role: Role | null;
}

/** The embed door's reads for a live key, or null when the key is unknown or revoked. */
export async function findEmbedDoor(
  db: D1Database,
  d: { keyId: string; externalId: string; partnershipId: string },
): Promise<EmbedDoorRow | null> {
  return db
    .prepare(
      `SELECT k.organization_id AS organizationId, k.secret_sealed AS sealed, o.allowed_origins AS allowedOrigins,
              (SELECT json_group_array(po.allowed_origins) FROM parties pa JOIN organizations po ON po.id = pa.organization_id
               WHERE pa.partnership_id = ?3) AS partnershipOrigins,
              EXISTS (SELECT 1 FROM parties WHERE partnership_id = ?3 AND organization_id = k.organization_id) AS party,
              (SELECT archived_at IS NOT NULL FROM partnerships WHERE id = ?3) AS archived,
              p.id AS personId, p.name AS personName, p.removed_at AS removedAt,
              (SELECT role FROM memberships m WHERE m.partnership_id = ?3 AND m.person_id = p.id) AS role
       FROM embed_keys k JOIN organizations o ON o.id = k.organization_id
       LEFT JOIN people p ON p.organization_id = k.organization_id AND p.external_id = ?2
       WHERE k.id = ?1 AND k.revoked_at IS NULL`,
    )
    .bind(d.keyId, d.externalId, d.partnershipId)
    .first<EmbedDoorRow>();
}

/** The union of the party organizations' allowed origins, from `partnershipOrigins`. */
export const originsOf = (partnershipOrigins: string): Set<string> =>
  new Set((JSON.parse(partnershipOrigins) as string[]).flatMap((list) => JSON.parse(list) as string[]));

/** Records a key's use at most once a minute. */
export function touchKeyStatement(db: D1Database, keyId: string, now: number): D1PreparedStatement {
  return db
    .prepare("UPDATE embed_keys SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?3)")
    .bind(new Date(now).toISOString(), keyId, new Date(now - 60_000).toISOString());
}

/** Creates the person if their organization allows provisioning and nobody holds the externalId. */
export function provisionPersonStatement(
  db: D1Database,
  p: { id: string; organizationId: string; externalId: string; name: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO people (id, organization_id, external_id, name, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT provisioning FROM organizations WHERE id = ?2) = 1`,
    )
    .bind(p.id, p.organizationId, p.externalId, p.name, p.at);
}

/** Makes the organization's (not removed) person with that externalId a member of the partnership. */
export function embedMembershipStatement(
  db: D1Database,
  m: { partnershipId: string; organizationId: string; externalId: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO memberships (partnership_id, person_id, role, created_at)
       SELECT ?, id, 'member', ? FROM people WHERE organization_id = ? AND external_id = ? AND removed_at IS NULL`,
    )
    .bind(m.partnershipId, m.at, m.organizationId, m.externalId);
}

export function externalPersonStatement(
  db: D1Database,
  organizationId: string,
  externalId: string,
): D1PreparedStatement {
  return db
    .prepare("SELECT id, name, removed_at AS removedAt FROM people WHERE organization_id = ? AND external_id = ?")
    .bind(organizationId, externalId);
}

export async function listEmbedKeys(db: D1Database, organizationId: string): Promise<EmbedKeyRow[]> {
  const { results } = await db
    .prepare(`SELECT ${KEY_COLUMNS} WHERE organization_id = ? ORDER BY created_at DESC`)
    .bind(organizationId)
    .all<EmbedKeyRow>();
  return results;
}

export async function findEmbedKey(db: D1Database, organizationId: string, keyId: string) {
  return db
    .prepare(`SELECT ${KEY_COLUMNS} WHERE id = ? AND organization_id = ?`)
    .bind(keyId, organizationId)
    .first<EmbedKeyRow>();
}

export function createEmbedKeyStatement(
  db: D1Database,
  k: { id: string; organizationId: string; sealed: string; label: string; by: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO embed_keys (id, organization_id, secret_sealed, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(k.id, k.organizationId, k.sealed, k.label, k.by, k.at);
}

export function revokeEmbedKeyStatement(db: D1Database, keyId: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE embed_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(at, keyId);
}
