/**
 * The statements of one rating write, run in one `db.batch` (one transaction): subtract the
 * stored answer from the aggregates, write the new answer, add the stored answer back. The
 * change is computed in SQL from what is stored, so retries and concurrent updates cannot skew
 * the aggregates.
 */
interface RatingWrite {
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

export interface OwnRow {
  principleId: string;
  performance: number | null;
  importance: number | null;
  comment: string | null;
}

/** A respondent's own rows in a cycle. */
export function ownRowsStatement(db: D1Database, cycleId: string, respondent: string): D1PreparedStatement {
  return db
    .prepare(
      "SELECT principle_id AS principleId, performance, importance, comment FROM ratings WHERE cycle_id = ? AND respondent = ?",
    )
    .bind(cycleId, respondent);
}

export async function listOwnRows(db: D1Database, cycleId: string, respondent: string): Promise<OwnRow[]> {
  const { results } = await ownRowsStatement(db, cycleId, respondent).all<OwnRow>();
  return results;
}

export function saltStatement(db: D1Database, partnershipId: string, personId: string): D1PreparedStatement {
  return db
    .prepare("SELECT salt FROM respondent_salts WHERE partnership_id = ? AND person_id = ?")
    .bind(partnershipId, personId);
}

/** The salt if the person has one (read-only paths must not create salts). */
export async function findSalt(db: D1Database, partnershipId: string, personId: string): Promise<string | null> {
  const row = await saltStatement(db, partnershipId, personId).first<{ salt: string }>();
  return row?.salt ?? null;
}

export interface Replay {
  requestHash: string;
  response: string;
}

/** The stored answer to an earlier request with the same Idempotency-Key, while it lasts. */
export function replayStatement(db: D1Database, respondent: string, key: string, today: string): D1PreparedStatement {
  return db
    .prepare(
      "SELECT request_hash AS requestHash, response FROM idempotency WHERE respondent = ? AND key = ? AND expires_on >= ?",
    )
    .bind(respondent, key, today);
}

export function replayRecordStatement(
  db: D1Database,
  r: { respondent: string; key: string; requestHash: string; response: string; expiresOn: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO idempotency (respondent, key, request_hash, response, expires_on) VALUES (?, ?, ?, ?, ?)")
    .bind(r.respondent, r.key, r.requestHash, r.response, r.expiresOn);
}

export function dropExpiredReplaysStatement(db: D1Database, today: string): D1PreparedStatement {
  return db.prepare("DELETE FROM idempotency WHERE expires_on < ?").bind(today);
}

/**
 * Counts a respondent once per cycle: only while they have no rating row in it yet. Runs before
 * the rating writes in the same transaction; nothing here names the person.
 */
export function countRespondentStatement(
  db: D1Database,
  cycleId: string,
  organizationId: string,
  respondent: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO participation_counts (cycle_id, organization_id, responded)
       SELECT ?1, ?2, 1 WHERE NOT EXISTS (SELECT 1 FROM ratings WHERE cycle_id = ?1 AND respondent = ?3)
       ON CONFLICT (cycle_id, organization_id) DO UPDATE SET responded = responded + 1`,
    )
    .bind(cycleId, organizationId, respondent);
}

const GONE = "NOT EXISTS (SELECT 1 FROM memberships WHERE partnership_id = ?1 AND person_id = ?2)";

/**
 * Once the person's membership is gone: their replay records under each respondent key, then
 * their salt. Each acts only when the membership is gone, since the batch runs them after a
 * guarded DELETE that may refuse.
 */
export function forgetRespondentStatements(
  db: D1Database,
  partnershipId: string,
  personId: string,
  respondents: string[],
): D1PreparedStatement[] {
  return [
    ...respondents.map((respondent) =>
      db.prepare(`DELETE FROM idempotency WHERE respondent = ?3 AND ${GONE}`).bind(partnershipId, personId, respondent),
    ),
    db
      .prepare(`DELETE FROM respondent_salts WHERE partnership_id = ?1 AND person_id = ?2 AND ${GONE}`)
      .bind(partnershipId, personId),
  ];
}

/**
 * Gives a person a known salt unless they have one. Only the demo script uses it: its salts are
 * derived from RATING_KEY, so it can compute the respondent keys of the answers it writes.
 */
export function knownSaltStatement(
  db: D1Database,
  partnershipId: string,
  personId: string,
  salt: string,
): D1PreparedStatement {
  return db
    .prepare("INSERT OR IGNORE INTO respondent_salts (partnership_id, person_id, salt) VALUES (?, ?, ?)")
    .bind(partnershipId, personId, salt);
}
