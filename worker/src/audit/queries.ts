import { isoNow } from "../db/ids";

/** Every action the audit logs record; the OpenAPI schema carries them, so clients can name each. */
export const AUDIT_ACTIONS = [
  "partnership.created",
  "partnership.archived",
  "partnership.restored",
  "settings.updated",
  "settings.proposed",
  "settings.approved",
  "settings.applied",
  "settings.rejected",
  "organization.invited",
  "organization.origins_updated",
  "organization.provisioning_changed",
  "person.invited",
  "person.provisioned",
  "person.role_changed",
  "person.updated",
  "person.removed",
  "person.restored",
  "person.recovery_issued",
  "embed_key.created",
  "embed_key.rotated",
  "embed_key.revoked",
  "principle.proposed",
  "principle.version_proposed",
  "principle.retirement_proposed",
  "principle.endorsed",
  "principle.objected",
  "principle.agreed",
  "principle.retired",
  "principle.commented",
  "cycle.scheduled",
  "cycle.opened",
  "cycle.closed",
  "cycle.reopened",
  "action.created",
  "action.updated",
  "action.noted",
  "channel.connected",
  "channel.replaced",
  "channel.removed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit entry is about. */
export const AUDIT_TARGETS = [
  "partnership",
  "settings_proposal",
  "organization",
  "person",
  "embed_key",
  "principle",
  "cycle",
  "action",
  "channel",
] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

interface AuditEntryInput {
  partnershipId: string;
  actorId: string | null;
  action: AuditAction;
  targetType: AuditTarget;
  targetId: string;
  detail?: Record<string, unknown>;
}

/**
 * An audit entry to add to the same batch as the change it records. With `onlyIf` (an SQL
 * condition and its values) the entry is written only when the condition holds inside the batch,
 * e.g. "changes() > 0" right after a guarded UPDATE.
 */
export function auditStatement(
  db: D1Database,
  entry: AuditEntryInput,
  onlyIf: { sql: string; values?: unknown[] } = { sql: "1" },
  now = Date.now(),
) {
  return db
    .prepare(
      `INSERT INTO audit_log (partnership_id, actor_id, action, target_type, target_id, detail, at)
       SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${onlyIf.sql}`,
    )
    .bind(
      entry.partnershipId,
      entry.actorId,
      entry.action,
      entry.targetType,
      entry.targetId,
      JSON.stringify(entry.detail ?? {}),
      isoNow(now),
      ...(onlyIf.values ?? []),
    );
}

interface AuditRow {
  id: number;
  actorId: string | null;
  actorName: string | null;
  actorOrganizationId: string | null;
  action: AuditAction;
  targetType: AuditTarget;
  targetId: string;
  detail: string;
  at: string;
}

/** One page of an audit log, newest first: a partnership's, or an organization's own. */
export async function listAudit(
  db: D1Database,
  log: { partnershipId: string } | { organizationId: string },
  before: number | undefined,
  limit: number,
) {
  const [table, column, id] =
    "partnershipId" in log
      ? ["audit_log", "partnership_id", log.partnershipId]
      : ["organization_audit_log", "organization_id", log.organizationId];
  const { results } = await db
    .prepare(
      `SELECT a.id, a.actor_id AS actorId, p.name AS actorName, p.organization_id AS actorOrganizationId,
              a.action, a.target_type AS targetType, a.target_id AS targetId, a.detail, a.at
       FROM ${table} a LEFT JOIN people p ON p.id = a.actor_id
       WHERE a.${column} = ? AND a.id < ?
       ORDER BY a.id DESC LIMIT ?`,
    )
    .bind(id, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<AuditRow>();
  const entries = results.map(({ actorId, actorName, actorOrganizationId, detail, ...rest }) => ({
    ...rest,
    detail: JSON.parse(detail) as Record<string, unknown>,
    actor:
      actorId && actorName && actorOrganizationId
        ? { id: actorId, name: actorName, organizationId: actorOrganizationId }
        : null,
  }));
  return { entries, next: results.length === limit ? (results.at(-1)?.id ?? null) : null };
}
