import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import { cycleStatus } from "../domain/schedule";
import type { Scope } from "../http/context";
import { conflict, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { facilitatorOnly } from "../partnerships/scope";
import { MyAnswers, readMine } from "../ratings/mine";
import { choosePulsePrinciple } from "../schedule/pulse";
import {
  type CycleRow,
  createCycleStatements,
  cycleView,
  eligibilityStatement,
  ensureOpened,
  findCycle,
  listCycles,
  openingStatements,
  overlappingAssessment,
  type Participation as ParticipationRow,
  participationOf,
  snapshotOf,
} from "./queries";

const KINDS = ["assessment", "pulse"] as const;
const STATUSES = ["scheduled", "open", "closed"] as const;

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
    kind: z.enum(KINDS),
    source: z.enum(["cadence", "manual"]),
    title: z.string(),
    status: z.enum(STATUSES),
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
    kind: z.enum(KINDS),
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

/** Closing early publishes results, so it waits until every organization has at least k respondents. */
function closeEarly(cycle: CycleRow, participation: ParticipationRow[], now = Date.now()) {
  const short = participation.filter((p) => p.fewerThanK).map((p) => p.organizationId);
  return { allowed: cycleStatus(cycle, now) === "open" && short.length === 0, short };
}

const reopenable = (cycle: CycleRow, now = Date.now()) =>
  cycleStatus(cycle, now) === "closed" && Date.parse(cycle.plannedClosesAt) > now;

async function detail(db: D1Database, partnershipId: string, cycleId: string) {
  const found = await findCycle(db, partnershipId, cycleId);
  if (!found) throw notFound("Cycle not found");
  const cycle = await ensureOpened(db, found);
  const [principles, participation] = await Promise.all([snapshotOf(db, cycleId), participationOf(db, cycle)]);
  return {
    ...cycleView(cycle),
    principles: principles.map(({ position: _, ...p }) => p),
    participation,
    closeEarly: closeEarly(cycle, participation),
    reopenable: reopenable(cycle),
  };
}

/** 409 naming the assessment that would overlap [opensAt, closesAt). */
async function refuseOverlap(
  db: D1Database,
  partnershipId: string,
  cycleId: string,
  opensAt: string,
  closesAt: string,
) {
  const other = await overlappingAssessment(db, partnershipId, cycleId, opensAt, closesAt);
  if (other) {
    throw conflict(
      `Another assessment${other.title ? ` ("${other.title}")` : ""} (${other.id}) runs from ${other.opensAt.slice(0, 10)} to ${other.closesAt.slice(0, 10)}: one assessment at a time`,
    );
  }
}

const MAX_CYCLE_DAYS = 400;

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
          kind: z.enum(KINDS).default("assessment"),
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
      const { kind, cycle: named } = c.req.valid("query");
      const { scope, caller } = c.var;
      const db = c.env.DB;
      const now = isoNow();
      const open = await db
        .prepare(
          `SELECT id FROM cycles WHERE partnership_id = ?1 AND kind = ?2 AND opens_at <= ?3 AND closes_at > ?3
             AND (?4 IS NULL OR id = ?4)
           ORDER BY opens_at DESC LIMIT 1`,
        )
        .bind(scope.partnershipId, kind, now, named ?? null)
        .first<{ id: string }>();
      const found = open ? await findCycle(db, scope.partnershipId, open.id) : null;
      if (!found) return c.json({ cycle: null, mine: null, eligible: false }, 200);
      const cycle = await ensureOpened(db, found);
      const [principles, eligibility] = await Promise.all([
        snapshotOf(db, cycle.id),
        eligibilityStatement(db, cycle.id, caller.personId).first<{ withdrawn: number }>(),
      ]);
      const mine = await readMine(db, c.env.RATING_KEY, scope.partnershipId, caller.personId, cycle, principles);
      return c.json(
        {
          cycle: { ...cycleView(cycle), principles: principles.map(({ position: _, ...p }) => p) },
          mine,
          eligible: eligibility?.withdrawn === 0,
        },
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
      if (closesAt - opensAt > MAX_CYCLE_DAYS * 86_400_000) {
        throw invalid(`Invalid "closesAt": at most ${MAX_CYCLE_DAYS} days after opensAt`);
      }
      if (opensAt > now + MAX_CYCLE_DAYS * 86_400_000) {
        throw invalid(`Invalid "opensAt": at most ${MAX_CYCLE_DAYS} days ahead`);
      }
      if (body.kind === "assessment") {
        await refuseOverlap(db, scope.partnershipId, "", isoNow(opensAt), isoNow(closesAt));
      }
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
      const [inserted] = await db.batch([
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
        ...openingStatements(db, created, id),
        auditStatement(
          db,
          {
            partnershipId: scope.partnershipId,
            actorId: caller.personId,
            action: "cycle.scheduled",
            targetType: "cycle",
            targetId: id,
            detail: { kind: body.kind, opensAt: isoNow(opensAt), closesAt: isoNow(closesAt) },
          },
          { sql: "EXISTS (SELECT 1 FROM cycles WHERE id = ?)", values: [id] },
        ),
      ]);
      // A concurrent request scheduled an overlapping assessment between the check and the insert.
      if (!inserted?.meta.changes) await refuseOverlap(db, scope.partnershipId, id, isoNow(opensAt), isoNow(closesAt));
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
    async (c) => moveCycle(c.env.DB, c.var, c.req.valid("param").cycleId, "reopen").then((d) => c.json(d, 200)),
  );

/** Opens a scheduled cycle, closes an open one or reopens a closed one, by moving its time; guarded against races. */
async function moveCycle(
  db: D1Database,
  v: { scope: Scope; caller: { personId: string } },
  cycleId: string,
  to: "open" | "close" | "reopen",
) {
  const found = await findCycle(db, v.scope.partnershipId, cycleId);
  if (!found) throw notFound("Cycle not found");
  const cycle = await ensureOpened(db, found);
  const status = cycleStatus(cycle);
  const now = isoNow();
  let move: D1PreparedStatement;
  if (to === "open") {
    if (status !== "scheduled") throw conflict(`This cycle is already ${status}`);
    if (cycle.kind === "assessment") await refuseOverlap(db, cycle.partnershipId, cycle.id, now, cycle.closesAt);
    move = db
      .prepare("UPDATE cycles SET opens_at = ?1 WHERE id = ?2 AND opens_at > ?1 RETURNING id")
      .bind(now, cycleId);
  } else if (to === "close") {
    if (status !== "open") {
      throw conflict(status === "closed" ? "This cycle is already closed" : "This cycle has not opened yet");
    }
    const short = closeEarly(cycle, await participationOf(db, cycle)).short;
    if (short.length > 0) {
      const names = await organizationNames(db, short);
      throw conflict(
        `${names.join(" and ")} ${short.length > 1 ? "have" : "has"} fewer than ${cycle.k} respondents; closing now would publish nothing for ${short.length > 1 ? "them" : "it"}. It closes by itself on ${cycle.closesAt.slice(0, 10)}.`,
      );
    }
    move = db
      .prepare(
        "UPDATE cycles SET closes_at = ?1, closed_at = ?1 WHERE id = ?2 AND opens_at <= ?1 AND closes_at > ?1 RETURNING id",
      )
      .bind(now, cycleId);
  } else {
    if (status !== "closed") throw conflict(`This cycle is ${status}, not closed`);
    if (!reopenable(cycle)) throw conflict("This cycle's planned close has passed: schedule a new cycle instead");
    if (cycle.kind === "assessment") {
      await refuseOverlap(db, cycle.partnershipId, cycle.id, now, cycle.plannedClosesAt);
    }
    move = db
      .prepare(
        `UPDATE cycles SET closes_at = planned_closes_at, closed_at = NULL
         WHERE id = ?2 AND closes_at <= ?1 AND planned_closes_at > ?1 RETURNING id`,
      )
      .bind(now, cycleId);
  }
  const [moved] = await db.batch([
    move,
    auditStatement(
      db,
      {
        partnershipId: v.scope.partnershipId,
        actorId: v.caller.personId,
        action: `cycle.${to === "open" ? "opened" : to === "close" ? "closed" : "reopened"}`,
        targetType: "cycle",
        targetId: cycleId,
        detail: { kind: cycle.kind, ...(to === "reopen" ? { until: cycle.plannedClosesAt } : {}) },
      },
      { sql: "changes() > 0" },
    ),
    ...(to === "open" ? openingStatements(db, now, cycleId) : []),
  ]);
  if (!moved?.results.length) throw conflict("The cycle changed meanwhile; reload it");
  return detail(db, v.scope.partnershipId, cycleId);
}

async function organizationNames(db: D1Database, ids: string[]) {
  const { results } = await db
    .prepare(`SELECT id, name FROM organizations WHERE id IN (${ids.map(() => "?").join(", ")})`)
    .bind(...ids)
    .all<{ id: string; name: string }>();
  return ids.map((id) => results.find((r) => r.id === id)?.name ?? id);
}
