import { createMiddleware } from "hono/factory";
import { isId } from "../db/ids";
import type { AppEnv, Scope } from "../http/context";
import { conflict, forbidden, notFound } from "../http/errors";
import { findMembership } from "./queries";

/** Loads the caller's membership of the partnership in the path; 404 when they are not in it. */
export const partnershipScope = createMiddleware<AppEnv>(async (c, next) => {
  const partnershipId = c.req.param("partnershipId") ?? "";
  if (!isId("prt", partnershipId)) throw notFound("Partnership not found");
  // The token door read the caller's memberships already; the embed door did not.
  const { memberships, personId } = c.var.caller;
  const membership = memberships
    ? memberships.get(partnershipId)
    : await findMembership(c.env.DB, partnershipId, personId).then(
        (row) => row && { role: row.role, archived: row.archivedAt !== null },
      );
  const scope = scopeFor(partnershipId, membership, c.req.method, c.req.path);
  c.set("scope", scope);
  await next();
});

/** The caller's place in a partnership: 404 unless a member, 409 for a change while it is archived. */
export function scopeFor(
  partnershipId: string,
  membership: { role: Scope["role"]; archived: boolean } | null | undefined,
  method: string,
  path: string,
): Scope {
  if (!membership) throw notFound("Partnership not found");
  const scope: Scope = { partnershipId, ...membership };
  const isWrite = !["GET", "HEAD", "OPTIONS"].includes(method);
  if (scope.archived && isWrite && !path.endsWith("/restore")) {
    throw conflict("This partnership is archived; restore it before changing anything");
  }
  return scope;
}

/**
 * Route middleware: 403 unless the caller facilitates the partnership. It runs before the body
 * is validated, so a member learns "not allowed", not what a valid request would look like.
 */
export function facilitatorOnly(what: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    requireFacilitator(c.var.scope, what);
    await next();
  });
}

/** 403 unless the caller facilitates the partnership in scope. */
function requireFacilitator(scope: Scope, what: string): void {
  if (scope.role !== "facilitator") throw forbidden(`Only facilitators can ${what}`);
}

/** Route middleware: 403 unless the caller is an admin of their organization. */
export const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.caller.admin) {
    throw forbidden("Only your organization's admins can create partnerships on its behalf");
  }
  await next();
});
