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
