import { auditStatement } from "../audit/queries";
import { base64url } from "../auth/crypto";
import { isoNow, newId } from "../db/ids";
import { seal } from "../embed/seal";
import type { Caller } from "../http/context";
import { invalid, notFound } from "../http/errors";
import { findPartnership } from "../partnerships/queries";
import { allowsLoopback, sealLabel } from "./delivery";
import type { ChannelKind } from "./formats";
import { enqueue, recordEvents } from "./nudges";
import {
  type ChannelRow,
  deleteChannelStatements,
  findChannel,
  findDelivery,
  listDeliveries,
  upsertChannelStatement,
} from "./queries";
import { checkTarget, targetHint } from "./ssrf";

type Actor = Pick<Caller, "personId" | "organizationId">;

/** A channel as the console shows it: never its URL or secret. */
export function channelView(c: ChannelRow) {
  return {
    id: c.id,
    kind: c.kind,
    target: c.targetHint,
    signed: c.signed === 1,
    connectedAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** The caller's organization's channel for the partnership, or null. */
export async function getChannel(db: D1Database, partnershipId: string, organizationId: string) {
  const c = await findChannel(db, partnershipId, organizationId);
  return c ? channelView(c) : null;
}

async function requireChannel(db: D1Database, partnershipId: string, organizationId: string) {
  const c = await findChannel(db, partnershipId, organizationId);
  if (!c) throw notFound("Your organization has no channel for this partnership");
  return c;
}

/**
 * Connects the caller's organization's channel, or replaces it (kind and URL). The URL is checked
 * against the SSRF rules and sealed; a generic webhook gets a new signing secret, returned once.
 * `linkBase` is the console's origin, where links in nudges will point.
 */
export async function connectChannel(
  env: Pick<Env, "DB" | "RATING_KEY" | "CHANNELS_ALLOW_LOOPBACK">,
  actor: Actor,
  partnershipId: string,
  body: { kind: ChannelKind; url: string },
  linkBase: string,
) {
  const checked = checkTarget(body.url, { allowLoopback: allowsLoopback(env) });
  if (!checked.ok) throw invalid(`Invalid "url": ${checked.reason}`);
  const db = env.DB;
  const before = await findChannel(db, partnershipId, actor.organizationId);
  const place = { partnershipId, organizationId: actor.organizationId };
  const secret =
    body.kind === "webhook" ? `accord_whsec_${base64url(crypto.getRandomValues(new Uint8Array(32)))}` : null;
  const id = before?.id ?? newId("chn");
  const now = isoNow();
  await db.batch([
    upsertChannelStatement(db, {
      id,
      ...place,
      kind: body.kind,
      urlSealed: await seal(env.RATING_KEY, sealLabel(place, "url"), checked.url.href),
      targetHint: targetHint(checked.url),
      secretSealed: secret ? await seal(env.RATING_KEY, sealLabel(place, "secret"), secret) : null,
      linkBase,
      by: actor.personId,
      at: now,
    }),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: before ? "channel.replaced" : "channel.connected",
      targetType: "channel",
      targetId: id,
      detail: {
        kind: body.kind,
        organizationId: actor.organizationId,
        ...(before ? { previousKind: before.kind } : {}),
      },
    }),
  ]);
  const channel = await requireChannel(db, partnershipId, actor.organizationId);
  return { channel: channelView(channel), secret };
}

/** Removes the caller's organization's channel and its delivery log. */
export async function removeChannel(db: D1Database, actor: Actor, partnershipId: string) {
  const c = await requireChannel(db, partnershipId, actor.organizationId);
  await db.batch([
    ...deleteChannelStatements(db, c.id),
    auditStatement(db, {
      partnershipId,
      actorId: actor.personId,
      action: "channel.removed",
      targetType: "channel",
      targetId: c.id,
      detail: { kind: c.kind, organizationId: actor.organizationId },
    }),
  ]);
}

/** Queues a test message to the caller's organization's channel; returns its delivery. */
export async function sendTestMessage(
  env: Pick<Env, "DB" | "NUDGES">,
  actor: Actor,
  partnershipId: string,
  linkBase: string,
) {
  const db = env.DB;
  const c = await requireChannel(db, partnershipId, actor.organizationId);
  const p = await findPartnership(db, partnershipId, "facilitator", actor.organizationId);
  const organization = p?.organizations.find((o) => o.id === actor.organizationId);
  const [deliveryId] = await recordEvents(db, [
    {
      channelId: c.id,
      // Each test is its own event.
      key: `channel.test:${newId("tst")}`,
      type: "channel.test",
      data: {
        partnership: { id: partnershipId, name: p?.settings.name ?? "" },
        organization: { id: actor.organizationId, name: organization?.name ?? "" },
        message: "This is a test message. Nudges about this partnership will arrive here.",
        url: `${linkBase}/p/${encodeURIComponent(partnershipId)}`,
      },
    },
  ]);
  if (!deliveryId) throw new Error("The test message was not recorded");
  await enqueue(env.NUDGES, [deliveryId]);
  const delivery = await findDelivery(db, deliveryId);
  if (!delivery) throw new Error("The test message was not recorded");
  return delivery;
}

/** The delivery log of the caller's organization's channel, newest first (empty without a channel). */
export async function getDeliveries(db: D1Database, partnershipId: string, organizationId: string, limit: number) {
  const c = await findChannel(db, partnershipId, organizationId);
  return c ? listDeliveries(db, c.id, limit) : [];
}
