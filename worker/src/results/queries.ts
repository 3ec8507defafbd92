import type { CycleRow } from "../cycles/queries";
import { rows } from "../db/rows";
import { type Cell, computeResults, type Figure } from "../domain/results";
import type { Thresholds } from "../domain/settings";

interface AggregateRow {
  principleId: string;
  organizationId: string;
  perf_n: number;
  perf_sum: number;
  perf_1: number;
  perf_2: number;
  perf_3: number;
  perf_4: number;
  perf_5: number;
  imp_n: number;
  imp_sum: number;
  comments: number;
}

const toCell = (r: AggregateRow): Cell => ({
  principleId: r.principleId,
  organizationId: r.organizationId,
  perfN: r.perf_n,
  perfSum: r.perf_sum,
  hist: [r.perf_1, r.perf_2, r.perf_3, r.perf_4, r.perf_5],
  impN: r.imp_n,
  impSum: r.imp_sum,
  comments: r.comments,
});

/** The two reads behind a cycle's scores (aggregates and asked principles), for a caller's batch. */
export function scoreStatements(db: D1Database, cycleId: string): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db
      .prepare(
        `SELECT principle_id AS principleId, organization_id AS organizationId, perf_n, perf_sum, perf_1, perf_2, perf_3,
                perf_4, perf_5, imp_n, imp_sum, comments
         FROM aggregates WHERE cycle_id = ?`,
      )
      .bind(cycleId),
    db
      .prepare("SELECT principle_id AS principleId FROM cycle_principles WHERE cycle_id = ? ORDER BY position")
      .bind(cycleId),
  ];
}

/** Scores from the results of `scoreStatements`, with the suppression rules applied. */
export function scoresFrom(
  [cells, snapshot]: D1Result<unknown>[],
  kind: CycleRow["kind"],
  organizations: readonly string[],
  t: Thresholds,
  previousScores?: ReadonlyMap<string, Figure<number>>,
) {
  return computeResults({
    kind,
    k: t.k,
    commentThreshold: t.commentThreshold,
    organizations,
    principles: rows<{ principleId: string }>(snapshot).map((r) => r.principleId),
    cells: rows<AggregateRow>(cells).map(toCell),
    previousScores,
  });
}

/**
 * Results of a cycle (aggregates only: O(principles × organizations) rows, whatever the number of
 * ratings) with the suppression rules applied.
 */
export async function getScores(
  db: D1Database,
  cycleId: string,
  kind: CycleRow["kind"],
  organizations: readonly string[],
  t: Thresholds,
  previousScores?: ReadonlyMap<string, Figure<number>>,
) {
  return scoresFrom(await db.batch<unknown>(scoreStatements(db, cycleId)), kind, organizations, t, previousScores);
}

/** Score by principle, as shown (suppressed where it must be). */
export function scoreMap(results: ReturnType<typeof computeResults>) {
  return new Map(results.principles.map((p) => [p.principleId, p.score]));
}

/** The comments written in a cycle, by principle and organization (never by person). */
export function commentsStatement(db: D1Database, cycleId: string): D1PreparedStatement {
  return db
    .prepare(
      "SELECT principle_id AS principleId, organization_id AS organizationId, comment FROM ratings WHERE cycle_id = ? AND comment IS NOT NULL",
    )
    .bind(cycleId);
}

export interface TrendCycleRow {
  id: string;
  kind: CycleRow["kind"];
  title: string;
  opensAt: string;
  closesAt: string;
  k: number;
  commentThreshold: number;
}

/** How many closed cycles a trend reaches back: years of weekly pulses, and every assessment. */
export const TREND_CYCLES_MAX = 260;

// The closed cycles a trend draws, newest TREND_CYCLES_MAX of them; ?1 = partnership, ?2 = now.
const TREND_CYCLES = `SELECT id FROM cycles WHERE partnership_id = ?1 AND closes_at <= ?2
  ORDER BY closes_at DESC, id LIMIT ${TREND_CYCLES_MAX}`;

/**
 * The reads behind a partnership's trends, for one batch: its closed cycles (with the thresholds
 * each was published with), their aggregates, the principle versions each asked, and when each
 * linked action was marked done (the audit log keeps every status change).
 */
export function trendStatements(db: D1Database, partnershipId: string, now: string) {
  return [
    db
      .prepare(
        `SELECT c.id, c.kind, c.title, c.opens_at AS opensAt, c.closes_at AS closesAt,
                COALESCE(c.k, p.k) AS k, COALESCE(c.comment_threshold, p.comment_threshold) AS commentThreshold
         FROM cycles c JOIN partnerships p ON p.id = c.partnership_id
         WHERE c.id IN (${TREND_CYCLES}) ORDER BY c.closes_at, c.id`,
      )
      .bind(partnershipId, now),
    db
      .prepare(
        `SELECT cycle_id AS cycleId, principle_id AS principleId, organization_id AS organizationId, perf_n, perf_sum,
                perf_1, perf_2, perf_3, perf_4, perf_5, imp_n, imp_sum, comments
         FROM aggregates WHERE cycle_id IN (${TREND_CYCLES})`,
      )
      .bind(partnershipId, now),
    db
      .prepare(
        `SELECT cp.cycle_id AS cycleId, cp.principle_id AS principleId, v.title, cp.position
         FROM cycle_principles cp JOIN principle_versions v ON v.id = cp.version_id
         WHERE cp.cycle_id IN (${TREND_CYCLES}) ORDER BY cp.position`,
      )
      .bind(partnershipId, now),
    db
      .prepare(
        `SELECT target_id AS actionId, MAX(at) AS doneAt FROM audit_log
         WHERE partnership_id = ? AND target_type = 'action' AND action = 'action.updated'
           AND json_extract(detail, '$.changes.status.to') = 'done'
         GROUP BY target_id`,
      )
      .bind(partnershipId),
  ] as const;
}

/** Aggregate rows of several cycles as cells, by cycle. */
export function cellsByCycle(result: D1Result<unknown> | undefined): Map<string, Cell[]> {
  const out = new Map<string, Cell[]>();
  for (const r of rows<AggregateRow & { cycleId: string }>(result)) {
    const list = out.get(r.cycleId) ?? [];
    list.push(toCell(r));
    out.set(r.cycleId, list);
  }
  return out;
}
