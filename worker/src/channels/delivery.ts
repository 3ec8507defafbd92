/**
 * The queue consumer: delivers each nudge to its channel. At-least-once queues meet an idempotent
 * consumer here: a delivery is claimed in the database before it is sent and marked delivered
 * after, so a message handed out twice is sent once. Server errors (5xx, 429), timeouts and network
 * failures are retried with exponential backoff; anything else (4xx, a redirect, a URL the SSRF
 * guard refuses) fails at once. After the last retry the queue moves the message to the
 * dead-letter queue, whose consumer records the failure. Nothing of a response is kept but its
 * status code: a receiver's body never reaches the console or the logs.
 */
import { isoNow } from "../db/ids";
import { unseal } from "../embed/seal";
import type { NudgeEvent } from "./events";
import { type ChannelKind, render } from "./formats";
import type { NudgeMessage } from "./nudges";
import {
  claimDeliveryStatement,
  type DeliveryError,
  finishDeliveryStatement,
  giveUpStatement,
  isSending,
  type SealedChannelRow,
  sealedChannelStatement,
} from "./queries";
import { checkTarget } from "./ssrf";

/** The dead-letter queue's name ends so (wrangler.jsonc names both queues). */
const DEAD_LETTER_SUFFIX = "-dlq";
const TIMEOUT_MS = 5_000;
/** A claim older than this belongs to a sender that vanished; the delivery may be tried again. */
const STALE_CLAIM_MS = 60_000;
const MAX_DELAY_S = 3_600;

/** Where a channel's URL and secret are sealed: bound to the partnership and organization. */
export const sealLabel = (c: { partnershipId: string; organizationId: string }, part: "url" | "secret") =>
  `channel:${c.partnershipId}:${c.organizationId}:${part}`;

/** Seconds before attempt `attempt + 1`: base × 2^(attempt − 1), at most an hour. */
export function backoffSeconds(attempt: number, base: number): number {
  return Math.min(MAX_DELAY_S, Math.max(0, base) * 2 ** Math.max(0, attempt - 1));
}

/** Whether local mode lets channels post to loopback (the demo inbox). */
export const allowsLoopback = (env: Pick<Env, "CHANNELS_ALLOW_LOOPBACK">) =>
  String(env.CHANNELS_ALLOW_LOOPBACK) === "true";

type Outcome =
  | { result: "delivered"; status: number }
  | { result: "retry"; status: number | null; error: DeliveryError; retryAfter?: number }
  | { result: "failed"; status: number | null; error: DeliveryError };

/** One attempt: the request, a 5 s limit, no redirects followed, the body left unread. */
async function attempt(url: string, body: string, headers: Record<string, string>): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      body,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { result: "retry", status: null, error: timeout ? "timeout" : "network" };
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { result: "delivered", status: res.status };
  if (res.status >= 500 || res.status === 429) {
    const after = Number(res.headers.get("Retry-After"));
    return {
      result: "retry",
      status: res.status,
      error: "http_error",
      ...(Number.isFinite(after) && after > 0 ? { retryAfter: Math.min(after, MAX_DELAY_S) } : {}),
    };
  }
  return {
    result: "failed",
    status: res.status,
    error: res.status >= 300 && res.status < 400 ? "redirect" : "http_error",
  };
}

/** Renders and sends one claimed delivery to its channel. */
async function send(env: Env, channel: SealedChannelRow | null, payload: string): Promise<Outcome> {
  if (!channel) return { result: "failed", status: null, error: "channel_removed" };
  const [url, secret] = await Promise.all([
    unseal(env.RATING_KEY, sealLabel(channel, "url"), channel.urlSealed),
    channel.secretSealed ? unseal(env.RATING_KEY, sealLabel(channel, "secret"), channel.secretSealed) : null,
  ]);
  if (!url || (channel.secretSealed && !secret)) return { result: "failed", status: null, error: "unreadable" };
  // Checked again on every send: the rule may be stricter than when the channel was connected.
  if (!checkTarget(url, { allowLoopback: allowsLoopback(env) }).ok) {
    return { result: "failed", status: null, error: "refused_target" };
  }
  const out = await render(channel.kind as ChannelKind, JSON.parse(payload) as NudgeEvent, secret);
  return attempt(url, out.body, out.headers);
}

/** Handles one message of the nudge queue. */
async function deliverOne(env: Env, message: Message<unknown>, now: () => number) {
  const body = message.body as Partial<NudgeMessage> | null;
  const deliveryId = typeof body?.deliveryId === "string" ? body.deliveryId : null;
  if (!deliveryId) return message.ack();
  const db = env.DB;
  const [claimed, channel] = await db.batch<unknown>([
    claimDeliveryStatement(db, deliveryId, isoNow(now()), isoNow(now() - STALE_CLAIM_MS)),
    sealedChannelStatement(db, deliveryId),
  ]);
  const claim = (claimed?.results as { payload: string; attempts: number }[] | undefined)?.[0];
  if (!claim) {
    // Delivered or failed already, or being sent right now by another consumer: in that last case
    // look again once its claim would be stale, in case that sender never finishes.
    return (await isSending(db, deliveryId)) ? message.retry({ delaySeconds: STALE_CLAIM_MS / 1000 }) : message.ack();
  }
  const outcome = await send(env, (channel?.results?.[0] as SealedChannelRow | undefined) ?? null, claim.payload);
  const status = outcome.result === "retry" ? "retrying" : outcome.result;
  await db.batch([
    finishDeliveryStatement(db, deliveryId, {
      status,
      httpStatus: outcome.status,
      error: outcome.result === "delivered" ? null : outcome.error,
      at: isoNow(now()),
    }),
  ]);
  if (outcome.result === "retry") {
    const base = Number(env.CHANNELS_RETRY_SECONDS);
    message.retry({
      delaySeconds: outcome.retryAfter ?? backoffSeconds(message.attempts, Number.isFinite(base) ? base : 30),
    });
  } else {
    message.ack();
  }
}

/** The queue handler for both queues: deliveries, and the dead letters that ran out of retries. */
export async function deliverNudges(batch: MessageBatch<unknown>, env: Env, now = () => Date.now()) {
  if (batch.queue.endsWith(DEAD_LETTER_SUFFIX)) {
    const ids = batch.messages.flatMap((m) => {
      const id = (m.body as Partial<NudgeMessage> | null)?.deliveryId;
      return typeof id === "string" ? [id] : [];
    });
    if (ids.length) await env.DB.batch(ids.map((id) => giveUpStatement(env.DB, id, isoNow(now()))));
    batch.ackAll();
    return;
  }
  await Promise.all(
    batch.messages.map((m) =>
      deliverOne(env, m, now).catch((error: unknown) => {
        // A database hiccup: try the message again later; it is still waiting in its row.
        console.error(
          JSON.stringify({
            level: "error",
            event: "nudge_delivery",
            error: error instanceof Error ? error.name : "unknown",
          }),
        );
        m.retry({ delaySeconds: 30 });
      }),
    ),
  );
}
