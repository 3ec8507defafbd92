/**
 * The first organization, partnership and facilitator of a new deployment (`npm run admin --
 * bootstrap`), written with the app's statement builders as SQL for one `wrangler d1 execute
 * --file`, local or remote. Plain INSERTs: on a clash the whole script fails and nothing lands.
 */
import { auditStatement } from "../src/audit/queries";
import { signInCodeStatement } from "../src/auth/credentials";
import { isoNow, newId } from "../src/db/ids";
import { createOrganizationStatement } from "../src/organizations/queries";
import { createPartnershipStatement, partyStatement } from "../src/partnerships/queries";
import { createPersonStatement, membershipStatement } from "../src/people/queries";
import { SqlScript } from "./demo/sql-script";

export interface BootstrapInput {
  organization: string;
  partnership: string;
  name: string;
  externalId?: string | null;
}

export interface Bootstrap {
  /** SQL for one `wrangler d1 execute --file`, so the rows land together or not at all. */
  sql: string;
  /** The one-time sign-in code, in clear: shown once, only its hash is in `sql`. */
  code: string;
  expiresAt: string;
  organizationId: string;
  partnershipId: string;
  personId: string;
}

/**
 * A fresh organization, partnership and first facilitator with a bootstrap sign-in code, as the
 * API would create them (default settings, cadence starting today, audited).
 */
export async function bootstrapSql(input: BootstrapInput, now = Date.now()): Promise<Bootstrap> {
  const script = new SqlScript();
  const { db } = script;
  const organizationId = newId("org");
  const partnershipId = newId("prt");
  const personId = newId("per");
  const at = isoNow(now);
  const code = await signInCodeStatement(db, personId, "bootstrap", null, now);
  script.add(
    createOrganizationStatement(db, { id: organizationId, name: input.organization, at }),
    createPartnershipStatement(db, {
      id: partnershipId,
      name: input.partnership,
      purpose: "",
      cadenceStart: at.slice(0, 10),
      at,
    }),
    partyStatement(db, { partnershipId, organizationId, at }),
    // The operator's first person administers the organization.
    createPersonStatement(db, {
      id: personId,
      organizationId,
      externalId: input.externalId ?? null,
      name: input.name,
      admin: true,
      at,
    }),
    membershipStatement(db, { partnershipId, personId, role: "facilitator", at }),
    auditStatement(
      db,
      {
        partnershipId,
        actorId: null,
        action: "partnership.created",
        targetType: "partnership",
        targetId: partnershipId,
        detail: { name: input.partnership, via: "admin bootstrap", facilitator: { id: personId, name: input.name } },
      },
      undefined,
      now,
    ),
    code.statement,
  );
  return {
    sql: script.render(),
    code: code.code,
    expiresAt: code.expiresAt,
    organizationId,
    partnershipId,
    personId,
  };
}
