import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrors, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { facilitatorOnly } from "../partnerships/scope";
import { listAudit } from "./queries";

const AuditEntry = z
  .object({
    id: z.number().int(),
    actor: z.object({ id: z.string(), name: z.string(), organizationId: z.string() }).nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    detail: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .openapi("AuditEntry");

export const auditRoutes = router().openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["Audit"],
    summary: "The partnership's audit log, newest first (facilitators)",
    middleware: [facilitatorOnly("read the audit log")] as const,
    security: bearerSecurity,
    request: {
      params: PartnershipParams,
      query: z.strictObject({
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ entries: z.array(AuditEntry), next: z.number().nullable() }), "Entries"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { before, limit } = c.req.valid("query");
    const rows = await listAudit(c.env.DB, c.var.scope.partnershipId, before, limit);
    const entries = rows.map(({ actorId, actorName, actorOrganizationId, ...rest }) => ({
      ...rest,
      actor:
        actorId && actorName && actorOrganizationId
          ? { id: actorId, name: actorName, organizationId: actorOrganizationId }
          : null,
    }));
    return c.json({ entries, next: rows.length === limit ? (rows.at(-1)?.id ?? null) : null }, 200);
  },
);
