import { createMiddleware } from "hono/factory";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/context";
import { forbidden, notFound } from "../http/errors";

/**
 * Scopes /organizations/:organizationId to the caller's own organization (another one answers
 * 404, exactly like a missing one) and to its admins (403 for everyone else).
 */
export const organizationAdminScope = createMiddleware<AppEnv>(async (c, next) => {
  const organizationId = c.req.param("organizationId") ?? "";
  if (!isId("org", organizationId) || organizationId !== c.var.caller.organizationId) {
    throw notFound("Organization not found");
  }
  if (!c.var.caller.admin) throw forbidden("Only your organization's admins can manage it");
  await next();
});
