import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoNow, newId } from "../../../worker/src/db/ids";
import { decide, STANCES, type Stance } from "../../../worker/src/domain/agreement";
import { createOrganizationStatement } from "../../../worker/src/organizations/queries";
import { createPartnershipStatement, partyStatement } from "../../../worker/src/partnerships/queries";
import { createPersonStatement } from "../../../worker/src/people/queries";
import {
  CONSENSUS_SQL,
  createPrincipleStatement,
  openProposalStatement,
  stanceStatement,
  versionStatement,
} from "../../../worker/src/principles/queries";

/** One organization of a generated case: whether it is a party, and its stance if it took one. */
const organizationArb = fc.record({
  party: fc.boolean(),
  stance: fc.option(fc.constantFrom<Stance>(...STANCES), { nil: undefined }),
});

/** Writes a partnership, its organizations and their stances on one open proposal; returns the ids. */
async function writeCase(orgs: { party: boolean; stance?: Stance }[]) {
  const db = env.DB;
  const at = isoNow();
  const partnershipId = newId("prt");
  const principleId = newId("pri");
  const versionId = newId("ver");
  const proposalId = newId("prp");
  const people = orgs.map(() => ({ organizationId: newId("org"), personId: newId("per") }));
  const by = people[0]?.personId as string;
  await db.batch([
    createPartnershipStatement(db, {
      id: partnershipId,
      name: "Property",
      purpose: "",
      cadenceStart: "2025-01-01",
      at,
    }),
    ...people.flatMap(({ organizationId, personId }, i) => [
      createOrganizationStatement(db, { id: organizationId, name: `Org ${i}`, at }),
      createPersonStatement(db, { id: personId, organizationId, externalId: null, name: `Person ${i}`, at }),
      ...(orgs[i]?.party ? [partyStatement(db, { partnershipId, organizationId, at })] : []),
    ]),
  ]);
  await db.batch([
    createPrincipleStatement(db, { id: principleId, partnershipId, by, at }),
    versionStatement(db, { id: versionId, principleId, number: 1, title: "T", description: "D", origin: null, by, at }),
    openProposalStatement(db, { id: proposalId, principleId, kind: "adopt", versionId, by, at }),
    ...people.flatMap(({ organizationId, personId }, i) => {
      const stance = orgs[i]?.stance;
      return stance ? [stanceStatement(db, { proposalId, organizationId, stance, note: null, personId, at })] : [];
    }),
  ]);
  return {
    partnershipId,
    proposalId,
    parties: people.filter((_, i) => orgs[i]?.party).map((p) => p.organizationId),
    stances: people.flatMap((p, i) => {
      const stance = orgs[i]?.stance;
      return stance ? [{ organizationId: p.organizationId, stance }] : [];
    }),
  };
}

describe("consensus", () => {
  it("the SQL guard accepts exactly the stance sets the pure rule accepts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(organizationArb, { minLength: 1, maxLength: 5 }), async (orgs) => {
        const c = await writeCase(orgs);
        const row = await env.DB.prepare(`SELECT (${CONSENSUS_SQL}) AS holds`)
          .bind(null, c.proposalId, c.partnershipId)
          .first<{ holds: number }>();
        expect(row?.holds === 1).toBe(decide(c.parties, c.stances) === "accepted");
      }),
      { numRuns: 60 },
    );
  });
});
