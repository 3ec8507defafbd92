import { createRoute, z } from "@hono/zod-openapi";
import { listActionRecords } from "../actions/queries";
import { listAudit } from "../audit/queries";
import { listCycles } from "../cycles/queries";
import { cycleStatus } from "../domain/schedule";
import { bearerSecurity, commonErrors, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { findPartnership } from "../partnerships/queries";
import { facilitatorOnly } from "../partnerships/scope";
import { listMembers } from "../people/queries";
import { getHistory, listPartnershipComments, listPrinciples } from "../principles/queries";
import { buildResults } from "../results/build";

/**
 * Everything the partnership holds, as JSON, for its facilitators (data portability). Ratings
 * appear only as the published, suppressed figures the results show — never as rows, which would
 * expose small groups.
 */
export const exportRoutes = router().openapi(
  createRoute({
    method: "get",
    path: "/export",
    tags: ["Partnerships"],
    summary: "Export the partnership's data as JSON (facilitators)",
    middleware: [facilitatorOnly("export the partnership's data")] as const,
    security: bearerSecurity,
    request: { params: PartnershipParams },
    responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), "The export"), ...commonErrors },
  }),
  async (c) => {
    const { scope, caller } = c.var;
    const db = c.env.DB;
    const pid = scope.partnershipId;
    const [partnership, people, principles, cycles, actions, comments] = await Promise.all([
      findPartnership(db, pid, scope.role, caller.organizationId),
      listMembers(db, pid),
      listPrinciples(db, pid),
      listCycles(db, pid),
      listActionRecords(db, pid),
      listPartnershipComments(db, pid),
    ]);
    const histories = await Promise.all(principles.map(async (p) => ({ ...p, history: await getHistory(db, p.id) })));
    const results = [];
    for (const cycle of cycles) {
      if (cycleStatus(cycle) === "closed") results.push(await buildResults(db, pid, cycle));
    }
    const { entries: audit } = await listAudit(db, { partnershipId: pid }, undefined, 100_000);
    const body = {
      exportedAt: new Date().toISOString(),
      partnership,
      people: people.map(({ externalId, ...p }) =>
        p.organizationId === caller.organizationId ? { ...p, externalId } : p,
      ),
      principles: histories,
      principleComments: comments,
      cycles: cycles.map((cy) => ({ ...cy, status: cycleStatus(cy) })),
      results,
      actions: actions.actions,
      actionNotes: actions.notes,
      audit,
    };
    return c.json(body, 200, {
      "Content-Disposition": `attachment; filename="accord-${pid}-${body.exportedAt.slice(0, 10)}.json"`,
    });
  },
);
