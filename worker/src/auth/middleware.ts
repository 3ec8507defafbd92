import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/context";
import { ApiError, forbidden } from "../http/errors";
import { submissionReads } from "../ratings/save";
import { findTokenOwner, isSubmission, submissionTarget, touchToken } from "./credentials";

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
  // A submission's own reads travel with the token's: its whole request is one read and one write.
  const target = submissionTarget(c.req.method, c.req.path);
  const reads =
    target && isId("prt", target.partnershipId) && isId("cyc", target.cycleId)
      ? submissionReads(c.env.DB, target.partnershipId, target.cycleId)
      : null;
  const { owner, also } = await findTokenOwner(c.env.DB, token, (tokenHash) =>
    reads ? reads.statements({ tokenHash }) : [],
  );
  if (!owner) throw unauthorized("The token is invalid or has been revoked");
  c.set("caller", {
    personId: owner.personId,
    organizationId: owner.organizationId,
    name: owner.name,
    admin: owner.admin,
    via,
    tokenId: owner.tokenId,
    memberships: owner.memberships,
  });
  if (reads) c.set("submission", reads.parse(also));
  const touch = isSubmission(c.req.method, c.req.path) ? null : touchToken(c.env.DB, owner);
  if (touch) c.executionCtx.waitUntil(touch.catch(() => undefined));
  await next();
});
