import { signInCodeStatement } from "../auth/credentials";
import { withdrawEligibilityStatement } from "../cycles/queries";
import { isoNow } from "../db/ids";
import type { Caller } from "../http/context";
import { conflict, invalid, notFound } from "../http/errors";
import { removalStatements } from "../people/process";
import { dropCredentialsIfUnattachedStatements } from "../people/queries";
import {
  findDirectoryPerson,
  findExternalIdHolder,
  findOrganization,
  listLastFacilitatorPartnerships,
  organizationAuditStatements,
  removePersonStatements,
  restorePersonStatement,
  setOriginsStatement,
  setProvisioningStatement,
  signOutEverywhereStatements,
  updatePersonStatement,
} from "./queries";

/** An admin acting on their own organization (organizationAdminScope has checked both). */
type Admin = Pick<Caller, "personId" | "organizationId">;

const LAST_ADMIN = "Your organization keeps at least one admin: make someone else admin first";

/** The organization with its settings and partnerships; 404 when it is gone. */
export async function getOrganization(db: D1Database, organizationId: string) {
  const org = await findOrganization(db, organizationId);
  if (!org) throw notFound("Organization not found");
  return org;
}

/** Whether the intranet's embed tokens may create people on first use; audited when it changes. */
export async function setProvisioning(db: D1Database, admin: Admin, provisioning: boolean) {
  await db.batch([
    setProvisioningStatement(db, admin.organizationId, provisioning),
    ...organizationAuditStatements(
      db,
      {
        organizationId: admin.organizationId,
        actorId: admin.personId,
        action: "organization.provisioning_changed",
        targetType: "organization",
        targetId: admin.organizationId,
        detail: { provisioning },
      },
      { sql: "changes() > 0" },
    ),
  ]);
  return getOrganization(db, admin.organizationId);
}

/** Replaces the origins allowed to embed the widget (duplicates dropped); audited with what was added and removed. */
export async function setAllowedOrigins(db: D1Database, admin: Admin, requested: string[]) {
  const before = await findOrganization(db, admin.organizationId);
  const origins = [...new Set(requested)];
  const added = origins.filter((o) => !before?.allowedOrigins.includes(o));
  const removed = (before?.allowedOrigins ?? []).filter((o) => !origins.includes(o));
  if (added.length || removed.length) {
    await db.batch([
      setOriginsStatement(db, admin.organizationId, origins),
      ...organizationAuditStatements(db, {
        organizationId: admin.organizationId,
        actorId: admin.personId,
        action: "organization.origins_updated",
        targetType: "organization",
        targetId: admin.organizationId,
        detail: { added, removed },
      }),
    ]);
  }
  return origins;
}

/** Someone of the organization's directory, removed or not; 404 when the organization has no such person. */
async function getDirectoryPerson(db: D1Database, organizationId: string, personId: string) {
  const found = await findDirectoryPerson(db, organizationId, personId);
  if (!found) throw notFound("Person not found");
  return found;
}

/**
 * Changes someone's name, externalId or admin role. An externalId names one person only, a removed
 * person must be restored first, and the organization keeps at least one admin.
 */
export async function updateDirectoryPerson(
  db: D1Database,
  admin: Admin,
  personId: string,
  patch: { name?: string; externalId?: string | null; admin?: boolean },
) {
  if (Object.keys(patch).length === 0) throw invalid("Send at least one field to change");
  const { organizationId } = admin;
  const before = await getDirectoryPerson(db, organizationId, personId);
  if (before.removedAt) throw conflict(`${before.name} was removed: restore them first`);
  const after = {
    name: patch.name ?? before.name,
    externalId: patch.externalId === undefined ? before.externalId : patch.externalId,
    admin: patch.admin ?? before.admin,
  };
  if (after.externalId !== before.externalId && after.externalId !== null) {
    const clash = await findExternalIdHolder(db, organizationId, after.externalId, personId);
    if (clash) throw conflict(`externalId "${after.externalId}" already belongs to ${clash.name}`);
  }
  const changes = Object.fromEntries(
    (["name", "externalId", "admin"] as const)
      .filter((k) => before[k] !== after[k])
      .map((k) => [k, { from: before[k], to: after[k] }]),
  );
  if (Object.keys(changes).length > 0) {
    const [updated] = await db.batch([
      updatePersonStatement(db, organizationId, personId, after),
      ...organizationAuditStatements(
        db,
        {
          organizationId,
          actorId: admin.personId,
          action: "person.updated",
          targetType: "person",
          targetId: personId,
          detail: { name: after.name, changes },
        },
        { sql: "changes() > 0" },
      ),
    ]);
    if (!updated?.results.length) throw conflict(LAST_ADMIN);
  }
  return getDirectoryPerson(db, organizationId, personId);
}

/**
 * Removes someone from the organization: they leave every partnership and lose their tokens; their
 * ratings stay counted and become unlinkable. Never the last admin, nor an organization's last
 * facilitator in a partnership.
 */
export async function removeFromOrganization(
  db: D1Database,
  ratingKey: string,
  admin: Admin,
  personId: string,
  now = Date.now(),
) {
  const { organizationId } = admin;
  const target = await getDirectoryPerson(db, organizationId, personId);
  if (target.removedAt) throw conflict(`${target.name} is already removed`);
  const last = await listLastFacilitatorPartnerships(db, organizationId, personId);
  if (last.length) {
    throw conflict(
      `${target.name} is your organization's last facilitator in ${last.join(", ")}: make someone else facilitator there first`,
    );
  }
  const at = isoNow(now);
  // Everything after the guarded UPDATE runs only if this removal (marked with its time) happened.
  const removedNow = {
    sql: "EXISTS (SELECT 1 FROM people WHERE id = ? AND removed_at = ?)",
    values: [personId, at],
  };
  const partnershipRemovals = await Promise.all(
    target.partnerships.map((p) => removalStatements(db, ratingKey, p.id, personId)),
  );
  const [removed] = await db.batch([
    ...removePersonStatements(db, organizationId, personId, at),
    withdrawEligibilityStatement(db, personId, null, at, removedNow),
    ...partnershipRemovals.flat(),
    ...dropCredentialsIfUnattachedStatements(db, personId),
    ...organizationAuditStatements(
      db,
      {
        organizationId,
        actorId: admin.personId,
        action: "person.removed",
        targetType: "person",
        targetId: personId,
        detail: { name: target.name },
      },
      removedNow,
    ),
  ]);
  if (!removed?.results.length) throw conflict(LAST_ADMIN);
  return getDirectoryPerson(db, organizationId, personId);
}

/** Restores someone removed: facilitators can invite them again and the intranet may sign them in. */
export async function restoreToOrganization(db: D1Database, admin: Admin, personId: string) {
  const { organizationId } = admin;
  const target = await getDirectoryPerson(db, organizationId, personId);
  if (!target.removedAt) throw conflict(`${target.name} is not removed`);
  await db.batch([
    restorePersonStatement(db, organizationId, personId),
    ...organizationAuditStatements(
      db,
      {
        organizationId,
        actorId: admin.personId,
        action: "person.restored",
        targetType: "person",
        targetId: personId,
        detail: { name: target.name },
      },
      { sql: "changes() > 0" },
    ),
  ]);
  return getDirectoryPerson(db, organizationId, personId);
}

/** Account recovery: a one-time sign-in code, after signing the person out everywhere; audited. */
export async function issueRecoveryCode(db: D1Database, admin: Admin, personId: string, now = Date.now()) {
  const target = await getDirectoryPerson(db, admin.organizationId, personId);
  if (target.removedAt) throw conflict(`${target.name} was removed: restore them first`);
  const code = await signInCodeStatement(db, personId, "recovery", admin.personId);
  await db.batch([
    ...signOutEverywhereStatements(db, personId, isoNow(now)),
    code.statement,
    ...organizationAuditStatements(db, {
      organizationId: admin.organizationId,
      actorId: admin.personId,
      action: "person.recovery_issued",
      targetType: "person",
      targetId: personId,
      detail: { name: target.name },
    }),
  ]);
  return { signInCode: code.code, expiresAt: code.expiresAt };
}
