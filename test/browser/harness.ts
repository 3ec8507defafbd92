/**
 * Real parts for browser tests: the worker on workerd with its own migrated and seeded local D1
 * (a fresh temp folder per call), and Debian's Chromium driven by playwright-core.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type LaunchOptions } from "playwright-core";
import { applyMigrations, executeSql, goOffline, type Target, WRANGLER_CONFIG } from "../../worker/scripts/lib";
import { type DemoSeed, seedSql } from "../../worker/scripts/seed";

export const TEST_RATING_KEY = "browser-tests-rating-key-not-a-secret";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Accord {
  baseUrl: string;
  demo: DemoSeed;
  target: Target;
  /** Runs SQL against the worker's local D1 (through wrangler, so it takes a second or two). */
  sql(statements: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Migrates and seeds a fresh local D1, then serves the worker on a free loopback port. `assets`
 * serves another built UI folder than widget/dist (the worker's default).
 */
export async function startAccord(options: { seed?: boolean; assets?: string } = {}): Promise<Accord> {
  goOffline();
  const persistTo = await mkdtemp(join(tmpdir(), "accord-browser-"));
  const target: Target = { kind: "local", persistTo };
  await applyMigrations(target);
  const demo = await seedSql(TEST_RATING_KEY);
  if (options.seed !== false) await executeSql(demo.sql, target);
  const worker = await serveWorker(persistTo, options.assets);
  const baseUrl = (await worker.url).origin;
  return {
    baseUrl,
    demo,
    target,
    sql: (statements) => executeSql(statements, target),
    async stop() {
      await worker.dispose();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}

/** Serves the worker on a free loopback port over the local D1 state in `persistTo`. */
export async function serveWorker(persistTo: string, assets?: string) {
  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config: WRANGLER_CONFIG,
    ...(assets ? { assets } : {}),
    envFiles: [],
    bindings: { RATING_KEY: { type: "secret_text", value: TEST_RATING_KEY } },
    dev: {
      server: { hostname: "127.0.0.1", port: 0 },
      inspector: false,
      persist: persistTo,
      watch: false,
      logLevel: "warn",
    },
  });
  await worker.ready;
  return worker;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
  "--disable-background-networking",
  "--disable-component-update",
];

/** Launches headless Chromium (never a downloaded browser). */
export function launchBrowser(options: LaunchOptions = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

/** Chromium with an unpacked extension loaded, in a fresh profile; returns the context and its id. */
export async function launchWithExtension(extensionDir: string, args: string[] = []) {
  const profile = await mkdtemp(join(tmpdir(), "accord-profile-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
