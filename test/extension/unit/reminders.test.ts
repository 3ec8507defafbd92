import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { asCard } from "../../../extension/components/reminder/card";
import { dismissReminder, reminderFor, SNOOZE_MS, snoozeReminder } from "../../../extension/utils/reminders/card";
import { periodKey, principleFor } from "../../../extension/utils/reminders/pick";
import { REMINDER_SCRIPT_ID, syncReminderScript } from "../../../extension/utils/reminders/register";
import { isSitePattern, sitePermission } from "../../../extension/utils/reminders/sites";
import { type PartnershipView, partnershipsItem, reminderSettingsItem } from "../../../extension/utils/storage";
import { fakeHostAccess, signInFake } from "./helpers";

const PRINCIPLES = ["a", "b", "c", "d", "e"].map((k) => ({
  id: `pri_${k}`,
  title: `Title ${k}`,
  description: `Text ${k}`,
}));
const view = (id: string, reminderSites: string[]): PartnershipView => ({
  id,
  name: `Partnership ${id}`,
  role: "member",
  reminderSites,
  principles: PRINCIPLES,
  pulse: null,
  actions: [],
  fetchedAt: 0,
});
const JIRA = new URL("https://acme.atlassian.net/browse/X-1");
const NOON = new Date(2025, 2, 5, 12).getTime(); // a Wednesday

describe("which principle a site shows", () => {
  it("is stable for a site and a period, whatever the list's order", () => {
    const one = principleFor(PRINCIPLES, "https://*.atlassian.net/*", "2025-03-05");
    expect(principleFor([...PRINCIPLES].reverse(), "https://*.atlassian.net/*", "2025-03-05")).toEqual(one);
  });

  it("changes from day to day over the agreed principles", () => {
    const days = Array.from({ length: 30 }, (_, i) => periodKey("daily", NOON + i * 86_400_000));
    const shown = new Set(days.map((d) => principleFor(PRINCIPLES, "https://app.slack.com/*", d)?.id));
    expect(shown.size).toBeGreaterThan(2);
  });

  it("counts weeks from Monday", () => {
    expect(periodKey("daily", NOON)).toBe("2025-03-05");
    expect(periodKey("weekly", NOON)).toBe("2025-03-03");
    expect(periodKey("weekly", new Date(2025, 2, 9, 23).getTime())).toBe("2025-03-03");
    expect(periodKey("weekly", new Date(2025, 2, 10, 1).getTime())).toBe("2025-03-10");
  });
});

describe("reminder card", () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    fakeHostAccess();
    await signInFake();
    await partnershipsItem.setValue({ prt_a: view("prt_a", ["https://*.atlassian.net/*"]) });
  });

  it("shows on a reminder site only", async () => {
    expect((await reminderFor(JIRA, NOON))?.principle.id).toMatch(/^pri_/);
    expect(await reminderFor(new URL("https://example.com/"), NOON)).toBeNull();
  });

  it("once dismissed, stays hidden for the day and returns the next day", async () => {
    await dismissReminder(JIRA, NOON);
    expect(await reminderFor(JIRA, NOON + 3600_000)).toBeNull();
    expect(await reminderFor(JIRA, NOON + 86_400_000)).not.toBeNull();
  });

  it("snoozed, stays hidden for a week", async () => {
    await snoozeReminder(JIRA, NOON);
    expect(await reminderFor(JIRA, NOON + 6 * 86_400_000)).toBeNull();
    expect(await reminderFor(JIRA, NOON + SNOOZE_MS + 1)).not.toBeNull();
  });

  it("shows nothing when the person turned reminders off, or removed the site", async () => {
    await reminderSettingsItem.setValue({ frequency: "off", sites: {} });
    expect(await reminderFor(JIRA, NOON)).toBeNull();
    await reminderSettingsItem.setValue({
      frequency: "daily",
      sites: { prt_a: { added: [], removed: ["https://*.atlassian.net/*"] } },
    });
    expect(await reminderFor(JIRA, NOON)).toBeNull();
  });
});

describe("reminder script registration", () => {
  let host: ReturnType<typeof fakeHostAccess>;
  beforeEach(async () => {
    fakeBrowser.reset();
    host = fakeHostAccess();
    await signInFake();
  });

  it("registers the script for granted reminder sites only, never <all_urls>", async () => {
    await partnershipsItem.setValue({
      prt_a: view("prt_a", ["https://*.atlassian.net/*", "https://app.slack.com/client/*"]),
    });
    expect(await syncReminderScript()).toEqual([]);
    expect(host.scripts.size).toBe(0);

    host.granted.add("https://*.atlassian.net/*");
    expect(await syncReminderScript()).toEqual(["https://*.atlassian.net/*"]);
    expect(host.scripts.get(REMINDER_SCRIPT_ID)).toMatchObject({
      matches: ["https://*.atlassian.net/*"],
      js: ["content-scripts/reminder.js"],
    });

    host.granted.add(sitePermission("https://app.slack.com/client/*"));
    await syncReminderScript();
    expect(host.scripts.get(REMINDER_SCRIPT_ID)?.matches).toEqual([
      "https://*.atlassian.net/*",
      "https://app.slack.com/client/*",
    ]);
    expect(JSON.stringify([...host.scripts.values()])).not.toContain("<all_urls>");
  });

  it("unregisters it when reminders are turned off", async () => {
    await partnershipsItem.setValue({ prt_a: view("prt_a", ["https://*.atlassian.net/*"]) });
    host.granted.add("https://*.atlassian.net/*");
    await syncReminderScript();
    await reminderSettingsItem.setValue({ frequency: "off", sites: {} });
    await syncReminderScript();
    expect(host.scripts.size).toBe(0);
  });

  it("runs one registration at a time", async () => {
    await partnershipsItem.setValue({ prt_a: view("prt_a", ["https://*.atlassian.net/*"]) });
    host.granted.add("https://*.atlassian.net/*");
    await Promise.all([syncReminderScript(), syncReminderScript(), syncReminderScript()]);
    expect(host.scripts.size).toBe(1);
  });

  it("accepts only patterns a browser can match", () => {
    expect(isSitePattern("https://*.atlassian.net/*")).toBe(true);
    expect(isSitePattern("https://app.slack.com/client/*")).toBe(true);
    expect(isSitePattern("<all_urls>")).toBe(false);
    expect(isSitePattern("*://*/*")).toBe(false);
    expect(isSitePattern("https://*/*")).toBe(false);
    expect(isSitePattern("https://intranet.example.com:8443/*")).toBe(false);
    expect(sitePermission("https://app.slack.com/client/*")).toBe("https://app.slack.com/*");
  });
});

describe("the card the reminder script accepts", () => {
  const card = {
    partnershipName: "Northwind × Acme",
    principle: { title: "Share bad news early", description: "We call before it's a surprise." },
    lang: "de",
    words: { eyebrow: "Unser Prinzip heute", rate: "Bewerten", snooze: "Pausieren", dismiss: "Ausblenden" },
  };

  it("takes a card with its words in a language the extension speaks", () => {
    expect(asCard(card)).toEqual(card);
  });

  it("shows nothing for a card in another language, or without its words", () => {
    expect(asCard({ ...card, lang: "fr" })).toBeNull();
    expect(asCard({ ...card, words: undefined })).toBeNull();
    expect(asCard({ ...card, words: { ...card.words, rate: 42 } })).toBeNull();
    expect(asCard({ ...card, words: { ...card.words, snooze: "x".repeat(81) } })).toBeNull();
  });
});
