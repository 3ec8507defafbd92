/**
 * The trust model in the console, in headless Chromium against a real worker: an organization's
 * admin runs its directory, embed keys, allowed origins and provisioning from the Organization
 * screen and reads each change in its audit log, while a member cannot reach it; and lowering k
 * takes both organizations' consent and applies only to cycles that open afterwards. In German, the
 * Organization screen, Settings and both audit logs say it all in German.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Accord } from "../browser/harness";
import { keepScreenshot } from "../browser/screenshots";
import {
  bearerCall,
  type ConsolePage,
  type ConsoleWorld,
  checkAndCapture,
  expectNoAxeViolations,
  heading,
  openConsole,
  pairingCode,
  sessionCall,
  signInWithCode,
  startConsoleWorld,
} from "./helpers";

describe("console: organization admins and settings by consent", () => {
  let world: ConsoleWorld;
  let accord: Accord;
  let browser: Browser;
  let go: ConsoleWorld["go"];
  let maya: ConsolePage;
  const others: ConsolePage[] = [];

  beforeAll(async () => {
    world = await startConsoleWorld();
    ({ accord, browser, go } = world);
    maya = await openConsole(browser);
  });

  afterAll(async () => {
    await world?.stop();
  });
  function token(name: string) {
    const person = accord.demo.people.find((p) => p.name === name);
    if (!person) throw new Error(`The demo seed gives no token to ${name}`);
    return person.token;
  }
  async function another(name: string) {
    const c = await openConsole(browser);
    others.push(c);
    await signInWithCode(c.page, accord.baseUrl, await pairingCode(accord.baseUrl, token(name)));
    return c;
  }

  it("lets an admin manage keys, origins, provisioning and people, each change in the organization's audit log", async () => {
    const page = maya.page;
    await signInWithCode(page, accord.baseUrl, await pairingCode(accord.baseUrl, token("Maya Lindqvist")));
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Organization" }).click();
    await heading(page, "Northwind Retail");
    const people = page.getByRole("region", { name: "People" });
    await people.getByRole("row").filter({ hasText: "Daniel Okafor" }).waitFor();
    await expectNoAxeViolations(page, "organization");

    // An embed key: its secret is shown once, then only its id.
    const keys = page.getByRole("region", { name: "Embed keys" });
    await keys.getByLabel("Label for a new key").fill("Intranet production");
    await keys.getByRole("button", { name: "Create key" }).click();
    const secret = await keys.getByLabel("Secret (HS256)").inputValue();
    const keyId = await keys.getByLabel(/^Key id/).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await expectNoAxeViolations(page, "organization with a new key");
    await keys.getByRole("button", { name: "I've stored it" }).click();
    await expect.poll(() => keys.getByLabel("Secret (HS256)").count()).toBe(0);
    const active = keys.getByRole("list", { name: "Active embed keys" });
    await expect.poll(() => active.textContent()).toContain(keyId);
    expect(await active.textContent()).toContain("Intranet production");
    expect(await page.content()).not.toContain(secret);

    // Allowed origins: plain http off loopback is refused, in words; https is saved.
    const origins = page.getByRole("region", { name: "Allowed origins" });
    await origins.getByLabel("Add an origin").fill("http://public.example");
    await origins.getByRole("button", { name: "Add origin" }).click();
    await expect.poll(() => origins.getByRole("alert").textContent()).toContain("https");
    expect(await origins.getByRole("alert").textContent()).toContain("Origins not saved");
    await origins.getByLabel("Add an origin").fill("https://intranet.example");
    await origins.getByRole("button", { name: "Add origin" }).click();
    await origins.getByText("Allowed origins saved.").waitFor();
    expect(await origins.getByRole("list", { name: "Allowed origins" }).textContent()).toContain(
      "https://intranet.example",
    );
    expect(await origins.textContent()).not.toContain("http://public.example");

    // Intranet provisioning, off.
    const provisioning = page.getByRole("region", { name: "Intranet provisioning" });
    const toggle = provisioning.getByLabel("Create people on their first visit from the intranet");
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await provisioning.getByText("Intranet provisioning is off.").waitFor();
    const org = await sessionCall<{ provisioning: boolean; allowedOrigins: string[] }>(
      page,
      "GET",
      "/api/v1/organizations/org_northwind",
    );
    expect(org.json).toMatchObject({ provisioning: false, allowedOrigins: ["https://intranet.example"] });

    // Remove a person (their sign-ins end at once), then restore them.
    const daniel = people.getByRole("row").filter({ hasText: "Daniel Okafor" });
    await daniel.getByRole("button", { name: "Manage Daniel Okafor" }).click();
    const dialog = page.getByRole("dialog", { name: "Daniel Okafor" });
    await dialog.getByRole("button", { name: "Remove from organization" }).click();
    await expectNoAxeViolations(page, "organization: managing a person");
    await dialog.getByRole("button", { name: "Yes, remove from organization" }).click();
    await dialog.getByText("Daniel Okafor is removed.").waitFor();
    await expect.poll(() => daniel.textContent()).toContain("Removed");
    expect((await bearerCall(accord.baseUrl, token("Daniel Okafor"), "GET", "/api/v1/me")).status).toBe(401);
    await dialog.getByRole("button", { name: "Restore Daniel Okafor" }).click();
    await dialog.getByText("Daniel Okafor is restored.").waitFor();
    await expect.poll(() => daniel.textContent()).toContain("Active");

    // Account recovery: confirmed first, then a code; Daniel's account says who issued it.
    await dialog.getByRole("button", { name: "Issue a recovery code" }).click();
    await dialog.getByText("This signs Daniel Okafor out everywhere.").waitFor();
    await dialog.getByRole("button", { name: "Yes, issue a recovery code" }).click();
    const code = await dialog.getByLabel("Recovery sign-in code").inputValue();
    expect(code.length).toBeGreaterThan(6);
    await dialog.getByRole("button", { name: "Close" }).click();
    const danielPage = await openConsole(browser);
    others.push(danielPage);
    await signInWithCode(danielPage.page, accord.baseUrl, code);
    await go(danielPage.page, "/account", "Daniel Okafor");
    await danielPage.page.getByText(/Recovery code issued by Maya Lindqvist on \d/).waitFor();
    await expectNoAxeViolations(danielPage.page, "account with a recovery");

    // Each change, in the organization's audit log.
    const audit = page.getByRole("region", { name: "Audit log" });
    for (const words of [
      "created an embed key",
      "changed the allowed origins of Northwind Retail",
      "Added: https://intranet.example",
      "changed intranet provisioning for Northwind Retail",
      "removed Daniel Okafor",
      "restored Daniel Okafor",
      "issued an account recovery code for Daniel Okafor",
    ]) {
      await expect.poll(() => audit.textContent(), { message: words }).toContain(words);
    }
    await expectNoAxeViolations(page, "organization after changes");

    await checkAndCapture(page, "organization");
  }, 120_000);

  it("keeps the Organization screen from a member: no navigation to it, and the API's 403 if they open its URL", async () => {
    const fatima = await another("Fatima Zahra");
    const nav = fatima.page.getByRole("navigation", { name: "Console" });
    await expect.poll(() => nav.textContent()).toContain("Fatima Zahra");
    expect(await nav.getByRole("link", { name: "Organization" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "New partnership" }).count()).toBe(0);
    expect(await nav.textContent()).toContain("Only Acme Logistics's admins create partnerships.");

    await go(fatima.page, "/organization", "Organization");
    const alert = fatima.page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("Only Acme Logistics's admins manage the organization");
    expect((await sessionCall(fatima.page, "GET", "/api/v1/organizations/org_acme")).status).toBe(403);
    await expectNoAxeViolations(fatima.page, "organization refused");
  });

  it("lowers k only when both organizations approve, for cycles that open afterwards", async () => {
    const page = maya.page;
    // A partnership of two organizations with an agreed principle, through the API.
    const created = await sessionCall<{ id: string }>(page, "POST", "/api/v1/partnerships", {
      name: "Northwind × Harbour trial",
    });
    expect(created.status).toBe(201);
    const pid = created.json.id;
    const invited = await sessionCall<{ signInCode: string }>(
      page,
      "POST",
      `/api/v1/partnerships/${pid}/organizations`,
      {
        name: "Harbour Freight",
        facilitator: { name: "Ines Duarte" },
      },
    );
    expect(invited.status).toBe(201);
    const ines = await openConsole(browser);
    others.push(ines);
    await signInWithCode(ines.page, accord.baseUrl, invited.json.signInCode);
    const principle = await sessionCall<{ id: string }>(page, "POST", `/api/v1/partnerships/${pid}/principles`, {
      title: "Raise problems early",
      description: "Whoever sees a delay tells the other side within the hour.",
    });
    expect(principle.status).toBe(201);
    for (const c of [maya, ines]) {
      const r = await sessionCall(c.page, "PUT", `/api/v1/partnerships/${pid}/principles/${principle.json.id}/stance`, {
        stance: "endorse",
      });
      expect(r.status).toBe(200);
    }
    // Someone Northwind already knows joins without a code: a code never hands over an account.
    await go(page, `/p/${pid}/people`, "People");
    await page.getByRole("button", { name: "Invite someone" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Daniel Okafor");
    await page.getByLabel("E-mail or intranet id").fill("daniel.okafor@northwind.example");
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    await page.getByText("Daniel Okafor already has an account; they now see this partnership").waitFor();
    expect(await page.getByLabel("Sign-in code").count()).toBe(0);
    await expectNoAxeViolations(page, "people: an existing person invited");

    const before = await sessionCall<{ id: string; k: number }>(page, "POST", `/api/v1/partnerships/${pid}/cycles`, {
      kind: "assessment",
      title: "Opened before the change",
    });
    expect(before.status).toBe(201);

    // Northwind's facilitator lowers k: a proposal awaiting Harbour, and k stays 5.
    await go(page, `/p/${pid}/settings`, "Settings");
    const k = page.getByLabel("Minimum responses to show a figure (k)");
    expect(await k.inputValue()).toBe("5");
    await k.fill("3");
    await page.getByText("Lowering needs every organization's approval").waitFor();
    await page.getByLabel("Why lower it?").fill("Our pilot teams are small.");
    await keepScreenshot(page.locator(".lowering-note"), "console-settings-lowering-1280.png");
    await page.getByRole("button", { name: "Save and propose" }).click();
    await page.getByRole("status").filter({ hasText: "is proposed to the other organizations" }).waitFor();
    const proposals = page.getByRole("region", { name: "Proposed changes" });
    await expect.poll(() => proposals.textContent()).toContain("Awaiting Harbour Freight");
    expect(await proposals.textContent()).toContain("Our pilot teams are small.");
    expect(await proposals.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    expect(await k.inputValue()).toBe("5");
    const settings = await sessionCall<{ settings: { k: number } }>(page, "GET", `/api/v1/partnerships/${pid}`);
    expect(settings.json.settings.k).toBe(5);
    await expectNoAxeViolations(page, "settings with a proposal");
    await keepScreenshot(proposals, "console-settings-proposal-1280.png");

    // Harbour's facilitator finds it on the home to-do list and approves: k is 3.
    await go(ines.page, `/p/${pid}`, "Northwind × Harbour trial");
    await ines.page
      .getByRole("region", { name: "What needs you" })
      .getByRole("link", { name: /^Lower k/ })
      .click();
    await heading(ines.page, "Settings");
    const theirs = ines.page.getByRole("region", { name: "Proposed changes" });
    await theirs.getByRole("button", { name: "Approve for Harbour Freight" }).click();
    await expect.poll(() => ines.page.getByLabel("Minimum responses to show a figure (k)").inputValue()).toBe("3");
    await go(page, `/p/${pid}/settings`, "Settings");
    expect(await k.inputValue()).toBe("3");

    // A cycle opened now has k = 3; the one opened before keeps k = 5.
    const after = await sessionCall<{ id: string }>(page, "POST", `/api/v1/partnerships/${pid}/cycles`, {
      kind: "pulse",
      title: "Opened after the change",
      principleId: principle.json.id,
    });
    expect(after.status).toBe(201);
    await go(page, `/p/${pid}/cycles/${after.json.id}`, "Opened after the change");
    await page.getByText("k = 3, fixed when it opened").waitFor();
    await go(page, `/p/${pid}/cycles/${before.json.id}`, "Opened before the change");
    await page.getByText("k = 5, fixed when it opened").waitFor();

    // Nobody answered yet: the counts stay hidden, and closing early is refused, saying why.
    const participation = page.getByRole("list", { name: "Participation per organization" });
    await expect.poll(() => participation.textContent()).toContain("fewer than 5 responded");
    expect(await page.getByRole("button", { name: "Close and publish results" }).isDisabled()).toBe(true);
    expect(await page.locator(".close-why").textContent()).toContain(
      "Northwind Retail and Harbour Freight have fewer than 5 respondents; closing now would publish nothing",
    );
    await expectNoAxeViolations(page, "open cycle below k");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepScreenshot(page, "console-cycle-below-k-390.png", { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it("speaks German on the Organization screen, in Settings and in the audit log", async () => {
    const page = maya.page;
    await go(page, "/account", "Maya Lindqvist");
    await page.getByRole("region", { name: "Language" }).getByLabel("Language").selectOption("de");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("de");
    const mainText = async () => {
      await page.locator(".loading").first().waitFor({ state: "detached" });
      return (await page.locator("#main").textContent()) ?? "";
    };

    // The Organization screen: its sections, and the first test's changes as German sentences.
    await go(page, "/organization", "Northwind Retail");
    for (const name of ["Personen", "Einbettungsschlüssel", "Erlaubte Ursprünge", "Anlegen über das Intranet"]) {
      await page.getByRole("region", { name }).waitFor();
    }
    const audit = page.getByRole("region", { name: "Protokoll" });
    for (const words of [
      "hat den Einbettungsschlüssel „Intranet production“ angelegt",
      "hat die erlaubten Ursprünge von Northwind Retail geändert",
      "Hinzugefügt: https://intranet.example",
      "hat Daniel Okafor entfernt",
      "hat einen Wiederherstellungscode für Daniel Okafor ausgestellt",
    ]) {
      await expect.poll(() => audit.textContent(), { message: words }).toContain(words);
    }
    const organization = await mainText();
    for (const english of ["Embed keys", "Allowed origins", "Create key", "created an embed key", "removed Daniel"]) {
      expect(organization, `"${english}" left on the Organization screen`).not.toContain(english);
    }
    await expectNoAxeViolations(page, "organization in German");

    // Settings of the demo partnership.
    const pid = "prt_demonorthwind";
    await go(page, `/p/${pid}/settings`, "Einstellungen");
    const settings = await mainText();
    for (const word of ["Organisationen", "Organisation einladen", "Daten der Partnerschaft herunterladen"]) {
      expect(settings, `settings say "${word}"`).toContain(word);
    }
    for (const english of ["Organizations", "Invite an organization", "Download the partnership's data", "joined"]) {
      expect(settings, `"${english}" left in Settings`).not.toContain(english);
    }

    // The partnership's audit log notes the organization's changes too, in German.
    await go(page, `/p/${pid}/audit`, "Protokoll");
    await expect.poll(mainText).toContain("hat Daniel Okafor wiederhergestellt");
    const log = await mainText();
    for (const english of ["restored Daniel Okafor", "removed Daniel Okafor", "proposed a principle", "endorsed “"]) {
      expect(log, `"${english}" left in the audit log`).not.toContain(english);
    }
    await expectNoAxeViolations(page, "audit log in German");

    await go(page, "/account", "Maya Lindqvist");
    await page.getByRole("region", { name: "Sprache" }).getByLabel("Sprache").selectOption("en");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
  }, 120_000);

  it("never tripped the CSP or threw in the page", () => {
    for (const c of [maya, ...others]) {
      expect(c.cspViolations).toEqual([]);
      expect(c.pageErrors).toEqual([]);
    }
  });
});
