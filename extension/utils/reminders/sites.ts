/** Reminder sites: match patterns from a partnership's settings, as the person edited them. */
import { MatchPattern } from "wxt/utils/match-patterns";
import type { PartnershipView, ReminderSettings } from "../storage";

/** https://*.example.com/* and friends: http(s), an optional leading wildcard, a host, a path; no port. */
const SITE = /^(https?):\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)+|localhost)(\/.*)$/;

/** True for a reminder site the browser can match (ports are not part of browser match patterns). */
export function isSitePattern(pattern: string): boolean {
  return pattern.length <= 200 && SITE.test(pattern);
}

/** The host permission a site needs: its scheme and host, any path. */
export function sitePermission(pattern: string): string {
  const m = SITE.exec(pattern);
  if (!m) throw new Error(`Not a reminder site: ${pattern}`);
  return `${m[1]}://${m[2] ?? ""}${m[3]}/*`;
}

/** A partnership's reminder sites after the person's own additions and removals. */
export function effectiveSites(
  view: Pick<PartnershipView, "id" | "reminderSites">,
  settings: ReminderSettings,
): string[] {
  const edits = settings.sites[view.id] ?? { added: [], removed: [] };
  const sites = [...view.reminderSites, ...edits.added].filter((s) => isSitePattern(s) && !edits.removed.includes(s));
  return [...new Set(sites)];
}

export interface Site {
  pattern: string;
  partnershipId: string;
}

/** Every reminder site of the given partnerships, in their order. */
export function allSites(views: Pick<PartnershipView, "id" | "reminderSites">[], settings: ReminderSettings): Site[] {
  return views.flatMap((view) =>
    effectiveSites(view, settings).map((pattern) => ({ pattern, partnershipId: view.id })),
  );
}

/** The first site whose pattern includes the URL. */
export function siteFor(url: URL, sites: Site[]): Site | undefined {
  // A string, not the URL: MatchPattern checks `instanceof Location`, which a service worker lacks.
  return sites.find((site) => new MatchPattern(site.pattern).includes(url.href));
}
