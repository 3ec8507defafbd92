import { isoNow } from "../db/ids";

export const ACTION_STATUSES = ["open", "in_progress", "done", "dropped"] as const;
export const ACTION_KINDS = ["improve", "celebrate"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionKind = (typeof ACTION_KINDS)[number];

interface ActionRow {
  id: string;
  kind: ActionKind;
  title: string;
  detail: string;
  principleId: string | null;
  cycleId: string | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerOrganizationId: string | null;
  dueOn: string | null;
  status: ActionStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT a.id, a.kind, a.title, a.detail, a.principle_id AS principleId, a.cycle_id AS cycleId,
  a.owner_id AS ownerId, o.name AS ownerName, o.organization_id AS ownerOrganizationId, a.due_on AS dueOn, a.status,
  a.created_by AS createdBy, a.created_at AS createdAt, a.updated_at AS updatedAt
  FROM actions a LEFT JOIN people o ON o.id = a.owner_id`;

/** An action as the API shows it: owner as an object, overdue derived from the day. */
export function actionView(r: ActionRow, today = isoNow().slice(0, 10)) {
  const { ownerId, ownerName, ownerOrganizationId, ...rest } = r;
  return {
    ...rest,
    owner:
      ownerId && ownerName && ownerOrganizationId
        ? { id: ownerId, name: ownerName, organizationId: ownerOrganizationId }
        : null,
    overdue: r.dueOn !== null && r.dueOn < today && (r.status === "open" || r.status === "in_progress"),
  };
}

export async function findAction(db: D1Database, partnershipId: string, actionId: string) {
  return db
    .prepare(`${SELECT} WHERE a.partnership_id = ? AND a.id = ?`)
    .bind(partnershipId, actionId)
    .first<ActionRow>();
}

/** Actions, unfinished first, then by due date; each filter applies only when given. */
export async function listActions(
  db: D1Database,
  partnershipId: string,
  f: { ownerId: string | null; principleId: string | null; status: ActionStatus | null; overdueOn: string | null },
) {
  const { results } = await db
    .prepare(
      `${SELECT} WHERE a.partnership_id = ?1
         AND (?2 IS NULL OR a.owner_id = ?2)
         AND (?3 IS NULL OR a.principle_id = ?3)
         AND (?4 IS NULL OR a.status = ?4)
         AND (?5 IS NULL OR (a.due_on < ?5 AND a.status IN ('open', 'in_progress')))
       ORDER BY a.status IN ('done', 'dropped'), a.due_on IS NULL, a.due_on, a.created_at`,
    )
    .bind(partnershipId, f.ownerId, f.principleId, f.status, f.overdueOn)
    .all<ActionRow>();
  return results;
}

/** Every action of the partnership as stored, oldest first (for the export). */
export async function listActionRecords(db: D1Database, partnershipId: string) {
  const [actions, notes] = await db.batch([
    db.prepare("SELECT * FROM actions WHERE partnership_id = ? ORDER BY created_at").bind(partnershipId),
    db
      .prepare(
        "SELECT n.* FROM action_notes n JOIN actions a ON a.id = n.action_id WHERE a.partnership_id = ? ORDER BY n.created_at",
      )
      .bind(partnershipId),
  ]);
  return { actions: actions?.results ?? [], notes: notes?.results ?? [] };
}

export interface PrincipleActionRow {
  id: string;
  principleId: string;
  cycleId: string | null;
  kind: ActionKind;
  title: string;
  status: ActionStatus;
  createdAt: string;
}

/** Actions tied to a principle, oldest first (results show them beside the principle). */
export function principleActionsStatement(db: D1Database, partnershipId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id, principle_id AS principleId, cycle_id AS cycleId, kind, title, status, created_at AS createdAt
       FROM actions WHERE partnership_id = ? AND principle_id IS NOT NULL ORDER BY created_at`,
    )
    .bind(partnershipId);
}

interface NoteRow {
  id: string;
  body: string;
  createdAt: string;
  authorId: string;
  authorName: string;
}

export async function listNotes(db: D1Database, actionId: string) {
  const { results } = await db
    .prepare(
      `SELECT n.id, n.body, n.created_at AS createdAt, p.id AS authorId, p.name AS authorName
       FROM action_notes n JOIN people p ON p.id = n.person_id WHERE n.action_id = ? ORDER BY n.created_at, n.id`,
    )
    .bind(actionId)
    .all<NoteRow>();
  return results.map((n) => ({
    id: n.id,
    body: n.body,
    createdAt: n.createdAt,
    author: { id: n.authorId, name: n.authorName },
  }));
}

/** Whether a reference of an action body points into the partnership. */
export async function isInPartnership(
  db: D1Database,
  partnershipId: string,
  what: "principleId" | "cycleId" | "ownerId",
  id: string,
): Promise<boolean> {
  const sql = {
    principleId: "SELECT 1 AS yes FROM principles WHERE partnership_id = ? AND id = ?",
    cycleId: "SELECT 1 AS yes FROM cycles WHERE partnership_id = ? AND id = ?",
    ownerId: "SELECT 1 AS yes FROM memberships WHERE partnership_id = ? AND person_id = ?",
  }[what];
  return (await db.prepare(sql).bind(partnershipId, id).first()) !== null;
}

export function createActionStatement(
  db: D1Database,
  a: Omit<ActionRow, "ownerName" | "ownerOrganizationId" | "createdBy" | "createdAt" | "updatedAt"> & {
    partnershipId: string;
    by: string;
    at: string;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO actions (id, partnership_id, kind, title, detail, principle_id, cycle_id, owner_id, due_on, status, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      a.id,
      a.partnershipId,
      a.kind,
      a.title,
      a.detail,
      a.principleId,
      a.cycleId,
      a.ownerId,
      a.dueOn,
      a.status,
      a.by,
      a.at,
      a.at,
    );
}

const COLUMNS = {
  title: "title",
  detail: "detail",
  principleId: "principle_id",
  cycleId: "cycle_id",
  ownerId: "owner_id",
  dueOn: "due_on",
  status: "status",
} as const;

export type ActionPatch = Partial<Record<keyof typeof COLUMNS, string | null>>;

export function updateActionStatement(
  db: D1Database,
  partnershipId: string,
  actionId: string,
  patch: ActionPatch,
  at: string,
): D1PreparedStatement {
  const keys = Object.keys(patch) as (keyof typeof COLUMNS)[];
  return db
    .prepare(
      `UPDATE actions SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(", ")}, updated_at = ? WHERE id = ? AND partnership_id = ?`,
    )
    .bind(...keys.map((k) => patch[k] ?? null), at, actionId, partnershipId);
}

/** A progress note; the action counts as updated. */
export function noteStatements(
  db: D1Database,
  n: { id: string; actionId: string; personId: string; body: string; at: string },
): D1PreparedStatement[] {
  return [
    db
      .prepare("INSERT INTO action_notes (id, action_id, person_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
      .bind(n.id, n.actionId, n.personId, n.body, n.at),
    db.prepare("UPDATE actions SET updated_at = ? WHERE id = ?").bind(n.at, n.actionId),
  ];
}
