/**
 * Reminder cards on a shared-tool site: *.example.test is mapped to a loopback page server, and
 * the test build holds that host's permission (a test browser cannot click a prompt).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodKey, principleFor } from "../../extension/utils/reminders/pick";
import { axeViolations } from "../browser/axe";
import { type Accord, launchWithExtension, startAccord } from "../browser/harness";
import { keepScreenshot } from "../browser/screenshots";
import { testBuild } from "./build";
import { api, extensionPage, pair, person, registeredScripts, stored } from "./helpers";

const PARTNERSHIP = "prt_demonorthwind";
/** Markup that would run, or at least show as bold, if the card ever interpreted it as HTML. */
const MARKUP_TITLE = `<img src=x onerror="document.title='pwned'"><b>Say it</b> & mean it`;
const MARKUP_TEXT = `<script>document.title='pwned'</script>We say what we mean, in <i>writing</i>.`;

/** A stand-in for a shared tool: any host name, the same small accessible page. */
function toolServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sprint board · ${req.headers.host}</title></head>
<body><main><h1>Sprint board</h1><p>Shipment dashboard tickets for this sprint.</p></main></body></html>`);
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

describe("extension: reminder cards on shared-tool sites", () => {
  let accord: Accord;
  let ext: Awaited<ReturnType<typeof launchWithExtension>>;
  let server: Server;
  let port: number;
  let markupId: string;
  let options: Page;
  /** Sites chosen so that today's principle on the first is the one with markup. */
  let sites: { markup: string; snooze: string; rate: string };

  const card = (page: Page) => page.locator("accord-reminder");
  const visit = async (host: string) => {
    const page = await ext.context.newPage();
    await page.goto(`http://${host}:${port}/`);
    return page;
  };
  /** After a load, the card has had time to ask the background and appear (it takes ~100 ms). */
  const settled = (page: Page) => page.waitForTimeout(1500);

  beforeAll(async () => {
    const dir = await testBuild();
    [accord, server] = await Promise.all([startAccord(), toolServer()]);
    port = (server.address() as AddressInfo).port;

    // A principle whose wording is markup, agreed by both organizations' facilitators.
    const maya = person(accord, "Maya Lindqvist");
    const jonas = person(accord, "Jonas Weber");
    const proposed = await api<{ id: string }>(
      accord,
      maya.token,
      "POST",
      `/api/v1/partnerships/${PARTNERSHIP}/principles`,
      {
        title: MARKUP_TITLE,
        description: MARKUP_TEXT,
      },
    );
    expect(proposed.status).toBe(201);
    markupId = proposed.body.id;
    for (const facilitator of [maya, jonas]) {
      const stance = await api(
        accord,
        facilitator.token,
        "PUT",
        `/api/v1/partnerships/${PARTNERSHIP}/principles/${markupId}/stance`,
        {
          stance: "endorse",
        },
      );
      expect(stance.status).toBe(200);
    }
    const agreed = await api<{ principles: { id: string; agreedVersion: { title: string; description: string } }[] }>(
      accord,
      maya.token,
      "GET",
      `/api/v1/partnerships/${PARTNERSHIP}/principles?status=agreed`,
    );
    const principles = agreed.body.principles.map((p) => ({ ...p.agreedVersion, id: p.id }));
    expect(principles.map((p) => p.id)).toContain(markupId);
    // The card's choice is a pure function of the site and the day: find a site that shows it today.
    const today = periodKey("daily");
    const hosts = Array.from({ length: 200 }, (_, i) => `tool${i}.example.test`);
    const markupHost = hosts.find((h) => principleFor(principles, `http://${h}/*`, today)?.id === markupId);
    if (!markupHost) throw new Error("No test host shows the markup principle today");
    sites = { markup: markupHost, snooze: "chat.example.test", rate: "wiki.example.test" };

    ext = await launchWithExtension(dir, ["--host-resolver-rules=MAP *.example.test 127.0.0.1"]);
    options = await pair(ext.context, ext.extensionId, accord, person(accord, "Daniel Okafor").token);
  });

  afterAll(async () => {
    await ext?.close();
    await accord?.stop();
    await new Promise((done) => server?.close(done));
  });

  it("shows no card before the person chose the site", async () => {
    const page = await visit(sites.markup);
    await settled(page);
    expect(await card(page).count()).toBe(0);
    expect(await registeredScripts(ext.context, ext.extensionId)).toEqual([]);
    await page.close();
  });

  it("adds reminder sites on the options page and registers the script for exactly those", async () => {
    for (const host of [sites.markup, sites.snooze, sites.rate]) {
      await options.getByLabel("Add a site").fill(`http://${host}/*`);
      await options.getByRole("button", { name: "Add and allow" }).click();
      await options.getByRole("button", { name: `Stop reminders on http://${host}/*` }).waitFor();
    }
    await options.getByLabel("Add a site").fill("not a site");
    await options.getByRole("button", { name: "Add and allow" }).click();
    await options.getByRole("alert").getByText("Use a site pattern like").waitFor();
    await options.getByLabel("Add a site").fill("");
    expect(await axeViolations(options)).toEqual([]);

    await expect
      .poll(async () => (await registeredScripts(ext.context, ext.extensionId)).flatMap((s) => s.matches ?? []).sort())
      .toEqual([sites.markup, sites.snooze, sites.rate].map((h) => `http://${h}/*`).sort());
    const scripts = await registeredScripts(ext.context, ext.extensionId);
    expect(JSON.stringify(scripts)).not.toContain("<all_urls>");
  });

  it("shows today's principle as text, never as markup, in an accessible card", async () => {
    const page = await visit(sites.markup);
    const heading = card(page).getByRole("heading", { level: 2 });
    await heading.waitFor();
    expect(await heading.textContent()).toBe(MARKUP_TITLE);
    expect(await card(page).getByText(MARKUP_TEXT, { exact: true }).count()).toBe(1);
    const injected = await page.evaluate(() => {
      const root = document.querySelector("accord-reminder")?.shadowRoot;
      return root?.querySelectorAll("img, b, i, script").length ?? -1;
    });
    expect(injected).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    // Nothing of the extension's leaks into the page outside the shadow root.
    expect(await page.evaluate(() => document.body.textContent)).not.toContain("Say it");
    expect(await axeViolations(page)).toEqual([]);
    await keepScreenshot(page, "extension-reminder-card-markup.png");

    await card(page).getByRole("button", { name: "Dismiss for today" }).click();
    expect(await card(page).count()).toBe(0);
    await page.reload();
    await settled(page);
    expect(await card(page).count()).toBe(0);
    const state = await stored<Record<string, { dismissedPeriod?: string }>>(
      ext.context,
      ext.extensionId,
      "reminderState",
    );
    expect(state?.[`http://${sites.markup}/*`]?.dismissedPeriod).toBe(periodKey("daily"));
    await page.close();
  });

  it("snoozes a site's card for a week", async () => {
    const page = await visit(sites.snooze);
    await card(page).getByRole("heading", { level: 2 }).waitFor();
    await page.waitForTimeout(300); // the card's entrance animation
    await keepScreenshot(page, "extension-reminder-card.png");
    await card(page).getByRole("button", { name: "Snooze for a week" }).click();
    expect(await card(page).count()).toBe(0);
    // The card goes at once; the background records the snooze a moment later.
    const snoozedUntil = async () =>
      (await stored<Record<string, { snoozedUntil?: number }>>(ext.context, ext.extensionId, "reminderState"))?.[
        `http://${sites.snooze}/*`
      ]?.snoozedUntil ?? 0;
    await expect.poll(snoozedUntil).toBeGreaterThan(0);
    const until = await snoozedUntil();
    expect(until - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(until - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    await page.reload();
    await settled(page);
    expect(await card(page).count()).toBe(0);
    await page.close();
  });

  it("opens the pulse from the card, by keyboard", async () => {
    const page = await visit(sites.rate);
    const rate = card(page).getByRole("button", { name: "Rate how we live it" });
    await rate.waitFor();
    await rate.focus();
    const opened = ext.context.waitForEvent("page");
    await page.keyboard.press("Enter");
    const pulse = await opened;
    expect(pulse.url()).toBe(extensionPage(ext.extensionId, `popup.html?partnership=${PARTNERSHIP}`));
    await pulse.getByRole("region", { name: "Pulse" }).waitFor();
    expect(await card(page).count()).toBe(0);
    await pulse.close();
    await page.close();
  });

  it("never runs on a host the person did not choose", async () => {
    const matches = (await registeredScripts(ext.context, ext.extensionId)).flatMap((s) => s.matches ?? []);
    expect(matches.some((m) => m.includes("elsewhere") || m.includes("//*.") || m === "<all_urls>")).toBe(false);
    const page = await visit("elsewhere.example.test");
    await settled(page);
    expect(await card(page).count()).toBe(0);
    await page.close();
  });
});
