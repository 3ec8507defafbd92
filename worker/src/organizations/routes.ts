import { createRoute, z } from "@hono/zod-openapi";
import { listAudit } from "../audit/queries";
import { AuditEntries, AuditPage } from "../audit/routes";
import { ROLES } from "../domain/roles";
import { OrganizationParams } from "../embed/routes";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, router } from "../http/openapi";
import { AllowedOrigins, ExternalId, PersonName } from "../partnerships/schemas";
import {
  getOrganization,
  issueRecoveryCode,
  removeFromOrganization,
  restoreToOrganization,
  setAllowedOrigins,
  setProvisioning,
  updateDirectoryPerson,
} from "./process";
import { listDirectory } from "./queries";

const OrganizationDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    provisioning: z.boolean().openapi({
      description: "Whether an embed token may create a person on first use (each one is audited)",
    }),
    allowedOrigins: z.array(z.string()),
    partnerships: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .openapi("OrganizationDetail");

const DirectoryPerson = z
  .object({
    id: z.string(),
    name: z.string(),
    externalId: z.string().nullable(),
    admin: z.boolean(),
    removedAt: z.string().nullable(),
    signedInAt: z.string().nullable(),
    createdAt: z.string(),
    partnerships: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })),
  })
  .openapi("DirectoryPerson");

const PersonParams = OrganizationParams.extend({
  personId: Id("per").openapi({ param: { name: "personId", in: "path" } }),
});

const PersonPatch = z
  .strictObject({
    name: PersonName.optional(),
    externalId: ExternalId.nullable().optional(),
    admin: z.boolean().optional(),
  })
  .openapi("DirectoryPersonPatch");

/**
 * An organization's own resources, for its admins (mounted behind organizationAdminScope):
 * settings, directory, account recovery, audit log. Embed keys live beside them.
 */
export const organizationRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["Organizations"],
      summary: "Your organization: provisioning, allowed origins, partnerships (admins)",
      security: bearerSecurity,
      request: { params: OrganizationParams },
      responses: { 200: jsonResponse(OrganizationDetail, "The organization"), ...commonErrors },
    }),
    async (c) => c.json(await getOrganization(c.env.DB, c.var.caller.organizationId), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/",
      tags: ["Organizations"],
      summary: "Change whether the intranet's embed tokens may create people on first use (admins)",
      security: bearerSecurity,
      request: { params: OrganizationParams, body: jsonBody(z.strictObject({ provisioning: z.boolean() })) },
      responses: { 200: jsonResponse(OrganizationDetail, "Updated"), ...commonErrors },
    }),
    async (c) => {
      const { provisioning } = c.req.valid("json");
      return c.json(await setProvisioning(c.env.DB, c.var.caller, provisioning), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/allowed-origins",
      tags: ["Organizations"],
      summary: "Set the origins allowed to embed the widget for your organization (admins)",
      description: "https origins only; http only for localhost and loopback addresses.",
      security: bearerSecurity,
      request: { params: OrganizationParams, body: jsonBody(AllowedOrigins) },
      responses: { 200: jsonResponse(AllowedOrigins, "Saved"), ...commonErrors },
    }),
    async (c) => {
      const origins = await setAllowedOrigins(c.env.DB, c.var.caller, c.req.valid("json").origins);
      return c.json({ origins }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/people",
      tags: ["Organizations"],
      summary: "Your organization's directory, removed people included (admins)",
      security: bearerSecurity,
      request: { params: OrganizationParams },
      responses: { 200: jsonResponse(z.object({ people: z.array(DirectoryPerson) }), "People"), ...commonErrors },
    }),
    async (c) => c.json({ people: await listDirectory(c.env.DB, c.var.caller.organizationId) }, 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/people/{personId}",
      tags: ["Organizations"],
      summary: "Change someone's name, externalId or admin role (admins; the organization keeps one admin)",
      security: bearerSecurity,
      request: { params: PersonParams, body: jsonBody(PersonPatch) },
      responses: { 200: jsonResponse(DirectoryPerson, "Updated"), ...commonErrors },
    }),
    async (c) => {
      const { personId } = c.req.valid("param");
      return c.json(await updateDirectoryPerson(c.env.DB, c.var.caller, personId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/people/{personId}/remove",
      tags: ["Organizations"],
      summary: "Remove someone from your organization (admins)",
      description:
        "They leave every partnership and lose their tokens; their ratings stay counted and become unlinkable (their salts are deleted). They are remembered, so the intranet cannot bring them back until an admin restores them.",
      security: bearerSecurity,
      request: { params: PersonParams },
      responses: { 200: jsonResponse(DirectoryPerson, "Removed"), ...commonErrors },
    }),
    async (c) => {
      const { personId } = c.req.valid("param");
      return c.json(await removeFromOrganization(c.env.DB, c.env.RATING_KEY, c.var.caller, personId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/people/{personId}/restore",
      tags: ["Organizations"],
      summary: "Restore someone removed (admins): facilitators can invite them again, the intranet may sign them in",
      description: "A restored person cannot answer a cycle that was open when they were removed.",
      security: bearerSecurity,
      request: { params: PersonParams },
      responses: { 200: jsonResponse(DirectoryPerson, "Restored"), ...commonErrors },
    }),
    async (c) => {
      const { personId } = c.req.valid("param");
      return c.json(await restoreToOrganization(c.env.DB, c.var.caller, personId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/people/{personId}/recovery-code",
      tags: ["Organizations"],
      summary: "Account recovery: a sign-in code for someone who lost their devices (admins)",
      description:
        "Signs the person out everywhere (their tokens are revoked, other unused codes dropped), is audited, and shows in their account.",
      security: bearerSecurity,
      request: { params: PersonParams },
      responses: {
        201: jsonResponse(z.object({ signInCode: z.string(), expiresAt: z.string() }), "Issued"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { personId } = c.req.valid("param");
      return c.json(await issueRecoveryCode(c.env.DB, c.var.caller, personId), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/audit",
      tags: ["Organizations"],
      summary: "Your organization's audit log, newest first (admins)",
      security: bearerSecurity,
      request: { params: OrganizationParams, query: AuditPage },
      responses: { 200: jsonResponse(AuditEntries, "Entries"), ...commonErrors },
    }),
    async (c) => {
      const { before, limit } = c.req.valid("query");
      return c.json(await listAudit(c.env.DB, { organizationId: c.var.caller.organizationId }, before, limit), 200);
    },
  );
