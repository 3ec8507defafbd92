/**
 * The extension builds the tests load. The browser tests use the test build (loopback and
 * *.example.test granted at install, since a test browser cannot click a permission prompt); the
 * manifest tests check the release builds (Chrome's in `npm test`, Firefox's in `npm run test:release`). Each is rebuilt here when missing or older than its
 * sources, so a test never runs against a stale extension.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const EXTENSION = join(ROOT, "extension");
const TEST_BUILD = join(EXTENSION, ".output/test/chrome-mv3");
const CHROME_BUILD = join(EXTENSION, ".output/chrome-mv3");
const FIREFOX_BUILD = join(EXTENSION, ".output/firefox-mv3");

const SOURCES = [
  "extension/wxt.config.ts",
  "extension/entrypoints",
  "extension/utils",
  "extension/components",
  "extension/assets",
  "extension/public",
  "widget/src/api.ts",
  "widget/src/api-types.gen.ts",
  "widget/src/ui",
  "widget/src/i18n",
];

async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  return Math.max(info.mtimeMs, ...(await Promise.all(entries.map((e) => newest(join(path, e))))));
}

async function stale(outDir: string): Promise<boolean> {
  const manifest = join(outDir, "manifest.json");
  if (!existsSync(manifest)) return true;
  const built = (await stat(manifest)).mtimeMs;
  const sources = await Promise.all(SOURCES.map((s) => newest(join(ROOT, s))));
  return Math.max(...sources) > built;
}

/** Runs a command from the repository root; rejects with its output when it fails. */
export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "pipe" });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0 ? done(output) : fail(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output}`)),
    );
  });
}

const wxt = join(ROOT, "node_modules/.bin/wxt");

/** The Chromium test build (ACCORD_EXTENSION_TEST=1), fresh. */
export async function testBuild(): Promise<string> {
  if (await stale(TEST_BUILD)) await run(wxt, ["build", "extension"], { ACCORD_EXTENSION_TEST: "1" });
  return TEST_BUILD;
}

/** A release build (what `npm run build:extension` makes for that browser), fresh. */
export async function releaseBuild(browser: "chrome" | "firefox"): Promise<string> {
  const dir = browser === "chrome" ? CHROME_BUILD : FIREFOX_BUILD;
  const target = browser === "chrome" ? [] : ["-b", "firefox", "--mv3"];
  if (await stale(dir)) await run(wxt, ["build", "extension", ...target], { ACCORD_EXTENSION_TEST: "" });
  return dir;
}
