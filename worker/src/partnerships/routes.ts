import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../audit/queries";
import { signInCodeStatement } from "../auth/credentials";
import { isoNow, newId } from "../db/ids";
import { loweredThresholds, settingsProblem } from "../domain/settings";
import type { Caller, Scope } from "../http/context";
import { conflict, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { getSettings, listPartnershipsOf, partyCount, readPartnership, updateSettingsStatement } from "./queries";
import { CreatePartnership, InviteOrganization, Organization, Partnership, SettingsPatch } from "./schemas";
import { adminOnly, facilitatorOnly } from "./scope";

const PartnershipSummary = z
  .object({ id: z.string(), name: z.string(), role: z.enum(["facilitator", "member"]), archived: z.boolean() })
  .openapi("PartnershipSummary");

/** Routes not tied to one partnership: list and create. */
export const partnershipCollectionRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/partnerships",
      tags: ["Partnerships"],
      summary: "Partnerships the caller belongs to",
      security: bearerSecurity,
      responses: {
        200: jsonResponse(z.object({ partnerships: z.array(PartnershipSummary) }), "Partnerships"),
        401: commonErrors[401],
      },
    }),
    async (c) => c.json({ partnerships: await listPartnershipsOf(c.env.DB, c.var.caller.personId) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/partnerships",
      tags: ["Partnerships"],
      summary: "Create a partnership on behalf of your organization (organization admins); you become its facilitator",
      security: bearerSecurity,
      middleware: [adminOnly] as const,
      request: { body: jsonBody(CreatePartnership) },
      responses: {
        201: jsonResponse(Partnership, "Created"),
        400: commonErrors[400],
        401: commonErrors[401],
        403: commonErrors[403],
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { personId, organizationId } = c.var.caller;
      const id = newId("prt");
      const now = isoNow();
      const db = c.env.DB;
      await db.batch([
        db
          .prepare("INSERT INTO partnerships (id, name, purpose, cadence_start, created_at) VALUES (?, ?, ?, ?, ?)")
          .bind(id, body.name, body.purpose ?? "", now.slice(0, 10), now),
        db
          .prepare("INSERT INTO parties (partnership_id, organization_id, joined_at) VALUES (?, ?, ?)")
          .bind(id, organizationId, now),
        db
          .prepare(
            "INSERT INTO memberships (partnership_id, person_id, role, created_at) VALUES (?, ?, 'facilitator', ?)",
          )
          .bind(id, personId, now),
        auditStatement(db, {
          partnershipId: id,
          actorId: personId,
          action: "partnership.created",
          targetType: "partnership",
          targetId: id,
          detail: { name: body.name },
        }),
      ]);
      const created = await readPartnership(db, id, "facilitator", organizationId);
      return c.json(created as z.infer<typeof Partnership>, 201);
    },
  );

/** Routes on one partnership, mounted under /partnerships/:partnershipId. */
export const partnershipRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["Partnerships"],
      summary: "A partnership: settings, organizations and the caller's role",
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: { 200: jsonResponse(Partnership, "The partnership"), ...commonErrors },
    }),
    async (c) => {
      const { partnershipId, role } = c.var.scope;
      const p = await readPartnership(c.env.DB, partnershipId, role, c.var.caller.organizationId);
      if (!p) throw notFound("Partnership not found");
      return c.json(p, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/",
      tags: ["Partnerships"],
      summary: "Update settings (facilitators)",
      middleware: [facilitatorOnly("change settings")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams, body: jsonBody(SettingsPatch) },
      responses: { 200: jsonResponse(Partnership, "Updated"), ...commonErrors },
    }),
    async (c) => {
      const { partnershipId, role } = c.var.scope;
      const patch = c.req.valid("json");
      if (Object.keys(patch).length === 0) throw invalid("Send at least one setting to change");
      const current = await getSettings(c.env.DB, partnershipId);
      const problem = settingsProblem({ ...current, ...patch });
      if (problem) throw invalid(problem);
      const lowered = loweredThresholds(current, patch);
      if (lowered.length > 0 && (await partyCount(c.env.DB, partnershipId)) > 1) {
        throw conflict(
          `Lowering ${lowered.join(" and ")} needs a facilitator of every organization to approve: propose it with POST /partnerships/${partnershipId}/settings-proposals`,
        );
      }
      const db = c.env.DB;
      const changed = Object.fromEntries(
        Object.entries(patch).filter(
          ([k, v]) => JSON.stringify(current[k as keyof typeof current]) !== JSON.stringify(v),
        ),
      );
      if (Object.keys(changed).length > 0) {
        await db.batch([
          updateSettingsStatement(db, partnershipId, changed),
          auditStatement(db, {
            partnershipId,
            actorId: c.var.caller.personId,
            action: "settings.updated",
            targetType: "partnership",
            targetId: partnershipId,
            detail: {
              changes: Object.fromEntries(
                Object.entries(changed).map(([k, v]) => [k, { from: current[k as keyof typeof current], to: v }]),
              ),
            },
          }),
        ]);
      }
      const p = await readPartnership(db, partnershipId, role, c.var.caller.organizationId);
      return c.json(p as z.infer<typeof Partnership>, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/archive",
      tags: ["Partnerships"],
      summary: "Archive: everything stays readable, nothing can change (facilitators)",
      middleware: [facilitatorOnly("archive a partnership")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: { 200: jsonResponse(Partnership, "Archived"), ...commonErrors },
    }),
    async (c) => c.json(await setArchived(c.env.DB, c.var.scope, c.var.caller, true), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/restore",
      tags: ["Partnerships"],
      summary: "Restore an archived partnership (facilitators)",
      middleware: [facilitatorOnly("restore a partnership")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: { 200: jsonResponse(Partnership, "Restored"), ...commonErrors },
    }),
    async (c) => c.json(await setArchived(c.env.DB, c.var.scope, c.var.caller, false), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/organizations",
      tags: ["Partnerships"],
      summary: "Organizations party to the partnership",
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: {
        200: jsonResponse(z.object({ organizations: z.array(Organization) }), "Organizations"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { partnershipId, role } = c.var.scope;
      const p = await readPartnership(c.env.DB, partnershipId, role, c.var.caller.organizationId);
      return c.json({ organizations: p?.organizations ?? [] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/organizations",
      tags: ["Partnerships"],
      summary:
        "Invite a new organization: returns a sign-in code for its first facilitator, who becomes its first admin (facilitators)",
      middleware: [facilitatorOnly("invite organizations")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams, body: jsonBody(InviteOrganization) },
      responses: {
        201: jsonResponse(
          z.object({
            organization: Organization,
            person: z.object({ id: z.string(), name: z.string() }),
            signInCode: z.string(),
            expiresAt: z.string(),
          }),
          "Invited",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { partnershipId } = c.var.scope;
      const body = c.req.valid("json");
      const db = c.env.DB;
      const now = isoNow();
      const organizationId = newId("org");
      const personId = newId("per");
      const code = await signInCodeStatement(db, personId, "organization-invite", c.var.caller.personId);
      await db.batch([
        db
          .prepare("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)")
          .bind(organizationId, body.name, now),
        db
          .prepare("INSERT INTO parties (partnership_id, organization_id, joined_at) VALUES (?, ?, ?)")
          .bind(partnershipId, organizationId, now),
        db
          .prepare(
            "INSERT INTO people (id, organization_id, external_id, name, admin, created_at) VALUES (?, ?, ?, ?, 1, ?)",
          )
          .bind(personId, organizationId, body.facilitator.externalId ?? null, body.facilitator.name, now),
        db
          .prepare(
            "INSERT INTO memberships (partnership_id, person_id, role, created_at) VALUES (?, ?, 'facilitator', ?)",
          )
          .bind(partnershipId, personId, now),
        code.statement,
        auditStatement(db, {
          partnershipId,
          actorId: c.var.caller.personId,
          action: "organization.invited",
          targetType: "organization",
          targetId: organizationId,
          detail: { name: body.name, facilitator: { id: personId, name: body.facilitator.name } },
        }),
      ]);
      return c.json(
        {
          organization: { id: organizationId, name: body.name, joinedAt: now },
          person: { id: personId, name: body.facilitator.name },
          signInCode: code.code,
          expiresAt: code.expiresAt,
        },
        201,
      );
    },
  );

/** Archives or restores the partnership in scope and returns it. */
async function setArchived(db: D1Database, scope: Scope, caller: Caller, archived: boolean) {
  await db.batch([
    db
      .prepare("UPDATE partnerships SET archived_at = ? WHERE id = ?")
      .bind(archived ? isoNow() : null, scope.partnershipId),
    auditStatement(db, {
      partnershipId: scope.partnershipId,
      actorId: caller.personId,
      action: archived ? "partnership.archived" : "partnership.restored",
      targetType: "partnership",
      targetId: scope.partnershipId,
    }),
  ]);
  const p = await readPartnership(db, scope.partnershipId, scope.role, caller.organizationId);
  if (!p) throw notFound("Partnership not found");
  return p;
}
