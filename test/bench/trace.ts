/**
 * Where a page load's time goes on the renderer's main thread, from Chrome's trace events: the
 * bench's popup and first-question figures beside their floor pages'.
 */
import type { Page } from "playwright-core";

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

/** A fresh tab to load a page in, and how to put it away. */
export type Opener = () => Promise<{ tab: Page; close(): Promise<void> }>;

/**
 * One load of `url` in a tab from `open`, under Chrome's trace, until `shown`: the time it took, and the
 * main thread of the page's renderer over that time — busy (running tasks), by what the known
 * events inside the tasks did, and idle (waiting on other processes: the page's files, storage).
 * Undefined when the trace missed the navigation's start (a new renderer began tracing late).
 */
async function traced(open: Opener, url: string, shown: (tab: Page) => Promise<void>) {
  const { tab, close } = await open();
  const cdp = await tab.context().newCDPSession(tab);
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
  await close();
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
  const known = outermost(
    onMain.filter((e) => KINDS.some(([, names]) => names.test(e.name))),
    busy,
  );
  busy["other task work"] = busyMs - known;
  const parts = Object.entries(busy)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, t]) => `${kind} ${Math.round(t)} ms`);
  return {
    ms,
    text: `${Math.round(ms)} ms: main thread busy ${Math.round(busyMs)} ms (${parts.join(", ")}), idle ${Math.round(ms - busyMs)} ms`,
  };
}

/** The load with the median time among three traced loads of `url` (see `traced`). */
export async function medianTrace(open: Opener, url: string, shown: (tab: Page) => Promise<void>) {
  const loads: { ms: number; text: string }[] = [];
  // A load whose trace missed the navigation's start is taken again.
  for (let tries = 0; loads.length < 3 && tries < 10; tries++) {
    const load = await traced(open, url, shown);
    if (load) loads.push(load);
  }
  return loads.sort((a, b) => a.ms - b.ms)[1]?.text ?? "";
}
