import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import { DESCRIPTION_MAX, isSameWording, ORIGIN_MAX, TITLE_MAX } from "../domain/agreement";
import { MAX_AGREED_PRINCIPLES } from "../domain/settings";
import { conflict, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { facilitatorOnly } from "../partnerships/scope";
import {
  acceptIfConsensusStatements,
  countAgreed,
  findOpenProposal,
  findPrinciple,
  openProposalStatement,
  partyIds,
  readHistory,
  readPrinciples,
  stanceStatement,
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
  stance: z.enum(["endorse", "object"]),
  note: z.string().nullable(),
  by: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
});

const Principle = z
  .object({
    id: z.string(),
    status: z.enum(["proposed", "agreed", "retired"]),
    current: Version,
    agreedVersion: z.union([Version, z.null()]),
    latestVersion: Version,
    proposal: z
      .object({
        id: z.string(),
        kind: z.enum(["adopt", "retire"]),
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
        kind: z.enum(["adopt", "retire"]),
        versionNumber: z.number().int().nullable(),
        status: z.enum(["open", "accepted", "superseded"]),
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
    stance: z.enum(["endorse", "object"]),
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

async function readOne(db: D1Database, partnershipId: string, principleId: string) {
  const [p] = await readPrinciples(db, partnershipId, { onlyId: principleId });
  if (!p) throw notFound("Principle not found");
  return p;
}

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
        query: z.strictObject({ status: z.enum(["proposed", "agreed", "retired"]).optional() }),
      },
      responses: { 200: jsonResponse(z.object({ principles: z.array(Principle) }), "Principles"), ...commonErrors },
    }),
    async (c) => {
      const { status } = c.req.valid("query");
      return c.json({ principles: await readPrinciples(c.env.DB, c.var.scope.partnershipId, { status }) }, 200);
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
    async (c) => {
      const { caller, scope } = c.var;
      const body = c.req.valid("json");
      const db = c.env.DB;
      const now = isoNow();
      const principleId = newId("pri");
      const versionId = newId("ver");
      const proposalId = newId("prp");
      await db.batch([
        db
          .prepare(
            "INSERT INTO principles (id, partnership_id, status, created_by, created_at, updated_at) VALUES (?, ?, 'proposed', ?, ?, ?)",
          )
          .bind(principleId, scope.partnershipId, caller.personId, now, now),
        db
          .prepare(
            `INSERT INTO principle_versions (id, principle_id, number, title, description, origin, created_by, created_at)
             VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
          )
          .bind(versionId, principleId, body.title, body.description, body.origin || null, caller.personId, now),
        openProposalStatement(db, {
          id: proposalId,
          principleId,
          kind: "adopt",
          versionId: versionId,
          by: caller.personId,
          at: now,
        }),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "principle.proposed",
          targetType: "principle",
          targetId: principleId,
          detail: { title: body.title, version: 1 },
        }),
      ]);
      return c.json(await readOne(db, scope.partnershipId, principleId), 201);
    },
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
      const p = await readOne(c.env.DB, c.var.scope.partnershipId, principleId);
      return c.json({ ...p, history: await readHistory(c.env.DB, principleId) }, 200);
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
      const { caller, scope } = c.var;
      const { principleId } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.env.DB;
      const principle = await findPrinciple(db, scope.partnershipId, principleId);
      if (!principle) throw notFound("Principle not found");
      if (principle.status === "retired") throw conflict("This principle is retired; propose a new one instead");
      const current = await readOne(db, scope.partnershipId, principleId);
      if (isSameWording(current.latestVersion, { ...body, origin: body.origin || null })) {
        throw conflict("The wording is the same as the latest version");
      }
      const now = isoNow();
      const versionId = newId("ver");
      const proposalId = newId("prp");
      const number = principle.latestNumber + 1;
      await db.batch([
        db
          .prepare(
            "UPDATE proposals SET status = 'superseded', decided_at = ? WHERE principle_id = ? AND status = 'open'",
          )
          .bind(now, principleId),
        db
          .prepare(
            `INSERT INTO principle_versions (id, principle_id, number, title, description, origin, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            versionId,
            principleId,
            number,
            body.title,
            body.description,
            body.origin || null,
            caller.personId,
            now,
          ),
        openProposalStatement(db, {
          id: proposalId,
          principleId,
          kind: "adopt",
          versionId: versionId,
          by: caller.personId,
          at: now,
        }),
        db.prepare("UPDATE principles SET updated_at = ? WHERE id = ?").bind(now, principleId),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "principle.version_proposed",
          targetType: "principle",
          targetId: principleId,
          detail: { version: number, title: body.title, previousTitle: current.latestVersion.title },
        }),
      ]);
      return c.json(await readOne(db, scope.partnershipId, principleId), 201);
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
      const { caller, scope } = c.var;
      const { principleId } = c.req.valid("param");
      const db = c.env.DB;
      const principle = await findPrinciple(db, scope.partnershipId, principleId);
      if (!principle) throw notFound("Principle not found");
      if (principle.status === "retired") throw conflict("This principle is already retired");
      const open = await findOpenProposal(db, principleId);
      if (open?.kind === "retire") throw conflict("Retiring this principle is already proposed");
      const now = isoNow();
      await db.batch([
        db
          .prepare(
            "UPDATE proposals SET status = 'superseded', decided_at = ? WHERE principle_id = ? AND status = 'open'",
          )
          .bind(now, principleId),
        openProposalStatement(db, {
          id: newId("prp"),
          principleId,
          kind: "retire",
          versionId: null,
          by: caller.personId,
          at: now,
        }),
        db.prepare("UPDATE principles SET updated_at = ? WHERE id = ?").bind(now, principleId),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "principle.retirement_proposed",
          targetType: "principle",
          targetId: principleId,
          detail: { note: c.req.valid("json").note ?? null },
        }),
      ]);
      return c.json(await readOne(db, scope.partnershipId, principleId), 201);
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
      const { caller, scope } = c.var;
      const { principleId } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.env.DB;
      const principle = await findPrinciple(db, scope.partnershipId, principleId);
      if (!principle) throw notFound("Principle not found");
      if (principle.status === "retired") throw conflict("This principle is retired");
      const now = isoNow();
      let open = await findOpenProposal(db, principleId);
      const statements: D1PreparedStatement[] = [];
      if (body.proposalId && open?.id !== body.proposalId) {
        throw conflict("That proposal is no longer open; reload the principle and try again");
      }
      if (!open) {
        if (body.stance === "endorse" || principle.status !== "agreed" || !principle.agreedVersionId) {
          throw conflict("There is no open proposal on this principle to endorse");
        }
        // An objection to an agreed principle reopens it: the agreed wording is proposed again,
        // with the endorsements it had, and stops being in force until every party agrees.
        const reopened = {
          id: newId("prp"),
          principleId,
          kind: "adopt" as const,
          versionId: principle.agreedVersionId,
          status: "open" as const,
          createdBy: caller.personId,
          createdAt: now,
          decidedAt: null,
        };
        statements.push(
          openProposalStatement(db, {
            id: reopened.id,
            principleId,
            kind: "adopt",
            versionId: reopened.versionId,
            by: caller.personId,
            at: now,
          }),
          db
            .prepare(
              `INSERT INTO stances (proposal_id, organization_id, stance, note, person_id, at)
               SELECT ?, s.organization_id, s.stance, s.note, s.person_id, s.at FROM stances s
               WHERE s.proposal_id = (SELECT id FROM proposals WHERE principle_id = ? AND status = 'accepted'
                                      AND kind = 'adopt' ORDER BY decided_at DESC LIMIT 1)
                 AND s.organization_id <> ?`,
            )
            .bind(reopened.id, principleId, caller.organizationId),
          db.prepare("UPDATE principles SET status = 'proposed', updated_at = ? WHERE id = ?").bind(now, principleId),
        );
        open = reopened;
      }
      if (body.stance === "endorse" && open.kind === "adopt" && principle.status !== "agreed") {
        const parties = await partyIds(db, scope.partnershipId);
        const others = (await readOne(db, scope.partnershipId, principleId)).proposal?.stances ?? [];
        const wouldAgree = parties.every(
          (o) => o === caller.organizationId || others.some((s) => s.organizationId === o && s.stance === "endorse"),
        );
        if (wouldAgree && (await countAgreed(db, scope.partnershipId)) >= MAX_AGREED_PRINCIPLES) {
          throw conflict(
            `A partnership keeps at most ${MAX_AGREED_PRINCIPLES} agreed principles: retire one before agreeing another`,
          );
        }
      }
      statements.push(
        stanceStatement(db, {
          proposalId: open.id,
          organizationId: caller.organizationId,
          stance: body.stance,
          note: body.note || null,
          personId: caller.personId,
          at: now,
        }),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: body.stance === "endorse" ? "principle.endorsed" : "principle.objected",
          targetType: "principle",
          targetId: principleId,
          detail: { proposalId: open.id, kind: open.kind, note: body.note ?? null },
        }),
        ...acceptIfConsensusStatements(db, {
          principleId,
          proposalId: open.id,
          partnershipId: scope.partnershipId,
          kind: open.kind,
          versionId: open.versionId,
          now,
        }),
        auditStatement(
          db,
          {
            partnershipId: scope.partnershipId,
            actorId: caller.personId,
            action: open.kind === "adopt" ? "principle.agreed" : "principle.retired",
            targetType: "principle",
            targetId: principleId,
            detail: { proposalId: open.id },
          },
          { sql: "changes() > 0" },
        ),
      );
      await db.batch(statements);
      return c.json(await readOne(db, scope.partnershipId, principleId), 200);
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
      const db = c.env.DB;
      if (!(await findPrinciple(db, c.var.scope.partnershipId, principleId))) throw notFound("Principle not found");
      const { results } = await db
        .prepare(
          `SELECT c.id, c.body, c.created_at AS createdAt, p.id AS authorId, p.name AS authorName, p.organization_id AS organizationId
           FROM principle_comments c JOIN people p ON p.id = c.person_id
           WHERE c.principle_id = ? ORDER BY c.created_at, c.id`,
        )
        .bind(principleId)
        .all<{
          id: string;
          body: string;
          createdAt: string;
          authorId: string;
          authorName: string;
          organizationId: string;
        }>();
      return c.json(
        {
          comments: results.map((r) => ({
            id: r.id,
            body: r.body,
            createdAt: r.createdAt,
            author: { id: r.authorId, name: r.authorName, organizationId: r.organizationId },
          })),
        },
        200,
      );
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
      const { caller, scope } = c.var;
      const { principleId } = c.req.valid("param");
      const db = c.env.DB;
      if (!(await findPrinciple(db, scope.partnershipId, principleId))) throw notFound("Principle not found");
      const id = newId("com");
      const now = isoNow();
      const { body } = c.req.valid("json");
      await db.batch([
        db
          .prepare(
            "INSERT INTO principle_comments (id, principle_id, person_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
          )
          .bind(id, principleId, caller.personId, body, now),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "principle.commented",
          targetType: "principle",
          targetId: principleId,
          detail: { commentId: id },
        }),
      ]);
      return c.json(
        {
          id,
          body,
          createdAt: now,
          author: { id: caller.personId, name: caller.name, organizationId: caller.organizationId },
        },
        201,
      );
    },
  );
