import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrors, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { facilitatorOnly } from "../partnerships/scope";
import { AUDIT_ACTIONS, AUDIT_TARGETS, listAudit } from "./queries";

const AuditEntry = z
  .object({
    id: z.number().int(),
    actor: z.object({ id: z.string(), name: z.string(), organizationId: z.string() }).nullable(),
    action: z.enum(AUDIT_ACTIONS),
    targetType: z.enum(AUDIT_TARGETS),
    targetId: z.string(),
    detail: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .openapi("AuditEntry");

/** The query of an audit page: entries before an id, newest first. */
export const AuditPage = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEntries = z.object({ entries: z.array(AuditEntry), next: z.number().nullable() });

export const auditRoutes = router().openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["Audit"],
    summary: "The partnership's audit log, newest first (facilitators)",
    middleware: [facilitatorOnly("read the audit log")] as const,
    security: bearerSecurity,
    request: { params: PartnershipParams, query: AuditPage },
    responses: { 200: jsonResponse(AuditEntries, "Entries"), ...commonErrors },
  }),
  async (c) => {
    const { before, limit } = c.req.valid("query");
    return c.json(await listAudit(c.env.DB, { partnershipId: c.var.scope.partnershipId }, before, limit), 200);
  },
);
