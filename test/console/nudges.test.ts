/**
 * Nudges end to end, in headless Chromium against a real worker with its real queue: a facilitator
 * connects the demo inbox (served by the demo intranet, as under `npm start`) from the Nudges
 * screen, opens a cycle, and the nudge shows up on the inbox page; the screen then reads in German.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PARTNERSHIP_ID } from "../../worker/scripts/demo/story";
import { type Intranet, startIntranet } from "../../worker/scripts/intranet";
import { type Accord, TEST_RATING_KEY } from "../browser/harness";
import {
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

describe("console: nudges to the demo inbox", () => {
  let world: ConsoleWorld;
  let accord: Accord;
  let browser: Browser;
  let intranet: Intranet;
  let maya: ConsolePage;

  beforeAll(async () => {
    world = await startConsoleWorld();
    ({ accord, browser } = world);
    intranet = await startIntranet({ port: 0, ratingKey: TEST_RATING_KEY, workerOrigin: accord.baseUrl });
    maya = await openConsole(browser);
  });

  afterAll(async () => {
    await intranet?.close();
    await world?.stop();
  });

  it("connects the demo inbox, and opening a cycle puts a nudge on the inbox page", async () => {
    const token = accord.demo.people.find((p) => p.name === "Maya Lindqvist")?.token;
    if (!token) throw new Error("The demo seed gives Maya no token");
    const { page } = maya;
    await signInWithCode(page, accord.baseUrl, await pairingCode(accord.baseUrl, token));
    await page.goto(`${accord.baseUrl}/p/${DEMO_PARTNERSHIP_ID}`);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Nudges" }).click();
    await heading(page, "Nudges");

    const hook = `${intranet.url}/inbox/hooks/northwind`;
    const channel = page.getByRole("region", { name: /channel$/ });
    await channel.getByLabel("Slack (incoming webhook)").check();
    await channel.getByLabel("Webhook URL").fill(hook);
    await channel.getByRole("button", { name: "Connect channel" }).click();
    // Saved, then shown only masked.
    await expect.poll(() => channel.textContent()).toMatch(/Posts to localhost:\d+\/…wind/);
    expect(await page.content()).not.toContain(hook);
    await expectNoAxeViolations(page, "nudges");

    // The test message arrives and is logged as delivered.
    await channel.getByRole("button", { name: "Send a test message" }).click();
    const log = page.getByRole("region", { name: "Delivery log" });
    await expect
      .poll(() => log.getByRole("row").filter({ hasText: "Test message" }).textContent(), { timeout: 20_000 })
      .toContain("Delivered");

    // Open a cycle: a pulse, from the console's own session.
    const opened = await sessionCall<{ id: string; status: string }>(
      page,
      "POST",
      `/api/v1/partnerships/${DEMO_PARTNERSHIP_ID}/cycles`,
      { kind: "pulse", title: "Nudge check" },
    );
    expect(opened.status).toBe(201);
    expect(opened.json.status).toBe("open");

    const inbox = await maya.context.newPage();
    await expect
      .poll(
        async () => {
          await inbox.goto(`${intranet.url}/inbox`);
          return inbox.getByRole("list", { name: "Messages" }).textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/A pulse is open in /);
    const message = inbox.getByRole("listitem").filter({ hasText: "A pulse is open in" }).first();
    expect(await message.textContent()).toContain("/inbox/hooks/northwind");
    // The answer link points at this cycle's survey in the console.
    await message.getByText("Raw JSON").click();
    expect(await message.locator("pre").textContent()).toContain(
      `/surveys?partnership=${DEMO_PARTNERSHIP_ID}&cycle=${opened.json.id}`,
    );

    await expect
      .poll(() => log.getByRole("row").filter({ hasText: "Cycle opened" }).first().textContent(), { timeout: 20_000 })
      .toContain("Delivered");
    expect(maya.cspViolations).toEqual([]);
    expect(maya.pageErrors).toEqual([]);
  });

  it("says the channel and its delivery log in German", async () => {
    const { page } = maya;
    await page.goto(`${accord.baseUrl}/account`);
    await page.getByRole("region", { name: "Language" }).getByLabel("Language").selectOption("de");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("de");
    await page.goto(`${accord.baseUrl}/p/${DEMO_PARTNERSHIP_ID}/channels`);
    await heading(page, "Nudges");
    const channel = page.getByRole("region", { name: "Kanal von Northwind Retail" });
    await expect.poll(() => channel.textContent()).toMatch(/Sendet an localhost:\d+\/…wind · verbunden am \d/);
    expect(await channel.getByRole("button", { name: "Testnachricht senden" }).count()).toBe(1);
    const log = page.getByRole("region", { name: "Zustellprotokoll" });
    await expect
      .poll(() => log.getByRole("row").filter({ hasText: "Testnachricht" }).textContent())
      .toContain("Zugestellt");
    const text = (await page.locator("#main").textContent()) ?? "";
    for (const english of ["Delivery log", "Test message", "Delivered", "Posts to", "Send a test message"]) {
      expect(text, `"${english}" left on the Nudges screen`).not.toContain(english);
    }
    await expectNoAxeViolations(page, "nudges in German");
    expect(maya.pageErrors).toEqual([]);
  });
});
