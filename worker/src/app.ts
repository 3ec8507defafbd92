import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { actionRoutes } from "./actions/routes";
import { auditRoutes } from "./audit/routes";
import { requirePerson } from "./auth/middleware";
import { sessionProbeRoutes, sessionRoutes, signInRoutes, signOutRoutes } from "./auth/routes";
import { channelRoutes, nudgeAfterChange } from "./channels/routes";
import { cycleRoutes } from "./cycles/routes";
import { resilientReads } from "./db/resilient";
import { embedCors, memberRightsOnly, requireEmbedPerson } from "./embed/door";
import { embedKeyRoutes } from "./embed/routes";
import { exportRoutes } from "./export/routes";
import type { AppEnv } from "./http/context";
import { ApiError, errorBody } from "./http/errors";
import { onError } from "./http/on-error";
import { router } from "./http/openapi";
import { limitEmbedKeyWrites, limitPersonWrites, limitSignIn } from "./http/rate-limit";
import { meRoutes } from "./me/routes";
import { organizationRoutes } from "./organizations/routes";
import { organizationAdminScope } from "./organizations/scope";
import { settingsProposalRoutes } from "./partnerships/proposals";
import { partnershipCollectionRoutes, partnershipRoutes } from "./partnerships/routes";
import { partnershipScope } from "./partnerships/scope";
import { pendingRoutes } from "./pending/routes";
import { peopleRoutes } from "./people/routes";
import { principleRoutes } from "./principles/routes";
import { ratingRoutes } from "./ratings/routes";
import { resultRoutes } from "./results/routes";

const MAX_BODY_BYTES = 64 * 1024;

/** Writes must carry JSON; anything else is refused before it reaches a handler. */
const jsonOnly = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("Content-Type");
  if (type && !/^application\/(.+\+)?json\b/i.test(type) && c.req.method !== "GET") {
    throw new ApiError("unsupported_media_type", "Send the request body as application/json");
  }
  await next();
});

/**
 * Every API answer: JSON that no browser should sniff, render, frame or cache by accident. (The
 * console and widget files get their headers from the assets' _headers file.)
 */
const apiHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  h.set("X-Content-Type-Options", "nosniff");
  h.set("X-Frame-Options", "DENY");
  h.set("Referrer-Policy", "no-referrer");
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
});

/** The routers that act on one partnership; each door below mounts the same ones. */
const partnershipResources = [
  partnershipRoutes,
  settingsProposalRoutes,
  principleRoutes,
  peopleRoutes,
  cycleRoutes,
  ratingRoutes,
  resultRoutes,
  actionRoutes,
  auditRoutes,
  exportRoutes,
  channelRoutes,
];

/** What the widget needs, and nothing a facilitator does. */
const embedResources = [principleRoutes, cycleRoutes, ratingRoutes, resultRoutes];

/** The OpenAPI document's header, for the served document and the generated client types. */
export const OPENAPI_HEAD = {
  openapi: "3.1.0",
  info: {
    title: "Accord API",
    version: "1.0.0",
    description:
      'Run a partnership on principles every organization agreed. Errors are `{"error":{"code","message"}}` with a code from a fixed list.',
  },
};

/** Builds the API: the table of contents of Accord. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.use("/api/*", apiHeaders);
  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json(errorBody("not_found", "No such route"), 404)
      : c.env.ASSETS.fetch(c.req.raw),
  );

  const api = router();
  api.use("*", async (c, next) => {
    c.env = { ...c.env, DB: resilientReads(c.env.DB) };
    await next();
  });
  api.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB`);
      },
    }),
    jsonOnly,
  );

  // Public door.
  api.use("/sign-in", limitSignIn);
  api.use("/session", limitSignIn);
  api.route("/", signInRoutes);
  api.route("/", sessionRoutes);
  api.route("/", sessionProbeRoutes);

  // Personal-token door: people signed in with a bearer token.
  for (const path of ["/me", "/me/*", "/sign-out", "/partnerships", "/partnerships/*", "/organizations/*"]) {
    api.use(path, requirePerson, limitPersonWrites);
  }
  // An organization's own resources: directory, embed keys, allowed origins, audit (its admins).
  api.use("/organizations/:organizationId", organizationAdminScope);
  api.use("/organizations/:organizationId/*", organizationAdminScope);
  api.route("/organizations/:organizationId", organizationRoutes);
  api.route("/organizations/:organizationId", embedKeyRoutes);
  api.use("/partnerships/:partnershipId", partnershipScope);
  api.use("/partnerships/:partnershipId/*", partnershipScope);
  // A change that may make a nudge due (a cycle opened, a stance, a proposal) is looked at now.
  api.use("/partnerships/:partnershipId/*", nudgeAfterChange);
  api.route("/", signOutRoutes);
  api.route("/", meRoutes);
  api.route("/", pendingRoutes);
  api.route("/", partnershipCollectionRoutes);
  for (const resource of partnershipResources) api.route("/partnerships/:partnershipId", resource);

  // Embed door: the widget on a partner's intranet, signed in with an embed token. The same
  // resource routers, behind per-origin CORS and embed-token auth, with member rights only.
  api.use(
    "/embed/:partnershipId/*",
    embedCors,
    requireEmbedPerson,
    limitEmbedKeyWrites,
    limitPersonWrites,
    partnershipScope,
    memberRightsOnly,
  );
  for (const resource of embedResources) api.route("/embed/:partnershipId", resource);

  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A personal token (`acc_…`) from POST /api/v1/sign-in",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "embed", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      'Embed routes (/api/v1/embed/{partnershipId}/…) take an HS256 JWT signed by the intranet with its embed secret: iss = embed key id, sub = externalId, aud = "accord", exp ≤ 1 hour ahead.',
  });
  app.route("/api/v1", api);
  app.doc31("/api/v1/openapi.json", (c) => ({ ...OPENAPI_HEAD, servers: [{ url: new URL(c.req.url).origin }] }));
  return app;
}
