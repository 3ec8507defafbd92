/**
 * The console in English and German, in headless Chromium against a real worker with the demo:
 * switching to Deutsch translates the screens (no English left on their key labels), is remembered
 * after a reload and sets <html lang>; a German browser starts in German; creating an action from a
 * challenge and the last endorsement that agrees a principle are both confirmed on screen; and a
 * signed-out first visit logs no error in the browser console. (Every form's validation problems,
 * in the form's words: forms.test.ts.)
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Accord } from "../browser/harness";
import {
  bearerCall,
  type ConsolePage,
  type ConsoleWorld,
  expectNoAxeViolations,
  heading,
  openConsole,
  pairingCode,
  sessionCall,
  signInWithCode,
  startConsoleWorld,
} from "./helpers";

const PID = "prt_demonorthwind";
const GERMAN_DATE =
  /\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}/;

describe("console: English and German, and feedback", () => {
  let world: ConsoleWorld;
  let accord: Accord;
  let browser: Browser;
  let go: ConsoleWorld["go"];
  let maya: ConsolePage;

  beforeAll(async () => {
    world = await startConsoleWorld();
    ({ accord, browser, go } = world);
    maya = await openConsole(browser);
  }, 60_000);

  afterAll(async () => {
    await world?.stop();
  });

  const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  it("loads signed out without an error in the browser console", async () => {
    const c = await openConsole(browser);
    const errors: string[] = [];
    const failed: string[] = [];
    c.page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    c.page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await c.page.goto(world.url("/"));
    await heading(c.page, "Sign in");
    await c.page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(await lang(c.page)).toBe("en");
    await c.context.close();
  });

  it("starts in German for a browser that prefers German, before anyone chooses", async () => {
    const context = await browser.newContext({ locale: "de-DE", timezoneId: "UTC" });
    const page = await context.newPage();
    await page.goto(world.url("/"));
    await heading(page, "Anmelden");
    expect(await lang(page)).toBe("de");
    expect(await page.getByLabel("Anmeldecode").count()).toBe(1);
    await context.close();
  });

  it("switches to Deutsch on the Account screen, translates the screens, and remembers it", async () => {
    const page = maya.page;
    const person = accord.demo.people.find((p) => p.name === "Maya Lindqvist");
    if (!person) throw new Error("The demo seed gives no token to Maya Lindqvist");
    await signInWithCode(page, accord.baseUrl, await pairingCode(accord.baseUrl, person.token));
    await go(page, "/account", "Maya Lindqvist");
    expect(await lang(page)).toBe("en");
    await page.getByRole("region", { name: "Language" }).getByLabel("Language").selectOption("de");
    await expect.poll(() => lang(page)).toBe("de");
    await page.getByRole("heading", { name: "Angemeldete Geräte" }).waitFor();
    // This browser's sign-in is named by its device, in the reader's language.
    const devices = page.getByRole("region", { name: "Angemeldete Geräte" });
    await devices.getByText("Konsolensitzung · Chrome unter Linux").first().waitFor();

    const nav = page.getByRole("navigation", { name: "Konsole" });
    const navText = (await nav.textContent()) ?? "";
    for (const word of ["Prinzipien", "Zyklen", "Meine Umfragen", "Ergebnisse", "Maßnahmen", "Abmelden"]) {
      expect(navText).toContain(word);
    }
    for (const english of ["Principles", "Cycles", "My surveys", "Results", "Actions", "Sign out", "Manage"]) {
      expect(navText, `"${english}" left in the navigation`).not.toContain(english);
    }
    await expectNoAxeViolations(page, "account in German");

    // Each main screen: its heading and lead in German, its English words gone, axe clean.
    const screens: { path: string; title: string | RegExp; german: string[]; english: string[] }[] = [
      {
        path: `/p/${PID}`,
        title: /×|Northwind/,
        german: ["Die vier Schritte", "Prinzipien vereinbaren"],
        english: ["The four steps", "Agree principles", "Check in regularly"],
      },
      {
        path: `/p/${PID}/principles`,
        title: "Prinzipien",
        german: ["Prinzip vorschlagen", "Schritt 1"],
        english: ["Propose a principle", "Awaiting agreement", "Step 1"],
      },
      {
        path: `/p/${PID}/cycles`,
        title: "Zyklen",
        german: ["Abgeschlossen", "Schritte 2 und 4"],
        english: ["Open now", "No closed cycles yet", "Steps 2 and 4"],
      },
      {
        path: `/p/${PID}/results`,
        title: "Ergebnisse",
        german: ["Partnerschaftsbericht", "Schritte 2–4"],
        english: ["Partnership report", "Export CSV", "Steps 2–4"],
      },
      {
        path: `/p/${PID}/actions`,
        title: "Maßnahmen",
        german: ["Neue Maßnahme", "Schritt 3"],
        english: ["New action", "Step 3"],
      },
      { path: "/surveys", title: "Meine Umfragen", german: ["vertraulich"], english: ["My surveys"] },
      { path: `/p/${PID}/people`, title: "Personen", german: ["Moderation"], english: ["Everyone in the partnership"] },
      {
        path: `/p/${PID}/settings`,
        title: "Einstellungen",
        german: ["Anonymität", "Rhythmus der Zyklen", "Einstellungen speichern"],
        english: ["Anonymity", "Cycle cadence", "Save settings"],
      },
    ];
    for (const s of screens) {
      await go(page, s.path, s.title);
      await page.locator(".loading").first().waitFor({ state: "detached" });
      const text = (await page.locator("#main").textContent()) ?? "";
      for (const word of s.german) expect(text, `${s.path} says "${word}"`).toContain(word);
      for (const word of s.english) expect(text, `"${word}" left on ${s.path}`).not.toContain(word);
      await expectNoAxeViolations(page, `${s.path} in German`);
    }
    // Dates in German, in the one style.
    await go(page, `/p/${PID}/cycles`, "Zyklen");
    await page.locator(".loading").first().waitFor({ state: "detached" });
    expect((await page.locator("#main").textContent()) ?? "").toMatch(GERMAN_DATE);

    // Remembered after a reload, before the first screen shows.
    await page.reload();
    await heading(page, "Zyklen");
    expect(await lang(page)).toBe("de");

    // Back to English from the menu beside the navigation.
    await nav.getByLabel("Sprache").selectOption("en");
    await heading(page, "Cycles");
    expect(await lang(page)).toBe("en");
    await page.reload();
    await heading(page, "Cycles");
    expect(await lang(page)).toBe("en");
  }, 120_000);

  it("confirms an action created from a challenge with a link to it, and the challenge card shows it", async () => {
    const page = maya.page;
    await go(page, `/p/${PID}/results`, "Results");
    const challenges = page.getByRole("region", { name: "Challenges" });
    const plan = challenges.getByRole("button", { name: /^Plan an action on/ }).first();
    await plan.waitFor();
    const dialog = page.getByRole("dialog", { name: "Plan an action" });
    await plan.click();
    const title = `Language test action ${Date.now()}`;
    await dialog.getByLabel("What will be done").fill(title);
    await dialog.getByRole("button", { name: "Create action" }).click();
    await dialog.waitFor({ state: "hidden" });

    const created = page.getByRole("status").filter({ hasText: "Action created" });
    await created.waitFor();
    expect(await created.textContent()).toContain(title);
    await expectNoAxeViolations(page, "results with the action confirmation");
    const link = created.getByRole("link", { name: "Open the action" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(new RegExp(`^/p/${PID}/actions/act_`));
    // The card of the principle it was planned for lists it.
    await page.locator(".result-card").getByRole("link", { name: title }).waitFor();
    await link.click();
    await heading(page, title);
  }, 60_000);

  it("shows the moment the last endorsement agrees a principle by every organization", async () => {
    const page = maya.page;
    const created = await sessionCall<{ id: string }>(page, "POST", `/api/v1/partnerships/${PID}/principles`, {
      title: `Agreed moment ${Date.now()}`,
      description: "Both sides say when a plan changes, the same day.",
    });
    expect(created.status).toBe(201);
    const principleId = created.json.id;
    // Every other organization endorses first; Maya's endorsement is the last one.
    const partners = accord.demo.people.filter(
      (p) => p.role === "facilitator" && p.partnershipIds.includes(PID) && p.organization !== "Northwind Retail",
    );
    const byOrganization = new Map(partners.map((p) => [p.organization, p]));
    expect(byOrganization.size).toBeGreaterThan(0);
    for (const p of byOrganization.values()) {
      const r = await bearerCall(
        accord.baseUrl,
        p.token,
        "PUT",
        `/api/v1/partnerships/${PID}/principles/${principleId}/stance`,
        { stance: "endorse" },
      );
      expect(r.status).toBe(200);
    }
    await go(page, `/p/${PID}/principles/${principleId}`, /^Agreed moment/);
    expect(await page.getByText("Agreed by every organization").count()).toBe(0);
    await page.getByRole("button", { name: "Endorse" }).click();
    const moment = page.getByRole("status").filter({ hasText: "Agreed by every organization" });
    await moment.waitFor();
    await page.locator(".page-header .badge", { hasText: "Agreed" }).waitFor();
    await expectNoAxeViolations(page, "principle just agreed");
  }, 60_000);
});
