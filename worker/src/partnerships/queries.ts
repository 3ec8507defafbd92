import type { Role } from "../domain/roles";
import type { AssessmentCadence, PulseCadence, Settings } from "../domain/settings";

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

export function toSettings(row: PartnershipRow): Settings {
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
  const row = await db.prepare("SELECT * FROM partnerships WHERE id = ?").bind(partnershipId).first<PartnershipRow>();
  if (!row) throw new Error(`partnership ${partnershipId} vanished`);
  return toSettings(row);
}

export interface OrganizationRow {
  id: string;
  name: string;
  joinedAt: string;
  allowedOrigins: string;
}

export async function listOrganizations(db: D1Database, partnershipId: string) {
  const { results } = await db
    .prepare(
      `SELECT o.id, o.name, pa.joined_at AS joinedAt, o.allowed_origins AS allowedOrigins
       FROM parties pa JOIN organizations o ON o.id = pa.organization_id
       WHERE pa.partnership_id = ? ORDER BY pa.joined_at, o.name`,
    )
    .bind(partnershipId)
    .all<OrganizationRow>();
  return results;
}

/** The partnership as its member sees it: allowed origins only of their own organization. */
export async function readPartnership(db: D1Database, partnershipId: string, role: Role, callerOrganizationId: string) {
  const [row, organizations] = await Promise.all([
    db.prepare("SELECT * FROM partnerships WHERE id = ?").bind(partnershipId).first<PartnershipRow>(),
    listOrganizations(db, partnershipId),
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

export async function partyCount(db: D1Database, partnershipId: string) {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM parties WHERE partnership_id = ?")
    .bind(partnershipId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
