/**
 * Extension figures: the popup's time to first render from cached data, and until fresh data
 * with the service worker stopped first; the packed zip sizes. The floor is an extension page
 * with one static heading and no script, opened the same way as the popup. It is added to a
 * temporary copy of the test build, never to the extension's sources (it would ship).
 */
import { cp, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchWithExtension } from "../browser/harness";
import { EXTENSION, run, testBuild } from "../extension/build";
import { median } from "./load-lib";
import { medianTrace } from "./trace";

const LOADS = Number(process.env.BENCH_LOADS ?? 12);

async function zipSizes() {
  await run("npm", ["run", "zip:extension"]);
  const out = join(EXTENSION, ".output");
  const sizes: Record<string, number> = {};
  for (const f of await readdir(out)) {
    const kind = /-(chrome|firefox|sources)\.zip$/.exec(f)?.[1];
    if (kind) sizes[kind] = (await stat(join(out, f))).size;
  }
  return sizes;
}

const FLOOR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Accord</title></head>
<body><h1>Floor</h1></body></html>`;

/** The test build copied to a temporary folder, with the floor page beside popup.html. */
async function buildWithFloor() {
  const dir = await mkdtemp(join(tmpdir(), "accord-bench-extension-"));
  await cp(await testBuild(), dir, { recursive: true });
  await writeFile(join(dir, "floor.html"), FLOOR_PAGE);
  return dir;
}

export async function measureExtension(baseUrl: string, token: string) {
  const zips = await zipSizes();
  const dir = await buildWithFloor();
  try {
    return await measurePopup(dir, baseUrl, token, zips);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const cachedShown = (tab: Page) => tab.getByRole("region", { name: "Our principles" }).waitFor();
const floorShown = (tab: Page) => tab.getByRole("heading", { name: "Floor" }).waitFor();

async function measurePopup(dir: string, baseUrl: string, token: string, zips: Record<string, number>) {
  const ext = await launchWithExtension(dir, [], { asPeopleRunIt: true });
  try {
    const page = (path: string) => `chrome-extension://${ext.extensionId}/${path}`;
    // Pair once, as a person does, with a code the running worker issues.
    const code = (await (
      await fetch(`${baseUrl}/api/v1/me/sign-in-codes`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as { signInCode: string };
    const options = await ext.context.newPage();
    await options.goto(page("options.html"));
    await options.getByLabel("API address").fill(baseUrl);
    await options.getByLabel("Sign-in code").fill(code.signInCode);
    await options.getByRole("button", { name: "Sign in" }).click();
    await options.getByText("Signed in as").waitFor();
    await options.close();

    const open = async (until: "cached" | "fresh" | "floor") => {
      const tab = await ext.context.newPage();
      await tab.goto(page(until === "floor" ? "floor.html" : "popup.html"), { waitUntil: "commit" });
      if (until === "floor") await floorShown(tab);
      else if (until === "cached") await cachedShown(tab);
      else
        await tab
          .getByRole("status")
          .filter({ hasText: /^Updated/ })
          .waitFor();
      const ms = await tab.evaluate(() => performance.now());
      await tab.close();
      return ms;
    };
    await open("fresh"); // fills the cache
    // Where the cached popup's time goes, beside the floor's.
    const tab = async () => {
      const opened = await ext.context.newPage();
      return { tab: opened, close: () => opened.close() };
    };
    const trace = {
      popup: await medianTrace(tab, page("popup.html"), cachedShown),
      floor: await medianTrace(tab, page("floor.html"), floorShown),
    };
    await open("floor");
    const cached: number[] = [];
    const floor: number[] = [];
    const cold: number[] = [];
    const cdpPage = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(cdpPage);
    await cdp.send("ServiceWorker.enable");
    for (let i = 0; i < LOADS; i++) {
      // The floor right before or after the cached popup, alternately, in the same conditions.
      if (i % 2 === 0) floor.push(await open("floor"));
      cached.push(await open("cached"));
      if (i % 2 === 1) floor.push(await open("floor"));
      await cdp.send("ServiceWorker.stopAllWorkers");
      cold.push(await open("fresh"));
    }
    return {
      popupTrace: trace.popup,
      floorTrace: trace.floor,
      popupCachedMs: Math.round(median(cached)),
      floorMs: Math.round(median(floor)),
      popupColdMs: Math.round(median(cold)),
      zipBytes: zips.chrome ?? 0,
      firefoxZipBytes: zips.firefox ?? 0,
      sourcesZipBytes: zips.sources ?? 0,
    };
  } finally {
    await ext.close();
  }
}
