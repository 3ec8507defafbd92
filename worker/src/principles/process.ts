import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import { decide, isSameWording, type Stance } from "../domain/agreement";
import { MAX_AGREED_PRINCIPLES } from "../domain/settings";
import type { Caller } from "../http/context";
import { conflict, notFound } from "../http/errors";
import { listPartyIds } from "../partnerships/queries";
import {
  acceptIfConsensusStatements,
  commentStatement,
  countAgreed,
  createPrincipleStatement,
  findOpenProposal,
  findPrinciple,
  listPrinciples,
  openProposalStatement,
  type PrincipleView,
  reopenStatements,
  stanceStatement,
  supersedeOpenProposalStatement,
  touchPrincipleStatement,
  versionStatement,
} from "./queries";

type Actor = Pick<Caller, "personId" | "organizationId" | "name">;

export interface Wording {
  title: string;
  description: string;
  origin?: string;
}

/** One principle as members see it; 404 when the partnership has no such principle. */
export async function getPrinciple(db: D1Database, partnershipId: string, principleId: string): Promise<PrincipleView> {
  const [p] = await listPrinciples(db, partnershipId, { onlyId: principleId });
  if (!p) throw notFound("Principle not found");
  return p;
}

/** The principle's row; 404 when the partnership has no such principle. */
export async function requirePrinciple(db: D1Database, partnershipId: string, principleId: string) {
  const principle = await findPrinciple(db, partnershipId, principleId);
  if (!principle) throw notFound("Principle not found");
  return principle;
}

/** A new version of the wording and the proposal to adopt it. */
function wordingStatements(
  db: D1Database,
  actor: Actor,
  principleId: string,
  number: number,
  wording: Wording,
  at: string,
) {
  const versionId = newId("ver");
  const { title, description } = wording;
  const by = actor.personId;
  return [
    versionStatement(db, {
      id: versionId,
      principleId,
      number,
      title,
      description,
      origin: wording.origin || null,
      by,
      at,
    }),
    openProposalStatement(db, { id: newId("prp"), principleId, kind: "adopt", versionId, by, at }),
  ];
}

/** A new principle: its first version, proposed for adoption. */
export async function proposePrinciple(db: D1Database, actor: Actor, partnershipId: string, wording: Wording) {
  const now = isoNow();
  const principleId = newId("pri");
  await db.batch([
    createPrincipleStatement(db, { id: principleId, partnershipId, by: actor.personId, at: now }),
    ...wordingStatements(db, actor, principleId, 1, wording, now),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "principle.proposed",
      targetType: "principle",
      targetId: principleId,
      detail: { title: wording.title, version: 1 },
    }),
  ]);
  return getPrinciple(db, partnershipId, principleId);
}

/** New wording, proposed for adoption; an agreed version stays in force until it is agreed. */
export async function proposeVersion(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  principleId: string,
  wording: Wording,
) {
  const principle = await requirePrinciple(db, partnershipId, principleId);
  if (principle.status === "retired") throw conflict("This principle is retired; propose a new one instead");
  const current = await getPrinciple(db, partnershipId, principleId);
  if (isSameWording(current.latestVersion, { ...wording, origin: wording.origin || null })) {
    throw conflict("The wording is the same as the latest version");
  }
  const now = isoNow();
  const number = principle.latestNumber + 1;
  await db.batch([
    supersedeOpenProposalStatement(db, principleId, now),
    ...wordingStatements(db, actor, principleId, number, wording, now),
    touchPrincipleStatement(db, principleId, now),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "principle.version_proposed",
      targetType: "principle",
      targetId: principleId,
      detail: { version: number, title: wording.title, previousTitle: current.latestVersion.title },
    }),
  ]);
  return getPrinciple(db, partnershipId, principleId);
}

/** Proposes retiring a principle; it retires once every organization endorses. */
export async function proposeRetirement(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  principleId: string,
  note: string | undefined,
) {
  const principle = await requirePrinciple(db, partnershipId, principleId);
  if (principle.status === "retired") throw conflict("This principle is already retired");
  const open = await findOpenProposal(db, principleId);
  if (open?.kind === "retire") throw conflict("Retiring this principle is already proposed");
  const now = isoNow();
  await db.batch([
    supersedeOpenProposalStatement(db, principleId, now),
    openProposalStatement(db, {
      id: newId("prp"),
      principleId,
      kind: "retire",
      versionId: null,
      by: actor.personId,
      at: now,
    }),
    touchPrincipleStatement(db, principleId, now),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "principle.retirement_proposed",
      targetType: "principle",
      targetId: principleId,
      detail: { note: note ?? null },
    }),
  ]);
  return getPrinciple(db, partnershipId, principleId);
}

/**
 * Records the actor's organization's stance on the open proposal, accepting it in the same batch
 * when that makes consensus. An objection to an agreed principle with no open proposal reopens it.
 */
export async function recordStance(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  principleId: string,
  body: { proposalId?: string; stance: Stance; note?: string },
) {
  const principle = await requirePrinciple(db, partnershipId, principleId);
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
    // The agreed wording is proposed again, with the endorsements it had, and stops being in
    // force until every party agrees.
    const reopened = {
      id: newId("prp"),
      principleId,
      kind: "adopt" as const,
      versionId: principle.agreedVersionId,
      status: "open" as const,
      createdBy: actor.personId,
      createdAt: now,
      decidedAt: null,
    };
    statements.push(
      openProposalStatement(db, {
        id: reopened.id,
        principleId,
        kind: "adopt",
        versionId: reopened.versionId,
        by: actor.personId,
        at: now,
      }),
      ...reopenStatements(db, { principleId, proposalId: reopened.id, organizationId: actor.organizationId, at: now }),
    );
    open = reopened;
  }
  if (body.stance === "endorse" && open.kind === "adopt" && principle.status !== "agreed") {
    const parties = await listPartyIds(db, partnershipId);
    const others = (await getPrinciple(db, partnershipId, principleId)).proposal?.stances ?? [];
    const after = [
      ...others.filter((s) => s.organizationId !== actor.organizationId),
      { organizationId: actor.organizationId, stance: "endorse" as const },
    ];
    if (decide(parties, after) === "accepted" && (await countAgreed(db, partnershipId)) >= MAX_AGREED_PRINCIPLES) {
      throw conflict(
        `A partnership keeps at most ${MAX_AGREED_PRINCIPLES} agreed principles: retire one before agreeing another`,
      );
    }
  }
  statements.push(
    stanceStatement(db, {
      proposalId: open.id,
      organizationId: actor.organizationId,
      stance: body.stance,
      note: body.note || null,
      personId: actor.personId,
      at: now,
    }),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: body.stance === "endorse" ? "principle.endorsed" : "principle.objected",
      targetType: "principle",
      targetId: principleId,
      detail: { proposalId: open.id, kind: open.kind, note: body.note ?? null },
    }),
    ...acceptIfConsensusStatements(db, {
      principleId,
      proposalId: open.id,
      partnershipId,
      kind: open.kind,
      versionId: open.versionId,
      now,
    }),
    auditStatement(
      db,
      {
        partnershipId,
        actorId: actor.personId,
        action: open.kind === "adopt" ? "principle.agreed" : "principle.retired",
        targetType: "principle",
        targetId: principleId,
        detail: { proposalId: open.id },
      },
      { sql: "changes() > 0" },
    ),
  );
  await db.batch(statements);
  return getPrinciple(db, partnershipId, principleId);
}

/** Comments on a principle and returns the comment. */
export async function addComment(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  principleId: string,
  body: string,
) {
  await requirePrinciple(db, partnershipId, principleId);
  const id = newId("com");
  const now = isoNow();
  await db.batch([
    commentStatement(db, { id, principleId, personId: actor.personId, body, at: now }),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "principle.commented",
      targetType: "principle",
      targetId: principleId,
      detail: { commentId: id },
    }),
  ]);
  return {
    id,
    body,
    createdAt: now,
    author: { id: actor.personId, name: actor.name, organizationId: actor.organizationId },
  };
}
