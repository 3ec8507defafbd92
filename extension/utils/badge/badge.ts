/**
 * The toolbar badge: how many surveys and pulses wait for the person. Polled on an alarm with the
 * pending list's ETag, so an unchanged poll costs a 304 and no body.
 */
import { type Client, call } from "@accord/widget/api";
import { browser } from "wxt/browser";
import { currentLanguage, plural, wordsFor } from "../i18n";
import { pendingItem, ratingQueueItem, sessionItem, shownPartnershipsItem } from "../storage";
import { settle } from "../sync/connection";
import { visiblePending } from "./visible";

export const POLL_ALARM = "accord:poll";
export const POLL_MINUTES = 30;
const BADGE_COLOR = "#3730a3";

/** Creates the polling alarm unless it exists (re-creating it on every wake-up would reset it). */
export async function ensurePollAlarm(alarms = browser.alarms): Promise<void> {
  if (!(await alarms.get(POLL_ALARM))) alarms.create(POLL_ALARM, { periodInMinutes: POLL_MINUTES });
}

/** Asks the API what is pending (304 when unchanged) and updates the badge; returns the count shown. */
export async function pollPending(client: Client | null, now = Date.now()): Promise<number> {
  if (client && (await sessionItem.getValue())) {
    const cached = await pendingItem.getValue();
    const result = await settle(
      await call(client, "get", "/api/v1/me/pending", {
        headers: cached?.etag ? { "If-None-Match": cached.etag } : {},
      }),
    );
    if (result.ok && result.status === 304 && cached) {
      await pendingItem.setValue({ ...cached, fetchedAt: now });
    } else if (result.ok && result.value) {
      await pendingItem.setValue({ etag: result.headers.get("ETag"), items: result.value.items, fetchedAt: now });
    }
  }
  return showBadge();
}

/** Polls at once when the last poll is older than the alarm's period (the browser just started). */
export async function pollIfStale(client: Client | null, now = Date.now()): Promise<number> {
  const pending = await pendingItem.getValue();
  if (pending && now - pending.fetchedAt < POLL_MINUTES * 60_000) return showBadge();
  return pollPending(client, now);
}

/** Shows the stored count on the badge (empty when nothing waits or nobody is signed in). */
export async function showBadge(action = browser.action): Promise<number> {
  const [session, pending, shown, queue, lang] = await Promise.all([
    sessionItem.getValue(),
    pendingItem.getValue(),
    shownPartnershipsItem.getValue(),
    ratingQueueItem.getValue(),
    currentLanguage(),
  ]);
  const count = session && pending ? visiblePending(pending.items, shown, queue).length : 0;
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setBadgeText({ text: count > 0 ? String(count) : "" });
  await action.setTitle({ title: count > 0 ? plural(lang, wordsFor(lang).badge, count) : "Accord" });
  return count;
}
