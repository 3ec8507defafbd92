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

/** A live embed key's organization and sealed secret. */
export async function findLiveKey(db: D1Database, keyId: string) {
  return db
    .prepare(
      "SELECT organization_id AS organizationId, secret_sealed AS sealed FROM embed_keys WHERE id = ? AND revoked_at IS NULL",
    )
    .bind(keyId)
    .first<{ organizationId: string; sealed: string }>();
}

export async function isParty(db: D1Database, partnershipId: string, organizationId: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 AS yes FROM parties WHERE partnership_id = ? AND organization_id = ?")
    .bind(partnershipId, organizationId)
    .first();
  return row !== null;
}

/** The token's person in the organization (by externalId) and whether they are in the partnership. */
export async function findEmbedPerson(
  db: D1Database,
  organizationId: string,
  externalId: string,
  partnershipId: string,
) {
  return db
    .prepare(
      `SELECT p.id, p.name, p.removed_at AS removedAt,
              EXISTS (SELECT 1 FROM memberships m WHERE m.partnership_id = ?3 AND m.person_id = p.id) AS member
       FROM people p WHERE p.organization_id = ?1 AND p.external_id = ?2`,
    )
    .bind(organizationId, externalId, partnershipId)
    .first<{ id: string; name: string; removedAt: string | null; member: number }>();
}

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
