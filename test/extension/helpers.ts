/** Shared steps of the extension's browser tests: the API as a person, pairing, the badge. */
import type { BrowserContext, Page, Worker } from "playwright-core";
import { expect } from "vitest";
import type { Accord } from "../browser/harness";

/** The few extension APIs the tests read inside the service worker (where `chrome` exists). */
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; remove(key: string): Promise<void> } };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
};

/** Registered content scripts, read in the service worker. */
export async function registeredScripts(context: BrowserContext, extensionId: string) {
  const sw = await serviceWorker(context, extensionId);
  return sw.evaluate(() => chrome.scripting.getRegisteredContentScripts());
}

/** Calls the API as a person (by their personal token); returns status and JSON body. */
export async function api<T = unknown>(
  accord: Accord,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${accord.baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A demo person with a token, by name. */
export function person(accord: Accord, name: string) {
  const found = accord.demo.people.find((p) => p.name === name);
  if (!found?.token) throw new Error(`The demo has no ${name} with a token`);
  return { ...found, token: found.token };
}

export const extensionPage = (id: string, path: string) => `chrome-extension://${id}/${path}`;

/** Pairs the extension: a sign-in code issued by the running worker, entered on the options page. */
export async function pair(context: BrowserContext, extensionId: string, accord: Accord, token: string): Promise<Page> {
  const issued = await api<{ signInCode: string }>(accord, token, "POST", "/api/v1/me/sign-in-codes");
  expect(issued.status).toBe(201);
  return pairWithCode(context, extensionId, accord, issued.body.signInCode);
}

/** Pairs the extension with a sign-in code issued elsewhere (e.g. an invite). */
export async function pairWithCode(
  context: BrowserContext,
  extensionId: string,
  accord: Accord,
  code: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(extensionPage(extensionId, "options.html"));
  await page.getByLabel("API address").fill(accord.baseUrl);
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Signed in as").waitFor();
  return page;
}

/** The extension's service worker (woken by opening one of its pages if it went idle). */
async function serviceWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const mine = () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  const found = mine();
  if (found) return found;
  const page = await context.newPage();
  await page.goto(extensionPage(extensionId, "popup.html"));
  await page.close();
  return mine() ?? context.waitForEvent("serviceworker");
}

/** The toolbar badge's text, read in the service worker. */
export async function badgeText(context: BrowserContext, extensionId: string): Promise<string> {
  const sw = await serviceWorker(context, extensionId);
  return sw.evaluate(() => chrome.action.getBadgeText({}));
}

/** What the extension keeps in storage.local under a key, read in the service worker. */
export async function stored<T>(context: BrowserContext, extensionId: string, key: string): Promise<T | undefined> {
  const sw = await serviceWorker(context, extensionId);
  return sw.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<T | undefined>;
}

/** Forgets the person's language choice, so the extension follows the browser's language again. */
export async function clearLanguage(context: BrowserContext, extensionId: string): Promise<void> {
  const sw = await serviceWorker(context, extensionId);
  await sw.evaluate(() => chrome.storage.local.remove("language"));
}
