import { rows } from "../db/rows";
import { awaiting, type OrganizationStance, type Stance } from "../domain/agreement";
import { MAX_AGREED_PRINCIPLES } from "../domain/settings";

export type PrincipleStatus = "proposed" | "agreed" | "retired";

export interface VersionRow {
  id: string;
  principleId: string;
  number: number;
  title: string;
  description: string;
  origin: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ProposalRow {
  id: string;
  principleId: string;
  kind: "adopt" | "retire";
  versionId: string | null;
  status: "open" | "accepted" | "superseded";
  createdBy: string;
  createdAt: string;
  decidedAt: string | null;
}

interface StanceRow extends OrganizationStance {
  proposalId: string;
  note: string | null;
  personId: string;
  personName: string;
  at: string;
}

interface PrincipleRow {
  id: string;
  status: PrincipleStatus;
  agreedVersionId: string | null;
  createdAt: string;
  updatedAt: string;
}

const VERSION_COLUMNS = `v.id, v.principle_id AS principleId, v.number, v.title, v.description, v.origin,
  v.created_by AS createdBy, v.created_at AS createdAt`;
const PROPOSAL_COLUMNS = `pr.id, pr.principle_id AS principleId, pr.kind, pr.version_id AS versionId, pr.status,
  pr.created_by AS createdBy, pr.created_at AS createdAt, pr.decided_at AS decidedAt`;

const versionView = (v: VersionRow) => ({
  id: v.id,
  number: v.number,
  title: v.title,
  description: v.description,
  origin: v.origin,
  createdAt: v.createdAt,
});

export async function partyIds(db: D1Database, partnershipId: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT organization_id AS id FROM parties WHERE partnership_id = ? ORDER BY joined_at")
    .bind(partnershipId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * Reads principles of a partnership as members see them: the version in force, the latest
 * version, and the open proposal with each organization's stance. `onlyId` narrows to one.
 */
export async function readPrinciples(
  db: D1Database,
  partnershipId: string,
  opts: { onlyId?: string; status?: PrincipleStatus } = {},
) {
  const filter = opts.onlyId ? "AND p.id = ?2" : opts.status ? "AND p.status = ?2" : "";
  const binds = opts.onlyId
    ? [partnershipId, opts.onlyId]
    : opts.status
      ? [partnershipId, opts.status]
      : [partnershipId];
  const [principles, versions, proposals, stances, parties] = await db.batch<unknown>([
    db
      .prepare(
        `SELECT p.id, p.status, p.agreed_version_id AS agreedVersionId, p.created_at AS createdAt, p.updated_at AS updatedAt
         FROM principles p WHERE p.partnership_id = ?1 ${filter} ORDER BY p.created_at, p.id`,
      )
      .bind(...binds),
    db
      .prepare(
        `SELECT ${VERSION_COLUMNS} FROM principle_versions v JOIN principles p ON p.id = v.principle_id
         WHERE p.partnership_id = ?1 ${filter} ORDER BY v.number`,
      )
      .bind(...binds),
    db
      .prepare(
        `SELECT ${PROPOSAL_COLUMNS} FROM proposals pr JOIN principles p ON p.id = pr.principle_id
         WHERE p.partnership_id = ?1 ${filter} AND pr.status = 'open'`,
      )
      .bind(...binds),
    db
      .prepare(
        `SELECT s.proposal_id AS proposalId, s.organization_id AS organizationId, s.stance, s.note,
                s.person_id AS personId, pe.name AS personName, s.at
         FROM stances s JOIN proposals pr ON pr.id = s.proposal_id JOIN principles p ON p.id = pr.principle_id
         JOIN people pe ON pe.id = s.person_id
         WHERE p.partnership_id = ?1 ${filter} AND pr.status = 'open'`,
      )
      .bind(...binds),
    db
      .prepare("SELECT organization_id AS id FROM parties WHERE partnership_id = ?1 ORDER BY joined_at")
      .bind(partnershipId),
  ]);
  const orgs = rows<{ id: string }>(parties).map((r) => r.id);
  const allVersions = rows<VersionRow>(versions);
  const allStances = rows<StanceRow>(stances);
  return rows<PrincipleRow>(principles).map((p) => {
    const mine = allVersions.filter((v) => v.principleId === p.id);
    const latest = mine.at(-1) as VersionRow;
    const agreed = mine.find((v) => v.id === p.agreedVersionId) ?? null;
    const open = rows<ProposalRow>(proposals).find((pr) => pr.principleId === p.id) ?? null;
    const openStances = open ? allStances.filter((s) => s.proposalId === open.id) : [];
    const proposedVersion = open?.versionId ? mine.find((v) => v.id === open.versionId) : undefined;
    return {
      id: p.id,
      status: p.status,
      /** What the principle says now: the agreed wording, or the latest proposal if never agreed. */
      current: versionView(agreed ?? latest),
      agreedVersion: agreed ? versionView(agreed) : null,
      latestVersion: versionView(latest),
      proposal: open
        ? {
            id: open.id,
            kind: open.kind,
            version: proposedVersion ? versionView(proposedVersion) : null,
            createdAt: open.createdAt,
            stances: openStances.map((s) => ({
              organizationId: s.organizationId,
              stance: s.stance,
              note: s.note,
              by: { id: s.personId, name: s.personName },
              at: s.at,
            })),
            awaiting: awaiting(orgs, openStances),
          }
        : null,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  });
}

export type PrincipleView = Awaited<ReturnType<typeof readPrinciples>>[number];

export async function readHistory(db: D1Database, principleId: string) {
  const [versions, proposals, stances] = await db.batch<unknown>([
    db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM principle_versions v WHERE v.principle_id = ? ORDER BY v.number`)
      .bind(principleId),
    db
      .prepare(`SELECT ${PROPOSAL_COLUMNS} FROM proposals pr WHERE pr.principle_id = ? ORDER BY pr.created_at`)
      .bind(principleId),
    db
      .prepare(
        `SELECT s.proposal_id AS proposalId, s.organization_id AS organizationId, s.stance, s.note,
                s.person_id AS personId, pe.name AS personName, s.at
         FROM stances s JOIN proposals pr ON pr.id = s.proposal_id JOIN people pe ON pe.id = s.person_id
         WHERE pr.principle_id = ? ORDER BY s.at`,
      )
      .bind(principleId),
  ]);
  const vs = rows<VersionRow>(versions);
  return {
    versions: vs.map(versionView),
    proposals: rows<ProposalRow>(proposals).map((pr) => ({
      id: pr.id,
      kind: pr.kind,
      versionNumber: vs.find((v) => v.id === pr.versionId)?.number ?? null,
      status: pr.status,
      createdAt: pr.createdAt,
      decidedAt: pr.decidedAt,
      stances: rows<StanceRow>(stances)
        .filter((s) => s.proposalId === pr.id)
        .map((s) => ({
          organizationId: s.organizationId,
          stance: s.stance,
          note: s.note,
          by: { id: s.personId, name: s.personName },
          at: s.at,
        })),
    })),
  };
}

export async function findPrinciple(db: D1Database, partnershipId: string, principleId: string) {
  return db
    .prepare(
      `SELECT p.id, p.status, p.agreed_version_id AS agreedVersionId, p.created_at AS createdAt, p.updated_at AS updatedAt,
              (SELECT MAX(number) FROM principle_versions WHERE principle_id = p.id) AS latestNumber
       FROM principles p WHERE p.partnership_id = ? AND p.id = ?`,
    )
    .bind(partnershipId, principleId)
    .first<PrincipleRow & { latestNumber: number }>();
}

export async function findOpenProposal(db: D1Database, principleId: string) {
  return db
    .prepare(`SELECT ${PROPOSAL_COLUMNS} FROM proposals pr WHERE pr.principle_id = ? AND pr.status = 'open'`)
    .bind(principleId)
    .first<ProposalRow>();
}

export async function countAgreed(db: D1Database, partnershipId: string) {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM principles WHERE partnership_id = ? AND status = 'agreed'")
    .bind(partnershipId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Opens a proposal: adopting a version, or (versionId null) retiring the principle. */
export function openProposalStatement(
  db: D1Database,
  p: { id: string; principleId: string; kind: "adopt" | "retire"; versionId: string | null; by: string; at: string },
) {
  return db
    .prepare(
      "INSERT INTO proposals (id, principle_id, kind, version_id, status, created_by, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?)",
    )
    .bind(p.id, p.principleId, p.kind, p.versionId, p.by, p.at);
}

export function stanceStatement(
  db: D1Database,
  s: { proposalId: string; organizationId: string; stance: Stance; note: string | null; personId: string; at: string },
) {
  return db
    .prepare(
      `INSERT INTO stances (proposal_id, organization_id, stance, note, person_id, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (proposal_id, organization_id) DO UPDATE
       SET stance = excluded.stance, note = excluded.note, person_id = excluded.person_id, at = excluded.at`,
    )
    .bind(s.proposalId, s.organizationId, s.stance, s.note, s.personId, s.at);
}

/**
 * SQL that holds when every party organization endorses the proposal and none objects. It is
 * evaluated inside the batch that records a stance, so two facilitators endorsing at the same
 * moment cannot both miss the other's endorsement.
 */
const CONSENSUS = `
  (SELECT COUNT(*) FROM stances s JOIN parties pa
     ON pa.organization_id = s.organization_id AND pa.partnership_id = ?3
   WHERE s.proposal_id = ?2 AND s.stance = 'endorse') = (SELECT COUNT(*) FROM parties WHERE partnership_id = ?3)
  AND NOT EXISTS (SELECT 1 FROM stances s JOIN parties pa
     ON pa.organization_id = s.organization_id AND pa.partnership_id = ?3
   WHERE s.proposal_id = ?2 AND s.stance = 'object')
  AND EXISTS (SELECT 1 FROM proposals WHERE id = ?2 AND status = 'open')`;

/** Statements that accept the proposal if consensus holds (adopt: becomes agreed; retire: retired). */
export function acceptIfConsensusStatements(
  db: D1Database,
  p: {
    principleId: string;
    proposalId: string;
    partnershipId: string;
    kind: "adopt" | "retire";
    versionId: string | null;
    now: string;
  },
) {
  const principleUpdate =
    p.kind === "adopt"
      ? db
          .prepare(
            `UPDATE principles SET status = 'agreed', agreed_version_id = ?4, updated_at = ?5
             WHERE id = ?1 AND ${CONSENSUS}
               AND (status = 'agreed' OR (SELECT COUNT(*) FROM principles WHERE partnership_id = ?3 AND status = 'agreed') < ${MAX_AGREED_PRINCIPLES})`,
          )
          .bind(p.principleId, p.proposalId, p.partnershipId, p.versionId, p.now)
      : db
          .prepare(`UPDATE principles SET status = 'retired', updated_at = ?4 WHERE id = ?1 AND ${CONSENSUS}`)
          .bind(p.principleId, p.proposalId, p.partnershipId, p.now);
  return [
    principleUpdate,
    db
      .prepare(
        `UPDATE proposals SET status = 'accepted', decided_at = ?3 WHERE id = ?1 AND status = 'open' AND changes() > 0
         RETURNING id`,
      )
      .bind(p.proposalId, p.principleId, p.now),
  ];
}
