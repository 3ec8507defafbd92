// Over 400 lines: every statement on principles, their versions, proposals, stances and comments.
import { rows } from "../db/rows";
import { awaiting, type OrganizationStance, type Stance } from "../domain/agreement";
import { MAX_AGREED_PRINCIPLES } from "../domain/settings";
import { partiesStatement } from "../partnerships/queries";

export const PRINCIPLE_STATUSES = ["proposed", "agreed", "retired"] as const;
type PrincipleStatus = (typeof PRINCIPLE_STATUSES)[number];
export const PROPOSAL_KINDS = ["adopt", "retire"] as const;
export const PROPOSAL_STATUSES = ["open", "accepted", "superseded"] as const;

interface VersionRow {
  id: string;
  principleId: string;
  number: number;
  title: string;
  description: string;
  origin: string | null;
  createdBy: string;
  createdAt: string;
}

interface ProposalRow {
  id: string;
  principleId: string;
  kind: (typeof PROPOSAL_KINDS)[number];
  versionId: string | null;
  status: (typeof PROPOSAL_STATUSES)[number];
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

export interface PrincipleRow {
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

const STANCE_COLUMNS = `s.proposal_id AS proposalId, s.organization_id AS organizationId, s.stance, s.note,
  s.person_id AS personId, pe.name AS personName, s.at`;

const stanceView = (s: StanceRow) => ({
  organizationId: s.organizationId,
  stance: s.stance,
  note: s.note,
  by: { id: s.personId, name: s.personName },
  at: s.at,
});

const versionView = (v: VersionRow) => ({
  id: v.id,
  number: v.number,
  title: v.title,
  description: v.description,
  origin: v.origin,
  createdAt: v.createdAt,
});

/**
 * Reads principles of a partnership as members see them: the version in force, the latest
 * version, and the open proposal with each organization's stance. `onlyId` narrows to one.
 */
export async function listPrinciples(
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
        `SELECT ${STANCE_COLUMNS}
         FROM stances s JOIN proposals pr ON pr.id = s.proposal_id JOIN principles p ON p.id = pr.principle_id
         JOIN people pe ON pe.id = s.person_id
         WHERE p.partnership_id = ?1 ${filter} AND pr.status = 'open'`,
      )
      .bind(...binds),
    partiesStatement(db, partnershipId),
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
            stances: openStances.map(stanceView),
            awaiting: awaiting(orgs, openStances),
          }
        : null,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  });
}

export type PrincipleView = Awaited<ReturnType<typeof listPrinciples>>[number];

export async function getHistory(db: D1Database, principleId: string) {
  const [versions, proposals, stances] = await db.batch<unknown>([
    db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM principle_versions v WHERE v.principle_id = ? ORDER BY v.number`)
      .bind(principleId),
    db
      .prepare(`SELECT ${PROPOSAL_COLUMNS} FROM proposals pr WHERE pr.principle_id = ? ORDER BY pr.created_at`)
      .bind(principleId),
    db
      .prepare(
        `SELECT ${STANCE_COLUMNS}
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
        .map(stanceView),
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

/** Agreed principles of the partnership (or whether `principleId` is one of them: 1 or 0). */
export async function countAgreed(db: D1Database, partnershipId: string, principleId?: string): Promise<number> {
  const row = await db
    .prepare(
      "SELECT COUNT(*) AS n FROM principles WHERE partnership_id = ?1 AND status = 'agreed' AND (?2 IS NULL OR id = ?2)",
    )
    .bind(partnershipId, principleId ?? null)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Ids of the agreed principles, oldest first. */
export async function listAgreedIds(db: D1Database, partnershipId: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM principles WHERE partnership_id = ? AND status = 'agreed' ORDER BY created_at, id")
    .bind(partnershipId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
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
 * SQL that holds when every party organization endorses the proposal and none objects: the rule
 * of `decide()` in domain/agreement.ts, which the route logic uses; test/worker/domain checks the
 * two agree. It is evaluated inside the batch that records a stance, so two facilitators endorsing
 * at the same moment cannot both miss the other's endorsement. ?2 = proposal, ?3 = partnership.
 */
export const CONSENSUS_SQL = `
  (SELECT COUNT(*) FROM stances s JOIN parties pa
     ON pa.organization_id = s.organization_id AND pa.partnership_id = ?3
   WHERE s.proposal_id = ?2 AND s.stance = 'endorse') = (SELECT COUNT(*) FROM parties WHERE partnership_id = ?3)
  AND EXISTS (SELECT 1 FROM parties WHERE partnership_id = ?3)
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
             WHERE id = ?1 AND ${CONSENSUS_SQL}
               AND (status = 'agreed' OR (SELECT COUNT(*) FROM principles WHERE partnership_id = ?3 AND status = 'agreed') < ${MAX_AGREED_PRINCIPLES})`,
          )
          .bind(p.principleId, p.proposalId, p.partnershipId, p.versionId, p.now)
      : db
          .prepare(`UPDATE principles SET status = 'retired', updated_at = ?4 WHERE id = ?1 AND ${CONSENSUS_SQL}`)
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

export function createPrincipleStatement(
  db: D1Database,
  p: { id: string; partnershipId: string; by: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO principles (id, partnership_id, status, created_by, created_at, updated_at) VALUES (?, ?, 'proposed', ?, ?, ?)",
    )
    .bind(p.id, p.partnershipId, p.by, p.at, p.at);
}

/** A new wording of a principle, numbered from 1. */
export function versionStatement(
  db: D1Database,
  v: Omit<VersionRow, "createdBy" | "createdAt"> & { by: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO principle_versions (id, principle_id, number, title, description, origin, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(v.id, v.principleId, v.number, v.title, v.description, v.origin, v.by, v.at);
}

/** Closes the principle's open proposal, if any, because a newer one replaces it. */
export function supersedeOpenProposalStatement(db: D1Database, principleId: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE proposals SET status = 'superseded', decided_at = ? WHERE principle_id = ? AND status = 'open'")
    .bind(at, principleId);
}

export function touchPrincipleStatement(db: D1Database, principleId: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE principles SET updated_at = ? WHERE id = ?").bind(at, principleId);
}

/**
 * Reopening an agreed principle: it is proposed again, carrying the stances of the proposal that
 * agreed it except the reopening organization's own.
 */
export function reopenStatements(
  db: D1Database,
  p: { principleId: string; proposalId: string; organizationId: string; at: string },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO stances (proposal_id, organization_id, stance, note, person_id, at)
         SELECT ?, s.organization_id, s.stance, s.note, s.person_id, s.at FROM stances s
         WHERE s.proposal_id = (SELECT id FROM proposals WHERE principle_id = ? AND status = 'accepted'
                                AND kind = 'adopt' ORDER BY decided_at DESC LIMIT 1)
           AND s.organization_id <> ?`,
      )
      .bind(p.proposalId, p.principleId, p.organizationId),
    db.prepare("UPDATE principles SET status = 'proposed', updated_at = ? WHERE id = ?").bind(p.at, p.principleId),
  ];
}

interface CommentRow {
  id: string;
  body: string;
  createdAt: string;
  authorId: string;
  authorName: string;
  organizationId: string;
}

const commentView = (r: CommentRow) => ({
  id: r.id,
  body: r.body,
  createdAt: r.createdAt,
  author: { id: r.authorId, name: r.authorName, organizationId: r.organizationId },
});

/** Comments on a principle, oldest first. */
export async function listComments(db: D1Database, principleId: string) {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.body, c.created_at AS createdAt, p.id AS authorId, p.name AS authorName, p.organization_id AS organizationId
       FROM principle_comments c JOIN people p ON p.id = c.person_id
       WHERE c.principle_id = ? ORDER BY c.created_at, c.id`,
    )
    .bind(principleId)
    .all<CommentRow>();
  return results.map(commentView);
}

/** Every comment on the partnership's principles, oldest first (for the export). */
export async function listPartnershipComments(db: D1Database, partnershipId: string) {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.principle_id AS principleId, c.person_id AS personId, c.body, c.created_at AS createdAt
       FROM principle_comments c JOIN principles p ON p.id = c.principle_id WHERE p.partnership_id = ? ORDER BY c.created_at`,
    )
    .bind(partnershipId)
    .all();
  return results;
}

export function commentStatement(
  db: D1Database,
  c: { id: string; principleId: string; personId: string; body: string; at: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO principle_comments (id, principle_id, person_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
    .bind(c.id, c.principleId, c.personId, c.body, c.at);
}
