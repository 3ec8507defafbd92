/**
 * Helpers for the console's browser tests: sign a person in through the real sign-in screen, call
 * the API as them (with their session cookie, from the console's own origin), run axe-core, and
 * watch for anything the strict CSP refused.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { axeViolations } from "../browser/axe";
import { type Accord, launchBrowser, startAccord } from "../browser/harness";
import { keepScreenshot } from "../browser/screenshots";

export interface ConsoleWorld {
  accord: Accord;
  browser: Browser;
  url(path: string): string;
  /** Opens `path` and waits for the screen's main heading. */
  go(page: Page, path: string, title: string | RegExp): Promise<void>;
  stop(): Promise<void>;
}

/** The worker with the demo, serving the built console, and a Chromium to drive it. */
export async function startConsoleWorld(): Promise<ConsoleWorld> {
  const built = join(import.meta.dirname, "../../widget/dist");
  if (!existsSync(join(built, "index.html")) || !existsSync(join(built, "embed/v1/manifest.json"))) {
    throw new Error("The console is not built: run `npm run build:ui` before the browser tests");
  }
  const accord = await startAccord();
  const browser = await launchBrowser();
  const url = (path: string) => `${accord.baseUrl}${path}`;
  return {
    accord,
    browser,
    url,
    async go(page, path, title) {
      await page.goto(url(path));
      await heading(page, title);
    },
    async stop() {
      await browser.close();
      await accord.stop();
    },
  };
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Messages where the browser refused something under the CSP (must stay empty). */
  cspViolations: string[];
  /** Uncaught errors in the page (must stay empty). */
  pageErrors: string[];
}

/** A fresh browser context (its own cookies) with a console page, CSP left on. */
export async function openConsole(browser: Browser, width = 1280): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-GB", timezoneId: "UTC" });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return { context, page, cspViolations, pageErrors };
}

/** A one-time sign-in code for a person, issued with their personal token (pairing). */
export async function pairingCode(baseUrl: string, token: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/me/sign-in-codes`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { signInCode: string }).signInCode;
}

/** Exchanges a sign-in code for a personal token (what the extension does). */
export async function exchangeCode(baseUrl: string, code: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, label: "browser test" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** Signs in through the console's sign-in screen, the code arriving in the link as an invite would. */
export async function signInWithCode(page: Page, baseUrl: string, code: string) {
  await page.goto(`${baseUrl}/sign-in?code=${encodeURIComponent(code)}`);
  await expect.poll(() => page.getByLabel("Sign-in code").inputValue()).toBe(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".shell").waitFor();
}

/** Calls the API from inside the console page, so the session cookie and Origin are the console's. */
export async function sessionCall<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        credentials: "same-origin",
        headers:
          body === undefined ? {} : { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** Calls the API with a personal token. */
export async function bearerCall<T = unknown>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as T) : (null as T) };
}

/** Expects no axe-core violations on the page as it is. */
export async function expectNoAxeViolations(page: Page, screen: string) {
  const violations = await axeViolations(page);
  expect(violations, `axe-core violations on ${screen}:\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Clicks a link or button and waits for the new screen's main heading. */
export async function heading(page: Page, name: string | RegExp) {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/**
 * Checks a screen at 390 px as well (no axe violation, no sideways scroll) and, when screenshots are
 * wanted, keeps a full-page capture at 1280 and 390 px, drawn from the top (sticky bars follow the
 * scroll position).
 */
export async function checkAndCapture(page: Page, screen: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await keepScreenshot(page, `console-${screen}-1280.png`, { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page, `${screen} at 390 px`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.evaluate(() => window.scrollTo(0, 0));
  await keepScreenshot(page, `console-${screen}-390.png`, { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
