import { auditStatement } from "../audit/queries";
import { signInCodeStatement } from "../auth/credentials";
import { listCycleIds, withdrawEligibilityStatement } from "../cycles/queries";
import { isoNow, newId } from "../db/ids";
import type { Role } from "../domain/roles";
import type { Caller, Scope } from "../http/context";
import { conflict, forbidden, notFound } from "../http/errors";
import { findSalt, forgetRespondentStatements } from "../ratings/queries";
import { respondentKey } from "../ratings/respondent";
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

type Actor = Pick<Caller, "personId" | "organizationId">;

const LAST_FACILITATOR = "Each organization keeps at least one facilitator: make someone else facilitator first";

/** Everyone in the partnership; externalIds only for facilitators, and only of their own organization. */
export async function listPeople(db: D1Database, scope: Pick<Scope, "partnershipId" | "role">, actor: Actor) {
  const members = await listMembers(db, scope.partnershipId);
  return members.map(({ externalId, ...m }) =>
    scope.role === "facilitator" && m.organizationId === actor.organizationId ? { ...m, externalId } : m,
  );
}

/** A member of the partnership; 404 when the person is not in it. */
async function requireMember(db: D1Database, partnershipId: string, personId: string) {
  const member = await findMember(db, partnershipId, personId);
  if (!member) throw notFound("Person not found");
  return member;
}

/**
 * Adds someone of the actor's organization to the partnership. A new person gets a one-time
 * sign-in code; someone the externalId already names is added as they are, with no code, so a
 * code never hands over an existing person.
 */
export async function invitePerson(
  db: D1Database,
  actor: Actor,
  partnershipId: string,
  body: { name: string; externalId?: string; role: Role },
  now = Date.now(),
) {
  const at = isoNow(now);
  const existing = body.externalId ? await findByExternalId(db, actor.organizationId, body.externalId) : null;
  const personId = existing?.id ?? newId("per");
  if (existing?.removedAt) {
    throw conflict(`${existing.name} was removed by your organization's admins: an admin must restore them first`);
  }
  if (existing) {
    const member = await findMember(db, partnershipId, personId);
    if (member) throw conflict(`${member.name} is already in this partnership`);
  }
  const code = existing ? null : await signInCodeStatement(db, personId, "invite", actor.personId);
  await db.batch([
    ...(existing
      ? []
      : [
          createPersonStatement(db, {
            id: personId,
            organizationId: actor.organizationId,
            externalId: body.externalId ?? null,
            name: body.name,
            at,
          }),
        ]),
    membershipStatement(db, { partnershipId, personId, role: body.role, at }),
    ...(code ? [code.statement] : []),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "person.invited",
      targetType: "person",
      targetId: personId,
      detail: { name: existing?.name ?? body.name, role: body.role, existing: Boolean(existing) },
    }),
  ]);
  const person = await requireMember(db, partnershipId, personId);
  return { person, signInCode: code?.code ?? null, expiresAt: code?.expiresAt ?? null };
}

/** Changes a member's role; only their own organization's facilitators may, and it keeps one facilitator. */
export async function changeRole(db: D1Database, actor: Actor, partnershipId: string, personId: string, role: Role) {
  const person = await requireMember(db, partnershipId, personId);
  if (person.organizationId !== actor.organizationId) {
    throw forbidden("Roles are managed by each organization's own facilitators");
  }
  if (person.role !== role) {
    const [updated] = await db.batch([
      setRoleStatement(db, partnershipId, person, role),
      auditStatement(
        db,
        {
          partnershipId,
          actorId: actor.personId,
          action: "person.role_changed",
          targetType: "person",
          targetId: personId,
          detail: { from: person.role, to: role },
        },
        { sql: "changes() > 0" },
      ),
    ]);
    if (!updated?.results.length) throw conflict(LAST_FACILITATOR);
  }
  return (await findMember(db, partnershipId, personId)) ?? person;
}

/**
 * What else goes when someone leaves a partnership: their replay records and respondent salt.
 * Their ratings stay counted; without the salt nobody can ever link them to the person again.
 * Each statement acts only once the membership is gone, because the removal batch runs them after
 * a guarded DELETE that may refuse (last facilitator).
 */
export async function removalStatements(db: D1Database, ratingKey: string, partnershipId: string, personId: string) {
  const salt = await findSalt(db, partnershipId, personId);
  const cycles = salt ? await listCycleIds(db, partnershipId) : [];
  const respondents = salt ? await Promise.all(cycles.map((id) => respondentKey(ratingKey, salt, id))) : [];
  return forgetRespondentStatements(db, partnershipId, personId, respondents);
}

/**
 * Removes someone from the partnership (their own organization's facilitators only; never its last
 * facilitator there). Their ratings stay counted and become unlinkable; someone left in no
 * partnership also loses their tokens.
 */
export async function removeMember(
  db: D1Database,
  ratingKey: string,
  actor: Actor,
  partnershipId: string,
  personId: string,
  now = Date.now(),
) {
  const person = await requireMember(db, partnershipId, personId);
  if (person.organizationId !== actor.organizationId) {
    throw forbidden("People are removed by their own organization's facilitators");
  }
  // Everything after the guarded DELETE runs only if it removed the membership.
  const gone = {
    sql: "NOT EXISTS (SELECT 1 FROM memberships WHERE partnership_id = ? AND person_id = ?)",
    values: [partnershipId, personId],
  };
  const [removed] = await db.batch([
    removeMembershipStatement(db, partnershipId, person),
    withdrawEligibilityStatement(db, personId, partnershipId, isoNow(now), gone),
    ...(await removalStatements(db, ratingKey, partnershipId, personId)),
    ...dropCredentialsIfUnattachedStatements(db, personId),
    auditStatement(
      db,
      {
        partnershipId,
        actorId: actor.personId,
        action: "person.removed",
        targetType: "person",
        targetId: personId,
        detail: { name: person.name },
      },
      gone,
    ),
  ]);
  if (!removed?.results.length) throw conflict(LAST_FACILITATOR);
}
