import type { EventType } from "./events";
import type { ChannelKind } from "./formats";

export const DELIVERY_STATUSES = ["queued", "sending", "retrying", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a delivery failed or is retried: a fixed code, never the receiver's words. */
export const DELIVERY_ERRORS = [
  "http_error",
  "timeout",
  "network",
  "redirect",
  "refused_target",
  "channel_removed",
  "unreadable",
  "gave_up",
] as const;
export type DeliveryError = (typeof DELIVERY_ERRORS)[number];

export interface ChannelRow {
  id: string;
  partnershipId: string;
  organizationId: string;
  kind: ChannelKind;
  targetHint: string;
  signed: number;
  createdAt: string;
  updatedAt: string;
}

/** A channel with its sealed parts, for the one place that sends. */
export interface SealedChannelRow extends ChannelRow {
  urlSealed: string;
  secretSealed: string | null;
  linkBase: string;
}

const CHANNEL_COLUMNS = `ch.id, ch.partnership_id AS partnershipId, ch.organization_id AS organizationId, ch.kind,
  ch.target_hint AS targetHint, ch.secret_sealed IS NOT NULL AS signed, ch.created_at AS createdAt,
  ch.updated_at AS updatedAt`;

/** The organization's channel for a partnership, or null. */
export async function findChannel(db: D1Database, partnershipId: string, organizationId: string) {
  return db
    .prepare(`SELECT ${CHANNEL_COLUMNS} FROM channels ch WHERE ch.partnership_id = ? AND ch.organization_id = ?`)
    .bind(partnershipId, organizationId)
    .first<ChannelRow>();
}

/** Connects or replaces the organization's channel (one per organization and partnership). */
export function upsertChannelStatement(
  db: D1Database,
  c: {
    id: string;
    partnershipId: string;
    organizationId: string;
    kind: ChannelKind;
    urlSealed: string;
    targetHint: string;
    secretSealed: string | null;
    linkBase: string;
    by: string;
    at: string;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO channels (id, partnership_id, organization_id, kind, url_sealed, target_hint, secret_sealed, link_base,
         created_by, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
       ON CONFLICT (partnership_id, organization_id) DO UPDATE SET kind = excluded.kind,
         url_sealed = excluded.url_sealed, target_hint = excluded.target_hint, secret_sealed = excluded.secret_sealed,
         link_base = excluded.link_base, updated_at = excluded.updated_at`,
    )
    .bind(
      c.id,
      c.partnershipId,
      c.organizationId,
      c.kind,
      c.urlSealed,
      c.targetHint,
      c.secretSealed,
      c.linkBase,
      c.by,
      c.at,
    );
}

/** Removes a channel and its delivery log. */
export function deleteChannelStatements(db: D1Database, channelId: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM channel_deliveries WHERE channel_id = ?").bind(channelId),
    db.prepare("DELETE FROM channels WHERE id = ?").bind(channelId),
  ];
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  type: EventType;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: DeliveryError | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

const DELIVERY_COLUMNS = `id, event_id AS eventId, type, status, attempts, last_status AS lastStatus,
  last_error AS lastError, created_at AS createdAt, updated_at AS updatedAt, delivered_at AS deliveredAt`;

/** A channel's delivery log, newest first. */
export async function listDeliveries(db: D1Database, channelId: string, limit: number) {
  const { results } = await db
    .prepare(
      `SELECT ${DELIVERY_COLUMNS} FROM channel_deliveries WHERE channel_id = ? ORDER BY created_at DESC, id LIMIT ?`,
    )
    .bind(channelId, limit)
    .all<DeliveryRow>();
  return results;
}

export async function findDelivery(db: D1Database, deliveryId: string) {
  return db
    .prepare(`SELECT ${DELIVERY_COLUMNS} FROM channel_deliveries WHERE id = ?`)
    .bind(deliveryId)
    .first<DeliveryRow>();
}

/**
 * Records an event for a channel, once: a second insert of the same event key for the channel
 * changes nothing (meta.changes = 0), so only the first finder enqueues it.
 */
export function insertDeliveryStatement(
  db: D1Database,
  d: { id: string; channelId: string; eventKey: string; eventId: string; type: string; payload: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO channel_deliveries (id, channel_id, event_key, event_id, type, payload, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?7)`,
    )
    .bind(d.id, d.channelId, d.eventKey, d.eventId, d.type, d.payload, d.at);
}

/**
 * Claims a delivery for one attempt: only one that is waiting (or whose sender vanished mid-send,
 * `staleBefore`) is claimed, so a message the queue hands out twice is sent once.
 */
export function claimDeliveryStatement(db: D1Database, deliveryId: string, now: string, staleBefore: string) {
  return db
    .prepare(
      `UPDATE channel_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ?2
       WHERE id = ?1 AND (status IN ('queued', 'retrying') OR (status = 'sending' AND updated_at < ?3))
       RETURNING channel_id AS channelId, payload, attempts`,
    )
    .bind(deliveryId, now, staleBefore);
}

/** Whether another consumer is sending a delivery right now. */
export async function isSending(db: D1Database, deliveryId: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 AS sending FROM channel_deliveries WHERE id = ? AND status = 'sending'")
    .bind(deliveryId)
    .first();
  return row !== null;
}

/** The channel of a delivery with its sealed parts. */
export function sealedChannelStatement(db: D1Database, deliveryId: string) {
  return db
    .prepare(
      `SELECT ${CHANNEL_COLUMNS}, ch.url_sealed AS urlSealed, ch.secret_sealed AS secretSealed, ch.link_base AS linkBase
       FROM channel_deliveries d JOIN channels ch ON ch.id = d.channel_id WHERE d.id = ?`,
    )
    .bind(deliveryId);
}

/** The outcome of an attempt. */
export function finishDeliveryStatement(
  db: D1Database,
  deliveryId: string,
  o: {
    status: "delivered" | "retrying" | "failed";
    httpStatus: number | null;
    error: DeliveryError | null;
    at: string;
  },
) {
  return db
    .prepare(
      `UPDATE channel_deliveries SET status = ?2, last_status = ?3, last_error = ?4, updated_at = ?5,
         delivered_at = CASE WHEN ?2 = 'delivered' THEN ?5 ELSE delivered_at END
       WHERE id = ?1 AND status <> 'delivered'`,
    )
    .bind(deliveryId, o.status, o.httpStatus, o.error, o.at);
}

/** A delivery the dead-letter queue received: every attempt failed. */
export function giveUpStatement(db: D1Database, deliveryId: string, at: string) {
  return db
    .prepare(
      `UPDATE channel_deliveries SET status = 'failed', last_error = COALESCE(last_error, 'gave_up'), updated_at = ?2
       WHERE id = ?1 AND status IN ('queued', 'sending', 'retrying')`,
    )
    .bind(deliveryId, at);
}

/** Deliveries recorded but never handed to the queue (the enqueue failed after the insert). */
export function unsentStatement(db: D1Database, before: string) {
  return db
    .prepare("SELECT id FROM channel_deliveries WHERE status = 'queued' AND updated_at < ? LIMIT 100")
    .bind(before);
}

export function touchDeliveriesStatement(db: D1Database, ids: string[], at: string) {
  return db
    .prepare(
      `UPDATE channel_deliveries SET updated_at = ? WHERE status = 'queued' AND id IN (SELECT value FROM json_each(?))`,
    )
    .bind(at, JSON.stringify(ids));
}

/** Drops delivery records older than `before` (the log keeps recent ones; ids never repeat anyway). */
export function pruneDeliveriesStatement(db: D1Database, before: string) {
  return db
    .prepare("DELETE FROM channel_deliveries WHERE status IN ('delivered', 'failed') AND created_at < ?")
    .bind(before);
}

// --- What is due: one statement per kind of event, each for every channel it concerns. ---------
// Bound the same way: ?1 one partnership or NULL (all), ?2 now, ?3 a week ago, ?4 48 hours ahead,
// ?5 today, ?6 three days ahead (dates), ?7 thirty days ago. Each leaves out what the channel
// already has (its event key), and moments (a cycle opened, results published, an action became
// overdue) that happened before the channel was connected.

/** Who a found event goes to. */
export interface DueBase {
  channelId: string;
  organizationId: string;
  organizationName: string;
  partnershipId: string;
  partnershipName: string;
  linkBase: string;
}

const FROM_CHANNELS = `channels ch JOIN partnerships p ON p.id = ch.partnership_id AND p.archived_at IS NULL
  JOIN organizations o ON o.id = ch.organization_id`;
const BASE_COLUMNS = `ch.id AS channelId, ch.organization_id AS organizationId, o.name AS organizationName,
  ch.partnership_id AS partnershipId, p.name AS partnershipName, ch.link_base AS linkBase`;
const IN_SCOPE = "(?1 IS NULL OR ch.partnership_id = ?1)";
const unsent = (key: string) =>
  `NOT EXISTS (SELECT 1 FROM channel_deliveries d WHERE d.channel_id = ch.id AND d.event_key = ${key})`;
const CYCLE_COLUMNS = `c.id AS cycleId, c.kind, c.title, c.opens_at AS opensAt, c.closes_at AS closesAt`;

export interface DueCycle extends DueBase {
  cycleId: string;
  kind: "assessment" | "pulse";
  title: string;
  opensAt: string;
  closesAt: string;
  principleId: string | null;
  principleTitle: string | null;
}

export interface DueProposal extends DueBase {
  proposalId: string;
  proposalKind: "adopt" | "retire";
  principleId: string;
  principleTitle: string;
}

export interface DueSettings extends DueBase {
  proposalId: string;
  changes: string;
}

export interface DueAction extends DueBase {
  actionId: string;
  actionKind: "improve" | "celebrate";
  actionTitle: string;
  actionStatus: "open" | "in_progress";
  dueOn: string;
  principleId: string | null;
  principleTitle: string | null;
}

/** The reads of a scan, in one batch: opened, closing, published, stances, settings, due, overdue. */
export function dueStatements(
  db: D1Database,
  b: {
    partnershipId: string | null;
    now: string;
    weekAgo: string;
    in48h: string;
    today: string;
    in3d: string;
    monthAgo: string;
  },
) {
  const params = [b.partnershipId, b.now, b.weekAgo, b.in48h, b.today, b.in3d, b.monthAgo];
  // D1 wants exactly as many values as the statement's highest ?N.
  const bind = (sql: string) =>
    db.prepare(sql).bind(...params.slice(0, Math.max(...[...sql.matchAll(/\?(\d)/g)].map((m) => Number(m[1])))));
  return [
    bind(
      `SELECT ${BASE_COLUMNS}, ${CYCLE_COLUMNS},
         (SELECT cp.principle_id FROM cycle_principles cp WHERE cp.cycle_id = c.id AND c.kind = 'pulse' LIMIT 1) AS principleId,
         (SELECT v.title FROM cycle_principles cp JOIN principle_versions v ON v.id = cp.version_id
          WHERE cp.cycle_id = c.id AND c.kind = 'pulse' LIMIT 1) AS principleTitle
       FROM ${FROM_CHANNELS} JOIN cycles c ON c.partnership_id = ch.partnership_id
       WHERE ${IN_SCOPE} AND c.opens_at <= ?2 AND c.closes_at > ?2 AND c.opens_at >= ch.created_at AND c.opens_at >= ?3
         AND ${unsent("'cycle.opened:' || c.id")}
       LIMIT 100`,
    ),
    bind(
      `SELECT ${BASE_COLUMNS}, ${CYCLE_COLUMNS}, NULL AS principleId, NULL AS principleTitle
       FROM ${FROM_CHANNELS} JOIN cycles c ON c.partnership_id = ch.partnership_id
       WHERE ${IN_SCOPE} AND c.kind = 'assessment' AND c.opens_at <= ?2 AND c.closes_at > ?2 AND c.closes_at <= ?4
         AND julianday(c.closes_at) - julianday(c.opens_at) > 2
         AND ${unsent("'cycle.closing_soon:' || c.id")}
       LIMIT 100`,
    ),
    bind(
      `SELECT ${BASE_COLUMNS}, ${CYCLE_COLUMNS}, NULL AS principleId, NULL AS principleTitle
       FROM ${FROM_CHANNELS} JOIN cycles c ON c.partnership_id = ch.partnership_id
       WHERE ${IN_SCOPE} AND c.kind = 'assessment' AND c.closes_at <= ?2 AND c.closes_at >= ch.created_at
         AND c.closes_at >= ?3 AND ${unsent("'results.published:' || c.id")}
       LIMIT 100`,
    ),
    bind(
      `SELECT ${BASE_COLUMNS}, pr.id AS proposalId, pr.kind AS proposalKind, pri.id AS principleId,
         COALESCE((SELECT title FROM principle_versions WHERE id = pr.version_id),
                  (SELECT title FROM principle_versions WHERE id = pri.agreed_version_id), '') AS principleTitle
       FROM ${FROM_CHANNELS} JOIN principles pri ON pri.partnership_id = ch.partnership_id AND pri.status <> 'retired'
       JOIN proposals pr ON pr.principle_id = pri.id AND pr.status = 'open'
       WHERE ${IN_SCOPE} AND pr.created_at >= ?7
         AND EXISTS (SELECT 1 FROM parties pa WHERE pa.partnership_id = ch.partnership_id AND pa.organization_id = ch.organization_id)
         AND NOT EXISTS (SELECT 1 FROM stances s WHERE s.proposal_id = pr.id AND s.organization_id = ch.organization_id)
         AND ${unsent("'principle.awaiting_stance:' || pr.id")}
       LIMIT 100`,
    ),
    bind(
      `SELECT ${BASE_COLUMNS}, sp.id AS proposalId, sp.changes
       FROM ${FROM_CHANNELS} JOIN settings_proposals sp ON sp.partnership_id = ch.partnership_id AND sp.status = 'open'
       WHERE ${IN_SCOPE} AND sp.created_at >= ?7
         AND EXISTS (SELECT 1 FROM parties pa WHERE pa.partnership_id = ch.partnership_id AND pa.organization_id = ch.organization_id)
         AND NOT EXISTS (SELECT 1 FROM settings_approvals sa WHERE sa.proposal_id = sp.id AND sa.organization_id = ch.organization_id)
         AND ${unsent("'settings.awaiting_approval:' || sp.id")}
       LIMIT 100`,
    ),
    ...(["due_soon", "overdue"] as const).map((which) =>
      bind(
        `SELECT ${BASE_COLUMNS}, a.id AS actionId, a.kind AS actionKind, a.title AS actionTitle, a.status AS actionStatus,
           a.due_on AS dueOn, a.principle_id AS principleId,
           (SELECT v.title FROM principles pri JOIN principle_versions v ON v.id = pri.agreed_version_id
            WHERE pri.id = a.principle_id) AS principleTitle
         FROM ${FROM_CHANNELS} JOIN actions a ON a.partnership_id = ch.partnership_id AND a.status IN ('open', 'in_progress')
         WHERE ${IN_SCOPE} AND a.due_on IS NOT NULL AND ${
           which === "due_soon"
             ? "a.due_on >= ?5 AND a.due_on <= ?6"
             : "a.due_on < ?5 AND a.due_on >= substr(ch.created_at, 1, 10) AND a.due_on >= substr(?7, 1, 10)"
         }
           AND ${unsent(`'action.${which}:' || a.id || ':' || a.due_on`)}
         LIMIT 100`,
      ),
    ),
  ] as const;
}
