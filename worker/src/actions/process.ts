import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import type { Caller } from "../http/context";
import { invalid, notFound } from "../http/errors";
import {
  type ActionKind,
  type ActionPatch,
  type ActionStatus,
  actionView,
  createActionStatement,
  findAction,
  isInPartnership,
  noteStatements,
  updateActionStatement,
} from "./queries";

type Actor = Pick<Caller, "personId" | "name">;

interface References {
  principleId?: string | null;
  cycleId?: string | null;
  ownerId?: string | null;
}

/** One action; 404 when the partnership has no such action. */
export async function getAction(db: D1Database, partnershipId: string, actionId: string) {
  const row = await findAction(db, partnershipId, actionId);
  if (!row) throw notFound("Action not found");
  return actionView(row);
}

/** References in a body must point into this partnership; a foreign id reads as unknown. */
async function checkReferences(db: D1Database, partnershipId: string, refs: References) {
  for (const field of ["principleId", "cycleId", "ownerId"] as const) {
    const id = refs[field];
    if (id && !(await isInPartnership(db, partnershipId, field, id))) {
      throw invalid(`Invalid "${field}": no such ${field.replace("Id", "")} in this partnership`);
    }
  }
}

export async function createAction(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  body: References & { kind: ActionKind; title: string; detail?: string; dueOn?: string | null; status?: ActionStatus },
) {
  await checkReferences(db, partnershipId, body);
  const id = newId("act");
  const now = isoNow();
  await db.batch([
    createActionStatement(db, {
      id,
      partnershipId,
      kind: body.kind,
      title: body.title,
      detail: body.detail ?? "",
      principleId: body.principleId ?? null,
      cycleId: body.cycleId ?? null,
      ownerId: body.ownerId ?? null,
      dueOn: body.dueOn ?? null,
      status: body.status ?? "open",
      by: actor.personId,
      at: now,
    }),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "action.created",
      targetType: "action",
      targetId: id,
      detail: { kind: body.kind, title: body.title, principleId: body.principleId ?? null },
    }),
  ]);
  return getAction(db, partnershipId, id);
}

/** Changes an action's fields, auditing each change from → to. */
export async function updateAction(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  actionId: string,
  patch: ActionPatch,
) {
  const before = await getAction(db, partnershipId, actionId);
  if (Object.keys(patch).length === 0) throw invalid("Send at least one field to change");
  await checkReferences(db, partnershipId, patch);
  const now = isoNow();
  const changes = Object.fromEntries(
    Object.entries(patch).map(([k, to]) => [
      k,
      { from: k === "ownerId" ? (before.owner?.id ?? null) : before[k as keyof typeof before], to },
    ]),
  );
  await db.batch([
    updateActionStatement(db, partnershipId, actionId, patch, now),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "action.updated",
      targetType: "action",
      targetId: actionId,
      detail: { changes },
    }),
  ]);
  return getAction(db, partnershipId, actionId);
}

/** Adds a progress note to an action and returns it. */
export async function addNote(db: D1Database, actor: Actor, partnershipId: string, actionId: string, body: string) {
  await getAction(db, partnershipId, actionId);
  const id = newId("not");
  const now = isoNow();
  await db.batch([
    ...noteStatements(db, { id, actionId, personId: actor.personId, body, at: now }),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "action.noted",
      targetType: "action",
      targetId: actionId,
      detail: { noteId: id },
    }),
  ]);
  return { id, body, createdAt: now, author: { id: actor.personId, name: actor.name } };
}
