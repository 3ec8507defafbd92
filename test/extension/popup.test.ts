// Over 400 lines: every popup story shares one extension build, worker and Chromium; a split would start them twice.
/**
 * The built extension in headless Chromium against a real worker: pairing on the options page,
 * the popup's principles and pulse (drawn from the cache in its first frame), one-click rating with undo,
 * the badge, offline ratings.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNDO_WINDOW_MS } from "../../extension/utils/ratings/undo";
import { de as widgetDe } from "../../widget/src/i18n/de";
import { en } from "../../widget/src/i18n/en";
import { axeViolations } from "../browser/axe";
import { type Accord, launchWithExtension, startAccord } from "../browser/harness";
import { keepScreenshot } from "../browser/screenshots";
import { testBuild } from "./build";
import { api, badgeText, clearLanguage, extensionPage, pair, pairWithCode, person, stored } from "./helpers";

const PARTNERSHIP = "prt_demonorthwind";

interface Principle {
  id: string;
  agreedVersion: { title: string; description: string } | null;
}
interface Current {
  cycle: { id: string; principles: { principleId: string; title: string }[] } | null;
}
interface Mine {
  answers: { principleId: string; performance: number | null }[];
}

describe("extension: pairing, popup, pulse and badge", () => {
  let accord: Accord;
  let ext: Awaited<ReturnType<typeof launchWithExtension>>;
  let daniel: ReturnType<typeof person>;
  let pulse: { cycleId: string; principleId: string; title: string };
  let popup: Page;

  const pending = async (token: string) =>
    (await api<{ count: number }>(accord, token, "GET", "/api/v1/me/pending")).body.count;
  const mine = async (token: string) =>
    (
      await api<Mine>(
        accord,
        token,
        "GET",
        `/api/v1/partnerships/${PARTNERSHIP}/cycles/${pulse.cycleId}/responses/mine`,
      )
    ).body.answers.find((a) => a.principleId === pulse.principleId)?.performance ?? null;
  const openPopup = async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 420, height: 600 });
    await page.goto(extensionPage(ext.extensionId, "popup.html"));
    return page;
  };

  beforeAll(async () => {
    const dir = await testBuild();
    accord = await startAccord();
    daniel = person(accord, "Daniel Okafor");
    // The demo seeds the week's pulse; a fresh database on a day without one gets one here.
    let current = await api<Current>(
      accord,
      daniel.token,
      "GET",
      `/api/v1/partnerships/${PARTNERSHIP}/cycles/current?kind=pulse`,
    );
    if (!current.body.cycle) {
      const maya = person(accord, "Maya Lindqvist");
      await api(accord, maya.token, "POST", `/api/v1/partnerships/${PARTNERSHIP}/cycles`, { kind: "pulse" });
      current = await api<Current>(
        accord,
        daniel.token,
        "GET",
        `/api/v1/partnerships/${PARTNERSHIP}/cycles/current?kind=pulse`,
      );
    }
    const cycle = current.body.cycle;
    const asked = cycle?.principles[0];
    if (!cycle || !asked) throw new Error("No open pulse to rate");
    pulse = { cycleId: cycle.id, principleId: asked.principleId, title: asked.title };
    ext = await launchWithExtension(dir);
  });

  afterAll(async () => {
    await ext?.close();
    await accord?.stop();
  });

  it("asks to pair before anything else", async () => {
    const page = await openPopup();
    await page.getByRole("button", { name: "Pair with Accord" }).waitFor();
    expect(await badgeText(ext.context, ext.extensionId)).toBe("");
    expect(await axeViolations(page)).toEqual([]);
    await keepScreenshot(page, "extension-popup-signed-out.png");
    await page.close();
  });

  it("pairs with a sign-in code issued by the running worker", async () => {
    const options = await pair(ext.context, ext.extensionId, accord, daniel.token);
    await expect.poll(() => options.getByText("Northwind Retail × Acme Logistics").count()).toBeGreaterThan(0);
    const tokens = await api<{ tokens: { label: string; revokedAt: string | null }[] }>(
      accord,
      daniel.token,
      "GET",
      "/api/v1/me/tokens",
    );
    expect(tokens.body.tokens.some((t) => t.label === "Browser extension (Chrome)" && !t.revokedAt)).toBe(true);
    // The page never holds the token: it is in the background's storage only.
    expect(await options.evaluate(() => document.documentElement.outerHTML)).not.toContain("acc_");
    expect(await axeViolations(options)).toEqual([]);
    await keepScreenshot(options, "extension-options.png", { fullPage: true });
    await options.close();
  });

  it("shows the partnership's agreed principles and its pulse", async () => {
    popup = await openPopup();
    const agreed = await api<{ principles: Principle[] }>(
      accord,
      daniel.token,
      "GET",
      `/api/v1/partnerships/${PARTNERSHIP}/principles?status=agreed`,
    );
    expect(agreed.body.principles.length).toBeGreaterThan(0);
    const list = popup.getByRole("region", { name: "Our principles" });
    for (const p of agreed.body.principles) {
      await expect.poll(() => list.getByText(p.agreedVersion?.title ?? "", { exact: true }).count()).toBe(1);
    }
    const card = popup.getByRole("region", { name: "Pulse" });
    await expect.poll(() => card.getByRole("heading", { name: pulse.title }).count()).toBe(1);
    const scale = card.getByRole("group", { name: "How consistently do we live this right now?" });
    for (const label of ["1 Rarely", "2 Sometimes", "3 Often", "4 Usually", "5 Consistently"]) {
      expect(await scale.getByRole("button", { name: label, exact: true }).count()).toBe(1);
    }
    expect(await badgeText(ext.context, ext.extensionId)).toBe(String(await pending(daniel.token)));
    expect(await axeViolations(popup)).toEqual([]);
    await keepScreenshot(popup, "extension-popup.png");
  });

  it("draws the cached principles and surveys in its first frame, asking the stopped background only after", async () => {
    // What the popup will find in its cache (the previous test's refresh filled it).
    const cached = await stored<{ items: { partnershipId: string; kind: string }[] }>(
      ext.context,
      ext.extensionId,
      "pending",
    );
    const surveys = cached?.items.filter((i) => i.partnershipId === PARTNERSHIP && i.kind === "assessment").length;
    expect(surveys).toBeGreaterThan(0);

    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 420, height: 600 });
    // The first content the root gets, and how many messages the page had sent by then.
    await page.addInitScript(() => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(...a: unknown[]): unknown } } })
        .chrome.runtime;
      const sendMessage = runtime.sendMessage.bind(runtime);
      let sent = 0;
      runtime.sendMessage = (...args: unknown[]) => {
        sent++;
        return sendMessage(...args);
      };
      new MutationObserver((_, observer) => {
        const root = document.getElementById("app");
        if (!root?.firstChild) return;
        observer.disconnect();
        const region = (name: string) => root.querySelector(`section[aria-labelledby="${name}-heading"]`);
        (window as unknown as { firstFrame: unknown }).firstFrame = {
          text: root.textContent,
          principles: region("principles")?.querySelectorAll("li").length ?? 0,
          surveys: region("surveys")?.querySelector(".tag")?.textContent ?? null,
          sent,
        };
      }).observe(document, { childList: true, subtree: true });
    });
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await page.goto(extensionPage(ext.extensionId, "popup.html"));
    await page.waitForFunction(() => "firstFrame" in window);
    const first = await page.evaluate(
      () =>
        (window as unknown as { firstFrame: { text: string; principles: number; surveys: string; sent: number } })
          .firstFrame,
    );
    expect(first.principles).toBeGreaterThan(0);
    expect(first.surveys).toBe(String(surveys));
    expect(first.text).toContain(pulse.title);
    expect(first.text).not.toContain("Loading");
    expect(first.sent).toBe(0);
    // Fresh data after: the refresh wakes the background and the status says when it was updated.
    await page
      .getByRole("status")
      .filter({ hasText: /^Updated/ })
      .waitFor();
    expect(await page.getByRole("region", { name: "Our principles" }).getByRole("listitem").count()).toBe(
      first.principles,
    );
    await cdp.detach();
    await page.close();
  });

  it("undo within the few seconds sends nothing", async () => {
    const card = popup.getByRole("region", { name: "Pulse" });
    await card.getByRole("button", { name: "2 Sometimes" }).click();
    await card.getByRole("button", { name: "Undo" }).click();
    await card.getByText("Cancelled. Nothing was sent.").waitFor();
    // Past the test build's undo window: had the undo failed, the rating would have been sent.
    await popup.waitForTimeout(UNDO_WINDOW_MS.testBuild + 1000);
    expect(await mine(daniel.token)).toBeNull();
    expect(await stored(ext.context, ext.extensionId, "ratingQueue")).toEqual([]);
  });

  it("one click stores the rating, and the badge count drops", async () => {
    const before = Number(await badgeText(ext.context, ext.extensionId));
    expect(before).toBeGreaterThan(0);
    const card = popup.getByRole("region", { name: "Pulse" });
    await card.getByRole("button", { name: "4 Usually" }).click();
    await card.getByText("“Usually” will be sent in a moment.").waitFor();
    await keepScreenshot(popup, "extension-popup-undo.png");
    await card.getByText("Thanks! You said “Usually”.").waitFor({ timeout: 15_000 });
    expect(await mine(daniel.token)).toBe(4);
    await expect.poll(() => badgeText(ext.context, ext.extensionId)).toBe(before - 1 === 0 ? "" : String(before - 1));
    expect(await pending(daniel.token)).toBe(before - 1);
  });

  it("takes a rating offline and sends it once when the network returns", { timeout: 120_000 }, async () => {
    // A second person, so the count below starts from someone who has not rated this pulse.
    const options = await ext.context.newPage();
    await options.goto(extensionPage(ext.extensionId, "options.html"));
    await options.getByRole("button", { name: "Sign out" }).click();
    await options.getByLabel("Sign-in code").waitFor();
    expect((await api(accord, daniel.token, "GET", "/api/v1/me")).status).toBe(200);
    await options.close();
    const fatima = person(accord, "Fatima Zahra");
    (await pair(ext.context, ext.extensionId, accord, fatima.token)).close();

    const counted = async () =>
      (
        await accord.query<{ n: number | null }>(
          "SELECT SUM(perf_n) AS n FROM aggregates WHERE cycle_id = ? AND principle_id = ?",
          pulse.cycleId,
          pulse.principleId,
        )
      )[0]?.n ?? 0;
    const before = await counted();

    await popup.close();
    popup = await openPopup();
    const card = popup.getByRole("region", { name: "Pulse" });
    await card.getByRole("heading", { name: pulse.title }).waitFor();
    await ext.context.setOffline(true);
    await card.getByRole("button", { name: "5 Consistently" }).click();
    await card.getByText(/You're offline\. “Consistently” is saved here/).waitFor({ timeout: 15_000 });
    await popup.getByText("You're offline. Showing what Accord last sent").waitFor();
    await keepScreenshot(popup, "extension-popup-offline.png");
    expect(await mine(fatima.token)).toBeNull();
    expect(await stored<unknown[]>(ext.context, ext.extensionId, "ratingQueue")).toHaveLength(1);
    // Opened offline, the popup still shows what it had, at once, and says why nothing is new.
    const cached = await openPopup();
    await cached.getByRole("heading", { name: pulse.title }).waitFor();
    await cached.getByText("You're offline. Showing what Accord last sent").waitFor();
    expect(await cached.getByRole("region", { name: "Our principles" }).getByRole("listitem").count()).toBeGreaterThan(
      0,
    );
    await cached.close();

    await ext.context.setOffline(false);
    // Sent on the "online" event (or, at the latest, by the retry alarm 30 s on).
    await expect.poll(() => mine(fatima.token), { timeout: 45_000 }).toBe(5);
    await expect.poll(() => stored<unknown[]>(ext.context, ext.extensionId, "ratingQueue")).toEqual([]);
    expect(await counted()).toBe(before + 1);
    await card.getByText("Thanks! You said “Consistently”.").waitFor();
  });

  it("rate now opens the widget's survey in an extension page, signed in through the background", async () => {
    const fatima = person(accord, "Fatima Zahra");
    const assessment = await api<Current & { cycle: { title: string } | null }>(
      accord,
      fatima.token,
      "GET",
      `/api/v1/partnerships/${PARTNERSHIP}/cycles/current?kind=assessment`,
    );
    const cycle = assessment.body.cycle;
    if (!cycle) throw new Error("The demo has no open assessment");
    const answerTo = async (principleId: string) => {
      const mine = await api<{ answers: { principleId: string; performance: unknown; importance: unknown }[] }>(
        accord,
        fatima.token,
        "GET",
        `/api/v1/partnerships/${PARTNERSHIP}/cycles/${cycle.id}/responses/mine`,
      );
      const a = mine.body.answers.find((x) => x.principleId === principleId);
      return a ? [a.performance, a.importance] : null;
    };
    // The survey opens on the first principle not fully answered yet.
    const open = [];
    for (const p of cycle.principles) {
      const a = await answerTo(p.principleId);
      if (!a || a[0] === null || a[1] === null) open.push(p.principleId);
    }
    const asked = open[0];
    if (!asked) throw new Error("Fatima has already answered the whole assessment");
    expect((await answerTo(asked))?.join()).not.toBe("4,5");
    const opened = ext.context.waitForEvent("page");
    await popup.getByRole("region", { name: "Surveys for you" }).getByRole("button").first().click();
    const survey = await opened;
    expect(survey.url()).toBe(
      extensionPage(ext.extensionId, `survey.html?partnership=${PARTNERSHIP}&cycle=${cycle.id}`),
    );
    await survey.setViewportSize({ width: 900, height: 900 });
    await survey.getByRole("heading", { name: cycle.title }).waitFor();
    await survey.getByRole("radio", { name: "Usually" }).first().check();
    await survey.getByRole("radio", { name: "Essential" }).first().check();
    await expect.poll(async () => (await answerTo(asked))?.join(), { timeout: 15_000 }).toBe("4,5");
    expect(await survey.evaluate(() => document.documentElement.outerHTML)).not.toContain("acc_");
    await keepScreenshot(survey, "extension-survey.png", { fullPage: true });

    // The page opens exactly the cycle it names: naming a closed one opens nothing, though one is open.
    const closed = await api<{ cycles: { id: string }[] }>(
      accord,
      fatima.token,
      "GET",
      `/api/v1/partnerships/${PARTNERSHIP}/cycles?kind=assessment&status=closed`,
    );
    const old = closed.body.cycles[0];
    if (!old) throw new Error("The demo has no closed assessment");
    await survey.goto(extensionPage(ext.extensionId, `survey.html?partnership=${PARTNERSHIP}&cycle=${old.id}`));
    await survey.getByText("Nothing to rate right now").waitFor();
    expect(await survey.getByRole("heading", { name: cycle.title }).count()).toBe(0);
    expect(await survey.getByRole("radio").count()).toBe(0);
    await survey.close();
  });

  it("tells someone who joined after the pulse opened that they answer from the next one", async () => {
    const maya = person(accord, "Maya Lindqvist");
    const invited = await api<{ signInCode: string }>(
      accord,
      maya.token,
      "POST",
      `/api/v1/partnerships/${PARTNERSHIP}/invites`,
      { name: "Rosa Newcomer", externalId: "rosa.newcomer@northwind.example" },
    );
    expect(invited.status).toBe(201);
    const options = await ext.context.newPage();
    await options.goto(extensionPage(ext.extensionId, "options.html"));
    await options.getByRole("button", { name: "Sign out" }).click();
    await options.getByLabel("Sign-in code").waitFor();
    await options.close();
    (await pairWithCode(ext.context, ext.extensionId, accord, invited.body.signInCode)).close();

    await popup.close();
    popup = await openPopup();
    const card = popup.getByRole("region", { name: "Pulse" });
    await card.getByText("You joined after this survey opened — you'll be asked from the next one.").waitFor();
    expect(await card.getByRole("button").count()).toBe(0);
    expect(await axeViolations(popup)).toEqual([]);
    await keepScreenshot(popup, "extension-popup-joined-late.png");
  });
  it("speaks German once chosen: popup, settings and survey page, remembered after reopening", async () => {
    const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);
    await popup.close();
    popup = await openPopup();
    await popup.getByRole("region", { name: "Pulse" }).waitFor();
    expect(await lang(popup)).toBe("en");

    await popup.getByLabel("Language").selectOption("de");
    // The popup switches at once, the widget's own words (shared with the extension) included.
    const card = popup.getByRole("region", { name: "Puls" });
    await card.getByText(widgetDe.joinedLate).waitFor();
    expect(await lang(popup)).toBe("de");
    const principles = popup.getByRole("region", { name: "Unsere Prinzipien" });
    const agreed = await principles.getByRole("listitem").count();
    expect(agreed).toBeGreaterThan(0);
    expect(await principles.getByText(`${agreed} vereinbart`, { exact: true }).count()).toBe(1);
    expect(await popup.getByRole("region", { name: "Meine offenen Maßnahmen" }).count()).toBe(1);
    expect(await popup.getByRole("button", { name: "Einstellungen" }).count()).toBe(1);
    expect(await popup.getByText("Pulse", { exact: true }).count()).toBe(0);
    await popup.close();

    // Remembered: opened again, the popup is German from its first frame.
    popup = await openPopup();
    await popup.getByRole("region", { name: "Puls" }).getByText(widgetDe.joinedLate).waitFor();
    expect(await lang(popup)).toBe("de");
    expect(await popup.getByLabel("Sprache").inputValue()).toBe("de");
    await popup
      .getByRole("status")
      .filter({ hasText: /^Aktualisiert/ })
      .waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    await keepScreenshot(popup, "extension-popup-de.png");

    const options = await ext.context.newPage();
    await options.goto(extensionPage(ext.extensionId, "options.html"));
    await options.getByRole("heading", { name: "Konto" }).waitFor();
    expect(await lang(options)).toBe("de");
    expect(await options.title()).toBe("Accord-Einstellungen");
    expect(await options.getByText("Angemeldet als").count()).toBe(1);
    expect(await options.getByRole("button", { name: "Abmelden" }).count()).toBe(1);
    expect(await options.getByRole("group", { name: "Wie oft" }).count()).toBe(1);
    expect(await axeViolations(options)).toEqual([]);
    await keepScreenshot(options, "extension-options-de.png", { fullPage: true });

    // The survey page runs the widget's views in the same language.
    const survey = await ext.context.newPage();
    await survey.goto(extensionPage(ext.extensionId, `survey.html?partnership=${PARTNERSHIP}`));
    await survey.getByText(widgetDe.nothingOpen).waitFor();
    expect(await lang(survey)).toBe("de");
    await survey.close();

    // Back to English from the settings: the open popup follows.
    await options.getByLabel("Sprache").selectOption("en");
    await popup.getByRole("region", { name: "Pulse" }).getByText(en.joinedLate).waitFor();
    expect(await lang(popup)).toBe("en");
    expect(await lang(options)).toBe("en");
    await options.close();
  });

  it("speaks the browser's language until the person chooses one", async () => {
    // No choice stored: forget the one the previous test made.
    await clearLanguage(ext.context, ext.extensionId);
    const page = await ext.context.newPage();
    // A browser whose preferred languages start with German (what navigator.languages reports).
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send("Emulation.setUserAgentOverride", {
      userAgent: await page.evaluate(() => navigator.userAgent),
      acceptLanguage: "de-CH,de,en",
    });
    await page.goto(extensionPage(ext.extensionId, "popup.html"));
    await page.getByRole("region", { name: "Puls" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
    await cdp.detach();
    await page.close();
  });
});
