import { cycleStatement, snapshotStatement } from "../cycles/queries";

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

/**
 * A condition every statement of a write batch carries, so that the batch writes nothing unless
 * it holds when the batch runs. Its SQL numbers its parameters $1, $2 …; each statement renumbers
 * them after its own.
 */
export interface Guard {
  sql: string;
  values: unknown[];
}

/** `sql` with its `{guard}` replaced by the guard (or `true`), and the values to bind. */
function guarded(db: D1Database, sql: string, values: unknown[], guard?: Guard): D1PreparedStatement {
  if (!guard) return db.prepare(sql.replace("{guard}", "true")).bind(...values);
  const condition = guard.sql.replace(/\$(\d+)/g, (_, n: string) => `?${values.length + Number(n)}`);
  return db.prepare(sql.replace("{guard}", `(${condition})`)).bind(...values, ...guard.values);
}

/**
 * The statements of one rating write. With a guard, each writes only while the guard holds (the
 * submission path passes "the cycle is open and this person may answer it"); the demo's replay
 * of past cycles passes none.
 */
export function ratingWriteStatements(db: D1Database, w: RatingWrite, guard?: Guard): D1PreparedStatement[] {
  const key = [w.cycleId, w.respondent, w.principleId];
  const subtract = guarded(
    db,
    `UPDATE aggregates SET ${COLUMNS.map((c) => `${c} = aggregates.${c} - ${CONTRIBUTION[c as keyof typeof CONTRIBUTION]}`).join(", ")}
     FROM (${ROW}) AS r
     WHERE aggregates.cycle_id = r.cycle_id AND aggregates.principle_id = r.principle_id
       AND aggregates.organization_id = r.organization_id AND {guard}`,
    key,
    guard,
  );
  const write = guarded(
    db,
    `INSERT INTO ratings (cycle_id, respondent, principle_id, organization_id, performance, importance, comment)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE {guard}
     ON CONFLICT (cycle_id, respondent, principle_id) DO UPDATE SET
       performance = iif(?8, excluded.performance, ratings.performance),
       importance = iif(?9, excluded.importance, ratings.importance),
       comment = iif(?10, excluded.comment, ratings.comment)`,
    [
      ...key,
      w.organizationId,
      w.performance ?? null,
      w.importance ?? null,
      w.comment ?? null,
      w.performance !== undefined ? 1 : 0,
      w.importance !== undefined ? 1 : 0,
      w.comment !== undefined ? 1 : 0,
    ],
    guard,
  );
  const add = guarded(
    db,
    `INSERT INTO aggregates (cycle_id, principle_id, organization_id, ${COLUMNS.join(", ")})
     SELECT r.cycle_id, r.principle_id, r.organization_id, ${COLUMNS.map((c) => CONTRIBUTION[c as keyof typeof CONTRIBUTION]).join(", ")}
     FROM (${ROW}) AS r WHERE {guard}
     ON CONFLICT (cycle_id, principle_id, organization_id) DO UPDATE SET
       ${COLUMNS.map((c) => `${c} = aggregates.${c} + excluded.${c}`).join(", ")}`,
    key,
    guard,
  );
  return [subtract, write, add];
}

/**
 * A submission's guard: the partnership is not archived and the cycle is open at `now` (and
 * recorded as opened), the person was eligible when it opened and has not been withdrawn, their
 * salt is still the one the respondent key was made from, the cycle asks about every principle
 * answered and, through the token door, the token is live. Read by the write batch itself, so
 * nothing changes between the check and the write, and a submission made from reads an isolate
 * remembered cannot write under a stale token, salt or eligibility. The person's id is only read
 * here, never written.
 */
export function mayAnswerGuard(a: {
  cycleId: string;
  personId: string;
  principleIds: string[];
  now: string;
  salt: string;
  tokenHash?: string;
}): Guard {
  return {
    sql: `EXISTS (SELECT 1 FROM cycles c JOIN partnerships pa ON pa.id = c.partnership_id
        WHERE c.id = $1 AND pa.archived_at IS NULL AND c.opened_at IS NOT NULL AND c.opens_at <= $3 AND c.closes_at > $3
          AND EXISTS (SELECT 1 FROM respondent_salts s WHERE s.partnership_id = c.partnership_id AND s.person_id = $2 AND s.salt = $5))
      AND EXISTS (SELECT 1 FROM cycle_eligibility WHERE cycle_id = $1 AND person_id = $2 AND withdrawn = 0)
      AND NOT EXISTS (SELECT 1 FROM json_each($4) j
        WHERE j.value NOT IN (SELECT principle_id FROM cycle_principles WHERE cycle_id = $1))
      AND ($6 IS NULL OR EXISTS (SELECT 1 FROM personal_tokens t JOIN people p ON p.id = t.person_id
        WHERE t.token_hash = $6 AND t.person_id = $2 AND t.revoked_at IS NULL AND p.removed_at IS NULL))`,
    values: [a.cycleId, a.personId, a.now, JSON.stringify(a.principleIds), a.salt, a.tokenHash ?? null],
  };
}

/** Aggregates recomputed from the ratings table, for checks and for bulk loads. */
export function recountSql(cycleId = "?1") {
  return `SELECT r.cycle_id AS cycleId, r.principle_id AS principleId, r.organization_id AS organizationId,
    ${COLUMNS.map((c) => `SUM(${CONTRIBUTION[c as keyof typeof CONTRIBUTION]}) AS ${c}`).join(", ")}
    FROM ratings r WHERE r.cycle_id = ${cycleId} GROUP BY r.cycle_id, r.principle_id, r.organization_id`;
}

export const AGGREGATE_COLUMNS = COLUMNS;

/**
 * Whom a submission's reads are about: a person, or the personal token they presented, so that
 * the token door can read them in the same round trip as it checks the token.
 */
export type PersonRef = { personId: string } | { tokenHash: string };

const personSql = (ref: PersonRef) =>
  "personId" in ref ? "?2" : "(SELECT person_id FROM personal_tokens WHERE token_hash = ?2)";
const personValue = (ref: PersonRef) => ("personId" in ref ? ref.personId : ref.tokenHash);

function saltStatement(db: D1Database, partnershipId: string, person: PersonRef): D1PreparedStatement {
  return db
    .prepare(`SELECT salt FROM respondent_salts WHERE partnership_id = ?1 AND person_id = ${personSql(person)}`)
    .bind(partnershipId, personValue(person));
}

/** What a submission reads before it writes: the cycle, the person's salt and eligibility, the snapshot (unless known). */
export function submissionReadStatements(
  db: D1Database,
  person: PersonRef,
  partnershipId: string,
  cycleId: string,
  withSnapshot: boolean,
): D1PreparedStatement[] {
  return [
    cycleStatement(db, partnershipId, cycleId),
    saltStatement(db, partnershipId, person),
    db
      .prepare(`SELECT withdrawn FROM cycle_eligibility WHERE cycle_id = ?1 AND person_id = ${personSql(person)}`)
      .bind(cycleId, personValue(person)),
    ...(withSnapshot ? [snapshotStatement(db, cycleId)] : []),
  ];
}

/** The salt if the person has one (read-only paths must not create salts). */
export async function findSalt(db: D1Database, partnershipId: string, personId: string): Promise<string | null> {
  const row = await saltStatement(db, partnershipId, { personId }).first<{ salt: string }>();
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

/**
 * Claims an Idempotency-Key for a submission, first in its write batch: an expired claim of the
 * same key goes, and a live one makes the INSERT (so the whole batch) fail, which the caller
 * answers with the stored response. The response is filled in by `submissionResponseStatement`.
 */
export function claimReplayStatements(
  db: D1Database,
  r: { respondent: string; key: string; requestHash: string; today: string; expiresOn: string },
  guard: Guard,
): D1PreparedStatement[] {
  return [
    db
      .prepare("DELETE FROM idempotency WHERE respondent = ? AND key = ? AND expires_on < ?")
      .bind(r.respondent, r.key, r.today),
    guarded(
      db,
      "INSERT INTO idempotency (respondent, key, request_hash, response, expires_on) SELECT ?1, ?2, ?3, '', ?4 WHERE {guard}",
      [r.respondent, r.key, r.requestHash, r.expiresOn],
      guard,
    ),
  ];
}

const SCALE_JSON = (column: string) => `CASE ${column} WHEN 0 THEN 'cant_say' ELSE ${column} END`;

/**
 * Answers (in the order asked) and progress as the API's JSON. An answer is complete with a
 * performance and, in an assessment, an importance ("can't say" counts as given).
 */
const RESPONSE_JSON = `json_object(
  'cycleId', ?1,
  'answers', json((SELECT json_group_array(json_object('principleId', x.principle_id,
      'performance', ${SCALE_JSON("x.performance")}, 'importance', ${SCALE_JSON("x.importance")}, 'comment', x.comment))
    FROM (SELECT r.principle_id, r.performance, r.importance, r.comment
          FROM json_each(?3) j JOIN ratings r ON r.cycle_id = ?1 AND r.respondent = ?2 AND r.principle_id = j.value
          ORDER BY j.key) x)),
  'progress', json_object(
    'answered', (SELECT COUNT(*) FROM ratings WHERE cycle_id = ?1 AND respondent = ?2
                 AND performance IS NOT NULL AND (?4 = 'pulse' OR importance IS NOT NULL)),
    'total', (SELECT COUNT(*) FROM cycle_principles WHERE cycle_id = ?1)))`;

interface AnswersOf {
  cycleId: string;
  respondent: string;
  /** The principles to list, in order (those without an answer are left out). */
  principleIds: string[];
  kind: "assessment" | "pulse";
}

const answersValues = (s: AnswersOf) => [s.cycleId, s.respondent, JSON.stringify(s.principleIds), s.kind];

/**
 * A respondent's answers and progress in a cycle as the API's JSON (`MyAnswers`); with a guard,
 * no row unless it holds (a submission's write batch ends with it).
 */
export function myAnswersStatement(db: D1Database, s: AnswersOf, guard?: Guard): D1PreparedStatement {
  return guarded(db, `SELECT ${RESPONSE_JSON} AS response WHERE {guard}`, answersValues(s), guard);
}

/**
 * Last in a submission's write batch when it has an Idempotency-Key: the response, recorded under
 * the key the batch claimed. Returns no row when the guard refused the claim.
 */
export function recordedAnswersStatement(db: D1Database, s: AnswersOf & { key: string }): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE idempotency SET response = ${RESPONSE_JSON} WHERE respondent = ?2 AND key = ?5 AND response = '' RETURNING response`,
    )
    .bind(...answersValues(s), s.key);
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
  guard?: Guard,
): D1PreparedStatement {
  return guarded(
    db,
    `INSERT INTO participation_counts (cycle_id, organization_id, responded)
     SELECT ?1, ?2, 1 WHERE NOT EXISTS (SELECT 1 FROM ratings WHERE cycle_id = ?1 AND respondent = ?3) AND {guard}
     ON CONFLICT (cycle_id, organization_id) DO UPDATE SET responded = responded + 1`,
    [cycleId, organizationId, respondent],
    guard,
  );
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
