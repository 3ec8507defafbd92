/**
 * The statements of one rating write, run in one `db.batch` (one transaction): subtract the
 * stored answer from the aggregates, write the new answer, add the stored answer back. The
 * change is computed in SQL from what is stored, so retries and concurrent updates cannot skew
 * the aggregates.
 */
export interface RatingWrite {
  cycleId: string;
  respondent: string;
  principleId: string;
  organizationId: string;
  /** 1..5, 0 for "can't say", undefined to keep what was stored. */
  performance?: number;
  importance?: number;
  /** A string to set, null to clear, undefined to keep. */
  comment?: string | null;
}

// Contribution of one stored rating row `r` to each aggregate column.
const CONTRIBUTION = {
  perf_n: "iif(r.performance BETWEEN 1 AND 5, 1, 0)",
  perf_sum: "iif(r.performance BETWEEN 1 AND 5, r.performance, 0)",
  perf_1: "(r.performance IS 1)",
  perf_2: "(r.performance IS 2)",
  perf_3: "(r.performance IS 3)",
  perf_4: "(r.performance IS 4)",
  perf_5: "(r.performance IS 5)",
  imp_n: "iif(r.importance BETWEEN 1 AND 5, 1, 0)",
  imp_sum: "iif(r.importance BETWEEN 1 AND 5, r.importance, 0)",
  comments: "iif(r.comment IS NOT NULL, 1, 0)",
} as const;
const COLUMNS = Object.keys(CONTRIBUTION);

const ROW = "SELECT * FROM ratings WHERE cycle_id = ?1 AND respondent = ?2 AND principle_id = ?3";

export function ratingWriteStatements(db: D1Database, w: RatingWrite): D1PreparedStatement[] {
  const key = [w.cycleId, w.respondent, w.principleId];
  const subtract = db
    .prepare(
      `UPDATE aggregates SET ${COLUMNS.map((c) => `${c} = aggregates.${c} - ${CONTRIBUTION[c as keyof typeof CONTRIBUTION]}`).join(", ")}
       FROM (${ROW}) AS r
       WHERE aggregates.cycle_id = r.cycle_id AND aggregates.principle_id = r.principle_id
         AND aggregates.organization_id = r.organization_id`,
    )
    .bind(...key);
  const write = db
    .prepare(
      `INSERT INTO ratings (cycle_id, respondent, principle_id, organization_id, performance, importance, comment)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (cycle_id, respondent, principle_id) DO UPDATE SET
         performance = iif(?8, excluded.performance, ratings.performance),
         importance = iif(?9, excluded.importance, ratings.importance),
         comment = iif(?10, excluded.comment, ratings.comment)`,
    )
    .bind(
      ...key,
      w.organizationId,
      w.performance ?? null,
      w.importance ?? null,
      w.comment ?? null,
      w.performance !== undefined ? 1 : 0,
      w.importance !== undefined ? 1 : 0,
      w.comment !== undefined ? 1 : 0,
    );
  const add = db
    .prepare(
      `INSERT INTO aggregates (cycle_id, principle_id, organization_id, ${COLUMNS.join(", ")})
       SELECT r.cycle_id, r.principle_id, r.organization_id, ${COLUMNS.map((c) => CONTRIBUTION[c as keyof typeof CONTRIBUTION]).join(", ")}
       FROM (${ROW}) AS r WHERE true
       ON CONFLICT (cycle_id, principle_id, organization_id) DO UPDATE SET
         ${COLUMNS.map((c) => `${c} = aggregates.${c} + excluded.${c}`).join(", ")}`,
    )
    .bind(...key);
  return [subtract, write, add];
}

/** Aggregates recomputed from the ratings table, for checks and for bulk loads. */
export function recountSql(cycleId = "?1") {
  return `SELECT r.cycle_id AS cycleId, r.principle_id AS principleId, r.organization_id AS organizationId,
    ${COLUMNS.map((c) => `SUM(${CONTRIBUTION[c as keyof typeof CONTRIBUTION]}) AS ${c}`).join(", ")}
    FROM ratings r WHERE r.cycle_id = ${cycleId} GROUP BY r.cycle_id, r.principle_id, r.organization_id`;
}

export const AGGREGATE_COLUMNS = COLUMNS;
