/**
 * The visual review set: every console screen on the seeded demo, the four widget elements and the
 * extension popup, laid out at 1280 and 360 px, the smallest common phone (and, with `npm run
 * screenshots`, captured into test/artifacts/visual/ for a person to look at; never compared pixel
 * by pixel). At 360 px each screen must show every label, button, heading and select in full
 * (scroll width within client width, unless the element truncates on purpose and its title carries
 * the whole text) and must not scroll sideways.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension } from "../browser/harness";
import { keepScreenshot } from "../browser/screenshots";
import { testBuild } from "../extension/build";
import { type EmbedDemo, PID, person, startEmbedDemo } from "../widget/fixtures";
import { pairingCode, sessionCall, signInWithCode } from "./helpers";

const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 740 };

/**
 * Text that does not fit its box, at the current width, across the document and every open shadow
 * root: "tag.class: text" for each. A select is measured by its chosen option's text against the
 * room its box leaves for text (a select's scroll width never grows).
 */
async function cutTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const TEXT =
      "h1, h2, h3, h4, h5, h6, label, legend, button, summary, select, th, dt, .btn, .badge, [role=tab], [role=button]";
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const e of roots[i]?.querySelectorAll("*") ?? []) if (e.shadowRoot) roots.push(e.shadowRoot);
    }
    const canvas = document.createElement("canvas").getContext("2d");
    // Shown on screen: laid out, visible, and larger than the 1 px box of text kept for screen readers.
    const shown = (e: Element) => {
      const box = e.getBoundingClientRect();
      if (box.width <= 2 || box.height <= 2 || getComputedStyle(e).visibility === "hidden") return false;
      if (e.closest("[aria-hidden=true]")) return false;
      // Inside a clipped 1 px box (a table head kept for screen readers) counts as hidden too.
      for (let a = e.parentElement; a; a = a.parentElement) {
        const outer = a.getBoundingClientRect();
        if ((outer.width <= 2 || outer.height <= 2) && getComputedStyle(a).overflow !== "visible") return false;
      }
      return true;
    };
    const name = (e: Pick<Element, "tagName" | "classList" | "textContent">) =>
      `${e.tagName.toLowerCase()}${e.classList.length ? `.${[...e.classList].join(".")}` : ""}: ${(e.textContent ?? "")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 60)}`;
    const cut: string[] = [];
    for (const root of roots) {
      const candidates = new Set(root.querySelectorAll(TEXT));
      // Anything that ellipsises is a truncation, wherever it is.
      for (const e of root.querySelectorAll("*")) {
        if (getComputedStyle(e).textOverflow === "ellipsis") candidates.add(e);
      }
      for (const e of candidates) {
        if (!(e instanceof HTMLElement) || !shown(e) || e.closest("svg")) continue;
        const style = getComputedStyle(e);
        if (/auto|scroll/.test(style.overflowX)) continue;
        const text = (e.textContent ?? "").replace(/\s+/g, " ").trim();
        if (!text) continue;
        // Truncating on purpose is fine when the title gives the whole text.
        const title = e.getAttribute("title");
        if (title?.replace(/\s+/g, " ").trim().includes(text.replace(/…$/, ""))) continue;
        if (e instanceof HTMLSelectElement && canvas) {
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const chosen = e.selectedOptions[0]?.text ?? "";
          const needs = canvas.measureText(chosen).width;
          const room = e.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
          if (needs > room + 1) cut.push(`select: ${chosen} (needs ${Math.ceil(needs)} px, room ${room} px)`);
          continue;
        }
        if (e.scrollWidth > e.clientWidth + 1) cut.push(`${name(e)} (${e.scrollWidth} > ${e.clientWidth})`);
      }
    }
    return cut;
  });
}

/** Lets a screen settle: its requests answered, no loading placeholder left, fonts laid out. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector("[aria-busy=true], .skeleton, .loading"), undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Lays the page out at 1280 and at 360 px (captured whole, from the top, when screenshots are
 * wanted), and returns what is cut off at either width and how far the narrow page scrolls sideways.
 */
async function capture(page: Page, name: string, narrow = NARROW) {
  await page.setViewportSize(WIDE);
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await keepScreenshot(page, `visual/${name}-1280.png`, { fullPage: true });
  const wide = await cutTexts(page);
  await page.setViewportSize(narrow);
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const cut = [
    ...wide.map((c) => `at 1280 px: ${c}`),
    ...(await cutTexts(page)).map((c) => `at ${narrow.width} px: ${c}`),
  ];
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await keepScreenshot(page, `visual/${name}-${narrow.width}.png`, { fullPage: true });
  await page.setViewportSize(WIDE);
  return { cut, width, narrow: narrow.width };
}

/** Expects nothing cut off and no sideways scroll on the narrow screen. */
function expectFits(screen: string, result: { cut: string[]; width: number; narrow: number }) {
  expect.soft(result.cut, `text cut off on ${screen}`).toEqual([]);
  expect.soft(result.width, `sideways scroll on ${screen} at ${result.narrow} px`).toBeLessThanOrEqual(result.narrow);
}

type Item = { id: string };

/** Accord's design tokens as tokens.css declares them: name (without "--ac-") → value. */
async function designTokens(): Promise<Record<string, string>> {
  const css = await readFile(new URL("../../widget/src/ui/tokens.css", import.meta.url), "utf8");
  return Object.fromEntries([...css.matchAll(/--ac-([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]?.trim()]));
}

describe("visual review set at 1280 and 360 px", () => {
  let demo: EmbedDemo;
  let page: Page;
  /** Uncaught errors in the console page, shown when a screen does not come up. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    demo = await startEmbedDemo();
    const context = await demo.browser.newContext({ viewport: WIDE, locale: "en-GB", timezoneId: "UTC" });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await demo?.stop();
  });

  const go = async (path: string) => {
    await page.goto(`${demo.accord.baseUrl}${path}`);
    await page
      .locator("h1")
      .first()
      .waitFor()
      .catch((error: Error) => {
        throw new Error(`${path} shows no heading; page errors: ${pageErrors.join(" | ") || "none"}`, { cause: error });
      });
  };

  it("every console screen, signed out and as a facilitator", async () => {
    await go("/sign-in");
    expectFits("sign in", await capture(page, "console-sign-in"));

    const maya = demo.accord.demo.people.find((p) => p.name === "Maya Lindqvist");
    if (!maya) throw new Error("The demo seed gives no token to Maya Lindqvist");
    await signInWithCode(page, demo.accord.baseUrl, await pairingCode(demo.accord.baseUrl, maya.token));
    const list = async <T extends Item>(path: string, key: string) =>
      ((await sessionCall<Record<string, T[]>>(page, "GET", path)).json[key] ?? []) as T[];
    const base = `/api/v1/partnerships/${PID}`;
    const principles = await list<Item & { comments?: number }>(`${base}/principles`, "principles");
    const cycles = await list<Item & { status: string; kind: string }>(`${base}/cycles`, "cycles");
    const actions = await list<Item>(`${base}/actions`, "actions");
    const closed = cycles.find((c) => c.kind === "assessment" && c.status === "closed");
    const scheduled = cycles.find((c) => c.status === "scheduled") ?? cycles.find((c) => c.status === "open");

    const screens: [name: string, path: string][] = [
      ["home", "/"],
      ["partnership", `/p/${PID}`],
      ["principles", `/p/${PID}/principles`],
      ["principles-propose", `/p/${PID}/principles?propose`],
      ...principles.slice(0, 1).map((p): [string, string] => ["principle", `/p/${PID}/principles/${p.id}`]),
      ["cycles", `/p/${PID}/cycles`],
      ...(scheduled ? [["cycle", `/p/${PID}/cycles/${scheduled.id}`] as [string, string]] : []),
      ...(closed ? [["cycle-closed", `/p/${PID}/cycles/${closed.id}`] as [string, string]] : []),
      ["results", `/p/${PID}/results`],
      ["trends", `/p/${PID}/trends`],
      ...principles.slice(0, 1).map((p): [string, string] => ["trend", `/p/${PID}/trends/${p.id}`]),
      ["report", `/p/${PID}/report`],
      ["actions", `/p/${PID}/actions`],
      ...actions.slice(0, 1).map((a): [string, string] => ["action", `/p/${PID}/actions/${a.id}`]),
      ["people", `/p/${PID}/people`],
      ["settings", `/p/${PID}/settings`],
      ["embed", `/p/${PID}/embed`],
      ["audit", `/p/${PID}/audit`],
      ["channels", `/p/${PID}/channels`],
      ["surveys", `/surveys?partnership=${PID}`],
      ["account", "/account"],
      ["organization", "/organization"],
      ["new-partnership", "/partnerships/new"],
      ["not-found", "/nowhere"],
    ];
    for (const [name, path] of screens) {
      await go(path);
      expectFits(name, await capture(page, `console-${name}`));
    }

    // Forms that open on a click: scheduling a cycle (its two dates side by side).
    await go(`/p/${PID}/cycles`);
    await page.getByRole("button", { name: "Schedule a cycle" }).click();
    const opens = page.getByLabel("Opens at");
    const closes = page.getByLabel("Closes at");
    await opens.waitFor();
    const [a, b] = [await opens.boundingBox(), await closes.boundingBox()];
    expect(a && b && Math.abs(a.y - b.y), "“Opens at” and “Closes at” at one height").toBeLessThanOrEqual(1);
    expectFits("schedule a cycle", await capture(page, "console-cycles-schedule"));
  }, 240_000);

  it("the principle screen puts the endorse/object panel before the comments on a phone", async () => {
    const principles = (
      await sessionCall<{ principles: Item[] }>(page, "GET", `/api/v1/partnerships/${PID}/principles`)
    ).json.principles;
    const first = principles[0];
    if (!first) throw new Error("The demo has no principles");
    await go(`/p/${PID}/principles/${first.id}`);
    await page.setViewportSize(NARROW);
    await settle(page);
    const order = await page.evaluate(() => {
      const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().top ?? null;
      return { stances: top("[data-section=stances], #stances-title"), comments: top("#comments-title") };
    });
    await page.setViewportSize(WIDE);
    expect(order.stances, "the endorse/object panel is on the page").not.toBeNull();
    expect(order.comments, "the comments are on the page").not.toBeNull();
    expect(order.stances ?? 0).toBeLessThan(order.comments ?? 0);
  });

  it("My surveys leaves no empty card after submitting", async () => {
    await go(`/surveys?partnership=${PID}`);
    await settle(page);
    const panel = page.locator(".survey-panel .ac-assessment").first();
    if ((await panel.count()) === 0) return expectFits("surveys", await capture(page, "console-surveys-empty"));
    // Answer every principle "Often / Important" and submit, as a member would.
    for (let i = 0; i < 30; i++) {
      const scales = panel.getByRole("radiogroup");
      for (const scale of await scales.all()) await scale.getByRole("radio").nth(2).check();
      const submit = panel.getByRole("button", { name: /Submit/ });
      if (await submit.isVisible()) {
        await submit.click();
        break;
      }
      const next = panel.getByRole("button", { name: "Next" });
      if (!(await next.isVisible())) break;
      await next.click();
    }
    const done = page.locator(".survey-panel .ac-done").first();
    await done.waitFor();
    const room = await done.evaluate((e) => {
      const card = e.closest(".ac") ?? e;
      const inner = e.getBoundingClientRect();
      const outer = card.getBoundingClientRect();
      return outer.bottom - inner.bottom;
    });
    expect(room, "space left under the thanks").toBeLessThan(80);
    expectFits("surveys after submitting", await capture(page, "console-surveys-submitted"));
  });

  it("the four widget elements", async () => {
    const token = demo.token(person("Kenji"));
    const attrs = `partnership="${PID}" token="${token}"`;
    const widget = await demo.browser.newPage({ viewport: WIDE });
    await widget.route(`${demo.intranet.url}/visual`, (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
          <title>Widget</title><script src="${demo.accord.baseUrl}/embed/v1/accord.js"></script></head>
          <body><main><h1>Widget</h1>
          <accord-survey ${attrs}></accord-survey><accord-pulse ${attrs}></accord-pulse>
          <accord-principles ${attrs}></accord-principles><accord-results ${attrs} cycle="latest"></accord-results>
          </main></body></html>`,
      }),
    );
    await widget.goto(`${demo.intranet.url}/visual`);
    await widget.locator("accord-principles").getByRole("listitem").first().waitFor();
    await widget.locator("accord-results").locator(".ac-chart").waitFor();
    for (const element of ["accord-survey", "accord-pulse", "accord-principles", "accord-results"]) {
      await widget.locator(element).locator(".ac").first().waitFor();
    }
    expectFits("widget elements", await capture(widget, "widget-elements"));
    // Principle names in the results' bars are shown in full on a phone, not ellipsised.
    await widget.setViewportSize(NARROW);
    const truncated = await widget
      .locator("accord-results .ac-bar-title")
      .evaluateAll((titles) => titles.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent));
    await widget.setViewportSize(WIDE);
    expect(truncated, "principle names cut in the results widget at 360 px").toEqual([]);

    // The elements' defaults (written out in theme.css to save bytes) are Accord's design tokens.
    const defaults = await widget
      .locator("accord-pulse .ac")
      .first()
      .evaluate((e) => {
        const style = getComputedStyle(e);
        const v = (name: string) => style.getPropertyValue(name).trim();
        return {
          accent: v("--a"),
          "on-accent": v("--at"),
          text: v("--t"),
          muted: v("--m"),
          surface: v("--s"),
          background: v("--bg"),
          "border-strong": v("--b").replace(/^1px solid /, ""),
          radius: v("--r"),
          good: v("--g"),
          warn: v("--w"),
          font: style.fontFamily,
        };
      });
    const tokens = await designTokens();
    expect(defaults).toEqual(Object.fromEntries(Object.keys(defaults).map((k) => [k, tokens[k]])));
    await widget.close();
  });

  it("the extension popup", async () => {
    const dir = await testBuild();
    const ext = await launchWithExtension(dir);
    try {
      const daniel = demo.accord.demo.people.find((p) => p.name === "Daniel Okafor");
      if (!daniel) throw new Error("The demo seed gives no token to Daniel Okafor");
      const code = await pairingCode(demo.accord.baseUrl, daniel.token);
      const options = await ext.context.newPage();
      await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
      await options.getByLabel("API address").fill(demo.accord.baseUrl);
      await options.getByLabel("Sign-in code").fill(code);
      await options.getByRole("button", { name: "Sign in" }).click();
      await options.getByText("Signed in as").waitFor();
      expectFits("extension options", await capture(options, "extension-options"));
      const popup = await ext.context.newPage();
      await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
      await popup.getByRole("list").first().waitFor();
      // The popup is a fixed 420 px panel under the toolbar button (its width sets the window's): its
      // narrow capture is that width, not a phone's.
      expectFits("extension popup", await capture(popup, "extension-popup", { width: 420, height: 600 }));
    } finally {
      await ext.close();
    }
  }, 120_000);
});
