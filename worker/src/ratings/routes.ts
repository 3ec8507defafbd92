import { createRoute, z } from "@hono/zod-openapi";
import { findCycle, listSnapshot } from "../cycles/queries";
import { CANT_SAY, SCALE_MAX, SCALE_MIN } from "../domain/scale";
import { cycleStatus } from "../domain/schedule";
import { conflict, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { MyAnswers, readMine } from "./mine";
import { saveAnswers } from "./save";

const Scale = z
  .union([z.number().int().min(SCALE_MIN).max(SCALE_MAX), z.literal(CANT_SAY)])
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
      const { cycleId } = c.req.valid("param");
      const key = c.req.header("Idempotency-Key");
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw invalid('Invalid "Idempotency-Key": 1–200 visible ASCII characters');
      }
      const saved = await saveAnswers(c.env.DB, c.env.RATING_KEY, c.var.caller, c.var.scope.partnershipId, {
        cycleId,
        answers: c.req.valid("json").answers,
        key,
        door: c.var.submission,
      });
      return saved.replayed
        ? c.json(saved.response, 200, { "Idempotent-Replayed": "true" })
        : c.json(saved.response, 200);
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
      const snapshot = await listSnapshot(db, cycleId);
      return c.json(await readMine(db, c.env.RATING_KEY, scope.partnershipId, caller.personId, cycle, snapshot), 200);
    },
  );
