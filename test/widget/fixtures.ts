/**
 * The widget's browser tests run the real thing: the worker on workerd serving the built widget
 * (127.0.0.1), the demo intranet on another origin (localhost) signing embed tokens with its key,
 * and Debian's Chromium. Helpers here set that up and read back what the API stored.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { type Client, call } from "../../widget/src/api";
import {
  DEMO_EMBED_KEY_ID,
  demoEmbedSecret,
  demoIntranetStatements,
  INTRANET_PEOPLE,
  type Intranet,
  type IntranetPerson,
  intranetCsp,
  signEmbedToken,
  startIntranet,
} from "../../worker/scripts/intranet";
import { DEMO_PARTNERSHIP_ID } from "../../worker/scripts/seed";
import { type Accord, launchBrowser, startAccord, TEST_RATING_KEY } from "../browser/harness";

export { DEMO_EMBED_KEY_ID, DEMO_PARTNERSHIP_ID };
export const PID = DEMO_PARTNERSHIP_ID;
const MANIFEST = fileURLToPath(new URL("../../widget/dist/embed/v1/manifest.json", import.meta.url));

/** What the widget's build writes to embed/v1/manifest.json. */
interface WidgetManifest {
  script: string;
  integrity: string;
  alias: string;
  gzipBytes: number;
  lazy: { path: string; integrity: string }[];
}

/** The built widget's manifest; the tests need the build (npm test runs `npm run build:ui` first). */
export function builtManifest(): WidgetManifest {
  if (!existsSync(MANIFEST)) {
    throw new Error("The widget is not built (widget/dist/embed/v1/manifest.json is missing): run `npm run build:ui`");
  }
  return JSON.parse(readFileSync(MANIFEST, "utf8"));
}

/** A person of the intranet's directory by first name. */
export function person(firstName: string): IntranetPerson {
  const found = INTRANET_PEOPLE.find((p) => p.name.startsWith(`${firstName} `));
  if (!found) throw new Error(`No intranet person called ${firstName}`);
  return found;
}

export interface EmbedDemo {
  accord: Accord;
  intranet: Intranet;
  browser: Browser;
  secret: string;
  /** A client with a demo facilitator's personal token (Maya, Northwind; Jonas, Acme). */
  facilitator: Client;
  acmeFacilitator: Client;
  /** An embed token for `who`, signed as the intranet signs them. */
  token(who: IntranetPerson, claims?: Record<string, unknown>): string;
  /** The API through the embed door as `who`, from the intranet's origin. */
  asPerson(who: IntranetPerson): Client;
  stop(): Promise<void>;
}

const bearer = (base: string, token: string | undefined): Client => ({
  base,
  auth: { kind: "bearer", token: async () => token ?? null },
});

/** Worker + seeded D1, the intranet (its key and origin set up as `npm start` does) and Chromium. */
export async function startEmbedDemo(): Promise<EmbedDemo> {
  builtManifest();
  const accord = await startAccord();
  let intranet: Intranet | undefined;
  let browser: Browser | undefined;
  try {
    intranet = await startIntranet({ port: 0, ratingKey: TEST_RATING_KEY, workerOrigin: accord.baseUrl });
    await accord.sql(await demoIntranetStatements(TEST_RATING_KEY, intranet.url));
    // Test pages served by the browser itself (route.fulfill) count as public; let them reach the
    // worker on loopback as a real intranet page reaches a deployed Accord.
    browser = await launchBrowser({
      args: [
        "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights",
      ],
    });
  } catch (error) {
    await intranet?.close();
    await accord.stop();
    throw error;
  }
  const secret = demoEmbedSecret(TEST_RATING_KEY);
  const tokenOf = (name: string) => accord.demo.people.find((p) => p.name === name)?.token;
  const { url } = intranet;
  const started = { intranet, browser };
  return {
    accord,
    intranet,
    browser,
    secret,
    facilitator: bearer(accord.baseUrl, tokenOf("Maya Lindqvist")),
    acmeFacilitator: bearer(accord.baseUrl, tokenOf("Jonas Weber")),
    token: (who, claims) => signEmbedToken(secret, who, claims),
    asPerson: (who) => ({
      base: accord.baseUrl,
      auth: { kind: "embed", token: async () => signEmbedToken(secret, who) },
      // Node's fetch sends no Origin of its own; the embed door wants the intranet's.
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, Origin: url } }),
    }),
    async stop() {
      await started.browser.close().catch(() => undefined);
      await started.intranet.close().catch(() => undefined);
      await accord.stop();
    },
  };
}

/** Unwraps a Result in a test, failing with the API's error. */
export function ok<T>(result: { ok: true; value: T } | { ok: false; error: { status: number; message: string } }): T {
  if (!result.ok) throw new Error(`API answered ${result.error.status}: ${result.error.message}`);
  return result.value;
}

/** The database's "now", written as the worker writes times. */
const SQL_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * Schedules a fresh cycle opening now, so a test starts from no answers. One assessment runs at a
 * time, so a running one is ended first, straight in the database: closing early through the API
 * needs k respondents per organization.
 */
export async function openCycle(demo: EmbedDemo, kind: "assessment" | "pulse", title?: string) {
  if (kind === "assessment") {
    await demo.accord.sql(
      `UPDATE cycles SET closes_at = ${SQL_NOW} WHERE partnership_id = '${PID}' AND kind = 'assessment' AND opens_at <= ${SQL_NOW} AND closes_at > ${SQL_NOW};`,
    );
  }
  return ok(
    await call(demo.facilitator, "post", "/api/v1/partnerships/{partnershipId}/cycles", {
      params: { partnershipId: PID },
      body: { kind, ...(title ? { title } : {}) },
    }),
  );
}

/**
 * A page at `url` (on the intranet's origin unless said otherwise, under the intranet's CSP) that
 * loads the embed script and holds `elements`; events are recorded from the start, and `prepare`
 * runs before the page loads (routes, request listeners).
 */
export async function pageWith(
  demo: EmbedDemo,
  url: string,
  elements: string,
  prepare?: (page: Page) => Promise<void> | void,
): Promise<Page> {
  const page = await demo.browser.newPage({ viewport: { width: 900, height: 900 } });
  await recordEvents(page);
  await prepare?.(page);
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      headers: { "Content-Security-Policy": intranetCsp(demo.accord.baseUrl) },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test</title>
        <script src="${demo.accord.baseUrl}/embed/v1/accord.js"></script></head>
        <body><main><h1>Test</h1>${elements}</main></body></html>`,
    }),
  );
  await page.goto(url);
  return page;
}

/** `who`'s own answers in the current cycle of `kind`, read through the embed door. */
export async function answersOf(demo: EmbedDemo, who: IntranetPerson, kind: "assessment" | "pulse") {
  const current = ok(
    await call(demo.asPerson(who), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
      params: { partnershipId: PID },
      query: { kind },
    }),
  );
  return current.mine?.answers ?? [];
}

/** Rows in the ratings table for a cycle (it holds no person: this counts answers, not people). */
export async function ratingRows(demo: EmbedDemo, cycleId: string): Promise<number> {
  const [row] = await demo.accord.query<{ n: number }>("SELECT COUNT(*) AS n FROM ratings WHERE cycle_id = ?", cycleId);
  return row?.n ?? 0;
}

/** Opens the intranet as `who` (its demo sign-in; `query` e.g. "&lang=de"), recording events first. */
export async function openIntranet(demo: EmbedDemo, who: IntranetPerson, query = ""): Promise<Page> {
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await recordEvents(page);
  await page.goto(`${demo.intranet.url}/?as=${encodeURIComponent(who.externalId)}${query}`);
  return page;
}

/** Records events the widget sends to the host page, and CSP violations, from before any script runs. */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { accordEvents: { type: string; detail: unknown }[]; violations: string[] };
    w.accordEvents = [];
    w.violations = [];
    for (const type of ["accord:submitted", "accord:error"]) {
      document.addEventListener(type, (e) => w.accordEvents.push({ type, detail: (e as CustomEvent).detail }));
    }
    document.addEventListener("securitypolicyviolation", (e) =>
      w.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
}

export const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { accordEvents: { type: string; detail: unknown }[] }).accordEvents);
export const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { violations: string[] }).violations);
