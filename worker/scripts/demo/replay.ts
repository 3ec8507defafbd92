/**
 * Replays the demo story (story.ts, principles.ts, check-ins.ts) through the app's own statement
 * builders, in the order it happened, so every row and audit entry is what the API would have
 * written: the consensus guard decides which proposals pass, cycle creation snapshots whatever is
 * agreed at that moment, answers go through the rating writes that keep aggregates and counters.
 * Only what the API takes from a clock or from randomness comes from the story instead: times,
 * ids, and respondent salts (derived from RATING_KEY, so the script can key the answers).
 */

import type { AuditTarget } from "../../src/audit/queries";
import { sha256Hex } from "../../src/auth/crypto";
import { refreshTokenStatement } from "../../src/auth/queries";
import { closeDueCyclesStatement, openingStatements } from "../../src/cycles/queries";
import { isoNow } from "../../src/db/ids";
import { DESCRIPTION_MAX, ORIGIN_MAX, TITLE_MAX } from "../../src/domain/agreement";
import { createOrganizationStatement } from "../../src/organizations/queries";
import { createPartnershipStatement, partyStatement, updateSettingsStatement } from "../../src/partnerships/queries";
import { createPersonStatement, membershipStatement } from "../../src/people/queries";
import {
  acceptIfConsensusStatements,
  commentStatement,
  createPrincipleStatement,
  openProposalStatement,
  stanceStatement,
  supersedeOpenProposalStatement,
  touchPrincipleStatement,
  versionStatement,
} from "../../src/principles/queries";
import { cadenceStartOf, replayCheckIns } from "./check-in-replay";
import { COMMENTS, type DemoPrinciple, type DemoVersion, PRINCIPLES } from "./principles";
import type { SqlScript } from "./sql-script";
import { DEMO_PEOPLE, type DemoPartnership, find, ORGANIZATIONS, PARTNERSHIPS } from "./story";
import { audit, type Context, DAY_MS, HOUR_MS, Timeline } from "./timeline";

/** "first.last@domain", ASCII only, as intranets tend to spell them. */
function emailOf(name: string, domain: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "");
  return `${ascii.trim().split(/\s+/).join(".")}@${domain}`;
}

/**
 * A partnership is created by its first facilitator; organizations and people appear with the first
 * partnership they are in; the other parties and members join an hour later; a moved cadence start.
 */
function replayPartnership(c: Context, p: DemoPartnership, known: Set<string>): void {
  const { db } = c;
  const at = c.ago(p.createdDaysAgo);
  const iso = isoNow(at);
  const founder: D1PreparedStatement[] = [];
  for (const o of ORGANIZATIONS.filter((o) => p.organizationIds.includes(o.id) && !known.has(o.id))) {
    known.add(o.id);
    founder.push(createOrganizationStatement(db, { id: o.id, name: o.name, at: iso }));
  }
  const members = DEMO_PEOPLE.filter((x) => x.partnershipIds.includes(p.id));
  for (const person of members.filter((x) => !known.has(x.id))) {
    known.add(person.id);
    const domain = find(ORGANIZATIONS, person.organizationId).domain;
    founder.push(
      createPersonStatement(db, {
        id: person.id,
        organizationId: person.organizationId,
        externalId: emailOf(person.name, domain),
        name: person.name,
        // The demo's facilitators are also their organization's admins.
        admin: person.role === "facilitator",
        at: iso,
      }),
    );
  }
  const [foundingOrganization, ...invited] = p.organizationIds;
  if (!foundingOrganization) throw new Error(`Demo partnership ${p.id} has no organization`);
  c.t.add(
    at,
    ...founder,
    createPartnershipStatement(db, {
      id: p.id,
      name: p.name,
      purpose: p.purpose,
      cadenceStart: iso.slice(0, 10),
      at: iso,
    }),
    partyStatement(db, { partnershipId: p.id, organizationId: foundingOrganization, at: iso }),
    membershipStatement(db, { partnershipId: p.id, personId: p.createdBy, role: "facilitator", at: iso }),
    audit(c, at, {
      partnershipId: p.id,
      actorId: p.createdBy,
      action: "partnership.created",
      target: ["partnership", p.id],
      detail: { name: p.name },
    }),
  );
  invited.forEach((organizationId, i) => {
    const joined = at + (i + 1) * HOUR_MS;
    const facilitator = DEMO_PEOPLE.find((x) => x.organizationId === organizationId && x.role === "facilitator");
    c.t.add(
      joined,
      partyStatement(db, { partnershipId: p.id, organizationId, at: isoNow(joined) }),
      audit(c, joined, {
        partnershipId: p.id,
        actorId: p.createdBy,
        action: "organization.invited",
        target: ["organization", organizationId],
        detail: {
          name: find(ORGANIZATIONS, organizationId).name,
          facilitator: facilitator ? { id: facilitator.id, name: facilitator.name } : null,
        },
      }),
    );
  });
  const invitedAt = at + HOUR_MS;
  c.t.add(
    invitedAt,
    ...members
      .filter((x) => x.id !== p.createdBy)
      .map((x) =>
        membershipStatement(db, { partnershipId: p.id, personId: x.id, role: x.role, at: isoNow(invitedAt) }),
      ),
  );
  if (p.cadenceMoved) {
    const moved = c.ago(p.cadenceMoved.daysAgo);
    const change = { from: iso.slice(0, 10), to: cadenceStartOf(p, c.ago) };
    c.t.add(
      moved,
      updateSettingsStatement(db, p.id, { cadenceStart: change.to }),
      audit(c, moved, {
        partnershipId: p.id,
        actorId: p.cadenceMoved.by,
        action: "settings.updated",
        target: ["partnership", p.id],
        detail: { changes: { cadenceStart: change } },
      }),
    );
  }
}

/** Catches demo wording that the API itself would refuse. */
function checkWording(v: DemoVersion): void {
  if (v.title.length > TITLE_MAX || v.description.length > DESCRIPTION_MAX || v.origin.length > ORIGIN_MAX) {
    throw new Error(`Demo principle "${v.title}" is longer than the API allows`);
  }
}

/** Each version proposed (as proposePrinciple / proposeVersion do), then each stance (recordStance). */
function replayPrinciple(c: Context, pr: DemoPrinciple): void {
  const { db } = c;
  const principleId = `pri_demo${pr.key}`;
  const target: [AuditTarget, string] = ["principle", principleId];
  const partnershipId = pr.partnershipId;
  pr.versions.forEach((v, i) => {
    checkWording(v);
    const at = c.ago(v.daysAgo);
    const iso = isoNow(at);
    const number = i + 1;
    const versionId = `ver_demo${pr.key}v${number}`;
    const proposalId = `prp_demo${pr.key}v${number}`;
    const wording = [
      versionStatement(db, { id: versionId, principleId, number, ...v, origin: v.origin, by: v.by, at: iso }),
      openProposalStatement(db, { id: proposalId, principleId, kind: "adopt", versionId, by: v.by, at: iso }),
    ];
    c.t.add(
      at,
      ...(number === 1
        ? [
            createPrincipleStatement(db, { id: principleId, partnershipId, by: v.by, at: iso }),
            ...wording,
            audit(c, at, {
              partnershipId,
              actorId: v.by,
              action: "principle.proposed",
              target,
              detail: { title: v.title, version: 1 },
            }),
          ]
        : [
            supersedeOpenProposalStatement(db, principleId, iso),
            ...wording,
            touchPrincipleStatement(db, principleId, iso),
            audit(c, at, {
              partnershipId,
              actorId: v.by,
              action: "principle.version_proposed",
              target,
              detail: { version: number, title: v.title, previousTitle: pr.versions[i - 1]?.title ?? null },
            }),
          ]),
    );
    for (const s of pr.stances[i] ?? []) {
      const sat = c.ago(s.daysAgo);
      const siso = isoNow(sat);
      const organizationId = find(DEMO_PEOPLE, s.by).organizationId;
      const note = s.note ?? null;
      c.t.add(
        sat,
        stanceStatement(db, { proposalId, organizationId, stance: s.stance, note, personId: s.by, at: siso }),
        audit(c, sat, {
          partnershipId,
          actorId: s.by,
          action: s.stance === "endorse" ? "principle.endorsed" : "principle.objected",
          target,
          detail: { proposalId, kind: "adopt", note },
        }),
        ...acceptIfConsensusStatements(db, {
          principleId,
          proposalId,
          partnershipId,
          kind: "adopt",
          versionId,
          now: siso,
        }),
        audit(
          c,
          sat,
          { partnershipId, actorId: s.by, action: "principle.agreed", target, detail: { proposalId } },
          { sql: "changes() > 0" },
        ),
      );
    }
  });
}

function replayComments(c: Context): void {
  for (const m of COMMENTS) {
    const pr = PRINCIPLES.find((p) => p.key === m.principleKey);
    if (!pr) throw new Error(`Demo comment ${m.id} refers to unknown principle ${m.principleKey}`);
    const principleId = `pri_demo${pr.key}`;
    const at = c.ago(m.daysAgo);
    c.t.add(
      at,
      commentStatement(c.db, { id: m.id, principleId, personId: m.by, body: m.body, at: isoNow(at) }),
      audit(c, at, {
        partnershipId: pr.partnershipId,
        actorId: m.by,
        action: "principle.commented",
        target: ["principle", principleId],
        detail: { commentId: m.id },
      }),
    );
  }
}

/** Adds the whole story, told against `now`, to `script`. For a database without the demo. */
export async function replayStory(script: SqlScript, ratingKey: string, now: number): Promise<void> {
  const c: Context = { db: script.db, ago: (daysAgo) => now - Math.round(daysAgo * DAY_MS), t: new Timeline() };
  const known = new Set<string>();
  for (const p of [...PARTNERSHIPS].sort((a, b) => b.createdDaysAgo - a.createdDaysAgo)) replayPartnership(c, p, known);
  for (const pr of PRINCIPLES) replayPrinciple(c, pr);
  replayComments(c);
  await replayCheckIns(c, ratingKey, now);
  c.t.writeTo(script);
}

/**
 * What every start does, demo or not yet: the demo tokens get the hash of today's RATING_KEY and are
 * live again (someone may have revoked one by signing out), and cycles due by now are opened and
 * closed as the scheduler's tick records them.
 */
export async function refreshDemo(
  script: SqlScript,
  tokens: readonly { personId: string; token: string }[],
  now: number,
): Promise<void> {
  const at = isoNow(now);
  for (const t of tokens) {
    script.add(
      refreshTokenStatement(script.db, {
        id: `tok_demo${t.personId.slice("per_".length)}`,
        personId: t.personId,
        hash: await sha256Hex(t.token),
        label: "Demo token (npm start)",
        at,
      }),
    );
  }
  script.add(...openingStatements(script.db, at), closeDueCyclesStatement(script.db, at));
}
