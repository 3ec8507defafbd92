import { auditStatement } from "../audit/queries";
import { signInCodeStatement } from "../auth/credentials";
import { isoNow, newId } from "../db/ids";
import { loweredThresholds, type Settings, settingsProblem, type Thresholds } from "../domain/settings";
import type { Caller, Scope } from "../http/context";
import { conflict, invalid, notFound } from "../http/errors";
import { createOrganizationStatement } from "../organizations/queries";
import { createPersonStatement, membershipStatement } from "../people/queries";
import {
  approveSettingsStatements,
  archiveStatement,
  countParties,
  createPartnershipStatement,
  createSettingsProposalStatement,
  findPartnership,
  getSettings,
  listSettingsProposalRows,
  partyStatement,
  rejectSettingsStatement,
  updateSettingsStatement,
} from "./queries";

type Actor = Pick<Caller, "personId" | "organizationId">;

/** The partnership as the actor sees it; 404 when it is gone. */
export async function getPartnership(db: D1Database, scope: Pick<Scope, "partnershipId" | "role">, actor: Actor) {
  const p = await findPartnership(db, scope.partnershipId, scope.role, actor.organizationId);
  if (!p) throw notFound("Partnership not found");
  return p;
}

/** A partnership with the actor's organization as its first party and the actor as its facilitator. */
export async function createPartnership(db: D1Database, actor: Actor, body: { name: string; purpose?: string }) {
  const id = newId("prt");
  const now = isoNow();
  await db.batch([
    createPartnershipStatement(db, {
      id,
      name: body.name,
      purpose: body.purpose ?? "",
      cadenceStart: now.slice(0, 10),
      at: now,
    }),
    partyStatement(db, { partnershipId: id, organizationId: actor.organizationId, at: now }),
    membershipStatement(db, { partnershipId: id, personId: actor.personId, role: "facilitator", at: now }),
    auditStatement(db, {
      partnershipId: id,
      actorId: actor.personId,
      action: "partnership.created",
      targetType: "partnership",
      targetId: id,
      detail: { name: body.name },
    }),
  ]);
  return getPartnership(db, { partnershipId: id, role: "facilitator" }, actor);
}

/**
 * Changes settings directly. Lowering k or the comment threshold in a partnership of several
 * organizations needs their consent: it goes through a settings proposal instead.
 */
export async function updateSettings(db: D1Database, scope: Scope, actor: Actor, patch: Partial<Settings>) {
  const { partnershipId } = scope;
  if (Object.keys(patch).length === 0) throw invalid("Send at least one setting to change");
  const current = await getSettings(db, partnershipId);
  const problem = settingsProblem({ ...current, ...patch });
  if (problem) throw invalid(problem);
  const lowered = loweredThresholds(current, patch);
  if (lowered.length > 0 && (await countParties(db, partnershipId)) > 1) {
    throw conflict(
      `Lowering ${lowered.join(" and ")} needs a facilitator of every organization to approve: propose it with POST /partnerships/${partnershipId}/settings-proposals`,
    );
  }
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => JSON.stringify(current[k as keyof Settings]) !== JSON.stringify(v)),
  );
  if (Object.keys(changed).length > 0) {
    await db.batch([
      updateSettingsStatement(db, partnershipId, changed),
      auditStatement(db, {
        partnershipId,
        actorId: actor.personId,
        action: "settings.updated",
        targetType: "partnership",
        targetId: partnershipId,
        detail: {
          changes: Object.fromEntries(
            Object.entries(changed).map(([k, v]) => [k, { from: current[k as keyof Settings], to: v }]),
          ),
        },
      }),
    ]);
  }
  return getPartnership(db, scope, actor);
}

/** Archives or restores the partnership in scope and returns it. */
export async function setArchived(db: D1Database, scope: Scope, actor: Actor, archived: boolean) {
  await db.batch([
    archiveStatement(db, scope.partnershipId, archived ? isoNow() : null),
    auditStatement(db, {
      partnershipId: scope.partnershipId,
      actorId: actor.personId,
      action: archived ? "partnership.archived" : "partnership.restored",
      targetType: "partnership",
      targetId: scope.partnershipId,
    }),
  ]);
  return getPartnership(db, scope, actor);
}

/** A new organization joins with its first facilitator, who is its first admin; returns their sign-in code. */
export async function inviteOrganization(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  body: { name: string; facilitator: { name: string; externalId?: string } },
) {
  const now = isoNow();
  const organizationId = newId("org");
  const personId = newId("per");
  const code = await signInCodeStatement(db, personId, "organization-invite", actor.personId);
  await db.batch([
    createOrganizationStatement(db, { id: organizationId, name: body.name, at: now }),
    partyStatement(db, { partnershipId, organizationId, at: now }),
    createPersonStatement(db, {
      id: personId,
      organizationId,
      externalId: body.facilitator.externalId ?? null,
      name: body.facilitator.name,
      admin: true,
      at: now,
    }),
    membershipStatement(db, { partnershipId, personId, role: "facilitator", at: now }),
    code.statement,
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "organization.invited",
      targetType: "organization",
      targetId: organizationId,
      detail: { name: body.name, facilitator: { id: personId, name: body.facilitator.name } },
    }),
  ]);
  return {
    organization: { id: organizationId, name: body.name, joinedAt: now },
    person: { id: personId, name: body.facilitator.name },
    signInCode: code.code,
    expiresAt: code.expiresAt,
  };
}

type SettingsChanges = Partial<Thresholds>;

/** Settings proposals newest first, or the one `proposalId`, with who approved and who is awaited. */
export async function listSettingsProposals(db: D1Database, partnershipId: string, proposalId: string | null = null) {
  const { proposals, approvals, partyIds } = await listSettingsProposalRows(db, partnershipId, proposalId);
  return proposals.map((r) => {
    const mine = approvals.filter((a) => a.proposalId === r.id);
    return {
      id: r.id,
      changes: JSON.parse(r.changes) as SettingsChanges,
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
      awaiting: r.status === "open" ? partyIds.filter((o) => !mine.some((a) => a.organizationId === o)) : [],
    };
  });
}

async function getSettingsProposal(db: D1Database, partnershipId: string, proposalId: string) {
  const [found] = await listSettingsProposals(db, partnershipId, proposalId);
  if (!found) throw notFound("Proposal not found");
  return found;
}

/** 409 unless the proposal is still open: approving or rejecting a decided one changes nothing. */
async function requireOpenProposal(db: D1Database, partnershipId: string, proposalId: string) {
  const found = await getSettingsProposal(db, partnershipId, proposalId);
  if (found.status !== "open") throw conflict(`This proposal is already ${found.status}`);
  return found;
}

function approveStatements(db: D1Database, partnershipId: string, actor: Actor, proposalId: string, at: string) {
  return approveSettingsStatements(
    db,
    { partnershipId, proposalId, organizationId: actor.organizationId, personId: actor.personId, at },
    (action) =>
      auditStatement(
        db,
        {
          partnershipId,
          actorId: actor.personId,
          action,
          targetType: "settings_proposal",
          targetId: proposalId,
          ...(action === "settings.approved" ? { detail: { organizationId: actor.organizationId } } : {}),
        },
        { sql: "changes() > 0" },
      ),
  );
}

/** Proposes lowering k or the comment threshold; the actor's organization approves by proposing. */
export async function proposeSettings(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  changes: SettingsChanges,
  note: string | undefined,
) {
  const current = await getSettings(db, partnershipId);
  const lowered = loweredThresholds(current, changes);
  if (lowered.length === 0) {
    throw invalid("Propose a lower k or comment threshold; raise them directly in the settings");
  }
  const problem = settingsProblem({ ...current, ...changes });
  if (problem) throw invalid(problem);
  const id = newId("spr");
  const now = isoNow();
  try {
    await db.batch([
      createSettingsProposalStatement(db, {
        id,
        partnershipId,
        changes: Object.fromEntries(lowered.map((key) => [key, changes[key]])),
        note: note || null,
        by: actor.personId,
        at: now,
      }),
      auditStatement(db, {
        partnershipId,
        actorId: actor.personId,
        action: "settings.proposed",
        targetType: "settings_proposal",
        targetId: id,
        detail: {
          changes: Object.fromEntries(lowered.map((key) => [key, { from: current[key], to: changes[key] }])),
        },
      }),
      ...approveStatements(db, partnershipId, actor, id, now),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw conflict("Another settings proposal is open: approve or reject it first");
    throw err;
  }
  return getSettingsProposal(db, partnershipId, id);
}

/** The actor's organization approves; applied once every organization approved. */
export async function approveSettings(db: D1Database, actor: Actor, partnershipId: string, proposalId: string) {
  await requireOpenProposal(db, partnershipId, proposalId);
  await db.batch(approveStatements(db, partnershipId, actor, proposalId, isoNow()));
  const after = await getSettingsProposal(db, partnershipId, proposalId);
  if (after.status === "open" && after.awaiting.length === 0) {
    throw conflict(
      "Every organization approved, but the change no longer fits the current settings: reject it and propose again",
    );
  }
  return after;
}

/** Rejects an open proposal; nothing changes. */
export async function rejectSettings(db: D1Database, actor: Actor, partnershipId: string, proposalId: string) {
  await requireOpenProposal(db, partnershipId, proposalId);
  await db.batch([
    rejectSettingsStatement(db, partnershipId, proposalId, isoNow()),
    auditStatement(
      db,
      {
        partnershipId,
        actorId: actor.personId,
        action: "settings.rejected",
        targetType: "settings_proposal",
        targetId: proposalId,
        detail: { organizationId: actor.organizationId },
      },
      { sql: "changes() > 0" },
    ),
  ]);
  return getSettingsProposal(db, partnershipId, proposalId);
}
