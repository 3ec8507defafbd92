import { sha256Hex } from "../auth/crypto";
import type { CycleRow, SnapshotRow } from "../cycles/queries";
import { isoNow } from "../db/ids";
import { withRetry } from "../db/resilient";
import { rows } from "../db/rows";
import type { ScaleAnswer } from "../domain/scale";
import { fromScale } from "../domain/scale";
import { cycleStatus } from "../domain/schedule";
import type { Caller } from "../http/context";
import { ApiError, conflict, forbidden, invalid, notFound } from "../http/errors";
import {
  claimReplayStatements,
  countRespondentStatement,
  mayAnswerGuard,
  myAnswersStatement,
  type PersonRef,
  type Replay,
  ratingWriteStatements,
  recordedAnswersStatement,
  replayStatement,
  submissionReadStatements,
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
 * A cycle's snapshot never changes once the cycle exists (it is written with it), so each isolate
 * keeps the snapshots of the cycles it has seen answered. Bounded: the oldest go first.
 */
const snapshots = new Map<string, SnapshotRow[]>();
const SNAPSHOTS_KEPT = 500;

/** What a submission reads before it writes, in one round trip. */
export interface SubmissionReads {
  cycle: CycleRow | undefined;
  salt: string | undefined;
  eligibility: { withdrawn: number } | undefined;
  snapshot: SnapshotRow[];
}

/**
 * A submission's reads, to run in one batch on their own or beside the token door's statement
 * (which knows the person only by the token's hash), and how to read their results.
 */
export function submissionReads(db: D1Database, partnershipId: string, cycleId: string) {
  const known = snapshots.get(cycleId);
  return {
    statements: (person: PersonRef) => submissionReadStatements(db, person, partnershipId, cycleId, !known),
    parse(results: D1Result[]): SubmissionReads {
      const [cycle, salt, eligibility, snapshot] = results;
      const fresh = known ?? rows<SnapshotRow>(snapshot);
      if (!known && fresh.length > 0) {
        if (snapshots.size >= SNAPSHOTS_KEPT) snapshots.delete(snapshots.keys().next().value as string);
        snapshots.set(cycleId, fresh);
      }
      return {
        cycle: rows<CycleRow>(cycle)[0],
        salt: rows<{ salt: string }>(salt)[0]?.salt,
        eligibility: rows<{ withdrawn: number }>(eligibility)[0],
        snapshot: fresh,
      };
    },
  };
}

/** A submission through the token door: its reads, made beside the token's or remembered. */
export interface DoorSubmission {
  tokenHash: string;
  reads: SubmissionReads;
  /** Only when the reads were remembered: reads afresh, checking the token again (401 if gone). */
  refresh?: () => Promise<SubmissionReads>;
  /** Keeps the reads of an accepted submission for this token's next one in the cycle. */
  accepted(reads: SubmissionReads): void;
}

interface Submission {
  cycleId: string;
  answers: Answer[];
  key?: string;
  door?: DoorSubmission;
}

type Saved = { response: SavedAnswers; replayed: boolean };
/** The write batch's guard refused: the person may no longer answer, as the reads said they could. */
const REFUSED = Symbol("refused");

/**
 * Saves a person's answers in an open cycle they are eligible for, under their respondent key:
 * answering again updates and never counts twice; with an Idempotency-Key a retry returns the
 * first result (`replayed`) and changes nothing.
 *
 * Two round trips: the reads (made by the token door beside its own, or here) and one write
 * batch that re-checks in SQL that the person may still answer, claims the Idempotency-Key,
 * merges the answers into what is stored, moves the aggregates by the difference and returns the
 * response computed from the stored rows. One round trip when the token door remembered the
 * reads: if anything they said has changed, the batch writes nothing and the submission runs
 * again from fresh reads, so it ends as it would have without them.
 */
export async function saveAnswers(
  db: D1Database,
  ratingKey: string,
  actor: Pick<Caller, "personId" | "organizationId">,
  partnershipId: string,
  submission: Submission,
): Promise<Saved> {
  const { door, cycleId } = submission;
  const attempt = (reads: SubmissionReads) => write(db, ratingKey, actor, submission, reads);
  let reads = door?.reads;
  if (door?.refresh && reads) {
    const remembered = await attempt(reads).catch((err: unknown): typeof REFUSED => {
      if (err instanceof ApiError) return REFUSED;
      throw err;
    });
    if (remembered !== REFUSED) return remembered;
    reads = await door.refresh();
  }
  if (!reads) {
    const { statements, parse } = submissionReads(db, partnershipId, cycleId);
    reads = parse(await db.batch(statements({ personId: actor.personId })));
  }
  const saved = await attempt(reads);
  // The guard refused the batch: the cycle closed, or the person was removed, since the reads.
  if (saved === REFUSED) throw conflict("This cycle is no longer open to you; nothing was saved");
  if (!saved.replayed) door?.accepted(reads);
  return saved;
}

/** Checks the answers against the reads and writes them in one guarded batch; REFUSED if the guard refused. */
async function write(
  db: D1Database,
  ratingKey: string,
  actor: Pick<Caller, "personId" | "organizationId">,
  { cycleId, answers, key, door }: Submission,
  { cycle, eligibility, snapshot, salt }: SubmissionReads,
): Promise<Saved | typeof REFUSED> {
  if (!cycle) throw notFound("Cycle not found");
  const now = Date.now();
  const status = cycleStatus(cycle, now);
  if (status !== "open") {
    throw conflict(status === "closed" ? "This cycle is closed" : "This cycle is not open yet");
  }
  // Who may answer was fixed when the cycle opened. Recording an opening writes who is eligible,
  // which a submission must never do: loading the cycle (the survey always does first) records it.
  if (!cycle.openedAt) throw conflict("This cycle has just opened: load it again, then answer");
  if (!eligibility) {
    throw forbidden("You joined after this cycle opened: you can answer from the next cycle");
  }
  if (eligibility.withdrawn) {
    throw forbidden("You were removed while this cycle ran: you can answer from the next cycle");
  }
  checkAnswers(cycle.kind, answers, new Set(snapshot.map((s) => s.principleId)));

  // Salts are created when a cycle opens, never here: a submission writes nothing naming a person.
  if (!salt) throw conflict("Your answers cannot be stored yet: load the cycle again, then answer");
  const respondent = await respondentKey(ratingKey, salt, cycleId);
  const requestHash = await sha256Hex(JSON.stringify([cycleId, answers]));
  const today = isoNow(now).slice(0, 10);
  const principleIds = answers.map((a) => a.principleId);
  const guard = mayAnswerGuard({
    cycleId,
    personId: actor.personId,
    principleIds,
    now: isoNow(now),
    salt,
    tokenHash: door?.tokenHash,
  });
  const statements = [
    ...(key
      ? claimReplayStatements(
          db,
          { respondent, key, requestHash, today, expiresOn: isoNow(now + 86_400_000).slice(0, 10) },
          guard,
        )
      : []),
    countRespondentStatement(db, cycleId, actor.organizationId, respondent, guard),
    ...answers.flatMap((a) =>
      ratingWriteStatements(
        db,
        {
          cycleId,
          respondent,
          principleId: a.principleId,
          organizationId: actor.organizationId,
          performance: fromScale(a.performance),
          importance: fromScale(a.importance),
          comment: a.comment === undefined ? undefined : a.comment || null,
        },
        guard,
      ),
    ),
    key
      ? recordedAnswersStatement(db, { cycleId, respondent, principleIds, kind: cycle.kind, key })
      : myAnswersStatement(db, { cycleId, respondent, principleIds, kind: cycle.kind }, guard),
  ];
  let results: D1Result[];
  try {
    // Safe to retry: the write subtracts what is stored and adds it back, so a replayed batch
    // lands on the same state; a committed claim of the key turns a replay into a stored answer.
    results = await withRetry(() => db.batch(statements));
  } catch (err) {
    // The key was claimed already (an earlier or concurrent request, or this one's lost answer):
    // nothing of ours was written; answer as that request did.
    const found = key ? await replayStatement(db, respondent, key, today).first<Replay>() : null;
    if (!found) throw err;
    return { response: replayOrConflict(found, requestHash), replayed: true };
  }
  const response = rows<{ response: string }>(results.at(-1) as D1Result)[0]?.response;
  if (!response) return REFUSED;
  return { response: JSON.parse(response) as SavedAnswers, replayed: false };
}
