import { createRoute, z } from "@hono/zod-openapi";
import { CYCLE_KINDS, CYCLE_STATUSES } from "../domain/schedule";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { facilitatorOnly } from "../partnerships/scope";
import { MyAnswers } from "../ratings/mine";
import { getCurrentCycle, getCycleDetail, moveCycle, scheduleCycle } from "./process";
import { CYCLE_SOURCES, cycleView, listCycles } from "./queries";

export const Participation = z
  .array(
    z.object({
      organizationId: z.string(),
      invited: z.number().int().openapi({ description: "People eligible when the cycle opened; never changes" }),
      responded: z
        .number()
        .int()
        .nullable()
        .openapi({ description: "Null while the cycle is open and fewer than k have responded" }),
      fewerThanK: z.boolean(),
    }),
  )
  .openapi("Participation");

export const Cycle = z
  .object({
    id: z.string(),
    kind: z.enum(CYCLE_KINDS),
    source: z.enum(CYCLE_SOURCES),
    title: z.string(),
    status: z.enum(CYCLE_STATUSES),
    periodStart: z.string().nullable(),
    opensAt: z.string(),
    closesAt: z.string(),
    plannedClosesAt: z.string().openapi({ description: "The close planned; a closed cycle can reopen until then" }),
    k: z.number().int().nullable().openapi({ description: "The cycle's own k, fixed when it opened" }),
    commentThreshold: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .openapi("Cycle");

const CycleDetail = Cycle.extend({
  principles: z.array(
    z.object({
      principleId: z.string(),
      versionId: z.string(),
      number: z.number().int(),
      title: z.string(),
      description: z.string(),
    }),
  ),
  participation: Participation,
  closeEarly: z.object({
    allowed: z.boolean(),
    short: z.array(z.string()).openapi({ description: "Organizations with fewer than k respondents" }),
  }),
  reopenable: z.boolean(),
}).openapi("CycleDetail");

const Schedule = z
  .strictObject({
    kind: z.enum(CYCLE_KINDS),
    title: text({ max: 120, min: 0 }).optional(),
    opensAt: z.iso.datetime({ offset: true }).optional().openapi({ description: "Default: now" }),
    closesAt: z.iso.datetime({ offset: true }).optional().openapi({
      description: "Default: the partnership's assessment window (21 days) or 7 days for a pulse",
    }),
    principleId: Id("pri").optional().openapi({ description: "A pulse's principle (default: the largest gap)" }),
  })
  .openapi("ScheduleCycle");

const CycleParams = PartnershipParams.extend({
  cycleId: Id("cyc").openapi({ param: { name: "cycleId", in: "path" } }),
});

export const cycleRoutes = router()
  // Registered before /cycles/{cycleId}, which would otherwise take "current" for an id.
  .openapi(
    createRoute({
      method: "get",
      path: "/cycles/current",
      tags: ["Cycles"],
      summary:
        "The open assessment or pulse for the caller, with their answers so far (one request to a first question)",
      security: bearerSecurity,
      request: {
        params: PartnershipParams,
        query: z.strictObject({
          kind: z.enum(CYCLE_KINDS).default("assessment"),
          cycle: Id("cyc").optional().openapi({ description: "The cycle a survey link names (default: the open one)" }),
        }),
      },
      responses: {
        200: jsonResponse(
          z
            .object({
              cycle: CycleDetail.omit({ participation: true, closeEarly: true, reopenable: true }).nullable(),
              mine: z.union([MyAnswers, z.null()]),
              eligible: z.boolean().openapi({
                description: "False for someone who joined after the cycle opened: they answer from the next cycle",
              }),
            })
            .openapi("CurrentCycle"),
          "The current cycle, or null when none is open",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { scope, caller } = c.var;
      const current = await getCurrentCycle(
        c.env.DB,
        c.env.RATING_KEY,
        scope.partnershipId,
        caller.personId,
        c.req.valid("query"),
      );
      return c.json(current, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/cycles",
      tags: ["Cycles"],
      summary: "Cycles of the partnership, newest first",
      security: bearerSecurity,
      request: {
        params: PartnershipParams,
        query: z.strictObject({ kind: z.enum(CYCLE_KINDS).optional(), status: z.enum(CYCLE_STATUSES).optional() }),
      },
      responses: { 200: jsonResponse(z.object({ cycles: z.array(Cycle) }), "Cycles"), ...commonErrors },
    }),
    async (c) => {
      const { kind, status } = c.req.valid("query");
      const now = Date.now();
      const cycles = (await listCycles(c.env.DB, c.var.scope.partnershipId, kind))
        .map((row) => cycleView(row, now))
        .filter((v) => !status || v.status === status);
      return c.json({ cycles }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/cycles",
      tags: ["Cycles"],
      summary: "Schedule a cycle by hand (facilitators); it freezes the agreed principle versions",
      middleware: [facilitatorOnly("schedule cycles")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams, body: jsonBody(Schedule) },
      responses: { 201: jsonResponse(CycleDetail, "Scheduled"), ...commonErrors },
    }),
    async (c) =>
      c.json(await scheduleCycle(c.env.DB, c.var.caller, c.var.scope.partnershipId, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/cycles/{cycleId}",
      tags: ["Cycles"],
      summary: "A cycle with the principle versions it asks about and live participation per organization",
      security: bearerSecurity,
      request: { params: CycleParams },
      responses: { 200: jsonResponse(CycleDetail, "The cycle"), ...commonErrors },
    }),
    async (c) => c.json(await getCycleDetail(c.env.DB, c.var.scope.partnershipId, c.req.valid("param").cycleId), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/cycles/{cycleId}/open",
      tags: ["Cycles"],
      summary: "Open a scheduled cycle now (facilitators)",
      middleware: [facilitatorOnly("open cycles")] as const,
      security: bearerSecurity,
      request: { params: CycleParams },
      responses: { 200: jsonResponse(CycleDetail, "Opened"), ...commonErrors },
    }),
    async (c) => {
      const { cycleId } = c.req.valid("param");
      return c.json(await moveCycle(c.env.DB, c.var.caller, c.var.scope.partnershipId, cycleId, "open"), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/cycles/{cycleId}/close",
      tags: ["Cycles"],
      summary: "Close an open cycle now and publish its results (facilitators)",
      middleware: [facilitatorOnly("close cycles")] as const,
      security: bearerSecurity,
      request: { params: CycleParams },
      responses: { 200: jsonResponse(CycleDetail, "Closed"), ...commonErrors },
    }),
    async (c) => {
      const { cycleId } = c.req.valid("param");
      return c.json(await moveCycle(c.env.DB, c.var.caller, c.var.scope.partnershipId, cycleId, "close"), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/cycles/{cycleId}/reopen",
      tags: ["Cycles"],
      summary: "Reopen a closed cycle until its planned close (facilitators)",
      middleware: [facilitatorOnly("reopen cycles")] as const,
      security: bearerSecurity,
      request: { params: CycleParams },
      responses: { 200: jsonResponse(CycleDetail, "Reopened"), ...commonErrors },
    }),
    async (c) => {
      const { cycleId } = c.req.valid("param");
      return c.json(await moveCycle(c.env.DB, c.var.caller, c.var.scope.partnershipId, cycleId, "reopen"), 200);
    },
  );
