/**
 * Draws the toolbar and store icons (public/icon/<size>.png) from the mark in
 * components/shared/logo.tsx, with Debian's Chromium. Run after changing the mark:
 *   npx tsx extension/scripts/icons.ts
 */
import { writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const SIZES = [16, 32, 48, 128];
const MARK = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">
  <rect width="24" height="24" rx="6" fill="#0f766e"/>
  <circle cx="9.5" cy="12" r="4.6" fill="none" stroke="#ffffff" stroke-width="2.1"/>
  <circle cx="14.5" cy="12" r="4.6" fill="none" stroke="#5eead4" stroke-width="2.1"/>
</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${MARK}`,
    );
    const png = await page.locator("svg").screenshot({ omitBackground: true });
    await writeFile(new URL(`../public/icon/${size}.png`, import.meta.url), png);
  }
} finally {
  await browser.close();
}
