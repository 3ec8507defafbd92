import { createRoute, z } from "@hono/zod-openapi";
import { ROLES } from "../domain/roles";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { ExternalId, PersonName } from "../partnerships/schemas";
import { facilitatorOnly } from "../partnerships/scope";
import { changeRole, invitePerson, listPeople, removeMember } from "./process";

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
      return c.json({ people: await listPeople(c.env.DB, scope, caller) }, 200);
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
      return c.json(await invitePerson(c.env.DB, caller, scope.partnershipId, c.req.valid("json")), 201);
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
      return c.json(await changeRole(c.env.DB, caller, scope.partnershipId, personId, role), 200);
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
      await removeMember(c.env.DB, c.env.RATING_KEY, caller, scope.partnershipId, personId);
      return c.body(null, 204);
    },
  );
