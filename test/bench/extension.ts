/**
 * Extension figures: the popup's time to first render from cached data, and until fresh data
 * with the service worker stopped first; the packed zip sizes.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { launchWithExtension } from "../browser/harness";
import { EXTENSION, run, testBuild } from "../extension/build";
import { median } from "./load-lib";

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

export async function measureExtension(baseUrl: string, token: string) {
  const zips = await zipSizes();
  const ext = await launchWithExtension(await testBuild());
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

    const open = async (until: "cached" | "fresh") => {
      const tab = await ext.context.newPage();
      await tab.goto(page("popup.html"), { waitUntil: "commit" });
      if (until === "cached") await tab.getByRole("region", { name: "Our principles" }).waitFor();
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
    const cached: number[] = [];
    const cold: number[] = [];
    const cdpPage = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(cdpPage);
    await cdp.send("ServiceWorker.enable");
    for (let i = 0; i < LOADS; i++) {
      cached.push(await open("cached"));
      await cdp.send("ServiceWorker.stopAllWorkers");
      cold.push(await open("fresh"));
    }
    return {
      popupCachedMs: Math.round(median(cached)),
      popupColdMs: Math.round(median(cold)),
      zipBytes: zips.chrome ?? 0,
      firefoxZipBytes: zips.firefox ?? 0,
      sourcesZipBytes: zips.sources ?? 0,
    };
  } finally {
    await ext.close();
  }
}
