import { createRoute, z } from "@hono/zod-openapi";
import { listAudit } from "../audit/queries";
import { AuditEntries, AuditPage } from "../audit/routes";
import { signInCodeStatement } from "../auth/credentials";
import { withdrawEligibilityStatement } from "../cycles/queries";
import { isoNow } from "../db/ids";
import { ROLES } from "../domain/roles";
import { OrganizationParams } from "../embed/routes";
import { conflict, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, router } from "../http/openapi";
import { AllowedOrigins, ExternalId, PersonName } from "../partnerships/schemas";
import { dropCredentialsIfUnattachedStatements } from "../people/queries";
import { removalStatements } from "../people/removal";
import {
  findDirectoryPerson,
  findExternalIdHolder,
  findOrganization,
  listDirectory,
  listLastFacilitatorPartnerships,
  organizationAuditStatements,
  removePersonStatements,
  restorePersonStatement,
  setOriginsStatement,
  setProvisioningStatement,
  signOutEverywhereStatements,
  updatePersonStatement,
} from "./queries";

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

async function person(db: D1Database, organizationId: string, personId: string) {
  const found = await findDirectoryPerson(db, organizationId, personId);
  if (!found) throw notFound("Person not found");
  return found;
}

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
    async (c) => {
      const org = await findOrganization(c.env.DB, c.var.caller.organizationId);
      if (!org) throw notFound("Organization not found");
      return c.json(org, 200);
    },
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
      const { caller } = c.var;
      const { provisioning } = c.req.valid("json");
      const db = c.env.DB;
      await db.batch([
        setProvisioningStatement(db, caller.organizationId, provisioning),
        ...organizationAuditStatements(
          db,
          {
            organizationId: caller.organizationId,
            actorId: caller.personId,
            action: "organization.provisioning_changed",
            targetType: "organization",
            targetId: caller.organizationId,
            detail: { provisioning },
          },
          { sql: "changes() > 0" },
        ),
      ]);
      return c.json((await findOrganization(db, caller.organizationId)) as z.infer<typeof OrganizationDetail>, 200);
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
      const { caller } = c.var;
      const db = c.env.DB;
      const before = await findOrganization(db, caller.organizationId);
      const origins = [...new Set(c.req.valid("json").origins)];
      const added = origins.filter((o) => !before?.allowedOrigins.includes(o));
      const removed = (before?.allowedOrigins ?? []).filter((o) => !origins.includes(o));
      if (added.length || removed.length) {
        await db.batch([
          setOriginsStatement(db, caller.organizationId, origins),
          ...organizationAuditStatements(db, {
            organizationId: caller.organizationId,
            actorId: caller.personId,
            action: "organization.origins_updated",
            targetType: "organization",
            targetId: caller.organizationId,
            detail: { added, removed },
          }),
        ]);
      }
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
      const { caller } = c.var;
      const { personId } = c.req.valid("param");
      const patch = c.req.valid("json");
      if (Object.keys(patch).length === 0) throw invalid("Send at least one field to change");
      const db = c.env.DB;
      const before = await person(db, caller.organizationId, personId);
      if (before.removedAt) throw conflict(`${before.name} was removed: restore them first`);
      const name = patch.name ?? before.name;
      const externalId = patch.externalId === undefined ? before.externalId : patch.externalId;
      const admin = patch.admin ?? before.admin;
      if (externalId !== before.externalId && externalId !== null) {
        const clash = await findExternalIdHolder(db, caller.organizationId, externalId, personId);
        if (clash) throw conflict(`externalId "${externalId}" already belongs to ${clash.name}`);
      }
      const changes = Object.fromEntries(
        (
          [
            ["name", before.name, name],
            ["externalId", before.externalId, externalId],
            ["admin", before.admin, admin],
          ] as const
        )
          .filter(([, from, to]) => from !== to)
          .map(([k, from, to]) => [k, { from, to }]),
      );
      if (Object.keys(changes).length > 0) {
        const [updated] = await db.batch([
          updatePersonStatement(db, caller.organizationId, personId, { name, externalId, admin }),
          ...organizationAuditStatements(
            db,
            {
              organizationId: caller.organizationId,
              actorId: caller.personId,
              action: "person.updated",
              targetType: "person",
              targetId: personId,
              detail: { name, changes },
            },
            { sql: "changes() > 0" },
          ),
        ]);
        if (!updated?.results.length)
          throw conflict("Your organization keeps at least one admin: make someone else admin first");
      }
      return c.json(await person(db, caller.organizationId, personId), 200);
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
      const { caller } = c.var;
      const { personId } = c.req.valid("param");
      const db = c.env.DB;
      const target = await person(db, caller.organizationId, personId);
      if (target.removedAt) throw conflict(`${target.name} is already removed`);
      const last = await listLastFacilitatorPartnerships(db, caller.organizationId, personId);
      if (last.length) {
        throw conflict(
          `${target.name} is your organization's last facilitator in ${last.join(", ")}: make someone else facilitator there first`,
        );
      }
      const now = isoNow();
      const removedNow = {
        sql: "EXISTS (SELECT 1 FROM people WHERE id = ? AND removed_at = ?)",
        values: [personId, now],
      };
      const partnershipRemovals = await Promise.all(
        target.partnerships.map((p) => removalStatements(db, c.env.RATING_KEY, p.id, personId)),
      );
      const [removed] = await db.batch([
        ...removePersonStatements(db, caller.organizationId, personId, now),
        withdrawEligibilityStatement(db, personId, null, now, removedNow),
        ...partnershipRemovals.flat(),
        ...dropCredentialsIfUnattachedStatements(db, personId),
        ...organizationAuditStatements(
          db,
          {
            organizationId: caller.organizationId,
            actorId: caller.personId,
            action: "person.removed",
            targetType: "person",
            targetId: personId,
            detail: { name: target.name },
          },
          removedNow,
        ),
      ]);
      if (!removed?.results.length) {
        throw conflict("Your organization keeps at least one admin: make someone else admin first");
      }
      return c.json(await person(db, caller.organizationId, personId), 200);
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
      const { caller } = c.var;
      const { personId } = c.req.valid("param");
      const db = c.env.DB;
      const target = await person(db, caller.organizationId, personId);
      if (!target.removedAt) throw conflict(`${target.name} is not removed`);
      await db.batch([
        restorePersonStatement(db, caller.organizationId, personId),
        ...organizationAuditStatements(
          db,
          {
            organizationId: caller.organizationId,
            actorId: caller.personId,
            action: "person.restored",
            targetType: "person",
            targetId: personId,
            detail: { name: target.name },
          },
          { sql: "changes() > 0" },
        ),
      ]);
      return c.json(await person(db, caller.organizationId, personId), 200);
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
      const { caller } = c.var;
      const { personId } = c.req.valid("param");
      const db = c.env.DB;
      const target = await person(db, caller.organizationId, personId);
      if (target.removedAt) throw conflict(`${target.name} was removed: restore them first`);
      const now = isoNow();
      const code = await signInCodeStatement(db, personId, "recovery", caller.personId);
      await db.batch([
        ...signOutEverywhereStatements(db, personId, now),
        code.statement,
        ...organizationAuditStatements(db, {
          organizationId: caller.organizationId,
          actorId: caller.personId,
          action: "person.recovery_issued",
          targetType: "person",
          targetId: personId,
          detail: { name: target.name },
        }),
      ]);
      return c.json({ signInCode: code.code, expiresAt: code.expiresAt }, 201);
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
