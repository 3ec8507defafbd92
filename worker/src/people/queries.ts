import type { Role } from "../domain/roles";

export interface MemberRow {
  id: string;
  name: string;
  externalId: string | null;
  organizationId: string;
  role: Role;
  joinedAt: string;
}

const MEMBER = `SELECT p.id, p.name, p.external_id AS externalId, p.organization_id AS organizationId, m.role,
  m.created_at AS joinedAt FROM memberships m JOIN people p ON p.id = m.person_id`;

export async function listMembers(db: D1Database, partnershipId: string) {
  const { results } = await db
    .prepare(`${MEMBER} WHERE m.partnership_id = ? ORDER BY p.organization_id, m.role, p.name`)
    .bind(partnershipId)
    .all<MemberRow>();
  return results;
}

export async function findMember(db: D1Database, partnershipId: string, personId: string) {
  return db
    .prepare(`${MEMBER} WHERE m.partnership_id = ? AND m.person_id = ?`)
    .bind(partnershipId, personId)
    .first<MemberRow>();
}

/** A person of an organization; `admin` makes them one of its admins. */
export function createPersonStatement(
  db: D1Database,
  p: { id: string; organizationId: string; externalId: string | null; name: string; admin?: boolean; at: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO people (id, organization_id, external_id, name, admin, created_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(p.id, p.organizationId, p.externalId, p.name, p.admin ? 1 : 0, p.at);
}

export function membershipStatement(
  db: D1Database,
  m: { partnershipId: string; personId: string; role: Role; at: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO memberships (partnership_id, person_id, role, created_at) VALUES (?, ?, ?, ?)")
    .bind(m.partnershipId, m.personId, m.role, m.at);
}

/** A person with the organization they belong to. */
export async function findPersonWithOrganization(db: D1Database, personId: string) {
  return db
    .prepare(
      `SELECT p.id, p.name, p.external_id AS externalId, p.admin, o.id AS organizationId, o.name AS organizationName
       FROM people p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`,
    )
    .bind(personId)
    .first<{
      id: string;
      name: string;
      externalId: string | null;
      admin: number;
      organizationId: string;
      organizationName: string;
    }>();
}

/**
 * Demotes only while another facilitator of the same organization remains in the partnership;
 * the condition is inside the UPDATE so two concurrent demotions cannot both succeed.
 */
export function setRoleStatement(db: D1Database, partnershipId: string, person: MemberRow, role: Role) {
  return db
    .prepare(
      `UPDATE memberships SET role = ?1
       WHERE partnership_id = ?2 AND person_id = ?3
         AND (?1 = 'facilitator' OR EXISTS (
           SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id
           WHERE m.partnership_id = ?2 AND m.role = 'facilitator' AND p.organization_id = ?4 AND m.person_id <> ?3))
       RETURNING role`,
    )
    .bind(role, partnershipId, person.id, person.organizationId);
}

/** Removes a membership unless it is the organization's last facilitator there. */
export function removeMembershipStatement(db: D1Database, partnershipId: string, person: MemberRow) {
  return db
    .prepare(
      `DELETE FROM memberships
       WHERE partnership_id = ?1 AND person_id = ?2
         AND (role = 'member' OR EXISTS (
           SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id
           WHERE m.partnership_id = ?1 AND m.role = 'facilitator' AND p.organization_id = ?3 AND m.person_id <> ?2))
       RETURNING person_id`,
    )
    .bind(partnershipId, person.id, person.organizationId);
}

/** Once someone belongs to no partnership, their tokens and unused codes go too. */
export function dropCredentialsIfUnattachedStatements(db: D1Database, personId: string) {
  const unattached = "NOT EXISTS (SELECT 1 FROM memberships WHERE person_id = ?1)";
  return [
    db.prepare(`DELETE FROM personal_tokens WHERE person_id = ?1 AND ${unattached}`).bind(personId),
    db.prepare(`DELETE FROM sign_in_codes WHERE person_id = ?1 AND ${unattached}`).bind(personId),
  ];
}

/** Finds someone in an organization by their externalId (one human is one person). */
export async function findByExternalId(db: D1Database, organizationId: string, externalId: string) {
  return db
    .prepare("SELECT id, name, removed_at AS removedAt FROM people WHERE organization_id = ? AND external_id = ?")
    .bind(organizationId, externalId)
    .first<{ id: string; name: string; removedAt: string | null }>();
}
