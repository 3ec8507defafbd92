import { rows } from "../db/rows";
import type { Role } from "../domain/roles";
import { type AssessmentCadence, MIN_K, type PulseCadence, type Settings } from "../domain/settings";

interface PartnershipRow {
  id: string;
  name: string;
  purpose: string;
  k: number;
  comment_threshold: number;
  assessment_cadence: AssessmentCadence;
  assessment_window_days: number;
  pulse_cadence: PulseCadence;
  cadence_start: string;
  reminder_sites: string;
  archived_at: string | null;
  created_at: string;
}

const partnershipStatement = (db: D1Database, partnershipId: string) =>
  db.prepare("SELECT * FROM partnerships WHERE id = ?").bind(partnershipId);

function toSettings(row: PartnershipRow): Settings {
  return {
    name: row.name,
    purpose: row.purpose,
    k: row.k,
    commentThreshold: row.comment_threshold,
    assessmentCadence: row.assessment_cadence,
    assessmentWindowDays: row.assessment_window_days,
    pulseCadence: row.pulse_cadence,
    cadenceStart: row.cadence_start,
    reminderSites: JSON.parse(row.reminder_sites) as string[],
  };
}

export async function getSettings(db: D1Database, partnershipId: string): Promise<Settings> {
  const row = await partnershipStatement(db, partnershipId).first<PartnershipRow>();
  if (!row) throw new Error(`partnership ${partnershipId} vanished`);
  return toSettings(row);
}

export interface PartyRow {
  id: string;
  name: string;
  joinedAt: string;
  allowedOrigins: string;
}

/** The party organizations of a partnership, in the order they joined. */
export function partiesStatement(db: D1Database, partnershipId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT o.id, o.name, pa.joined_at AS joinedAt, o.allowed_origins AS allowedOrigins
       FROM parties pa JOIN organizations o ON o.id = pa.organization_id
       WHERE pa.partnership_id = ? ORDER BY pa.joined_at, o.name`,
    )
    .bind(partnershipId);
}

export async function listParties(db: D1Database, partnershipId: string): Promise<PartyRow[]> {
  const { results } = await partiesStatement(db, partnershipId).all<PartyRow>();
  return results;
}

export async function listPartyIds(db: D1Database, partnershipId: string): Promise<string[]> {
  return (await listParties(db, partnershipId)).map((o) => o.id);
}

/** The partnership as its member sees it: allowed origins only of their own organization. */
export async function findPartnership(db: D1Database, partnershipId: string, role: Role, callerOrganizationId: string) {
  const [row, organizations] = await Promise.all([
    partnershipStatement(db, partnershipId).first<PartnershipRow>(),
    listParties(db, partnershipId),
  ]);
  if (!row) return null;
  return {
    id: row.id,
    role,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    settings: toSettings(row),
    organizations: organizations.map((o) => ({
      id: o.id,
      name: o.name,
      joinedAt: o.joinedAt,
      ...(o.id === callerOrganizationId ? { allowedOrigins: JSON.parse(o.allowedOrigins) as string[] } : {}),
    })),
  };
}

export async function listPartnershipsOf(db: D1Database, personId: string) {
  const { results } = await db
    .prepare(
      `SELECT p.id, p.name, m.role, p.archived_at IS NOT NULL AS archived
       FROM memberships m JOIN partnerships p ON p.id = m.partnership_id
       WHERE m.person_id = ? ORDER BY p.archived_at IS NOT NULL, p.name`,
    )
    .bind(personId)
    .all<{ id: string; name: string; role: Role; archived: number }>();
  return results.map((r) => ({ ...r, archived: r.archived === 1 }));
}

const COLUMNS: Record<keyof Settings, string> = {
  name: "name",
  purpose: "purpose",
  k: "k",
  commentThreshold: "comment_threshold",
  assessmentCadence: "assessment_cadence",
  assessmentWindowDays: "assessment_window_days",
  pulseCadence: "pulse_cadence",
  cadenceStart: "cadence_start",
  reminderSites: "reminder_sites",
};

export function updateSettingsStatement(db: D1Database, partnershipId: string, patch: Partial<Settings>) {
  const keys = Object.keys(patch) as (keyof Settings)[];
  const values = keys.map((k) => (k === "reminderSites" ? JSON.stringify(patch[k]) : patch[k]));
  return db
    .prepare(`UPDATE partnerships SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(", ")} WHERE id = ?`)
    .bind(...values, partnershipId);
}

export async function countParties(db: D1Database, partnershipId: string): Promise<number> {
  return (await listParties(db, partnershipId)).length;
}

/** The caller's membership of a partnership, with whether the partnership is archived. */
export async function findMembership(db: D1Database, partnershipId: string, personId: string) {
  return db
    .prepare(
      `SELECT m.role AS role, p.archived_at AS archivedAt
       FROM memberships m JOIN partnerships p ON p.id = m.partnership_id
       WHERE m.partnership_id = ? AND m.person_id = ?`,
    )
    .bind(partnershipId, personId)
    .first<{ role: Role; archivedAt: string | null }>();
}

export function createPartnershipStatement(
  db: D1Database,
  p: { id: string; name: string; purpose: string; cadenceStart: string; at: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO partnerships (id, name, purpose, cadence_start, created_at) VALUES (?, ?, ?, ?, ?)")
    .bind(p.id, p.name, p.purpose, p.cadenceStart, p.at);
}

/** Makes an organization a party to a partnership. */
export function partyStatement(
  db: D1Database,
  p: { partnershipId: string; organizationId: string; at: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO parties (partnership_id, organization_id, joined_at) VALUES (?, ?, ?)")
    .bind(p.partnershipId, p.organizationId, p.at);
}

/** Archives (a time) or restores (null) a partnership. */
export function archiveStatement(
  db: D1Database,
  partnershipId: string,
  archivedAt: string | null,
): D1PreparedStatement {
  return db.prepare("UPDATE partnerships SET archived_at = ? WHERE id = ?").bind(archivedAt, partnershipId);
}

/** The partnership's k and comment threshold as set now. */
export async function findThresholds(db: D1Database, partnershipId: string) {
  return db
    .prepare("SELECT k, comment_threshold AS commentThreshold FROM partnerships WHERE id = ?")
    .bind(partnershipId)
    .first<{ k: number; commentThreshold: number }>();
}

export const SETTINGS_PROPOSAL_STATUSES = ["open", "applied", "rejected"] as const;

interface SettingsProposalRow {
  id: string;
  changes: string;
  note: string | null;
  status: (typeof SETTINGS_PROPOSAL_STATUSES)[number];
  createdById: string;
  createdByName: string;
  createdAt: string;
  decidedAt: string | null;
}

interface ApprovalRow {
  proposalId: string;
  organizationId: string;
  personId: string;
  name: string;
  at: string;
}

/** Settings proposals (newest first, or the one `proposalId`), their approvals and the parties. */
export async function listSettingsProposalRows(db: D1Database, partnershipId: string, proposalId: string | null) {
  const [proposals, approvals, parties] = await db.batch<unknown>([
    db
      .prepare(
        `SELECT sp.id, sp.changes, sp.note, sp.status, sp.created_by AS createdById, p.name AS createdByName,
                sp.created_at AS createdAt, sp.decided_at AS decidedAt
         FROM settings_proposals sp JOIN people p ON p.id = sp.created_by
         WHERE sp.partnership_id = ?1 AND (?2 IS NULL OR sp.id = ?2) ORDER BY sp.created_at DESC LIMIT 50`,
      )
      .bind(partnershipId, proposalId),
    db
      .prepare(
        `SELECT a.proposal_id AS proposalId, a.organization_id AS organizationId, a.person_id AS personId,
                p.name, a.at
         FROM settings_approvals a JOIN settings_proposals sp ON sp.id = a.proposal_id
         JOIN people p ON p.id = a.person_id
         WHERE sp.partnership_id = ?1 AND (?2 IS NULL OR sp.id = ?2) ORDER BY a.at`,
      )
      .bind(partnershipId, proposalId),
    partiesStatement(db, partnershipId),
  ]);
  return {
    proposals: rows<SettingsProposalRow>(proposals),
    approvals: rows<ApprovalRow>(approvals),
    partyIds: rows<PartyRow>(parties).map((o) => o.id),
  };
}

export function createSettingsProposalStatement(
  db: D1Database,
  p: {
    id: string;
    partnershipId: string;
    changes: Record<string, unknown>;
    note: string | null;
    by: string;
    at: string;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO settings_proposals (id, partnership_id, changes, note, status, created_by, created_at)
       VALUES (?, ?, ?, ?, 'open', ?, ?)`,
    )
    .bind(p.id, p.partnershipId, JSON.stringify(p.changes), p.note, p.by, p.at);
}

// Every party organization approved: the consent rule for lowering anonymity settings.
const ALL_APPROVED = `(SELECT COUNT(*) FROM settings_approvals a WHERE a.proposal_id = ?1)
  >= (SELECT COUNT(*) FROM parties pa WHERE pa.partnership_id = ?2)`;

/**
 * The organization approves an open proposal; when that makes every organization, the change is
 * applied in the same batch (never below the floors: comment threshold at least k). `audit` builds
 * the audit entry of each step, written only when the step changed something.
 */
export function approveSettingsStatements(
  db: D1Database,
  a: { partnershipId: string; proposalId: string; organizationId: string; personId: string; at: string },
  audit: (action: "settings.approved" | "settings.applied") => D1PreparedStatement,
): D1PreparedStatement[] {
  const newK = "COALESCE(json_extract(sp.changes, '$.k'), partnerships.k)";
  const newCt = "COALESCE(json_extract(sp.changes, '$.commentThreshold'), partnerships.comment_threshold)";
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO settings_approvals (proposal_id, organization_id, person_id, at)
         SELECT id, ?3, ?4, ?5 FROM settings_proposals WHERE id = ?1 AND partnership_id = ?2 AND status = 'open'`,
      )
      .bind(a.proposalId, a.partnershipId, a.organizationId, a.personId, a.at),
    audit("settings.approved"),
    db
      .prepare(
        `UPDATE partnerships SET k = ${newK}, comment_threshold = ${newCt}
         FROM settings_proposals sp
         WHERE sp.id = ?1 AND partnerships.id = ?2 AND sp.partnership_id = ?2 AND sp.status = 'open'
           AND ${ALL_APPROVED} AND ${newK} >= ${MIN_K} AND ${newCt} >= ${newK}`,
      )
      .bind(a.proposalId, a.partnershipId),
    db
      .prepare(
        `UPDATE settings_proposals SET status = 'applied', decided_at = ?3
         WHERE id = ?1 AND partnership_id = ?2 AND status = 'open' AND changes() > 0`,
      )
      .bind(a.proposalId, a.partnershipId, a.at),
    audit("settings.applied"),
  ];
}

export function rejectSettingsStatement(
  db: D1Database,
  partnershipId: string,
  proposalId: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE settings_proposals SET status = 'rejected', decided_at = ? WHERE id = ? AND partnership_id = ? AND status = 'open'",
    )
    .bind(at, proposalId, partnershipId);
}

interface CadenceRow {
  id: string;
  cadenceStart: string;
  assessmentCadence: AssessmentCadence;
  assessmentWindowDays: number;
  pulseCadence: PulseCadence;
}

/** The cadence of every partnership that is not archived (the scheduler brings each up to date). */
export async function listActiveCadences(db: D1Database): Promise<CadenceRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, cadence_start AS cadenceStart, assessment_cadence AS assessmentCadence,
              assessment_window_days AS assessmentWindowDays, pulse_cadence AS pulseCadence
       FROM partnerships WHERE archived_at IS NULL`,
    )
    .all<CadenceRow>();
  return results;
}
