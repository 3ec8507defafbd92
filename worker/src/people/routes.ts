import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../audit/queries";
import { signInCodeStatement } from "../auth/credentials";
import { withdrawEligibilityStatement } from "../cycles/queries";
import { isoNow, newId } from "../db/ids";
import { ROLES } from "../domain/roles";
import { conflict, forbidden, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { ExternalId, PersonName } from "../partnerships/schemas";
import { facilitatorOnly } from "../partnerships/scope";
import {
  createPersonStatement,
  dropCredentialsIfUnattachedStatements,
  findByExternalId,
  findMember,
  listMembers,
  membershipStatement,
  removeMembershipStatement,
  setRoleStatement,
} from "./queries";
import { removalStatements } from "./removal";

const Member = z
  .object({
    id: z.string(),
    name: z.string(),
    organizationId: z.string(),
    role: z.enum(ROLES),
    joinedAt: z.string(),
    /** Only shown to facilitators of the person's own organization. */
    externalId: z.string().nullable().optional(),
  })
  .openapi("Member");

const PersonParams = PartnershipParams.extend({
  personId: Id("per").openapi({ param: { name: "personId", in: "path" } }),
});

const Invite = z
  .strictObject({ name: PersonName, externalId: ExternalId.optional(), role: z.enum(ROLES).default("member") })
  .openapi("Invite");

export const peopleRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/people",
      tags: ["People"],
      summary: "Everyone in the partnership, with organization and role",
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: { 200: jsonResponse(z.object({ people: z.array(Member) }), "People"), ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const rows = await listMembers(c.env.DB, scope.partnershipId);
      const people = rows.map(({ externalId, ...m }) =>
        scope.role === "facilitator" && m.organizationId === caller.organizationId ? { ...m, externalId } : m,
      );
      return c.json({ people }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invites",
      tags: ["People"],
      summary: "Invite someone of your organization: returns a one-time sign-in code (facilitators)",
      description:
        "When `externalId` names someone already in your organization, that person is added and no code is returned: a sign-in code never hands over an existing person (they sign in as they already do; an admin can issue an audited recovery code).",
      middleware: [facilitatorOnly("invite people")] as const,
      security: bearerSecurity,
      request: { params: PartnershipParams, body: jsonBody(Invite) },
      responses: {
        201: jsonResponse(
          z
            .object({
              person: Member,
              signInCode: z.string().nullable().openapi({ description: "Null when the person already existed" }),
              expiresAt: z.string().nullable(),
            })
            .openapi("Invitation"),
          "Invited",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const body = c.req.valid("json");
      const db = c.env.DB;
      const now = isoNow();
      const existing = body.externalId ? await findByExternalId(db, caller.organizationId, body.externalId) : null;
      const personId = existing?.id ?? newId("per");
      if (existing?.removedAt) {
        throw conflict(`${existing.name} was removed by your organization's admins: an admin must restore them first`);
      }
      if (existing) {
        const member = await findMember(db, scope.partnershipId, personId);
        if (member) throw conflict(`${member.name} is already in this partnership`);
      }
      const code = existing ? null : await signInCodeStatement(db, personId, "invite", caller.personId);
      await db.batch([
        ...(existing
          ? []
          : [
              createPersonStatement(db, {
                id: personId,
                organizationId: caller.organizationId,
                externalId: body.externalId ?? null,
                name: body.name,
                at: now,
              }),
            ]),
        membershipStatement(db, { partnershipId: scope.partnershipId, personId, role: body.role, at: now }),
        ...(code ? [code.statement] : []),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "person.invited",
          targetType: "person",
          targetId: personId,
          detail: { name: existing?.name ?? body.name, role: body.role, existing: Boolean(existing) },
        }),
      ]);
      const person = await findMember(db, scope.partnershipId, personId);
      if (!person) throw notFound("Person not found");
      return c.json({ person, signInCode: code?.code ?? null, expiresAt: code?.expiresAt ?? null }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/people/{personId}",
      tags: ["People"],
      summary: "Change someone's role (facilitators of their organization; each keeps one facilitator)",
      middleware: [facilitatorOnly("change roles")] as const,
      security: bearerSecurity,
      request: { params: PersonParams, body: jsonBody(z.strictObject({ role: z.enum(ROLES) })) },
      responses: { 200: jsonResponse(Member, "Updated"), ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const { personId } = c.req.valid("param");
      const { role } = c.req.valid("json");
      const db = c.env.DB;
      const person = await findMember(db, scope.partnershipId, personId);
      if (!person) throw notFound("Person not found");
      if (person.organizationId !== caller.organizationId) {
        throw forbidden("Roles are managed by each organization's own facilitators");
      }
      if (person.role !== role) {
        const [updated] = await db.batch([
          setRoleStatement(db, scope.partnershipId, person, role),
          auditStatement(
            db,
            {
              partnershipId: scope.partnershipId,
              actorId: caller.personId,
              action: "person.role_changed",
              targetType: "person",
              targetId: personId,
              detail: { from: person.role, to: role },
            },
            { sql: "changes() > 0" },
          ),
        ]);
        if (!updated?.results.length) {
          throw conflict("Each organization keeps at least one facilitator: make someone else facilitator first");
        }
      }
      const after = await findMember(db, scope.partnershipId, personId);
      return c.json(after ?? person, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/people/{personId}",
      tags: ["People"],
      summary: "Remove someone from the partnership (facilitators of their organization)",
      description:
        "Their ratings stay counted and become unlinkable: the respondent salt is deleted. They cannot answer a cycle that was running again. Someone left in no partnership also loses their tokens.",
      middleware: [facilitatorOnly("remove people")] as const,
      security: bearerSecurity,
      request: { params: PersonParams },
      responses: { 204: { description: "Removed" }, ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const { personId } = c.req.valid("param");
      const db = c.env.DB;
      const person = await findMember(db, scope.partnershipId, personId);
      if (!person) throw notFound("Person not found");
      if (person.organizationId !== caller.organizationId) {
        throw forbidden("People are removed by their own organization's facilitators");
      }
      // Everything after the guarded DELETE runs only if it removed the membership.
      const gone = {
        sql: "NOT EXISTS (SELECT 1 FROM memberships WHERE partnership_id = ? AND person_id = ?)",
        values: [scope.partnershipId, personId],
      };
      const [removed] = await db.batch([
        removeMembershipStatement(db, scope.partnershipId, person),
        withdrawEligibilityStatement(db, personId, scope.partnershipId, isoNow(), gone),
        ...(await removalStatements(db, c.env.RATING_KEY, scope.partnershipId, personId)),
        ...dropCredentialsIfUnattachedStatements(db, personId),
        auditStatement(
          db,
          {
            partnershipId: scope.partnershipId,
            actorId: caller.personId,
            action: "person.removed",
            targetType: "person",
            targetId: personId,
            detail: { name: person.name },
          },
          gone,
        ),
      ]);
      if (!removed?.results.length) {
        throw conflict("Each organization keeps at least one facilitator: make someone else facilitator first");
      }
      return c.body(null, 204);
    },
  );
