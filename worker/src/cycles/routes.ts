import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import { cycleStatus } from "../domain/schedule";
import { conflict, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { facilitatorOnly } from "../partnerships/scope";
import { MyAnswers, readMine } from "../ratings/mine";
import { choosePulsePrinciple } from "../schedule/pulse";
import { createCycleStatements, cycleView, findCycle, listCycles, participationOf, snapshotOf } from "./queries";

const KINDS = ["assessment", "pulse"] as const;
const STATUSES = ["scheduled", "open", "closed"] as const;

const Participation = z.array(
  z.object({ organizationId: z.string(), invited: z.number().int(), responded: z.number().int() }),
);

export const Cycle = z
  .object({
    id: z.string(),
    kind: z.enum(KINDS),
    source: z.enum(["cadence", "manual"]),
    title: z.string(),
    status: z.enum(STATUSES),
    periodStart: z.string().nullable(),
    opensAt: z.string(),
    closesAt: z.string(),
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
}).openapi("CycleDetail");

const Schedule = z
  .strictObject({
    kind: z.enum(KINDS),
    title: z.string().trim().max(120).optional(),
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

async function detail(db: D1Database, partnershipId: string, cycleId: string) {
  const cycle = await findCycle(db, partnershipId, cycleId);
  if (!cycle) throw notFound("Cycle not found");
  const [principles, participation] = await Promise.all([
    snapshotOf(db, cycleId),
    participationOf(db, partnershipId, cycleId),
  ]);
  return {
    ...cycleView(cycle),
    principles: principles.map(({ position: _, ...p }) => p),
    participation,
  };
}

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
      request: { params: PartnershipParams, query: z.strictObject({ kind: z.enum(KINDS).default("assessment") }) },
      responses: {
        200: jsonResponse(
          z
            .object({
              cycle: CycleDetail.omit({ participation: true }).nullable(),
              mine: z.union([MyAnswers, z.null()]),
            })
            .openapi("CurrentCycle"),
          "The current cycle, or null when none is open",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid("query");
      const { scope, caller } = c.var;
      const db = c.env.DB;
      const now = isoNow();
      const open = await db
        .prepare(
          `SELECT id FROM cycles WHERE partnership_id = ? AND kind = ? AND opens_at <= ?3 AND closes_at > ?3
           ORDER BY opens_at DESC LIMIT 1`,
        )
        .bind(scope.partnershipId, kind, now)
        .first<{ id: string }>();
      if (!open) return c.json({ cycle: null, mine: null }, 200);
      const cycle = await findCycle(db, scope.partnershipId, open.id);
      if (!cycle) return c.json({ cycle: null, mine: null }, 200);
      const principles = await snapshotOf(db, cycle.id);
      const mine = await readMine(db, c.env.RATING_KEY, scope.partnershipId, caller.personId, cycle, principles);
      return c.json(
        { cycle: { ...cycleView(cycle), principles: principles.map(({ position: _, ...p }) => p) }, mine },
        200,
      );
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
        query: z.strictObject({ kind: z.enum(KINDS).optional(), status: z.enum(STATUSES).optional() }),
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
    async (c) => {
      const { caller, scope } = c.var;
      const body = c.req.valid("json");
      const db = c.env.DB;
      const now = Date.now();
      const opensAt = body.opensAt ? new Date(body.opensAt).getTime() : now;
      const settings = await db
        .prepare("SELECT assessment_window_days AS windowDays FROM partnerships WHERE id = ?")
        .bind(scope.partnershipId)
        .first<{ windowDays: number }>();
      const defaultDays = body.kind === "assessment" ? (settings?.windowDays ?? 21) : 7;
      const closesAt = body.closesAt ? new Date(body.closesAt).getTime() : opensAt + defaultDays * 86_400_000;
      if (closesAt <= opensAt) throw invalid('Invalid "closesAt": must be after opensAt');
      if (closesAt <= now) throw invalid('Invalid "closesAt": must be in the future');
      if (body.kind === "assessment" && body.principleId) {
        throw invalid('Invalid "principleId": an assessment asks every agreed principle');
      }
      let principleId = body.principleId;
      if (body.kind === "pulse" && !principleId) {
        principleId = (await choosePulsePrinciple(db, scope.partnershipId)) ?? undefined;
      }
      const agreed = await db
        .prepare(
          "SELECT COUNT(*) AS n FROM principles WHERE partnership_id = ?1 AND status = 'agreed' AND (?2 IS NULL OR id = ?2)",
        )
        .bind(scope.partnershipId, principleId ?? null)
        .first<{ n: number }>();
      if (!agreed?.n) {
        throw principleId
          ? invalid('Invalid "principleId": not an agreed principle of this partnership')
          : conflict("Agree at least one principle before scheduling a cycle");
      }
      const id = newId("cyc");
      const created = isoNow(now);
      await db.batch([
        ...createCycleStatements(db, {
          id,
          partnershipId: scope.partnershipId,
          kind: body.kind,
          source: "manual",
          periodStart: id,
          title: body.title ?? "",
          opensAt: isoNow(opensAt),
          closesAt: isoNow(closesAt),
          createdBy: caller.personId,
          createdAt: created,
          principleId,
        }),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "cycle.scheduled",
          targetType: "cycle",
          targetId: id,
          detail: { kind: body.kind, opensAt: isoNow(opensAt), closesAt: isoNow(closesAt) },
        }),
      ]);
      return c.json(await detail(db, scope.partnershipId, id), 201);
    },
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
    async (c) => c.json(await detail(c.env.DB, c.var.scope.partnershipId, c.req.valid("param").cycleId), 200),
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
    async (c) => moveCycle(c.env.DB, c.var, c.req.valid("param").cycleId, "open").then((d) => c.json(d, 200)),
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
    async (c) => moveCycle(c.env.DB, c.var, c.req.valid("param").cycleId, "close").then((d) => c.json(d, 200)),
  );

/** Opens a scheduled cycle or closes an open one, by moving its time; guarded against races. */
async function moveCycle(
  db: D1Database,
  v: {
    scope: { partnershipId: string; role: "facilitator" | "member"; archived: boolean };
    caller: { personId: string };
  },
  cycleId: string,
  to: "open" | "close",
) {
  const cycle = await findCycle(db, v.scope.partnershipId, cycleId);
  if (!cycle) throw notFound("Cycle not found");
  const status = cycleStatus(cycle);
  const now = isoNow();
  if (to === "open" && status !== "scheduled") throw conflict(`This cycle is already ${status}`);
  if (to === "close" && status !== "open") {
    throw conflict(status === "closed" ? "This cycle is already closed" : "This cycle has not opened yet");
  }
  const [moved] = await db.batch([
    to === "open"
      ? db.prepare("UPDATE cycles SET opens_at = ?1 WHERE id = ?2 AND opens_at > ?1 RETURNING id").bind(now, cycleId)
      : db
          .prepare(
            "UPDATE cycles SET closes_at = ?1, closed_at = ?1 WHERE id = ?2 AND opens_at <= ?1 AND closes_at > ?1 RETURNING id",
          )
          .bind(now, cycleId),
    auditStatement(
      db,
      {
        partnershipId: v.scope.partnershipId,
        actorId: v.caller.personId,
        action: to === "open" ? "cycle.opened" : "cycle.closed",
        targetType: "cycle",
        targetId: cycleId,
        detail: { kind: cycle.kind },
      },
      { sql: "changes() > 0" },
    ),
  ]);
  if (!moved?.results.length) throw conflict("The cycle changed meanwhile; reload it");
  return detail(db, v.scope.partnershipId, cycleId);
}
