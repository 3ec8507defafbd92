import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import { rows } from "../db/rows";
import { loweredThresholds, MIN_K, settingsProblem } from "../domain/settings";
import type { Caller, Scope } from "../http/context";
import { conflict, invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";
import { getSettings } from "./queries";
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
    status: z.enum(["open", "applied", "rejected"]),
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

interface ProposalRow {
  id: string;
  changes: string;
  note: string | null;
  status: "open" | "applied" | "rejected";
  createdById: string;
  createdByName: string;
  createdAt: string;
  decidedAt: string | null;
}

async function listProposals(db: D1Database, partnershipId: string, proposalId: string | null = null) {
  const [proposals, approvals, parties] = await db.batch<unknown>([
    db
      .prepare(
        `SELECT sp.id, sp.changes, sp.note, sp.status, sp.created_by AS createdById, p.name AS createdByName,
                sp.created_at AS createdAt, sp.decided_at AS decidedAt
         FROM settings_proposals sp JOIN people p ON p.id = sp.created_by
         WHERE sp.partnership_id = ?1 AND (?2 IS NULL OR sp.id = ?2) ORDER BY sp.created_at DESC LIMIT 50`,
      )
      .bind(partnershipId, proposalId),
    db
      .prepare(
        `SELECT a.proposal_id AS proposalId, a.organization_id AS organizationId, a.person_id AS personId,
                p.name, a.at
         FROM settings_approvals a JOIN settings_proposals sp ON sp.id = a.proposal_id
         JOIN people p ON p.id = a.person_id
         WHERE sp.partnership_id = ?1 AND (?2 IS NULL OR sp.id = ?2) ORDER BY a.at`,
      )
      .bind(partnershipId, proposalId),
    db
      .prepare("SELECT organization_id AS id FROM parties WHERE partnership_id = ? ORDER BY joined_at")
      .bind(partnershipId),
  ]);
  const all = rows<{ proposalId: string; organizationId: string; personId: string; name: string; at: string }>(
    approvals,
  );
  const orgs = rows<{ id: string }>(parties).map((o) => o.id);
  return rows<ProposalRow>(proposals).map((r) => {
    const mine = all.filter((a) => a.proposalId === r.id);
    return {
      id: r.id,
      changes: JSON.parse(r.changes) as z.infer<typeof Changes>,
      note: r.note,
      status: r.status,
      createdBy: { id: r.createdById, name: r.createdByName },
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      approvals: mine.map((a) => ({
        organizationId: a.organizationId,
        person: { id: a.personId, name: a.name },
        at: a.at,
      })),
      awaiting: r.status === "open" ? orgs.filter((o) => !mine.some((a) => a.organizationId === o)) : [],
    };
  });
}

async function oneProposal(db: D1Database, partnershipId: string, proposalId: string) {
  const [found] = await listProposals(db, partnershipId, proposalId);
  if (!found) throw notFound("Proposal not found");
  return found;
}

/** 409 unless the proposal is still open: approving or rejecting a decided one changes nothing. */
async function openProposal(db: D1Database, partnershipId: string, proposalId: string) {
  const found = await oneProposal(db, partnershipId, proposalId);
  if (found.status !== "open") throw conflict(`This proposal is already ${found.status}`);
  return found;
}

// Every party organization approved: the consent rule for lowering anonymity settings.
const ALL_APPROVED = `(SELECT COUNT(*) FROM settings_approvals a WHERE a.proposal_id = ?1)
  >= (SELECT COUNT(*) FROM parties pa WHERE pa.partnership_id = ?2)`;

/**
 * The caller's organization approves; when that makes every organization, the change is applied
 * in the same batch (never below the floors: comment threshold at least k) and audited.
 */
function approveStatements(db: D1Database, scope: Scope, caller: Caller, proposalId: string, now: string) {
  const newK = "COALESCE(json_extract(sp.changes, '$.k'), partnerships.k)";
  const newCt = "COALESCE(json_extract(sp.changes, '$.commentThreshold'), partnerships.comment_threshold)";
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO settings_approvals (proposal_id, organization_id, person_id, at)
         SELECT id, ?3, ?4, ?5 FROM settings_proposals WHERE id = ?1 AND partnership_id = ?2 AND status = 'open'`,
      )
      .bind(proposalId, scope.partnershipId, caller.organizationId, caller.personId, now),
    auditStatement(
      db,
      {
        partnershipId: scope.partnershipId,
        actorId: caller.personId,
        action: "settings.approved",
        targetType: "settings_proposal",
        targetId: proposalId,
        detail: { organizationId: caller.organizationId },
      },
      { sql: "changes() > 0" },
    ),
    db
      .prepare(
        `UPDATE partnerships SET k = ${newK}, comment_threshold = ${newCt}
         FROM settings_proposals sp
         WHERE sp.id = ?1 AND partnerships.id = ?2 AND sp.partnership_id = ?2 AND sp.status = 'open'
           AND ${ALL_APPROVED} AND ${newK} >= ${MIN_K} AND ${newCt} >= ${newK}`,
      )
      .bind(proposalId, scope.partnershipId),
    db
      .prepare(
        `UPDATE settings_proposals SET status = 'applied', decided_at = ?3
         WHERE id = ?1 AND partnership_id = ?2 AND status = 'open' AND changes() > 0`,
      )
      .bind(proposalId, scope.partnershipId, now),
    auditStatement(
      db,
      {
        partnershipId: scope.partnershipId,
        actorId: caller.personId,
        action: "settings.applied",
        targetType: "settings_proposal",
        targetId: proposalId,
      },
      { sql: "changes() > 0" },
    ),
  ];
}

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
    async (c) => c.json({ proposals: await listProposals(c.env.DB, c.var.scope.partnershipId) }, 200),
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
      const { caller, scope } = c.var;
      const { note, ...changes } = c.req.valid("json");
      const db = c.env.DB;
      const current = await getSettings(db, scope.partnershipId);
      const lowered = loweredThresholds(current, changes);
      if (lowered.length === 0) {
        throw invalid("Propose a lower k or comment threshold; raise them directly in the settings");
      }
      const problem = settingsProblem({ ...current, ...changes });
      if (problem) throw invalid(problem);
      const id = newId("spr");
      const now = isoNow();
      const proposed = Object.fromEntries(lowered.map((key) => [key, changes[key]]));
      try {
        await db.batch([
          db
            .prepare(
              `INSERT INTO settings_proposals (id, partnership_id, changes, note, status, created_by, created_at)
               VALUES (?, ?, ?, ?, 'open', ?, ?)`,
            )
            .bind(id, scope.partnershipId, JSON.stringify(proposed), note || null, caller.personId, now),
          auditStatement(db, {
            partnershipId: scope.partnershipId,
            actorId: caller.personId,
            action: "settings.proposed",
            targetType: "settings_proposal",
            targetId: id,
            detail: {
              changes: Object.fromEntries(lowered.map((key) => [key, { from: current[key], to: changes[key] }])),
            },
          }),
          ...approveStatements(db, scope, caller, id, now),
        ]);
      } catch (err) {
        if (String(err).includes("UNIQUE")) {
          throw conflict("Another settings proposal is open: approve or reject it first");
        }
        throw err;
      }
      return c.json(await oneProposal(db, scope.partnershipId, id), 201);
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
      const { caller, scope } = c.var;
      const { proposalId } = c.req.valid("param");
      const db = c.env.DB;
      await openProposal(db, scope.partnershipId, proposalId);
      await db.batch(approveStatements(db, scope, caller, proposalId, isoNow()));
      const after = await oneProposal(db, scope.partnershipId, proposalId);
      if (after.status === "open" && after.awaiting.length === 0) {
        throw conflict(
          "Every organization approved, but the change no longer fits the current settings: reject it and propose again",
        );
      }
      return c.json(after, 200);
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
      const { caller, scope } = c.var;
      const { proposalId } = c.req.valid("param");
      const db = c.env.DB;
      await openProposal(db, scope.partnershipId, proposalId);
      const now = isoNow();
      await db.batch([
        db
          .prepare(
            "UPDATE settings_proposals SET status = 'rejected', decided_at = ? WHERE id = ? AND partnership_id = ? AND status = 'open'",
          )
          .bind(now, proposalId, scope.partnershipId),
        auditStatement(
          db,
          {
            partnershipId: scope.partnershipId,
            actorId: caller.personId,
            action: "settings.rejected",
            targetType: "settings_proposal",
            targetId: proposalId,
            detail: { organizationId: caller.organizationId },
          },
          { sql: "changes() > 0" },
        ),
      ]);
      return c.json(await oneProposal(db, scope.partnershipId, proposalId), 200);
    },
  );
