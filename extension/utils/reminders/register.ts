/**
 * The reminder script runs only on reminder sites the person granted: it is registered at runtime
 * (scripting.registerContentScripts) with exactly those match patterns, never <all_urls>.
 */
import { browser } from "wxt/browser";
import { partnershipsItem, reminderSettingsItem, sessionItem } from "../storage";
import { allSites, sitePermission } from "./sites";

export const REMINDER_SCRIPT_ID = "accord-reminder";
const REMINDER_SCRIPT_FILE = "content-scripts/reminder.js";

/** The sites of the shown partnerships whose host permission the person granted. */
async function grantedSites(permissions = browser.permissions): Promise<string[]> {
  const [session, settings, views] = await Promise.all([
    sessionItem.getValue(),
    reminderSettingsItem.getValue(),
    partnershipsItem.getValue(),
  ]);
  if (!session || settings.frequency === "off") return [];
  const patterns = [...new Set(allSites(Object.values(views), settings).map((s) => s.pattern))];
  const granted = await Promise.all(
    patterns.map((pattern) => permissions.contains({ origins: [sitePermission(pattern)] }).catch(() => false)),
  );
  return patterns.filter((_, i) => granted[i]);
}

let running: Promise<unknown> = Promise.resolve();

/** Registers, updates or removes the reminder script so it matches the granted sites exactly. */
export function syncReminderScript(
  scripting = browser.scripting,
  permissions = browser.permissions,
): Promise<string[]> {
  // One at a time: two overlapping registrations of the same id would fail.
  const run = running.then(() => sync(scripting, permissions));
  running = run.catch(() => undefined);
  return run;
}

async function sync(scripting: typeof browser.scripting, permissions: typeof browser.permissions): Promise<string[]> {
  const matches = await grantedSites(permissions);
  const existing = await scripting.getRegisteredContentScripts({ ids: [REMINDER_SCRIPT_ID] });
  if (matches.length === 0) {
    if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [REMINDER_SCRIPT_ID] });
    return [];
  }
  const script = { id: REMINDER_SCRIPT_ID, matches, js: [REMINDER_SCRIPT_FILE], runAt: "document_idle" as const };
  if (existing.length > 0) await scripting.updateContentScripts([script]);
  else await scripting.registerContentScripts([script]);
  return matches;
}
