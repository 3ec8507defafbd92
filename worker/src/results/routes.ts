import { createRoute, z } from "@hono/zod-openapi";
import {
  type CycleRow,
  cycleView,
  findCycle,
  participationFrom,
  participationStatements,
  type SnapshotRow,
  snapshotStatement,
} from "../cycles/queries";
import { Participation } from "../cycles/routes";
import { rows } from "../db/rows";
import { type Figure, isSuppressed, SUPPRESSED, shuffle } from "../domain/results";
import { cycleStatus } from "../domain/schedule";
import { notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { csvCell } from "../http/text";
import { facilitatorOnly } from "../partnerships/scope";
import { scoreMap, scoreStatements, scoresFrom, type Thresholds } from "./queries";

// A cycle's own k and comment threshold (the partnership's only for a cycle never recorded as opened).
const OWN_THRESHOLDS = `COALESCE(k, (SELECT k FROM partnerships p WHERE p.id = cycles.partnership_id)) AS k,
  COALESCE(comment_threshold, (SELECT comment_threshold FROM partnerships p WHERE p.id = cycles.partnership_id))
    AS commentThreshold`;

const Suppressed = z.object({ suppressed: z.literal(true) }).openapi("Suppressed");
const num = z.union([z.number(), Suppressed]);
const dist = z.union([z.array(z.number().int()), Suppressed]);

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
    comments: z.array(z.object({ organizationId: z.string(), texts: z.union([z.array(z.string()), Suppressed]) })),
    actions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["improve", "celebrate"]),
        title: z.string(),
        status: z.string(),
        createdAt: z.string(),
      }),
    ),
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
        kind: z.enum(["assessment", "pulse"]),
        status: z.string(),
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
  })
  .openapi("Results");

const CycleParams = PartnershipParams.extend({
  cycleId: Id("cyc").openapi({ param: { name: "cycleId", in: "path" } }),
});

interface ActionRow {
  id: string;
  principleId: string;
  cycleId: string | null;
  kind: "improve" | "celebrate";
  title: string;
  status: string;
  createdAt: string;
}

const diff = (a: Figure<number> | undefined, b: Figure<number> | undefined): Figure<number> =>
  a === undefined || b === undefined || isSuppressed(a) || isSuppressed(b)
    ? SUPPRESSED
    : Math.round((a - b) * 100) / 100;

/** Everything a published results view shows, or participation only while the cycle is open. */
export async function buildResults(db: D1Database, partnershipId: string, cycle: CycleRow) {
  // Three round trips at most, whatever the number of ratings: everything this cycle needs, then
  // what the previous and baseline cycles need, then comments when a group may show them.
  const published = cycleStatus(cycle) === "closed";
  const [
    settingsResult,
    organizationsResult,
    invitedResult,
    respondedResult,
    previousResult,
    snapshotResult,
    actionsResult,
    ...current
  ] = await db.batch<unknown>([
    // A cycle's own anonymity settings, fixed when it opened: a later change of k never reveals it.
    db
      .prepare(
        `SELECT COALESCE(c.k, p.k) AS k, COALESCE(c.comment_threshold, p.comment_threshold) AS commentThreshold
         FROM cycles c JOIN partnerships p ON p.id = c.partnership_id WHERE c.id = ?`,
      )
      .bind(cycle.id),
    db
      .prepare(
        `SELECT o.id, o.name FROM parties pa JOIN organizations o ON o.id = pa.organization_id
           WHERE pa.partnership_id = ? ORDER BY pa.joined_at, o.name`,
      )
      .bind(partnershipId),
    ...participationStatements(db, partnershipId, cycle.id),
    db
      .prepare(
        `SELECT id, ${OWN_THRESHOLDS} FROM cycles WHERE partnership_id = ?1 AND kind = ?2 AND id <> ?3
           AND closes_at <= ?4 AND closes_at <= ?5
         ORDER BY closes_at DESC LIMIT 1`,
      )
      .bind(partnershipId, cycle.kind, cycle.id, cycle.closesAt, new Date().toISOString()),
    snapshotStatement(db, cycle.id),
    db
      .prepare(
        `SELECT id, principle_id AS principleId, cycle_id AS cycleId, kind, title, status, created_at AS createdAt
           FROM actions WHERE partnership_id = ? AND principle_id IS NOT NULL ORDER BY created_at`,
      )
      .bind(partnershipId),
    ...scoreStatements(db, cycle.id),
  ]);
  const t = rows<Thresholds>(settingsResult)[0] ?? { k: 5, commentThreshold: 5 };
  const organizations = rows<{ id: string; name: string }>(organizationsResult);
  const base = {
    cycle: cycleView(cycle),
    published,
    k: t.k,
    commentThreshold: t.commentThreshold,
    organizations,
    participation: participationFrom(invitedResult, respondedResult, cycle),
  };
  if (!published) return base;

  const orgIds = organizations.map((o) => o.id);
  const previous = rows<{ id: string } & Thresholds>(previousResult)[0];
  const snapshot = rows<SnapshotRow>(snapshotResult);
  const actions = rows<ActionRow>(actionsResult);
  const firstAction = new Map<string, ActionRow>();
  for (const a of actions)
    if (!firstAction.has(a.principleId) && a.createdAt < cycle.closesAt) firstAction.set(a.principleId, a);
  const started = [...firstAction.entries()];
  const secondReads = [
    ...(previous ? scoreStatements(db, previous.id) : []),
    // How each principle moved since its first action: the cycle that action came from, or the
    // last one closed before it.
    ...started.map(([, a]) =>
      db
        .prepare(
          `SELECT id, ${OWN_THRESHOLDS} FROM cycles WHERE partnership_id = ?1 AND kind = ?2 AND id <> ?3
             AND closes_at <= ?4
           ORDER BY (id = ?5) DESC, closes_at DESC LIMIT 1`,
        )
        .bind(partnershipId, cycle.kind, cycle.id, a.createdAt, a.cycleId ?? ""),
    ),
  ];
  const second = secondReads.length ? await db.batch<unknown>(secondReads) : [];
  const previousScores = previous ? scoreMap(scoresFrom(second.slice(0, 2), cycle.kind, orgIds, previous)) : undefined;
  const results = scoresFrom(current, cycle.kind, orgIds, t, previousScores);
  const baselines = new Map<string, { cycleId: string; since: string }>();
  const baselineThresholds = new Map<string, Thresholds>();
  second.slice(previous ? 2 : 0).forEach((r, i) => {
    const from = rows<{ id: string } & Thresholds>(r)[0];
    const [principleId, a] = started[i] as [string, ActionRow];
    if (from) {
      baselines.set(principleId, { cycleId: from.id, since: a.createdAt });
      baselineThresholds.set(from.id, from);
    }
  });
  const baselineIds = [...new Set([...baselines.values()].map((b) => b.cycleId))];
  const needComments = results.principles.some((p) => p.commentsVisibleFor.length > 0);
  const third =
    baselineIds.length || needComments
      ? await db.batch<unknown>([
          ...baselineIds.flatMap((id) => scoreStatements(db, id)),
          ...(needComments
            ? [
                db
                  .prepare(
                    "SELECT principle_id AS principleId, organization_id AS organizationId, comment FROM ratings WHERE cycle_id = ? AND comment IS NOT NULL",
                  )
                  .bind(cycle.id),
              ]
            : []),
        ])
      : [];
  const baselineScores = new Map<string, Map<string, Figure<number>>>(
    baselineIds.map((id, i) => [
      id,
      scoreMap(scoresFrom(third.slice(i * 2, i * 2 + 2), cycle.kind, orgIds, baselineThresholds.get(id) ?? t)),
    ]),
  );
  const comments = needComments
    ? rows<{ principleId: string; organizationId: string; comment: string }>(third[baselineIds.length * 2])
    : [];

  const byId = new Map(snapshot.map((s) => [s.principleId, s]));
  return {
    ...base,
    previousCycleId: previous?.id ?? null,
    strengths: results.strengths,
    challenges: results.challenges,
    principles: results.principles.map(({ shown: _, commentsVisibleFor, ...p }) => {
      const s = byId.get(p.principleId);
      const baseline = baselines.get(p.principleId);
      const before = baseline ? baselineScores.get(baseline.cycleId)?.get(p.principleId) : undefined;
      return {
        ...p,
        title: s?.title ?? "",
        description: s?.description ?? "",
        versionNumber: s?.number ?? 1,
        comments: orgIds.map((organizationId) => ({
          organizationId,
          texts: commentsVisibleFor.includes(organizationId)
            ? shuffle(
                comments
                  .filter((c) => c.principleId === p.principleId && c.organizationId === organizationId)
                  .map((c) => c.comment),
              )
            : SUPPRESSED,
        })),
        actions: actions
          .filter((a) => a.principleId === p.principleId)
          .map(({ principleId: _p, cycleId: _c, ...a }) => a),
        sinceActions: baseline
          ? {
              since: baseline.since,
              baselineCycleId: baseline.cycleId,
              baseline: before ?? SUPPRESSED,
              current: p.score,
              change: diff(p.score, before),
            }
          : null,
      };
    }),
  };
}

const fmt = (v: unknown): string | number =>
  v === null || v === undefined ? "" : isSuppressed(v) ? "suppressed" : typeof v === "number" ? v : String(v);

/**
 * The newest closed cycle of a kind that shows at least one figure: a cycle closed with too few
 * respondents publishes only "hidden", and must not replace the last results people can use.
 */
async function latestWithFigures(db: D1Database, partnershipId: string, kind: "assessment" | "pulse") {
  const { results: closed } = await db
    .prepare(
      `SELECT id, ${OWN_THRESHOLDS} FROM cycles WHERE partnership_id = ?1 AND kind = ?2 AND closes_at <= ?3
       ORDER BY closes_at DESC LIMIT 12`,
    )
    .bind(partnershipId, kind, new Date().toISOString())
    .all<{ id: string } & Thresholds>();
  if (closed.length === 0) return null;
  const [organizations, ...scores] = await db.batch<unknown>([
    db.prepare("SELECT organization_id AS id FROM parties WHERE partnership_id = ?").bind(partnershipId),
    ...closed.flatMap((c) => scoreStatements(db, c.id)),
  ]);
  const orgIds = rows<{ id: string }>(organizations).map((o) => o.id);
  const index = closed.findIndex((c, i) =>
    scoresFrom(scores.slice(i * 2, i * 2 + 2), kind, orgIds, c).principles.some((p) =>
      p.organizations.some((o) => !isSuppressed(o.n)),
    ),
  );
  return closed[index] ?? null;
}

export const resultRoutes = router()
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
        query: z.strictObject({ kind: z.enum(["assessment", "pulse"]).default("assessment") }),
      },
      responses: { 200: jsonResponse(Results, "Results"), ...commonErrors },
    }),
    async (c) => {
      const { partnershipId } = c.var.scope;
      const latest = await latestWithFigures(c.env.DB, partnershipId, c.req.valid("query").kind);
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
      const header = [
        "principle",
        "version",
        "group",
        "n",
        "performance",
        "importance",
        "gap",
        "priority",
        "perception_gap",
        "trend",
        "dist_1",
        "dist_2",
        "dist_3",
        "dist_4",
        "dist_5",
      ];
      const lines = [header.join(",")];
      const names = new Map(r.organizations.map((o) => [o.id, o.name]));
      for (const p of "principles" in r ? r.principles : []) {
        const dists = (d: Figure<number[]>): (string | number)[] => (isSuppressed(d) ? Array(5).fill("suppressed") : d);
        lines.push(
          [
            p.title,
            p.versionNumber,
            "Partnership",
            fmt(p.n),
            fmt(p.score),
            fmt(p.importance),
            fmt(p.gap),
            fmt(p.priority),
            fmt(p.perceptionGap),
            fmt(p.trend),
            ...dists(p.distribution),
          ]
            .map(csvCell)
            .join(","),
        );
        for (const o of p.organizations) {
          lines.push(
            [
              p.title,
              p.versionNumber,
              names.get(o.organizationId) ?? o.organizationId,
              fmt(o.n),
              fmt(o.performance),
              fmt(o.importance),
              "",
              "",
              "",
              "",
              ...dists(o.distribution),
            ]
              .map(csvCell)
              .join(","),
          );
        }
      }
      return c.body(`${lines.join("\r\n")}\r\n`, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="accord-results-${cycle.id}.csv"`,
      });
    },
  );
