import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { findTokenOwner, touchToken } from "./credentials";

const unauthorized = (message: string) =>
  new ApiError("unauthorized", message, { "WWW-Authenticate": 'Bearer realm="accord"' });

/** Reads the bearer token; 401 when it is missing, unknown or revoked. */
export const requirePerson = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization");
  if (!header) throw unauthorized("Sign in: send 'Authorization: Bearer <token>'");
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const owner = match?.[1] ? await findTokenOwner(c.env.DB, match[1]) : null;
  if (!owner) throw unauthorized("The token is invalid or has been revoked");
  c.set("caller", {
    personId: owner.personId,
    organizationId: owner.organizationId,
    name: owner.name,
    via: "token",
    tokenId: owner.tokenId,
  });
  const touch = touchToken(c.env.DB, owner);
  if (touch) c.executionCtx.waitUntil(touch.catch(() => undefined));
  await next();
});
