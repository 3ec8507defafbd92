import type { AuditAction, AuditTarget } from "../audit/queries";
import { isoNow } from "../db/ids";

interface OrganizationAuditEntry {
  organizationId: string;
  actorId: string | null;
  action: AuditAction;
  targetType: AuditTarget;
  targetId: string;
  detail?: Record<string, unknown>;
}

/**
 * An organization-wide change, audited twice in the caller's batch: in the organization's own log
 * (its admins read it) and in the log of every partnership the organization is in, so partners
 * see that keys, origins or people of the other side changed. With `onlyIf` (an SQL condition)
 * nothing is written unless it holds; the second insert follows the first.
 */
export function organizationAuditStatements(
  db: D1Database,
  e: OrganizationAuditEntry,
  onlyIf: { sql: string; values?: unknown[] } = { sql: "1" },
  now = Date.now(),
) {
  const at = isoNow(now);
  const detail = JSON.stringify({ organizationId: e.organizationId, ...e.detail });
  return [
    db
      .prepare(
        `INSERT INTO organization_audit_log (organization_id, actor_id, action, target_type, target_id, detail, at)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${onlyIf.sql}`,
      )
      .bind(e.organizationId, e.actorId, e.action, e.targetType, e.targetId, detail, at, ...(onlyIf.values ?? [])),
    db
      .prepare(
        `INSERT INTO audit_log (partnership_id, actor_id, action, target_type, target_id, detail, at)
         SELECT partnership_id, ?, ?, ?, ?, ?, ? FROM parties WHERE organization_id = ? AND changes() > 0`,
      )
      .bind(e.actorId, e.action, e.targetType, e.targetId, detail, at, e.organizationId),
  ];
}

export interface OrganizationView {
  id: string;
  name: string;
  provisioning: boolean;
  allowedOrigins: string[];
  partnerships: { id: string; name: string }[];
}

export async function findOrganization(db: D1Database, organizationId: string): Promise<OrganizationView | null> {
  const [org, partnerships] = await db.batch<unknown>([
    db
      .prepare("SELECT id, name, provisioning, allowed_origins AS allowedOrigins FROM organizations WHERE id = ?")
      .bind(organizationId),
    db
      .prepare(
        `SELECT p.id, p.name FROM parties pa JOIN partnerships p ON p.id = pa.partnership_id
         WHERE pa.organization_id = ? ORDER BY p.name`,
      )
      .bind(organizationId),
  ]);
  const row = org?.results[0] as { id: string; name: string; provisioning: number; allowedOrigins: string } | undefined;
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    provisioning: row.provisioning === 1,
    allowedOrigins: JSON.parse(row.allowedOrigins) as string[],
    partnerships: (partnerships?.results ?? []) as { id: string; name: string }[],
  };
}

export interface DirectoryPerson {
  id: string;
  name: string;
  externalId: string | null;
  admin: boolean;
  removedAt: string | null;
  signedInAt: string | null;
  createdAt: string;
  partnerships: { id: string; name: string; role: "facilitator" | "member" }[];
}

const PERSON_COLUMNS = `p.id, p.name, p.external_id AS externalId, p.admin, p.removed_at AS removedAt,
  p.signed_in_at AS signedInAt, p.created_at AS createdAt,
  (SELECT json_group_array(json_object('id', pr.id, 'name', pr.name, 'role', m.role))
   FROM memberships m JOIN partnerships pr ON pr.id = m.partnership_id WHERE m.person_id = p.id) AS partnerships`;

type PersonRow = Omit<DirectoryPerson, "admin" | "partnerships"> & { admin: number; partnerships: string };

const toPerson = (r: PersonRow): DirectoryPerson => ({
  ...r,
  admin: r.admin === 1,
  partnerships: JSON.parse(r.partnerships) as DirectoryPerson["partnerships"],
});

/** The organization's directory: everyone, removed people included (they are remembered). */
export async function listDirectory(db: D1Database, organizationId: string) {
  const { results } = await db
    .prepare(
      `SELECT ${PERSON_COLUMNS} FROM people p WHERE p.organization_id = ? ORDER BY p.removed_at IS NOT NULL, p.name`,
    )
    .bind(organizationId)
    .all<PersonRow>();
  return results.map(toPerson);
}

export async function findDirectoryPerson(db: D1Database, organizationId: string, personId: string) {
  const row = await db
    .prepare(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.organization_id = ? AND p.id = ?`)
    .bind(organizationId, personId)
    .first<PersonRow>();
  return row ? toPerson(row) : null;
}

/** Another admin of the organization remains: the condition that keeps every organization administrable. */
const ANOTHER_ADMIN = `EXISTS (SELECT 1 FROM people o WHERE o.organization_id = ?2 AND o.admin = 1
  AND o.removed_at IS NULL AND o.id <> ?1)`;

/**
 * The person is not the last facilitator of their organization in any partnership (a partnership
 * would lose its voice for that organization).
 */
const NOT_LAST_FACILITATOR = `NOT EXISTS (
  SELECT 1 FROM memberships m WHERE m.person_id = ?1 AND m.role = 'facilitator' AND NOT EXISTS (
    SELECT 1 FROM memberships m2 JOIN people p2 ON p2.id = m2.person_id
    WHERE m2.partnership_id = m.partnership_id AND m2.role = 'facilitator' AND p2.organization_id = ?2
      AND m2.person_id <> ?1))`;

/** The partnerships where the person is the organization's last facilitator. */
export async function listLastFacilitatorPartnerships(db: D1Database, organizationId: string, personId: string) {
  const { results } = await db
    .prepare(
      `SELECT pr.name FROM memberships m JOIN partnerships pr ON pr.id = m.partnership_id
       WHERE m.person_id = ?1 AND m.role = 'facilitator' AND NOT EXISTS (
         SELECT 1 FROM memberships m2 JOIN people p2 ON p2.id = m2.person_id
         WHERE m2.partnership_id = m.partnership_id AND m2.role = 'facilitator' AND p2.organization_id = ?2
           AND m2.person_id <> ?1)`,
    )
    .bind(personId, organizationId)
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

export const setProvisioningStatement = (db: D1Database, organizationId: string, provisioning: boolean) =>
  db
    .prepare("UPDATE organizations SET provisioning = ?1 WHERE id = ?2 AND provisioning <> ?1")
    .bind(provisioning ? 1 : 0, organizationId);

export const setOriginsStatement = (db: D1Database, organizationId: string, origins: string[]) =>
  db.prepare("UPDATE organizations SET allowed_origins = ? WHERE id = ?").bind(JSON.stringify(origins), organizationId);

/** Who else in the organization holds an externalId (one human is one person). */
export const findExternalIdHolder = (db: D1Database, organizationId: string, externalId: string, personId: string) =>
  db
    .prepare("SELECT name FROM people WHERE organization_id = ? AND external_id = ? AND id <> ?")
    .bind(organizationId, externalId, personId)
    .first<{ name: string }>();

/** Updates a person; demoting the last admin changes nothing (RETURNING is then empty). */
export const updatePersonStatement = (
  db: D1Database,
  organizationId: string,
  personId: string,
  p: { name: string; externalId: string | null; admin: boolean },
) =>
  db
    .prepare(
      `UPDATE people SET name = ?3, external_id = ?4, admin = ?5
       WHERE id = ?1 AND organization_id = ?2 AND (?5 = 1 OR admin = 0 OR ${ANOTHER_ADMIN}) RETURNING id`,
    )
    .bind(personId, organizationId, p.name, p.externalId, p.admin ? 1 : 0);

/**
 * Marks a person removed (never the last admin, never an organization's last facilitator in a
 * partnership) and, only then, drops their memberships. The removal time identifies this removal
 * for the statements that follow in the batch.
 */
export const removePersonStatements = (db: D1Database, organizationId: string, personId: string, now: string) => [
  db
    .prepare(
      `UPDATE people SET removed_at = ?3, admin = 0
       WHERE id = ?1 AND organization_id = ?2 AND removed_at IS NULL
         AND (admin = 0 OR ${ANOTHER_ADMIN}) AND ${NOT_LAST_FACILITATOR} RETURNING id`,
    )
    .bind(personId, organizationId, now),
  db
    .prepare(
      "DELETE FROM memberships WHERE person_id = ?1 AND EXISTS (SELECT 1 FROM people WHERE id = ?1 AND removed_at = ?2)",
    )
    .bind(personId, now),
];

export const restorePersonStatement = (db: D1Database, organizationId: string, personId: string) =>
  db
    .prepare("UPDATE people SET removed_at = NULL WHERE id = ? AND organization_id = ? AND removed_at IS NOT NULL")
    .bind(personId, organizationId);

/**
 * Account recovery: every token of the person is revoked and earlier unused codes stop working;
 * recovery records stay, so the person sees each one.
 */
export const signOutEverywhereStatements = (db: D1Database, personId: string, now: string) => [
  db
    .prepare("UPDATE personal_tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL")
    .bind(now, personId),
  db
    .prepare("UPDATE sign_in_codes SET expires_at = ?1 WHERE person_id = ?2 AND used_at IS NULL AND expires_at > ?1")
    .bind(now, personId),
];

export function createOrganizationStatement(
  db: D1Database,
  o: { id: string; name: string; at: string },
): D1PreparedStatement {
  return db.prepare("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)").bind(o.id, o.name, o.at);
}

/** Names of organizations by id, in the order asked (an unknown id stands for itself). */
export async function listOrganizationNames(db: D1Database, ids: string[]): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT id, name FROM organizations WHERE id IN (${ids.map(() => "?").join(", ")})`)
    .bind(...ids)
    .all<{ id: string; name: string }>();
  return ids.map((id) => results.find((r) => r.id === id)?.name ?? id);
}
