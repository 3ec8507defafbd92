/**
 * Pulse ratings on their way to the API. A click is queued at once, with its idempotency key, and
 * sent after the undo window; a send that fails for want of network stays queued and is retried
 * with the same key (on the "online" event, on an alarm, on the next refresh), so the API counts
 * it once however often it is sent.
 */
import { type Client, call } from "@accord/widget/api";
import { browser } from "wxt/browser";
import { type QueuedRating, ratingQueueItem, sessionItem } from "../storage";
import { isTransient, setNotice, settle } from "../sync/connection";
import { recordAnswer } from "../sync/partnerships";
import { UNDO_WINDOW_MS } from "./undo";

export const UNDO_MS = import.meta.env.ACCORD_TEST_BUILD ? UNDO_WINDOW_MS.testBuild : UNDO_WINDOW_MS.release;
export const RETRY_ALARM = "accord:retry-ratings";
/** Browsers fire alarms at most every 30 s for packed extensions: the first retry comes then. */
const FIRST_RETRY_MINUTES = 0.5;
const RETRY_MINUTES = 1;

type RatingInput = Pick<QueuedRating, "partnershipId" | "cycleId" | "principleId" | "performance">;

/** Keys being sent right now: too late to undo them. */
const inFlight = new Set<string>();
let tail: Promise<unknown> = Promise.resolve();

/** Runs queue read-modify-writes one at a time (clicks, undos and sends interleave). */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}

/** Queues a rating to be sent after the undo window; a newer click on the same question replaces an unsent one. */
export function enqueueRating(
  input: RatingInput,
  personId: string,
  now = Date.now(),
  delayMs = UNDO_MS,
  key = crypto.randomUUID(),
): Promise<QueuedRating> {
  return exclusive(async () => {
    const item: QueuedRating = { ...input, key, personId, queuedAt: now, notBefore: now + delayMs, attempts: 0 };
    const queue = (await ratingQueueItem.getValue()).filter(
      (q) => inFlight.has(q.key) || q.cycleId !== input.cycleId || q.principleId !== input.principleId,
    );
    await ratingQueueItem.setValue([...queue, item]);
    return item;
  });
}

/** Cancels a queued rating; false when it is already being sent or gone. */
export function undoRating(key: string): Promise<boolean> {
  return exclusive(async () => {
    if (inFlight.has(key)) return false;
    const queue = await ratingQueueItem.getValue();
    if (!queue.some((q) => q.key === key)) return false;
    await ratingQueueItem.setValue(queue.filter((q) => q.key !== key));
    return true;
  });
}

interface FlushResult {
  sent: QueuedRating[];
  /** Ratings still queued (not due yet, or waiting for the network). */
  waiting: number;
  /** A due rating could not be sent for want of network (or a busy server). */
  stalled: boolean;
}

/** Sends every due rating, oldest first; stops at the first one the network refuses. */
export async function flushQueue(
  client: Client | null,
  now = Date.now(),
  alarms = browser.alarms,
): Promise<FlushResult> {
  const session = await sessionItem.getValue();
  // Signed out, nothing can be sent; signing out itself clears the queue (session/session.ts).
  if (!session) return { sent: [], waiting: (await ratingQueueItem.getValue()).length, stalled: false };
  const due = await exclusive(async () => {
    const queue = await ratingQueueItem.getValue();
    // Ratings of someone who signed out here are never sent with someone else's token.
    const mine = queue.filter((q) => q.personId === session.person.id);
    if (mine.length !== queue.length) await ratingQueueItem.setValue(mine);
    const ready = mine.filter((q) => q.notBefore <= now && !inFlight.has(q.key));
    for (const q of ready) inFlight.add(q.key);
    return ready;
  });
  const sent: QueuedRating[] = [];
  let stalled = false;
  try {
    for (const [i, item] of due.entries()) {
      if (!client) break;
      const result = await settle(
        await call(client, "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses", {
          params: { partnershipId: item.partnershipId, cycleId: item.cycleId },
          body: { answers: [{ principleId: item.principleId, performance: item.performance }] },
          headers: { "Idempotency-Key": item.key },
        }),
      );
      if (!result.ok && isTransient(result.error)) {
        stalled = true;
        const unsent = new Set(due.slice(i).map((q) => q.key));
        await exclusive(async () => {
          const queue = await ratingQueueItem.getValue();
          await ratingQueueItem.setValue(
            queue.map((q) => (unsent.has(q.key) ? { ...q, attempts: q.attempts + 1 } : q)),
          );
        });
        break;
      }
      if (result.ok) {
        // The answer first, then the queue: the popup never sees a rating neither queued nor answered.
        await recordAnswer(item.partnershipId, item.cycleId, item.performance);
        sent.push(item);
      } else if (result.error.status !== 401) {
        // Refused for good (the pulse closed, the question changed): retrying would not help.
        const { status, message } = result.error;
        await setNotice(
          status === 409
            ? { code: "pulseClosed" }
            : status === 403
              ? { code: "joinedLate" }
              : { code: "refused", reason: message },
        );
      }
      await exclusive(async () => {
        const queue = await ratingQueueItem.getValue();
        await ratingQueueItem.setValue(queue.filter((q) => q.key !== item.key));
      });
    }
  } finally {
    for (const q of due) inFlight.delete(q.key);
  }
  const waiting = (await ratingQueueItem.getValue()).length;
  if (waiting > 0) {
    if (!(await alarms.get(RETRY_ALARM))) {
      alarms.create(RETRY_ALARM, { delayInMinutes: FIRST_RETRY_MINUTES, periodInMinutes: RETRY_MINUTES });
    }
  } else {
    await alarms.clear(RETRY_ALARM);
  }
  return { sent, waiting, stalled };
}
