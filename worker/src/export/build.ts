import { listActionRecords } from "../actions/queries";
import { listAudit } from "../audit/queries";
import { listCycles } from "../cycles/queries";
import { cycleStatus } from "../domain/schedule";
import type { Caller, Scope } from "../http/context";
import { findPartnership } from "../partnerships/queries";
import { listMembers } from "../people/queries";
import { getHistory, listPartnershipComments, listPrinciples } from "../principles/queries";
import { buildResults } from "../results/build";

/** Every audit entry: an export is the partnership's whole record, not a page of it. */
const WHOLE_LOG = 100_000;

/**
 * Everything the partnership holds, for its facilitators (data portability). Ratings appear only
 * as the published, suppressed figures the results show — never as rows, which would expose small
 * groups. ExternalIds only of the caller's own organization.
 */
export async function buildExport(
  db: D1Database,
  scope: Pick<Scope, "partnershipId" | "role">,
  caller: Pick<Caller, "organizationId">,
  now = Date.now(),
) {
  const pid = scope.partnershipId;
  const [partnership, people, principles, cycles, actions, comments] = await Promise.all([
    findPartnership(db, pid, scope.role, caller.organizationId),
    listMembers(db, pid),
    listPrinciples(db, pid),
    listCycles(db, pid),
    listActionRecords(db, pid),
    listPartnershipComments(db, pid),
  ]);
  const histories = await Promise.all(principles.map(async (p) => ({ ...p, history: await getHistory(db, p.id) })));
  const results = [];
  for (const cycle of cycles) {
    if (cycleStatus(cycle) === "closed") results.push(await buildResults(db, pid, cycle));
  }
  const { entries: audit } = await listAudit(db, { partnershipId: pid }, undefined, WHOLE_LOG);
  return {
    exportedAt: new Date(now).toISOString(),
    partnership,
    people: people.map(({ externalId, ...p }) =>
      p.organizationId === caller.organizationId ? { ...p, externalId } : p,
    ),
    principles: histories,
    principleComments: comments,
    cycles: cycles.map((cy) => ({ ...cy, status: cycleStatus(cy) })),
    results,
    actions: actions.actions,
    actionNotes: actions.notes,
    audit,
  };
}
