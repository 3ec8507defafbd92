import { createRoute, z } from "@hono/zod-openapi";
import { ROLES } from "../domain/roles";
import { bearerSecurity, commonErrors, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { createPartnership, getPartnership, inviteOrganization, setArchived, updateSettings } from "./process";
import { listPartnershipsOf } from "./queries";
import { CreatePartnership, InviteOrganization, Organization, Partnership, SettingsPatch } from "./schemas";
import { adminOnly, facilitatorOnly } from "./scope";

const PartnershipSummary = z
  .object({ id: z.string(), name: z.string(), role: z.enum(ROLES), archived: z.boolean() })
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
    async (c) => c.json(await createPartnership(c.env.DB, c.var.caller, c.req.valid("json")), 201),
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
    async (c) => c.json(await getPartnership(c.env.DB, c.var.scope, c.var.caller), 200),
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
    async (c) => c.json(await updateSettings(c.env.DB, c.var.scope, c.var.caller, c.req.valid("json")), 200),
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
      const { organizations } = await getPartnership(c.env.DB, c.var.scope, c.var.caller);
      return c.json({ organizations }, 200);
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
    async (c) =>
      c.json(await inviteOrganization(c.env.DB, c.var.caller, c.var.scope.partnershipId, c.req.valid("json")), 201),
  );
