import { sha256Hex } from "../auth/crypto";
import {
  type CycleRow,
  cycleStatement,
  eligibilityStatement,
  type SnapshotRow,
  snapshotStatement,
} from "../cycles/queries";
import { isoNow } from "../db/ids";
import { withRetry } from "../db/resilient";
import { rows } from "../db/rows";
import { fromScale, type ScaleAnswer, toScale } from "../domain/scale";
import { cycleStatus } from "../domain/schedule";
import type { Caller } from "../http/context";
import { conflict, forbidden, invalid, notFound } from "../http/errors";
import { isComplete } from "./mine";
import {
  countRespondentStatement,
  type OwnRow,
  ownRowsStatement,
  type Replay,
  ratingWriteStatements,
  replayRecordStatement,
  replayStatement,
  saltStatement,
} from "./queries";
import { respondentKey } from "./respondent";

export interface Answer {
  principleId: string;
  performance?: ScaleAnswer;
  importance?: ScaleAnswer;
  comment?: string | null;
}

/** Kind-specific rules the schema alone cannot say; names the offending field. */
function checkAnswers(kind: "assessment" | "pulse", answers: Answer[], snapshot: Set<string>) {
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (!snapshot.has(a.principleId))
      throw invalid(`Invalid "answers.${i}.principleId": this cycle does not ask about it`);
    if (seen.has(a.principleId)) throw invalid(`Invalid "answers.${i}.principleId": answered twice in one request`);
    seen.add(a.principleId);
    if (kind === "pulse") {
      if (answers.length !== 1) throw invalid('Invalid "answers": a pulse takes exactly one answer');
      if (typeof a.performance !== "number") throw invalid(`Invalid "answers.${i}.performance": a pulse takes 1–5`);
      if (a.importance !== undefined) throw invalid(`Invalid "answers.${i}.importance": a pulse asks performance only`);
      if (a.comment !== undefined) throw invalid(`Invalid "answers.${i}.comment": a pulse takes no comment`);
    } else if (a.performance === undefined && a.importance === undefined && a.comment === undefined) {
      throw invalid(`Invalid "answers.${i}": give performance, importance or a comment`);
    }
  });
}

function replayOrConflict(found: Replay, requestHash: string) {
  if (found.requestHash !== requestHash) {
    throw conflict("This Idempotency-Key was used for a different request; use a new key for a new answer");
  }
  return JSON.parse(found.response) as SavedAnswers;
}

interface SavedAnswers {
  cycleId: string;
  answers: {
    principleId: string;
    performance: ScaleAnswer | null;
    importance: ScaleAnswer | null;
    comment: string | null;
  }[];
  progress: { answered: number; total: number };
}

/**
 * Saves a person's answers in an open cycle they are eligible for, under their respondent key:
 * answering again updates and never counts twice; with an Idempotency-Key a retry returns the
 * first result (`replayed`) and changes nothing.
 */
export async function saveAnswers(
  db: D1Database,
  ratingKey: string,
  actor: Pick<Caller, "personId" | "organizationId">,
  partnershipId: string,
  { cycleId, answers, key }: { cycleId: string; answers: Answer[]; key?: string },
): Promise<{ response: SavedAnswers; replayed: boolean }> {
  // Reads in as few round trips as possible: this is the hottest write path.
  const [cycleResult, snapshotResult, saltResult, eligibilityResult] = await db.batch<unknown>([
    cycleStatement(db, partnershipId, cycleId),
    snapshotStatement(db, cycleId),
    saltStatement(db, partnershipId, actor.personId),
    eligibilityStatement(db, cycleId, actor.personId),
  ]);
  const cycle = rows<CycleRow>(cycleResult)[0];
  if (!cycle) throw notFound("Cycle not found");
  const status = cycleStatus(cycle);
  if (status !== "open") {
    throw conflict(status === "closed" ? "This cycle is closed" : "This cycle is not open yet");
  }
  // Who may answer was fixed when the cycle opened. Recording an opening writes who is eligible,
  // which a submission must never do: loading the cycle (the survey always does first) records it.
  if (!cycle.openedAt) throw conflict("This cycle has just opened: load it again, then answer");
  const eligibility = rows<{ withdrawn: number }>(eligibilityResult)[0];
  if (!eligibility) {
    throw forbidden("You joined after this cycle opened: you can answer from the next cycle");
  }
  if (eligibility.withdrawn) {
    throw forbidden("You were removed while this cycle ran: you can answer from the next cycle");
  }
  const snapshot = rows<SnapshotRow>(snapshotResult);
  checkAnswers(cycle.kind, answers, new Set(snapshot.map((s) => s.principleId)));

  // Salts are created when a cycle opens, never here: a submission writes nothing naming a person.
  const salt = rows<{ salt: string }>(saltResult)[0]?.salt;
  if (!salt) throw conflict("Your answers cannot be stored yet: load the cycle again, then answer");
  const respondent = await respondentKey(ratingKey, salt, cycleId);
  const requestHash = await sha256Hex(JSON.stringify([cycleId, answers]));
  const today = isoNow().slice(0, 10);
  const [ownResult, replayResult] = await db.batch<unknown>([
    ownRowsStatement(db, cycleId, respondent),
    ...(key ? [replayStatement(db, respondent, key, today)] : []),
  ]);
  const found = rows<Replay>(replayResult)[0];
  if (found) return { response: replayOrConflict(found, requestHash), replayed: true };
  const before = rows<OwnRow>(ownResult);
  const merged = new Map(before.map((a) => [a.principleId, a]));
  for (const a of answers) {
    const old = merged.get(a.principleId);
    merged.set(a.principleId, {
      principleId: a.principleId,
      performance: a.performance === undefined ? (old?.performance ?? null) : (fromScale(a.performance) as number),
      importance: a.importance === undefined ? (old?.importance ?? null) : (fromScale(a.importance) as number),
      comment: a.comment === undefined ? (old?.comment ?? null) : a.comment || null,
    });
  }
  const response = {
    cycleId,
    answers: answers.map((a) => {
      const m = merged.get(a.principleId);
      return {
        principleId: a.principleId,
        performance: toScale(m?.performance ?? null),
        importance: toScale(m?.importance ?? null),
        comment: m?.comment ?? null,
      };
    }),
    progress: {
      answered: [...merged.values()].filter((a) => isComplete(cycle.kind, a)).length,
      total: snapshot.length,
    },
  };
  const expiresOn = isoNow(Date.now() + 86_400_000).slice(0, 10);
  const statements = [
    countRespondentStatement(db, cycleId, actor.organizationId, respondent),
    ...answers.flatMap((a) =>
      ratingWriteStatements(db, {
        cycleId,
        respondent,
        principleId: a.principleId,
        organizationId: actor.organizationId,
        performance: fromScale(a.performance),
        importance: fromScale(a.importance),
        comment: a.comment === undefined ? undefined : a.comment || null,
      }),
    ),
  ];
  if (key) {
    statements.push(
      replayRecordStatement(db, { respondent, key, requestHash, response: JSON.stringify(response), expiresOn }),
    );
  }
  try {
    // Safe to retry: the write subtracts what is stored and adds it back, so a replayed batch
    // lands on the same state; a committed idempotency record turns a replay into a conflict.
    await withRetry(() => db.batch(statements));
  } catch (err) {
    // A concurrent request with the same key won: nothing of ours was written; answer as it did.
    const found = key ? await replayStatement(db, respondent, key, today).first<Replay>() : null;
    if (!found) throw err;
    return { response: replayOrConflict(found, requestHash), replayed: true };
  }
  return { response, replayed: false };
}
