import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/context";
import { ApiError, forbidden } from "../http/errors";
import { findTokenOwner, isSubmission, touchToken } from "./credentials";

/** The console's session cookie: `__Host-` prefixed (so Secure, host-only) over HTTPS. */
export const SESSION_COOKIE = { secure: "__Host-accord_session", plain: "accord_session" } as const;

const unauthorized = (message: string) =>
  new ApiError("unauthorized", message, { "WWW-Authenticate": 'Bearer realm="accord"' });

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Personal-token door: a bearer token (extension, scripts) or the console's HttpOnly session
 * cookie. Cookie-authenticated writes must come from the console's own origin.
 */
export const requirePerson = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization");
  let token: string | undefined;
  let via: "token" | "session" = "token";
  if (header) {
    token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthorized("Send 'Authorization: Bearer <token>'");
  } else {
    token = getCookie(c, SESSION_COOKIE.secure) ?? getCookie(c, SESSION_COOKIE.plain);
    via = "session";
    if (!token) throw unauthorized("Sign in: send 'Authorization: Bearer <token>'");
    if (!SAFE.has(c.req.method) && c.req.header("Origin") !== new URL(c.req.url).origin) {
      throw forbidden("Changes with the console session must come from the console itself");
    }
  }
  const owner = await findTokenOwner(c.env.DB, token);
  if (!owner) throw unauthorized("The token is invalid or has been revoked");
  c.set("caller", {
    personId: owner.personId,
    organizationId: owner.organizationId,
    name: owner.name,
    admin: owner.admin,
    via,
    tokenId: owner.tokenId,
  });
  const touch = isSubmission(c.req.method, c.req.path) ? null : touchToken(c.env.DB, owner);
  if (touch) c.executionCtx.waitUntil(touch.catch(() => undefined));
  await next();
});
