/** Wires the background: messages, alarms, permission and storage changes, the network coming back. */
import { browser } from "wxt/browser";
import { backgroundClient } from "../api/client";
import { ensurePollAlarm, POLL_ALARM, pollIfStale, pollPending, showBadge } from "../badge/badge";
import { accept } from "../messages/validate";
import { RETRY_ALARM } from "../ratings/queue";
import { syncReminderScript } from "../reminders/register";
import { languageItem, partnershipsItem, reminderSettingsItem, sessionItem, shownPartnershipsItem } from "../storage";
import { handle, refreshAll, sendRatings } from "./handle";

const quietly = (work: Promise<unknown>) => void work.catch((err) => console.warn("Accord:", err));

/** Starts the background; `scope` is the service worker (or Firefox's event page) global. */
export function startBackground(scope: Pick<typeof globalThis, "addEventListener"> = globalThis): void {
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    const accepted = accept(raw, sender, browser.runtime.id, browser.runtime.getURL("/"));
    if (!accepted) return false; // dropped: no answer at all
    handle(accepted).then(sendResponse, (err) => {
      console.warn("Accord:", err);
      sendResponse(undefined);
    });
    return true;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) quietly(sendRatings().then(async () => pollPending(await backgroundClient())));
    if (alarm.name === RETRY_ALARM) quietly(sendRatings());
  });

  // The network is back: send what waited, then look again.
  scope.addEventListener("online", () => quietly(refreshAll()));

  const syncReminders = () => quietly(syncReminderScript());
  browser.permissions.onAdded.addListener(syncReminders);
  browser.permissions.onRemoved.addListener(syncReminders);
  reminderSettingsItem.watch(syncReminders);
  partnershipsItem.watch(syncReminders);
  sessionItem.watch(syncReminders);
  shownPartnershipsItem.watch(() => quietly(refreshAll()));
  // The toolbar button's tooltip speaks the chosen language.
  languageItem.watch(() => quietly(showBadge()));

  // Every start (install, browser start, wake-up): the alarm exists, the script matches, the badge is right.
  quietly(restrictStorage());
  quietly(ensurePollAlarm());
  quietly(syncReminderScript());
  quietly(sendRatings().then(async () => pollIfStale(await backgroundClient())));
}

/**
 * Where the browser supports it (recent Chrome), storage.local is closed to content scripts, which
 * never need it — they ask the background. Elsewhere the token is still only read by the background.
 */
async function restrictStorage(): Promise<void> {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  await local.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" }).catch(() => undefined);
}
