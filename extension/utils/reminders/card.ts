/**
 * Which principle a reminder site shows, and whether it shows one now: one agreed principle per
 * site and day (or week), hidden once dismissed for that period or snoozed for a week.
 */
import {
  currentPartnershipItem,
  type PartnershipView,
  type PrincipleText,
  partnershipsItem,
  reminderSettingsItem,
  reminderStateItem,
  sessionItem,
} from "../storage";
import { periodKey, principleFor } from "./pick";
import { allSites, type Site, siteFor } from "./sites";

export const SNOOZE_MS = 7 * 86_400_000;

interface ReminderMatch {
  site: Site;
  partnership: PartnershipView;
  principle: PrincipleText;
  period: string;
  weekly: boolean;
}

/** The card for a page, or null when the page is no reminder site or the card is dismissed or snoozed. */
export async function reminderFor(url: URL, now = Date.now()): Promise<ReminderMatch | null> {
  const [session, settings, views, current, state] = await Promise.all([
    sessionItem.getValue(),
    reminderSettingsItem.getValue(),
    partnershipsItem.getValue(),
    currentPartnershipItem.getValue(),
    reminderStateItem.getValue(),
  ]);
  if (!session || settings.frequency === "off") return null;
  // The partnership chosen in the popup first, when several share a site.
  const ordered = Object.values(views).sort((a, b) => Number(b.id === current) - Number(a.id === current));
  const site = siteFor(url, allSites(ordered, settings));
  const partnership = site && views[site.partnershipId];
  if (!site || !partnership) return null;
  const period = periodKey(settings.frequency, now);
  const seen = state[site.pattern];
  if (seen?.dismissedPeriod === period || (seen?.snoozedUntil ?? 0) > now) return null;
  const principle = principleFor(partnership.principles, site.pattern, period);
  return principle ? { site, partnership, principle, period, weekly: settings.frequency === "weekly" } : null;
}

/** Hides a site's card for the rest of the period. */
export async function dismissReminder(url: URL, now = Date.now()): Promise<void> {
  const match = await reminderFor(url, now);
  if (!match) return;
  const state = await reminderStateItem.getValue();
  const key = match.site.pattern;
  await reminderStateItem.setValue({ ...state, [key]: { ...state[key], dismissedPeriod: match.period } });
}

/** Hides a site's card for a week. */
export async function snoozeReminder(url: URL, now = Date.now()): Promise<void> {
  const match = await reminderFor(url, now);
  if (!match) return;
  const state = await reminderStateItem.getValue();
  const key = match.site.pattern;
  await reminderStateItem.setValue({ ...state, [key]: { ...state[key], snoozedUntil: now + SNOOZE_MS } });
}
