/** What the background does for each accepted message. */
import { browser } from "wxt/browser";
import { backgroundClient } from "../api/client";
import { pollPending, showBadge } from "../badge/badge";
import { currentLanguage, wordsFor } from "../i18n";
import type { Accepted } from "../messages/validate";
import { enqueueRating, flushQueue, UNDO_MS, undoRating } from "../ratings/queue";
import { relay } from "../relay/perform";
import { dismissReminder, reminderFor, snoozeReminder } from "../reminders/card";
import { signIn, signOut } from "../session/session";
import { currentPartnershipItem, sessionItem } from "../storage";
import { refreshPartnerships } from "../sync/partnerships";

const SOON_MS = 5000;
const SOON_TRIES = 5;
let soonTries = 0;

/**
 * Sends due ratings; after any was counted, the badge is polled again. With `soon` (the network
 * just came back, the popup just opened), a stalled send is tried again a few times, 5 s apart:
 * "online" can come before the connection really works. Otherwise the retry alarm takes over.
 */
export async function sendRatings({ soon = false } = {}): Promise<void> {
  const client = await backgroundClient();
  const { sent, stalled } = await flushQueue(client);
  if (sent.length > 0) await pollPending(client);
  if (!stalled) soonTries = 0;
  else if (soon && soonTries < SOON_TRIES) {
    soonTries++;
    setTimeout(() => void sendRatings({ soon: true }), SOON_MS);
  }
}

/** Everything the popup shows, from the API: queued ratings first, then data, then the badge. */
export async function refreshAll(): Promise<boolean> {
  const client = await backgroundClient();
  if (!client || !(await sessionItem.getValue())) return false;
  await sendRatings({ soon: true });
  const ok = await refreshPartnerships(client);
  await pollPending(client);
  return ok;
}

/** Opens the pulse of a partnership in a small window (the popup itself, as a page). */
async function openPulse(partnershipId: string): Promise<void> {
  await currentPartnershipItem.setValue(partnershipId);
  const url = browser.runtime.getURL(`/popup.html?partnership=${encodeURIComponent(partnershipId)}`);
  await browser.windows.create({ url, type: "popup", width: 400, height: 640 });
}

/** Answers an accepted message. */
export async function handle(accepted: Accepted, now = Date.now()): Promise<unknown> {
  if (accepted.from === "content") {
    const { message, url } = accepted;
    switch (message.type) {
      case "reminder:get": {
        const match = await reminderFor(url, now);
        if (!match) return { card: null };
        const lang = await currentLanguage();
        const { card } = wordsFor(lang);
        // Only the text on the card leaves the background: no ids, no token, no settings.
        return {
          card: {
            partnershipName: match.partnership.name,
            principle: { title: match.principle.title, description: match.principle.description },
            lang,
            words: {
              eyebrow: match.weekly ? card.week : card.today,
              rate: card.rate,
              snooze: card.snooze,
              dismiss: match.weekly ? card.dismissWeek : card.dismiss,
            },
          },
        };
      }
      case "reminder:dismiss":
        await dismissReminder(url, now);
        return { ok: true };
      case "reminder:snooze":
        await snoozeReminder(url, now);
        return { ok: true };
      case "reminder:rate": {
        const match = await reminderFor(url, now);
        if (match) {
          await dismissReminder(url, now);
          await openPulse(match.partnership.id);
        }
        return { ok: true };
      }
    }
  }
  const { message } = accepted;
  switch (message.type) {
    case "refresh":
      return { ok: await refreshAll() };
    case "sign-in": {
      const result = await signIn(message.apiAddress, message.code);
      if (result.ok) await refreshAll();
      return result;
    }
    case "sign-out":
      await signOut(await backgroundClient());
      return { ok: true };
    case "rate": {
      const session = await sessionItem.getValue();
      if (!session) return { key: "", sendAt: 0 };
      const { type: _, ...rating } = message;
      const item = await enqueueRating(rating, session.person.id, now);
      await showBadge();
      setTimeout(() => void sendRatings(), UNDO_MS + 100);
      return { key: item.key, sendAt: item.notBefore };
    }
    case "undo": {
      const undone = await undoRating(message.key);
      await showBadge();
      return { undone };
    }
    case "api": {
      const { type: _, ...request } = message;
      return relay(request);
    }
  }
}
