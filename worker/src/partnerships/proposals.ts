import { createRoute, z } from "@hono/zod-openapi";
import { MIN_K } from "../domain/settings";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { approveSettings, listSettingsProposals, proposeSettings, rejectSettings } from "./process";
import { SETTINGS_PROPOSAL_STATUSES } from "./queries";
import { facilitatorOnly } from "./scope";

const Changes = z.object({
  k: z.number().int().min(MIN_K).max(100).optional(),
  commentThreshold: z.number().int().min(MIN_K).max(100).optional(),
});

const SettingsProposal = z
  .object({
    id: z.string(),
    changes: Changes,
    note: z.string().nullable(),
    status: z.enum(SETTINGS_PROPOSAL_STATUSES),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    approvals: z.array(
      z.object({ organizationId: z.string(), person: z.object({ id: z.string(), name: z.string() }), at: z.string() }),
    ),
    awaiting: z.array(z.string()).openapi({ description: "Organizations whose approval is still missing" }),
  })
  .openapi("SettingsProposal");

const ProposalParams = PartnershipParams.extend({
  proposalId: Id("spr").openapi({ param: { name: "proposalId", in: "path" } }),
});

/** Lowering k or the comment threshold: proposals every organization must approve. */
export const settingsProposalRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/settings-proposals",
      tags: ["Partnerships"],
      summary: "Proposals to lower k or the comment threshold, newest first",
      security: bearerSecurity,
      request: { params: PartnershipParams },
      responses: {
        200: jsonResponse(z.object({ proposals: z.array(SettingsProposal) }), "Proposals"),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ proposals: await listSettingsProposals(c.env.DB, c.var.scope.partnershipId) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/settings-proposals",
      tags: ["Partnerships"],
      summary: "Propose lowering k or the comment threshold (facilitators)",
      description:
        "Takes effect only when a facilitator of every organization approved it (your organization approves by proposing), and only for cycles that open afterwards. Raise either directly with PATCH.",
      middleware: [facilitatorOnly("propose settings changes")] as const,
      security: bearerSecurity,
      request: {
        params: PartnershipParams,
        body: jsonBody(Changes.extend({ note: text({ max: 600, min: 0, multiline: true }).optional() }).strict()),
      },
      responses: { 201: jsonResponse(SettingsProposal, "Proposed"), ...commonErrors },
    }),
    async (c) => {
      const { note, ...changes } = c.req.valid("json");
      return c.json(await proposeSettings(c.env.DB, c.var.caller, c.var.scope.partnershipId, changes, note), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/settings-proposals/{proposalId}/approve",
      tags: ["Partnerships"],
      summary: "Approve for your organization (facilitators); applied once every organization approved",
      middleware: [facilitatorOnly("approve settings changes")] as const,
      security: bearerSecurity,
      request: { params: ProposalParams },
      responses: { 200: jsonResponse(SettingsProposal, "The proposal"), ...commonErrors },
    }),
    async (c) => {
      const { proposalId } = c.req.valid("param");
      return c.json(await approveSettings(c.env.DB, c.var.caller, c.var.scope.partnershipId, proposalId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/settings-proposals/{proposalId}/reject",
      tags: ["Partnerships"],
      summary: "Reject a proposal (facilitators of any organization); nothing changes",
      middleware: [facilitatorOnly("reject settings changes")] as const,
      security: bearerSecurity,
      request: { params: ProposalParams },
      responses: { 200: jsonResponse(SettingsProposal, "The proposal"), ...commonErrors },
    }),
    async (c) => {
      const { proposalId } = c.req.valid("param");
      return c.json(await rejectSettings(c.env.DB, c.var.caller, c.var.scope.partnershipId, proposalId), 200);
    },
  );
