import { createRoute, z } from "@hono/zod-openapi";
import { signInCodeStatement } from "../auth/credentials";
import { withdrawEligibilityStatement } from "../cycles/queries";
import { isoNow } from "../db/ids";
import { OrganizationParams } from "../embed/routes";
import { conflict, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, router } from "../http/openapi";
import { AllowedOrigins, ExternalId, PersonName } from "../partnerships/schemas";
import { dropCredentialsIfUnattachedStatements } from "../people/queries";
import { removalStatements } from "../people/removal";
import {
  ANOTHER_ADMIN,
  findDirectoryPerson,
  lastFacilitatorIn,
  listDirectory,
  NOT_LAST_FACILITATOR,
  organizationAuditStatements,
  readOrganization,
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
    partnerships: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(["facilitator", "member"]) })),
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

const AuditEntry = z.object({
  id: z.number().int(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});

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
      const org = await readOrganization(c.env.DB, c.var.caller.organizationId);
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
        db
          .prepare("UPDATE organizations SET provisioning = ? WHERE id = ? AND provisioning <> ?1")
          .bind(provisioning ? 1 : 0, caller.organizationId),
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
      return c.json((await readOrganization(db, caller.organizationId)) as z.infer<typeof OrganizationDetail>, 200);
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
      const before = await readOrganization(db, caller.organizationId);
      const origins = [...new Set(c.req.valid("json").origins)];
      const added = origins.filter((o) => !before?.allowedOrigins.includes(o));
      const removed = (before?.allowedOrigins ?? []).filter((o) => !origins.includes(o));
      if (added.length || removed.length) {
        await db.batch([
          db
            .prepare("UPDATE organizations SET allowed_origins = ? WHERE id = ?")
            .bind(JSON.stringify(origins), caller.organizationId),
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
        const clash = await db
          .prepare("SELECT name FROM people WHERE organization_id = ? AND external_id = ? AND id <> ?")
          .bind(caller.organizationId, externalId, personId)
          .first<{ name: string }>();
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
          db
            .prepare(
              `UPDATE people SET name = ?3, external_id = ?4, admin = ?5
               WHERE id = ?1 AND organization_id = ?2 AND (?5 = 1 OR admin = 0 OR ${ANOTHER_ADMIN}) RETURNING id`,
            )
            .bind(personId, caller.organizationId, name, externalId, admin ? 1 : 0),
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
      const last = await lastFacilitatorIn(db, caller.organizationId, personId);
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
        db
          .prepare(
            `UPDATE people SET removed_at = ?3, admin = 0
             WHERE id = ?1 AND organization_id = ?2 AND removed_at IS NULL
               AND (admin = 0 OR ${ANOTHER_ADMIN}) AND ${NOT_LAST_FACILITATOR} RETURNING id`,
          )
          .bind(personId, caller.organizationId, now),
        db
          .prepare(
            "DELETE FROM memberships WHERE person_id = ? AND EXISTS (SELECT 1 FROM people WHERE id = ? AND removed_at = ?)",
          )
          .bind(personId, personId, now),
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
        db
          .prepare(
            "UPDATE people SET removed_at = NULL WHERE id = ? AND organization_id = ? AND removed_at IS NOT NULL",
          )
          .bind(personId, caller.organizationId),
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
        db
          .prepare("UPDATE personal_tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL")
          .bind(now, personId),
        // Earlier unused codes stop working; recovery records stay, so the person sees each one.
        db
          .prepare(
            "UPDATE sign_in_codes SET expires_at = ?1 WHERE person_id = ?2 AND used_at IS NULL AND expires_at > ?1",
          )
          .bind(now, personId),
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
      request: {
        params: OrganizationParams,
        query: z.strictObject({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ entries: z.array(AuditEntry), next: z.number().nullable() }), "Entries"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { before, limit } = c.req.valid("query");
      const { results } = await c.env.DB.prepare(
        `SELECT a.id, a.actor_id AS actorId, p.name AS actorName, a.action, a.target_type AS targetType,
                a.target_id AS targetId, a.detail, a.at
         FROM organization_audit_log a LEFT JOIN people p ON p.id = a.actor_id
         WHERE a.organization_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?`,
      )
        .bind(c.var.caller.organizationId, before ?? Number.MAX_SAFE_INTEGER, limit)
        .all<{
          id: number;
          actorId: string | null;
          actorName: string | null;
          action: string;
          targetType: string;
          targetId: string;
          detail: string;
          at: string;
        }>();
      const entries = results.map(({ actorId, actorName, detail, ...rest }) => ({
        ...rest,
        detail: JSON.parse(detail) as Record<string, unknown>,
        actor: actorId && actorName ? { id: actorId, name: actorName } : null,
      }));
      return c.json({ entries, next: results.length === limit ? (results.at(-1)?.id ?? null) : null }, 200);
    },
  );
