import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrors, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { facilitatorOnly } from "../partnerships/scope";
import { buildExport } from "./build";

/** The partnership's data as a JSON download, for its facilitators (see buildExport for what it holds). */
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
    const body = await buildExport(c.env.DB, scope, caller);
    return c.json(body, 200, {
      "Content-Disposition": `attachment; filename="accord-${scope.partnershipId}-${body.exportedAt.slice(0, 10)}.json"`,
    });
  },
);
