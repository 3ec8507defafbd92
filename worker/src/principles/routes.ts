import { createRoute, z } from "@hono/zod-openapi";
import { DESCRIPTION_MAX, ORIGIN_MAX, STANCES, TITLE_MAX } from "../domain/agreement";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { facilitatorOnly } from "../partnerships/scope";
import {
  addComment,
  getPrinciple,
  proposePrinciple,
  proposeRetirement,
  proposeVersion,
  recordStance,
  requirePrinciple,
} from "./process";
import {
  getHistory,
  listComments,
  listPrinciples,
  PRINCIPLE_STATUSES,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
} from "./queries";

const Version = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    description: z.string(),
    origin: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("PrincipleVersion");

const StanceView = z.object({
  organizationId: z.string(),
  stance: z.enum(STANCES),
  note: z.string().nullable(),
  by: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
});

const Principle = z
  .object({
    id: z.string(),
    status: z.enum(PRINCIPLE_STATUSES),
    current: Version,
    agreedVersion: z.union([Version, z.null()]),
    latestVersion: Version,
    proposal: z
      .object({
        id: z.string(),
        kind: z.enum(PROPOSAL_KINDS),
        version: z.union([Version, z.null()]),
        createdAt: z.string(),
        stances: z.array(StanceView),
        awaiting: z.array(z.string()),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Principle");

const History = z
  .object({
    versions: z.array(Version),
    proposals: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(PROPOSAL_KINDS),
        versionNumber: z.number().int().nullable(),
        status: z.enum(PROPOSAL_STATUSES),
        createdAt: z.string(),
        decidedAt: z.string().nullable(),
        stances: z.array(StanceView),
      }),
    ),
  })
  .openapi("PrincipleHistory");

const Wording = z
  .strictObject({
    title: text({ max: TITLE_MAX }),
    description: text({ max: DESCRIPTION_MAX, multiline: true }),
    origin: text({ max: ORIGIN_MAX, min: 0, multiline: true }).optional(),
  })
  .openapi("PrincipleWording");

const StanceBody = z
  .strictObject({
    proposalId: Id("prp").optional(),
    stance: z.enum(STANCES),
    note: text({ max: 600, min: 0, multiline: true }).optional(),
  })
  .openapi("StanceBody");

const Comment = z
  .object({
    id: z.string(),
    body: z.string(),
    author: z.object({ id: z.string(), name: z.string(), organizationId: z.string() }),
    createdAt: z.string(),
  })
  .openapi("PrincipleComment");

const PrincipleParams = PartnershipParams.extend({
  principleId: Id("pri").openapi({ param: { name: "principleId", in: "path" } }),
});

export const principleRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/principles",
      tags: ["Principles"],
      summary: "Principles with the wording in force, the open proposal and each organization's stance",
      security: bearerSecurity,
      request: {
        params: PartnershipParams,
        query: z.strictObject({ status: z.enum(PRINCIPLE_STATUSES).optional() }),
      },
      responses: { 200: jsonResponse(z.object({ principles: z.array(Principle) }), "Principles"), ...commonErrors },
    }),
    async (c) => {
      const { status } = c.req.valid("query");
      return c.json({ principles: await listPrinciples(c.env.DB, c.var.scope.partnershipId, { status }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/principles",
      tags: ["Principles"],
      summary: "Propose a principle: what good looks like, optionally the issue it turns around",
      security: bearerSecurity,
      request: { params: PartnershipParams, body: jsonBody(Wording) },
      responses: { 201: jsonResponse(Principle, "Proposed"), ...commonErrors },
    }),
    async (c) =>
      c.json(await proposePrinciple(c.env.DB, c.var.caller, c.var.scope.partnershipId, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/principles/{principleId}",
      tags: ["Principles"],
      summary: "One principle with its version history and every proposal's stances",
      security: bearerSecurity,
      request: { params: PrincipleParams },
      responses: { 200: jsonResponse(Principle.extend({ history: History }), "The principle"), ...commonErrors },
    }),
    async (c) => {
      const { principleId } = c.req.valid("param");
      const p = await getPrinciple(c.env.DB, c.var.scope.partnershipId, principleId);
      return c.json({ ...p, history: await getHistory(c.env.DB, principleId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/principles/{principleId}/versions",
      tags: ["Principles"],
      summary: "Propose new wording; an agreed version stays in force until the new one is agreed",
      security: bearerSecurity,
      request: { params: PrincipleParams, body: jsonBody(Wording) },
      responses: { 201: jsonResponse(Principle, "New version proposed"), ...commonErrors },
    }),
    async (c) => {
      const { principleId } = c.req.valid("param");
      const p = await proposeVersion(
        c.env.DB,
        c.var.caller,
        c.var.scope.partnershipId,
        principleId,
        c.req.valid("json"),
      );
      return c.json(p, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/principles/{principleId}/retire",
      tags: ["Principles"],
      summary: "Propose retiring the principle; it retires once every organization endorses",
      security: bearerSecurity,
      request: {
        params: PrincipleParams,
        body: jsonBody(z.strictObject({ note: text({ max: 600, min: 0, multiline: true }).optional() })),
      },
      responses: { 201: jsonResponse(Principle, "Retirement proposed"), ...commonErrors },
    }),
    async (c) => {
      const { principleId } = c.req.valid("param");
      const { note } = c.req.valid("json");
      return c.json(await proposeRetirement(c.env.DB, c.var.caller, c.var.scope.partnershipId, principleId, note), 201);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/principles/{principleId}/stance",
      tags: ["Principles"],
      summary: "Endorse or object on behalf of your organization (its facilitators)",
      description:
        "Applies to the open proposal (pass `proposalId` to make sure it is the one you read). Objecting to an agreed principle with no open proposal reopens it — how an organization that joined later voices disagreement.",
      middleware: [facilitatorOnly("endorse or object for an organization")] as const,
      security: bearerSecurity,
      request: { params: PrincipleParams, body: jsonBody(StanceBody) },
      responses: { 200: jsonResponse(Principle, "Stance recorded"), ...commonErrors },
    }),
    async (c) => {
      const { principleId } = c.req.valid("param");
      const p = await recordStance(c.env.DB, c.var.caller, c.var.scope.partnershipId, principleId, c.req.valid("json"));
      return c.json(p, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/principles/{principleId}/comments",
      tags: ["Principles"],
      summary: "Comments on a principle, oldest first",
      security: bearerSecurity,
      request: { params: PrincipleParams },
      responses: { 200: jsonResponse(z.object({ comments: z.array(Comment) }), "Comments"), ...commonErrors },
    }),
    async (c) => {
      const { principleId } = c.req.valid("param");
      await requirePrinciple(c.env.DB, c.var.scope.partnershipId, principleId);
      return c.json({ comments: await listComments(c.env.DB, principleId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/principles/{principleId}/comments",
      tags: ["Principles"],
      summary: "Comment on a principle",
      security: bearerSecurity,
      request: {
        params: PrincipleParams,
        body: jsonBody(z.strictObject({ body: text({ max: 2000, multiline: true }) })),
      },
      responses: { 201: jsonResponse(Comment, "Posted"), ...commonErrors },
    }),
    async (c) => {
      const { principleId } = c.req.valid("param");
      const { body } = c.req.valid("json");
      return c.json(await addComment(c.env.DB, c.var.caller, c.var.scope.partnershipId, principleId, body), 201);
    },
  );
