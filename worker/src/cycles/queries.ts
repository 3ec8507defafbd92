import { isoNow } from "../db/ids";
import { rows } from "../db/rows";
import { type CycleKind, cycleStatus } from "../domain/schedule";

export const CYCLE_SOURCES = ["cadence", "manual"] as const;

export interface CycleRow {
  id: string;
  partnershipId: string;
  kind: CycleKind;
  source: (typeof CYCLE_SOURCES)[number];
  periodStart: string;
  title: string;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  createdAt: string;
  /** When the cycle's eligible people and anonymity settings were recorded; null before it opens. */
  openedAt: string | null;
  k: number | null;
  commentThreshold: number | null;
  plannedClosesAt: string;
}

const COLUMNS = `c.id, c.partnership_id AS partnershipId, c.kind, c.source, c.period_start AS periodStart, c.title,
  c.opens_at AS opensAt, c.closes_at AS closesAt, c.closed_at AS closedAt, c.created_at AS createdAt,
  c.opened_at AS openedAt, c.k, c.comment_threshold AS commentThreshold,
  COALESCE(c.planned_closes_at, c.closes_at) AS plannedClosesAt`;

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

export async function listSnapshot(db: D1Database, cycleId: string) {
  const { results } = await snapshotStatement(db, cycleId).all<SnapshotRow>();
  return results;
}

/**
 * The reads behind participation per organization: invited = the people eligible when the cycle
 * opened (never changes afterwards), responded = the counter kept in the rating batch.
 */
export function participationStatements(db: D1Database, partnershipId: string, cycleId: string) {
  return [
    db
      .prepare(
        `SELECT pa.organization_id AS organizationId,
                (SELECT COUNT(*) FROM cycle_eligibility e WHERE e.cycle_id = ?2 AND e.organization_id = pa.organization_id) AS n
         FROM parties pa WHERE pa.partnership_id = ?1 ORDER BY pa.joined_at`,
      )
      .bind(partnershipId, cycleId),
    db
      .prepare("SELECT organization_id AS organizationId, responded AS n FROM participation_counts WHERE cycle_id = ?")
      .bind(cycleId),
  ] as const;
}

export interface Participation {
  organizationId: string;
  invited: number;
  /** Null while an open cycle's organization has fewer than k respondents. */
  responded: number | null;
  fewerThanK: boolean;
}

/**
 * Participation per organization. While the cycle is open, a count below the cycle's k is shown
 * only as "fewer than k", so nobody can watch one colleague's answer arrive.
 */
export function participationFrom(
  invited: D1Result<unknown> | undefined,
  responded: D1Result<unknown> | undefined,
  cycle: CycleRow,
  now = Date.now(),
): Participation[] {
  const done = new Map(rows<{ organizationId: string; n: number }>(responded).map((r) => [r.organizationId, r.n]));
  const live = cycleStatus(cycle, now) !== "closed";
  const k = cycle.k ?? Number.POSITIVE_INFINITY;
  return rows<{ organizationId: string; n: number }>(invited).map((r) => {
    const n = done.get(r.organizationId) ?? 0;
    const hidden = live && n < k;
    return { organizationId: r.organizationId, invited: r.n, responded: hidden ? null : n, fewerThanK: n < k };
  });
}

/** Participation per organization of one cycle. */
export async function listParticipation(db: D1Database, cycle: CycleRow) {
  const [invited, responded] = await db.batch<unknown>([...participationStatements(db, cycle.partnershipId, cycle.id)]);
  return participationFrom(invited, responded, cycle);
}

// Opening a cycle records who may answer it (the members at that moment, not removed), gives each
// of them a respondent salt if they have none (so answering never has to write one) and fixes its
// anonymity settings. The statements act only on cycles due to open and not yet recorded, so
// running them twice, or from two requests at once, records once. ?1 = now, ?2 = one cycle or NULL.
const DUE = "c.opened_at IS NULL AND c.opens_at <= ?1 AND (?2 IS NULL OR c.id = ?2)";
const OPENING_SQL = [
  `INSERT OR IGNORE INTO cycle_eligibility (cycle_id, person_id, organization_id)
   SELECT c.id, m.person_id, p.organization_id
   FROM cycles c JOIN memberships m ON m.partnership_id = c.partnership_id
   JOIN people p ON p.id = m.person_id AND p.removed_at IS NULL
   WHERE ${DUE}`,
  `INSERT OR IGNORE INTO respondent_salts (partnership_id, person_id, salt)
   SELECT c.partnership_id, e.person_id, lower(hex(randomblob(32)))
   FROM cycles c JOIN cycle_eligibility e ON e.cycle_id = c.id
   WHERE ${DUE}`,
  `UPDATE cycles AS c SET opened_at = ?1, k = pa.k, comment_threshold = pa.comment_threshold
   FROM partnerships AS pa WHERE pa.id = c.partnership_id AND ${DUE}`,
] as const;

/** Records the opening of every due cycle, or of one; run them in one batch. */
export function openingStatements(db: D1Database, now: string, cycleId: string | null = null) {
  return OPENING_SQL.map((sql) => db.prepare(sql).bind(now, cycleId));
}

/** A cycle that has opened by time but whose opening is not recorded yet gets it recorded now. */
export async function ensureOpened(db: D1Database, cycle: CycleRow, now = Date.now()): Promise<CycleRow> {
  if (cycle.openedAt || cycleStatus(cycle, now) === "scheduled") return cycle;
  await db.batch(openingStatements(db, isoNow(now), cycle.id));
  return (await findCycle(db, cycle.partnershipId, cycle.id)) ?? cycle;
}

/** Whether the person may answer the cycle: eligible when it opened and not withdrawn since. */
export const eligibilityStatement = (db: D1Database, cycleId: string, personId: string) =>
  db.prepare("SELECT withdrawn FROM cycle_eligibility WHERE cycle_id = ? AND person_id = ?").bind(cycleId, personId);

/** Someone removed while cycles run keeps their counted answers but cannot answer those cycles again. */
export function withdrawEligibilityStatement(
  db: D1Database,
  personId: string,
  partnershipId: string | null,
  now: string,
  onlyIf: { sql: string; values: unknown[] },
) {
  return db
    .prepare(
      `UPDATE cycle_eligibility SET withdrawn = 1
       WHERE person_id = ? AND cycle_id IN (
         SELECT id FROM cycles WHERE closes_at > ? AND (? IS NULL OR partnership_id = ?)) AND ${onlyIf.sql}`,
    )
    .bind(personId, now, partnershipId, partnershipId, ...onlyIf.values);
}

/**
 * Another assessment of the partnership whose time overlaps [opensAt, closesAt): at most one
 * assessment is open at a time, so the survey never has to guess which one is meant.
 */
const OVERLAP_SQL = `SELECT id, title, opens_at AS opensAt, closes_at AS closesAt FROM cycles
  WHERE partnership_id = ?1 AND kind = 'assessment' AND id <> ?2 AND opens_at < ?4 AND closes_at > ?3`;

export async function findOverlappingAssessment(
  db: D1Database,
  partnershipId: string,
  cycleId: string,
  opensAt: string,
  closesAt: string,
) {
  return db
    .prepare(`${OVERLAP_SQL} ORDER BY opens_at LIMIT 1`)
    .bind(partnershipId, cycleId, opensAt, closesAt)
    .first<{ id: string; title: string; opensAt: string; closesAt: string }>();
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
    plannedClosesAt: c.plannedClosesAt,
    k: c.k,
    commentThreshold: c.commentThreshold,
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
        `INSERT OR IGNORE INTO cycles (id, partnership_id, kind, source, period_start, title, opens_at, closes_at,
           planned_closes_at, created_by, created_at)
         SELECT ?2, ?1, ?5, ?6, ?7, ?8, ?3, ?4, ?4, ?9, ?10
         WHERE ?5 <> 'assessment' OR NOT EXISTS (${OVERLAP_SQL})`,
      )
      .bind(
        c.partnershipId,
        c.id,
        c.opensAt,
        c.closesAt,
        c.kind,
        c.source,
        c.periodStart,
        c.title,
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

// A cycle's own k and comment threshold (the partnership's only for a cycle never recorded as opened).
const OWN_THRESHOLDS = `COALESCE(k, (SELECT k FROM partnerships p WHERE p.id = cycles.partnership_id)) AS k,
  COALESCE(comment_threshold, (SELECT comment_threshold FROM partnerships p WHERE p.id = cycles.partnership_id))
    AS commentThreshold`;

export interface ClosedCycleRow {
  id: string;
  k: number;
  commentThreshold: number;
}

/**
 * The latest cycles of a kind closed by `closedBy`, newest first, with the thresholds they were
 * published with; `except` leaves one cycle out and `prefer` puts one first when it qualifies.
 */
export function closedCyclesStatement(
  db: D1Database,
  q: { partnershipId: string; kind: CycleKind; closedBy: string; except?: string; prefer?: string; limit: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id, ${OWN_THRESHOLDS} FROM cycles
       WHERE partnership_id = ?1 AND kind = ?2 AND id <> ?3 AND closes_at <= ?4
       ORDER BY (id = ?5) DESC, closes_at DESC LIMIT ?6`,
    )
    .bind(q.partnershipId, q.kind, q.except ?? "", q.closedBy, q.prefer ?? "", q.limit);
}

export async function listClosedCycles(
  db: D1Database,
  q: Parameters<typeof closedCyclesStatement>[1],
): Promise<ClosedCycleRow[]> {
  const { results } = await closedCyclesStatement(db, q).all<ClosedCycleRow>();
  return results;
}

/** The cycle's own anonymity settings, fixed when it opened: a later change of k never reveals it. */
export function thresholdsStatement(db: D1Database, cycleId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT COALESCE(c.k, p.k) AS k, COALESCE(c.comment_threshold, p.comment_threshold) AS commentThreshold
       FROM cycles c JOIN partnerships p ON p.id = c.partnership_id WHERE c.id = ?`,
    )
    .bind(cycleId);
}

/** The open cycle of a kind (or the one named, if it is open). */
export async function findOpenCycleId(
  db: D1Database,
  partnershipId: string,
  kind: CycleKind,
  now: string,
  named: string | null,
): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT id FROM cycles WHERE partnership_id = ?1 AND kind = ?2 AND opens_at <= ?3 AND closes_at > ?3
         AND (?4 IS NULL OR id = ?4)
       ORDER BY opens_at DESC LIMIT 1`,
    )
    .bind(partnershipId, kind, now, named)
    .first<{ id: string }>();
  return row?.id ?? null;
}

export async function cycleExists(db: D1Database, cycleId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS yes FROM cycles WHERE id = ?").bind(cycleId).first()) !== null;
}

export async function listCycleIds(db: D1Database, partnershipId: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM cycles WHERE partnership_id = ?")
    .bind(partnershipId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Principles asked by the partnership's latest pulses, newest first. */
export async function listRecentPulsePrinciples(db: D1Database, partnershipId: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT cp.principle_id AS id FROM cycles c JOIN cycle_principles cp ON cp.cycle_id = c.id
       WHERE c.partnership_id = ? AND c.kind = 'pulse' ORDER BY c.opens_at DESC LIMIT 40`,
    )
    .bind(partnershipId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * Moves a cycle's time to open it now, close it now or reopen it until its planned close. Each is
 * guarded by the state it expects, so RETURNING is empty when the cycle changed meanwhile.
 */
export function moveCycleStatement(
  db: D1Database,
  cycleId: string,
  to: "open" | "close" | "reopen",
  now: string,
): D1PreparedStatement {
  const sql = {
    open: "UPDATE cycles SET opens_at = ?1 WHERE id = ?2 AND opens_at > ?1 RETURNING id",
    close:
      "UPDATE cycles SET closes_at = ?1, closed_at = ?1 WHERE id = ?2 AND opens_at <= ?1 AND closes_at > ?1 RETURNING id",
    reopen: `UPDATE cycles SET closes_at = planned_closes_at, closed_at = NULL
       WHERE id = ?2 AND closes_at <= ?1 AND planned_closes_at > ?1 RETURNING id`,
  }[to];
  return db.prepare(sql).bind(now, cycleId);
}

/** Records the close of every cycle whose time is over. */
export function closeDueCyclesStatement(db: D1Database, now: string): D1PreparedStatement {
  return db.prepare("UPDATE cycles SET closed_at = closes_at WHERE closed_at IS NULL AND closes_at <= ?").bind(now);
}
