/**
 * Screenshots for people to look through, under test/artifacts/ (git-ignored). `npm run
 * screenshots` runs the browser tests with `ACCORD_SCREENSHOTS=1` and writes them; `npm test`
 * runs the same checks without capturing (a full-page capture lays out and rasterizes the whole
 * page again: about a sixth of the browser tests' Chromium time).
 */
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";

export const SCREENSHOTS = process.env.ACCORD_SCREENSHOTS === "1";

/** Where screenshots go (git-ignored). */
const ARTIFACTS = fileURLToPath(new URL("../artifacts", import.meta.url));

/** Saves `target` (a page, whole with `fullPage`, or one element) as test/artifacts/`name`, when screenshots are wanted. */
export async function keepScreenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}) {
  if (!SCREENSHOTS) return;
  const path = join(ARTIFACTS, name);
  await mkdir(dirname(path), { recursive: true });
  if ("goto" in target) await target.screenshot({ path, ...options });
  else await target.screenshot({ path });
}
