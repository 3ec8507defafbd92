import { createRoute, z } from "@hono/zod-openapi";
import { ACTION_KINDS, ACTION_STATUSES } from "../actions/queries";
import { findCycle } from "../cycles/queries";
import { Participation } from "../cycles/routes";
import { QUADRANTS } from "../domain/results";
import { CYCLE_KINDS, CYCLE_STATUSES } from "../domain/schedule";
import { notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { facilitatorOnly } from "../partnerships/scope";
import { buildResults, findLatestWithFigures, resultsCsv } from "./build";
import { buildTrends } from "./trends";

const Suppressed = z.object({ suppressed: z.literal(true) }).openapi("Suppressed");
const num = z.union([z.number(), Suppressed]);
const dist = z.union([z.array(z.number().int()), Suppressed]);

/** An action linked to a principle, as results and trends list it. */
const LinkedAction = z.object({
  id: z.string(),
  kind: z.enum(ACTION_KINDS),
  title: z.string(),
  status: z.enum(ACTION_STATUSES),
  createdAt: z.string(),
});
const PrincipleResult = z
  .object({
    principleId: z.string(),
    title: z.string(),
    description: z.string(),
    versionNumber: z.number().int(),
    organizations: z.array(
      z.object({
        organizationId: z.string(),
        n: num,
        performance: num,
        importance: num.nullable(),
        distribution: dist,
      }),
    ),
    n: num,
    score: num,
    importance: num.nullable(),
    gap: num.nullable(),
    priority: num.nullable(),
    distribution: dist,
    perceptionGap: num,
    perceptionGapFlagged: z.union([z.boolean(), Suppressed]),
    trend: num.nullable(),
    quadrant: z.enum(QUADRANTS).nullable().openapi({
      description:
        "Where the importance–performance chart places the principle (assessments, shown figures only): split at `quadrantSplit`. Challenges are always in `concentrate`.",
    }),
    comments: z.array(z.object({ organizationId: z.string(), texts: z.union([z.array(z.string()), Suppressed]) })),
    actions: z.array(LinkedAction),
    sinceActions: z
      .object({ since: z.string(), baselineCycleId: z.string(), baseline: num, current: num, change: num })
      .nullable(),
  })
  .openapi("PrincipleResult");

const Results = z
  .object({
    cycle: z
      .object({
        id: z.string(),
        kind: z.enum(CYCLE_KINDS),
        status: z.enum(CYCLE_STATUSES),
        title: z.string(),
        opensAt: z.string(),
        closesAt: z.string(),
      })
      .passthrough(),
    published: z.boolean(),
    k: z.number().int(),
    commentThreshold: z.number().int(),
    organizations: z.array(z.object({ id: z.string(), name: z.string() })),
    participation: Participation,
    previousCycleId: z.string().nullable().optional(),
    principles: z.array(PrincipleResult).optional(),
    strengths: z.array(z.string()).optional(),
    challenges: z.array(z.string()).optional(),
    quadrantSplit: z.object({ performance: z.number(), importance: z.number() }).nullable().optional().openapi({
      description:
        "The partnership's own means of score and importance across the principles whose figures are shown: where the importance–performance chart is split (null for pulses or when nothing is shown).",
    }),
  })
  .openapi("Results");

const TrendPoint = z
  .object({
    cycleId: z.string(),
    n: num,
    score: num,
    organizations: z.array(z.object({ organizationId: z.string(), n: num, performance: num })),
  })
  .openapi("TrendPoint");

const Trends = z
  .object({
    organizations: z.array(z.object({ id: z.string(), name: z.string() })),
    cycles: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(CYCLE_KINDS),
        title: z.string(),
        opensAt: z.string(),
        closesAt: z.string(),
        k: z.number().int(),
      }),
    ),
    principles: z.array(
      z.object({
        principleId: z.string(),
        title: z.string(),
        points: z.array(TrendPoint),
        actions: z.array(LinkedAction.extend({ doneAt: z.string().nullable() })),
      }),
    ),
  })
  .openapi("Trends");

const CycleParams = PartnershipParams.extend({
  cycleId: Id("cyc").openapi({ param: { name: "cycleId", in: "path" } }),
});

export const resultRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/trends",
      tags: ["Results"],
      summary: "Every principle's published score across the closed assessments and pulses, with linked actions",
      description:
        'One point per closed cycle that asked the principle, oldest first, with the figures that cycle\'s results show (its own k): a hidden figure is `{"suppressed": true}`, never a number.',
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: { 200: jsonResponse(Trends, "Trends"), ...commonErrors },
    }),
    async (c) => c.json(await buildTrends(c.env.DB, c.var.scope.partnershipId), 200),
  )
  // Registered before /cycles/{cycleId}/results, which would otherwise take "latest" for an id.
  .openapi(
    createRoute({
      method: "get",
      path: "/cycles/latest/results",
      tags: ["Results"],
      summary: "Results of the most recent closed cycle of a kind that shows at least one figure",
      security: bearerSecurity,
      request: {
        params: PartnershipParams,
        query: z.strictObject({ kind: z.enum(CYCLE_KINDS).default("assessment") }),
      },
      responses: { 200: jsonResponse(Results, "Results"), ...commonErrors },
    }),
    async (c) => {
      const { partnershipId } = c.var.scope;
      const latest = await findLatestWithFigures(c.env.DB, partnershipId, c.req.valid("query").kind);
      const cycle = latest ? await findCycle(c.env.DB, partnershipId, latest.id) : null;
      if (!cycle) throw notFound("No published results yet");
      return c.json(await buildResults(c.env.DB, partnershipId, cycle), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/cycles/{cycleId}/results",
      tags: ["Results"],
      summary: "Published results (closed cycles); participation only while open",
      description:
        "Figures about fewer than k respondents are `{\"suppressed\": true}`. A principle's partnership-wide figures are shown only when every organization's cell is shown.",
      security: bearerSecurity,
      request: { params: CycleParams },
      responses: { 200: jsonResponse(Results, "Results"), ...commonErrors },
    }),
    async (c) => {
      const cycle = await findCycle(c.env.DB, c.var.scope.partnershipId, c.req.valid("param").cycleId);
      if (!cycle) throw notFound("Cycle not found");
      return c.json(await buildResults(c.env.DB, c.var.scope.partnershipId, cycle), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/cycles/{cycleId}/results.csv",
      tags: ["Results"],
      summary: "Published figures as CSV, with no person identifiers (facilitators)",
      middleware: [facilitatorOnly("export results")] as const,
      security: bearerSecurity,
      request: { params: CycleParams },
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
    }),
    async (c) => {
      const { scope } = c.var;
      const cycle = await findCycle(c.env.DB, scope.partnershipId, c.req.valid("param").cycleId);
      if (!cycle) throw notFound("Cycle not found");
      const r = await buildResults(c.env.DB, scope.partnershipId, cycle);
      return c.body(resultsCsv(r), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="accord-results-${cycle.id}.csv"`,
      });
    },
  );
