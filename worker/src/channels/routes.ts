import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/context";
import { bearerSecurity, commonErrors, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { facilitatorOnly } from "../partnerships/scope";
import { EVENT_TYPES } from "./events";
import { CHANNEL_KINDS } from "./formats";
import { sendDueNudges } from "./nudges";
import { connectChannel, getChannel, getDeliveries, removeChannel, sendTestMessage } from "./process";
import { DELIVERY_ERRORS, DELIVERY_STATUSES } from "./queries";

const Channel = z
  .object({
    id: z.string(),
    kind: z.enum(CHANNEL_KINDS),
    target: z
      .string()
      .openapi({ description: 'The URL masked: its host and last four characters ("hooks.slack.com/…x9Qz")' }),
    signed: z.boolean().openapi({ description: "Whether deliveries carry an Accord-Signature (generic webhooks)" }),
    connectedAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Channel");

const ConnectChannel = z
  .strictObject({
    kind: z.enum(CHANNEL_KINDS).openapi({
      description:
        "slack: a Slack incoming-webhook URL; teams: a Teams Workflows webhook URL; webhook: any HTTPS endpoint, sent signed JSON",
    }),
    url: z.string().max(2048).openapi({ description: "https only, to a public host (kept sealed, never shown again)" }),
  })
  .openapi("ConnectChannel");

const ConnectedChannel = z
  .object({
    channel: Channel,
    secret: z.string().nullable().openapi({
      description:
        "Generic webhooks: the signing secret, shown once (verify Accord-Signature with it). A new one on every connect.",
    }),
  })
  .openapi("ConnectedChannel");

const Delivery = z
  .object({
    id: z.string(),
    eventId: z.string(),
    type: z.enum(EVENT_TYPES),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable().openapi({ description: "The receiver's HTTP status on the last attempt" }),
    lastError: z.enum(DELIVERY_ERRORS).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi("ChannelDelivery");

/** The console's origin, where links in nudges point. */
const originOf = (url: string) => new URL(url).origin;

/**
 * After a change through the API (a cycle opened or closed, a stance, a proposal, an action),
 * looks at once for nudges it made due, rather than at the next scheduled tick. Runs after the
 * answer, in the background; submissions of ratings are not changes nudges follow.
 */
export const nudgeAfterChange = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (["GET", "HEAD", "OPTIONS"].includes(c.req.method) || c.res.status >= 400) return;
  if (/\/(responses|channel\/test)$/.test(c.req.path)) return;
  const partnershipId = c.var.scope?.partnershipId;
  if (!partnershipId) return;
  let waitUntil: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = (p) => ctx.waitUntil(p);
  } catch {
    return; // No execution context (app.request in a script): nothing runs after the answer.
  }
  waitUntil(
    sendDueNudges(c.env, partnershipId).catch((error: unknown) =>
      console.error(
        JSON.stringify({
          level: "error",
          event: "nudge_scan",
          error: error instanceof Error ? error.name : "unknown",
          message: error instanceof Error ? error.message : "",
        }),
      ),
    ),
  );
});

/** The caller's organization's channel for a partnership (facilitators). */
export const channelRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/channel",
      tags: ["Channels"],
      summary: "Your organization's channel for nudges (Slack, Teams or a webhook), masked (facilitators)",
      middleware: [facilitatorOnly("manage channels")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: {
        200: jsonResponse(z.object({ channel: z.union([Channel, z.null()]) }), "The channel or null"),
        ...commonErrors,
      },
    }),
    async (c) =>
      c.json({ channel: await getChannel(c.env.DB, c.var.scope.partnershipId, c.var.caller.organizationId) }, 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/channel",
      tags: ["Channels"],
      summary: "Connect or replace your organization's channel (facilitators)",
      description:
        "Your organization's channel receives only what its people may see in Accord. The URL must be https to a public host; it is sealed and shown only masked afterwards.",
      middleware: [facilitatorOnly("manage channels")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams, body: jsonBody(ConnectChannel) },
      responses: { 200: jsonResponse(ConnectedChannel, "Connected"), ...commonErrors },
    }),
    async (c) => {
      const connected = await connectChannel(
        c.env,
        c.var.caller,
        c.var.scope.partnershipId,
        c.req.valid("json"),
        originOf(c.req.url),
      );
      return c.json(connected, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/channel",
      tags: ["Channels"],
      summary: "Remove your organization's channel and its delivery log (facilitators)",
      middleware: [facilitatorOnly("manage channels")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: { 204: { description: "Removed" }, ...commonErrors },
    }),
    async (c) => {
      await removeChannel(c.env.DB, c.var.caller, c.var.scope.partnershipId);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/channel/test",
      tags: ["Channels"],
      summary: "Send a test message to your organization's channel (facilitators)",
      middleware: [facilitatorOnly("manage channels")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: {
        201: jsonResponse(Delivery, "The delivery, queued; follow it in the delivery log"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const delivery = await sendTestMessage(c.env, c.var.caller, c.var.scope.partnershipId, originOf(c.req.url));
      return c.json(delivery, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/channel/deliveries",
      tags: ["Channels"],
      summary: "Your channel's delivery log, newest first: time, event, status, attempts (facilitators)",
      middleware: [facilitatorOnly("manage channels")] as const,
      security: bearerSecurity,
      request: {
        params: PartnershipParams,
        query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: { 200: jsonResponse(z.object({ deliveries: z.array(Delivery) }), "Deliveries"), ...commonErrors },
    }),
    async (c) => {
      const { limit } = c.req.valid("query");
      const deliveries = await getDeliveries(c.env.DB, c.var.scope.partnershipId, c.var.caller.organizationId, limit);
      return c.json({ deliveries }, 200);
    },
  );
