/**
 * Extension figures: the popup's time to first render from cached data, and until fresh data
 * with the service worker stopped first; the packed zip sizes. The floor is an extension page
 * with one static heading and no script, opened the same way as the popup. It is added to a
 * temporary copy of the test build, never to the extension's sources (it would ship).
 */
import { cp, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
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

/** What a renderer's main thread does, by the trace events' names. */
const KINDS: [kind: string, names: RegExp][] = [
  [
    "loading the page and its files",
    /^(DocumentLoader|NavigationBodyLoader|URLLoader|ThrottlingURLLoader|MojoURLLoaderClient|ResourceRequestSender)::/,
  ],
  ["html", /^(ParseHTML|HTMLDocumentParser::\w+)$/],
  [
    "script",
    /^(EvaluateScript|v8\.compile\w*|v8\.evaluateModule|v8\.run|FunctionCall|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|V8\.GC\w*|MajorGC|MinorGC)$/,
  ],
  ["style", /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/],
  ["layout", /^(Layout|UpdateLayout)$/],
  ["paint", /^(PrePaint|Paint|PaintImage|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit)$/],
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { documentLoaderURL?: string } };
}

/**
 * One load of `url` in a new tab under Chrome's trace, until `shown`: the time it took, and the
 * main thread of the page's renderer over that time — busy by kind (top-level trace events only)
 * and idle, which is waiting on other processes (the extension's files, chrome.storage).
 */
async function traced(context: BrowserContext, url: string, shown: (tab: Page) => Promise<void>) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    categories: "toplevel,devtools.timeline,v8.execute,blink.user_timing,loading",
    transferMode: "ReportEvents",
  });
  await tab.goto(url, { waitUntil: "commit" });
  await shown(tab);
  const ms = await tab.evaluate(() => performance.now());
  await cdp.send("Tracing.end");
  await complete;
  await tab.close();
  const start = events.find((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL === url);
  if (!start) return undefined;
  const main = new Set(
    events
      .filter(
        (e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.pid === start.pid,
      )
      .map((e) => e.tid),
  );
  const end = start.ts + ms * 1000;
  const onMain = events
    .filter((e) => e.ph === "X" && e.pid === start.pid && main.has(e.tid) && e.ts >= start.ts && e.ts < end)
    .sort((a, b) => a.ts - b.ts);
  /** Total time of the outermost events among `list` (ms), each added to its kind in `into`. */
  const outermost = (list: TraceEvent[], into?: Record<string, number>) => {
    let total = 0;
    let until = start.ts;
    for (const e of list) {
      if (e.ts < until) continue; // inside one already counted
      const span = (Math.min(e.ts + (e.dur ?? 0), end) - e.ts) / 1000;
      total += span;
      until = e.ts + (e.dur ?? 0);
      const kind = KINDS.find(([, names]) => names.test(e.name))?.[0];
      if (into && kind) into[kind] = (into[kind] ?? 0) + span;
    }
    return total;
  };
  // The thread is busy while it runs a task; what the task did is the known events inside it.
  const busyMs = outermost(onMain.filter((e) => /RunTask$/.test(e.name)));
  const busy: Record<string, number> = {};
  busy.other =
    busyMs -
    outermost(
      onMain.filter((e) => KINDS.some(([, names]) => names.test(e.name))),
      busy,
    );
  if (process.env.BENCH_DEBUG) {
    const names: Record<string, number> = {};
    for (const e of onMain) names[e.name] = (names[e.name] ?? 0) + (e.dur ?? 0) / 1000;
    console.log(
      url,
      JSON.stringify(
        Object.entries(names)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25),
      ),
    );
  }
  const parts = Object.entries(busy)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, t]) => `${kind} ${Math.round(t)} ms`);
  return {
    ms,
    text: `${Math.round(ms)} ms: main thread busy ${Math.round(busyMs)} ms (${parts.join(", ")}), idle ${Math.round(ms - busyMs)} ms`,
  };
}

async function measurePopup(dir: string, baseUrl: string, token: string, zips: Record<string, number>) {
  const ext = await launchWithExtension(dir, [], { siteIsolation: true });
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
    // Where the cached popup's time goes, beside the floor's: the median of three traced loads each.
    const medianTrace = async (url: string, shown: (tab: Page) => Promise<void>) => {
      const loads = [];
      // A new renderer may start tracing after the navigation began: such a load is taken again.
      for (let tries = 0; loads.length < 3 && tries < 10; tries++) {
        const load = await traced(ext.context, url, shown);
        if (load) loads.push(load);
      }
      return loads.sort((a, b) => a.ms - b.ms)[1]?.text ?? "";
    };
    const trace = {
      popup: await medianTrace(page("popup.html"), cachedShown),
      floor: await medianTrace(page("floor.html"), floorShown),
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
