/**
 * Draws the toolbar and store icons (public/icon/<size>.png) from Accord's one mark, the console's
 * favicon (widget/src/console/favicon.svg; components/shared/logo.tsx and the reminder card draw
 * the same), with Debian's Chromium. Run after changing the mark:
 *   npx tsx extension/scripts/icons.ts
 */
import { readFile, writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const SIZES = [16, 32, 48, 128];
const MARK = await readFile(new URL("../../widget/src/console/favicon.svg", import.meta.url), "utf8");

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
