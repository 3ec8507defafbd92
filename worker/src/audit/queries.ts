import { isoNow } from "../db/ids";

/**
 * An audit entry to add to the same batch as the change it records. With `onlyIf` (an SQL
 * condition and its values) the entry is written only when the condition holds inside the batch,
 * e.g. "changes() > 0" right after a guarded UPDATE.
 */
export function auditStatement(
  db: D1Database,
  entry: {
    partnershipId: string;
    actorId: string | null;
    action: string;
    targetType: string;
    targetId: string;
    detail?: Record<string, unknown>;
  },
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

export interface AuditRow {
  id: number;
  actorId: string | null;
  actorName: string | null;
  actorOrganizationId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail: string;
  at: string;
}

export async function listAudit(db: D1Database, partnershipId: string, before: number | undefined, limit: number) {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.actor_id AS actorId, p.name AS actorName, p.organization_id AS actorOrganizationId,
              a.action, a.target_type AS targetType, a.target_id AS targetId, a.detail, a.at
       FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
       WHERE a.partnership_id = ? AND a.id < ?
       ORDER BY a.id DESC LIMIT ?`,
    )
    .bind(partnershipId, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<AuditRow>();
  return results.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
