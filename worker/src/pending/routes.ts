import { createRoute, z } from "@hono/zod-openapi";
import { sha256Hex } from "../auth/crypto";
import { CYCLE_KINDS } from "../domain/schedule";
import { bearerSecurity, commonErrors, jsonResponse, router } from "../http/openapi";
import { pendingFor } from "./pending";

const PendingItem = z
  .object({
    partnershipId: z.string(),
    partnershipName: z.string(),
    cycleId: z.string(),
    kind: z.enum(CYCLE_KINDS),
    title: z.string(),
    closesAt: z.string(),
    answered: z.number().int(),
    total: z.number().int(),
    /** The question of a pulse. */
    principle: z.object({ id: z.string(), title: z.string(), description: z.string() }).nullable(),
  })
  .openapi("PendingItem");

const Pending = z.object({ count: z.number().int(), items: z.array(PendingItem) }).openapi("Pending");

export const pendingRoutes = router().openapi(
  createRoute({
    method: "get",
    path: "/me/pending",
    tags: ["Ratings"],
    summary: "Open assessments and the current pulse you have not answered, across your partnerships",
    description: "Send `If-None-Match` with the last `ETag` to get 304 when nothing changed.",
    security: bearerSecurity,
    request: { headers: z.object({ "if-none-match": z.string().optional() }) },
    responses: {
      200: jsonResponse(Pending, "Pending surveys and pulses"),
      304: { description: "Unchanged since the ETag sent" },
      401: commonErrors[401],
    },
  }),
  async (c) => {
    const pending = await pendingFor(c.env.DB, c.env.RATING_KEY, c.var.caller.personId);
    const body = JSON.stringify(pending);
    const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
    const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
    const sent = c.req.header("If-None-Match");
    if (sent?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
      return c.body(null, 304, headers);
    }
    return c.json(pending, 200, headers);
  },
);
