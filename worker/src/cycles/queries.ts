import { rows } from "../db/rows";
import { type CycleKind, cycleStatus } from "../domain/schedule";

export interface CycleRow {
  id: string;
  partnershipId: string;
  kind: CycleKind;
  source: "cadence" | "manual";
  periodStart: string;
  title: string;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  createdAt: string;
}

const COLUMNS = `c.id, c.partnership_id AS partnershipId, c.kind, c.source, c.period_start AS periodStart, c.title,
  c.opens_at AS opensAt, c.closes_at AS closesAt, c.closed_at AS closedAt, c.created_at AS createdAt`;

export const cycleStatement = (db: D1Database, partnershipId: string, cycleId: string) =>
  db.prepare(`SELECT ${COLUMNS} FROM cycles c WHERE c.partnership_id = ? AND c.id = ?`).bind(partnershipId, cycleId);

export async function findCycle(db: D1Database, partnershipId: string, cycleId: string) {
  return cycleStatement(db, partnershipId, cycleId).first<CycleRow>();
}

export async function listCycles(db: D1Database, partnershipId: string, kind?: CycleKind) {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM cycles c WHERE c.partnership_id = ?1 AND (?2 IS NULL OR c.kind = ?2)
       ORDER BY c.opens_at DESC, c.id LIMIT 200`,
    )
    .bind(partnershipId, kind ?? null)
    .all<CycleRow>();
  return results;
}

export interface SnapshotRow {
  principleId: string;
  versionId: string;
  number: number;
  title: string;
  description: string;
  position: number;
}

export const snapshotStatement = (db: D1Database, cycleId: string) =>
  db
    .prepare(
      `SELECT cp.principle_id AS principleId, cp.version_id AS versionId, v.number, v.title, v.description, cp.position
       FROM cycle_principles cp JOIN principle_versions v ON v.id = cp.version_id
       WHERE cp.cycle_id = ? ORDER BY cp.position`,
    )
    .bind(cycleId);

export async function snapshotOf(db: D1Database, cycleId: string) {
  const { results } = await snapshotStatement(db, cycleId).all<SnapshotRow>();
  return results;
}

/** The reads behind participation per organization (invited: members now; responded: counted). */
export function participationStatements(db: D1Database, partnershipId: string, cycleId: string) {
  return [
    db
      .prepare(
        `SELECT pa.organization_id AS organizationId, COUNT(m.person_id) AS n
         FROM parties pa LEFT JOIN people p ON p.organization_id = pa.organization_id
         LEFT JOIN memberships m ON m.person_id = p.id AND m.partnership_id = pa.partnership_id
         WHERE pa.partnership_id = ? GROUP BY pa.organization_id ORDER BY pa.joined_at`,
      )
      .bind(partnershipId),
    db
      .prepare("SELECT organization_id AS organizationId, responded AS n FROM participation_counts WHERE cycle_id = ?")
      .bind(cycleId),
  ] as const;
}

export function participationFrom(invited: D1Result<unknown> | undefined, responded: D1Result<unknown> | undefined) {
  const done = new Map(rows<{ organizationId: string; n: number }>(responded).map((r) => [r.organizationId, r.n]));
  return rows<{ organizationId: string; n: number }>(invited).map((r) => ({
    organizationId: r.organizationId,
    invited: r.n,
    responded: done.get(r.organizationId) ?? 0,
  }));
}

/** Participation per organization: invited (members now) and responded. */
export async function participationOf(db: D1Database, partnershipId: string, cycleId: string) {
  const [invited, responded] = await db.batch<unknown>([...participationStatements(db, partnershipId, cycleId)]);
  return participationFrom(invited, responded);
}

/** A cycle as the API shows it, with its status derived from time. */
export function cycleView(c: CycleRow, now = Date.now()) {
  return {
    id: c.id,
    kind: c.kind,
    source: c.source,
    title: c.title,
    status: cycleStatus(c, now),
    periodStart: c.source === "cadence" ? c.periodStart : null,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    createdAt: c.createdAt,
  };
}

/**
 * Statements that create a cycle and freeze the agreed principle versions it asks about. With
 * `INSERT OR IGNORE` on (partnership, kind, period start) a second run creates nothing, and the
 * snapshot is written only when the cycle row was just inserted.
 */
export function createCycleStatements(
  db: D1Database,
  c: {
    id: string;
    partnershipId: string;
    kind: CycleKind;
    source: "cadence" | "manual";
    periodStart: string;
    title: string;
    opensAt: string;
    closesAt: string;
    createdBy: string | null;
    createdAt: string;
    /** For a pulse: the one principle it asks. Assessments ask every agreed principle. */
    principleId?: string;
  },
) {
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO cycles (id, partnership_id, kind, source, period_start, title, opens_at, closes_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        c.id,
        c.partnershipId,
        c.kind,
        c.source,
        c.periodStart,
        c.title,
        c.opensAt,
        c.closesAt,
        c.createdBy,
        c.createdAt,
      ),
    db
      .prepare(
        `INSERT INTO cycle_principles (cycle_id, principle_id, version_id, position)
         SELECT ?1, p.id, p.agreed_version_id, ROW_NUMBER() OVER (ORDER BY p.created_at, p.id)
         FROM principles p
         WHERE changes() > 0 AND p.partnership_id = ?2 AND p.status = 'agreed' AND p.agreed_version_id IS NOT NULL
           AND (?3 IS NULL OR p.id = ?3)`,
      )
      .bind(c.id, c.partnershipId, c.principleId ?? null),
  ];
}
