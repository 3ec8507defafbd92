import { createRoute, z } from "@hono/zod-openapi";
import { sha256Hex } from "../auth/crypto";
import {
  type CycleRow,
  cycleStatement,
  eligibilityStatement,
  findCycle,
  type SnapshotRow,
  snapshotOf,
  snapshotStatement,
} from "../cycles/queries";
import { isoNow } from "../db/ids";
import { withRetry } from "../db/resilient";
import { rows } from "../db/rows";
import { cycleStatus } from "../domain/schedule";
import { conflict, forbidden, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { CANT_SAY, isComplete, MyAnswers, type OwnRow, ownRowsStatement, readMine, toScale } from "./mine";
import { respondentKey, saltStatement } from "./respondent";
import { ratingWriteStatements } from "./statements";

const Scale = z
  .union([z.number().int().min(1).max(5), z.literal(CANT_SAY)])
  .openapi({ description: 'An integer 1–5, or "cant_say" (not counted)' });

const Answer = z
  .strictObject({
    principleId: Id("pri"),
    performance: Scale.optional(),
    importance: Scale.optional(),
    comment: text({ max: 1000, min: 0, multiline: true }).nullable().optional(),
  })
  .openapi("Answer");

const ResponseBody = z.strictObject({ answers: z.array(Answer).min(1).max(20) }).openapi("ResponseBody");

const Saved = MyAnswers;

const CycleParams = PartnershipParams.extend({
  cycleId: Id("cyc").openapi({ param: { name: "cycleId", in: "path" } }),
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const fromScale = (v: number | typeof CANT_SAY | undefined) => (v === CANT_SAY ? 0 : v);

type Answer = z.infer<typeof Answer>;

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

interface Replay {
  requestHash: string;
  response: string;
}

const replayStatement = (db: D1Database, respondent: string, key: string, today: string) =>
  db
    .prepare(
      "SELECT request_hash AS requestHash, response FROM idempotency WHERE respondent = ? AND key = ? AND expires_on >= ?",
    )
    .bind(respondent, key, today);

const findReplay = (db: D1Database, respondent: string, key: string, today: string) =>
  replayStatement(db, respondent, key, today).first<Replay>();

function replayOrConflict(found: Replay, requestHash: string) {
  if (found.requestHash !== requestHash) {
    throw conflict("This Idempotency-Key was used for a different request; use a new key for a new answer");
  }
  return JSON.parse(found.response) as z.infer<typeof Saved>;
}

export const ratingRoutes = router()
  .openapi(
    createRoute({
      method: "post",
      path: "/cycles/{cycleId}/responses",
      tags: ["Ratings"],
      summary: "Save answers (partial saves welcome); answering again updates, never counts twice",
      description:
        "Send an `Idempotency-Key` header: a retry with the same key returns the first result and changes nothing; the same key with a different body answers 409. A pulse takes one answer with a performance of 1–5.",
      security: bearerSecurity,
      request: {
        params: CycleParams,
        headers: z.object({ "idempotency-key": z.string().optional() }),
        body: jsonBody(ResponseBody),
      },
      responses: { 200: jsonResponse(Saved, "Saved"), ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const { cycleId } = c.req.valid("param");
      const { answers } = c.req.valid("json");
      const key = c.req.header("Idempotency-Key");
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw invalid('Invalid "Idempotency-Key": 1–200 visible ASCII characters');
      }
      const db = c.env.DB;
      // Reads in as few round trips as possible: this is the hottest write path.
      const [cycleResult, snapshotResult, saltResult, eligibilityResult] = await db.batch<unknown>([
        cycleStatement(db, scope.partnershipId, cycleId),
        snapshotStatement(db, cycleId),
        saltStatement(db, scope.partnershipId, caller.personId),
        eligibilityStatement(db, cycleId, caller.personId),
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
      const respondent = await respondentKey(c.env.RATING_KEY, salt, cycleId);
      const requestHash = await sha256Hex(JSON.stringify([cycleId, answers]));
      const today = isoNow().slice(0, 10);
      const [ownResult, replayResult] = await db.batch<unknown>([
        ownRowsStatement(db, cycleId, respondent),
        ...(key ? [replayStatement(db, respondent, key, today)] : []),
      ]);
      const found = rows<Replay>(replayResult)[0];
      if (found) return c.json(replayOrConflict(found, requestHash), 200, { "Idempotent-Replayed": "true" });
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
        // Counted once per respondent: only while they have no rating row in this cycle yet. Runs
        // before the writes in the same transaction; nothing here names the person.
        db
          .prepare(
            `INSERT INTO participation_counts (cycle_id, organization_id, responded)
             SELECT ?1, ?2, 1 WHERE NOT EXISTS (SELECT 1 FROM ratings WHERE cycle_id = ?1 AND respondent = ?3)
             ON CONFLICT (cycle_id, organization_id) DO UPDATE SET responded = responded + 1`,
          )
          .bind(cycleId, caller.organizationId, respondent),
        ...answers.flatMap((a) =>
          ratingWriteStatements(db, {
            cycleId,
            respondent,
            principleId: a.principleId,
            organizationId: caller.organizationId,
            performance: fromScale(a.performance),
            importance: fromScale(a.importance),
            comment: a.comment === undefined ? undefined : a.comment || null,
          }),
        ),
      ];
      if (key) {
        statements.push(
          db
            .prepare(
              "INSERT INTO idempotency (respondent, key, request_hash, response, expires_on) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(respondent, key, requestHash, JSON.stringify(response), expiresOn),
        );
      }
      try {
        // Safe to retry: the write subtracts what is stored and adds it back, so a replayed batch
        // lands on the same state; a committed idempotency record turns a replay into a conflict.
        await withRetry(() => db.batch(statements));
      } catch (err) {
        // A concurrent request with the same key won: nothing of ours was written; answer as it did.
        const found = key ? await findReplay(db, respondent, key, today) : null;
        if (!found) throw err;
        return c.json(replayOrConflict(found, requestHash), 200, { "Idempotent-Replayed": "true" });
      }
      return c.json(response, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/cycles/{cycleId}/responses/mine",
      tags: ["Ratings"],
      summary: "Your own answers in an open cycle (to resume a partial answer)",
      security: bearerSecurity,
      request: { params: CycleParams },
      responses: { 200: jsonResponse(Saved, "Your answers"), ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const { cycleId } = c.req.valid("param");
      const db = c.env.DB;
      const cycle = await findCycle(db, scope.partnershipId, cycleId);
      if (!cycle) throw notFound("Cycle not found");
      if (cycleStatus(cycle) !== "open") {
        throw conflict("Answers can be read back only while the cycle is open");
      }
      const snapshot = await snapshotOf(db, cycleId);
      return c.json(await readMine(db, c.env.RATING_KEY, scope.partnershipId, caller.personId, cycle, snapshot), 200);
    },
  );
