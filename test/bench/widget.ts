/**
 * Widget figures: the served script's size, the requests a page makes before the first question
 * is on screen, and the time to that question in headless Chromium (cache off) next to two floors
 * on the same intranet origin:
 * - the same-requests floor: a plain page whose one small script fetches the same question JSON
 *   cross-origin from the worker (the widget's first API call, with the same embed token and
 *   headers, so the same CORS preflight) and renders it with a few lines of DOM code;
 * - the static floor: the same question written in plain HTML (no script, no API call).
 * The widget's script comes from Accord's origin, the floor's from the intranet's (the page's
 * own origin): both pages make one script request and one API call before the question.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { CHROMIUM, launchBrowser } from "../browser/harness";
import { ratio } from "./api";
import type { Intranet } from "./intranet";
import { PID } from "./intranet";
import { median } from "./load-lib";
import { medianTrace } from "./trace";

const LOADS = Number(process.env.BENCH_LOADS ?? 12);
const KINDS = ["pulse", "survey"] as const;
type Kind = (typeof KINDS)[number];
type Variant = Kind | `static-${Kind}` | `api-${Kind}`;

/** The cycle kind each element asks `cycles/current` for (widget/src/ui/pulse.tsx, survey.tsx). */
const CYCLE_KIND: Record<Kind, string> = { pulse: "pulse", survey: "assessment" };

/** In the page: the first question's control, once it is there. */
function questionShown(variant: Variant) {
  if (variant === "static-pulse") return document.querySelector("button");
  if (variant === "static-survey") return document.querySelector("input");
  if (variant === "api-pulse") return document.querySelector("#question button");
  if (variant === "api-survey") return document.querySelector("#question input");
  const root = document.querySelector(`accord-${variant}`)?.shadowRoot;
  return root?.querySelector(variant === "pulse" ? ".ac-buttons button" : "input[type=radio]") ?? null;
}

function widgetPage(kind: Kind, api: string, token: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
<script src="${api}/embed/v1/accord.js" defer></script></head>
<body><h1>Team news</h1><accord-${kind} partnership="${PID}" token="${token}"></accord-${kind}></body></html>`;
}

const scale = (kind: Kind) =>
  [1, 2, 3, 4, 5]
    .map((n) =>
      kind === "pulse"
        ? `<button type="button">${n}</button>`
        : `<label><input type="radio" name="p" value="${n}"> ${n}</label>`,
    )
    .join("");

function staticPage(kind: Kind) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><h1>Team news</h1><section><h2>How consistently do we share bad news early?</h2><p>${scale(kind)}</p></section></body></html>`;
}

function apiFloorPage(kind: Kind, api: string, token: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
<script src="/question.js" defer></script></head>
<body><h1>Team news</h1><div id="question" data-url="${api}/api/v1/embed/${PID}/cycles/current?kind=${CYCLE_KIND[kind]}" data-token="${token}" data-scale='${scale(kind)}'></div></body></html>`;
}

/** The floor's whole script: the widget's first API call (same URL, headers, credentials), then the question. */
const API_FLOOR_SCRIPT = `const el = document.getElementById("question");
fetch(el.dataset.url, { headers: { Accept: "application/json", Authorization: "Bearer " + el.dataset.token }, credentials: "omit" })
  .then((res) => res.json())
  .then(({ cycle }) => {
    const h = document.createElement("h2");
    h.textContent = cycle.principles[0].title;
    const p = document.createElement("p");
    p.innerHTML = el.dataset.scale;
    el.append(h, p);
  });`;

export async function measureWidget(api: string, intranet: Intranet) {
  const script = Buffer.from(await (await fetch(`${api}/embed/v1/accord.js`)).arrayBuffer());
  const sizes = {
    rawBytes: script.byteLength,
    gzipBytes: gzipSync(script, { level: 9 }).byteLength,
    brotliBytes: brotliCompressSync(script, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
  const { origin, token } = intranet;
  intranet.serve("/question.js", API_FLOOR_SCRIPT);
  for (const kind of KINDS) {
    intranet.serve(`/${kind}.html`, widgetPage(kind, api, token));
    intranet.serve(`/static-${kind}.html`, staticPage(kind));
    intranet.serve(`/api-${kind}.html`, apiFloorPage(kind, api, token));
  }

  // The full browser: the bench measures what people run, not the test shell.
  const browser = await launchBrowser({ executablePath: CHROMIUM }, { asPeopleRunIt: true });
  try {
    const load = async (variant: Variant) => {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const requests: { url: string; at: number }[] = [];
      const t0 = Date.now();
      tab.on("request", (r) => requests.push({ url: r.url(), at: Date.now() - t0 }));
      const page = `${origin}/${variant}.html`;
      await tab.goto(page, { waitUntil: "commit" });
      await tab.waitForFunction(questionShown, variant, { polling: "raf", timeout: 20_000 });
      const readyAt = Date.now() - t0;
      const ms = await tab.evaluate(() => performance.now());
      // What the page needed besides itself before the question: script and API call.
      const needed = requests.filter((r) => r.at <= readyAt && r.url !== page && !r.url.endsWith("/favicon.ico"));
      if (process.env.BENCH_DEBUG) console.log(variant, JSON.stringify(needed.map((r) => r.url)));
      // When the API call left, counted from navigation: the script's fetch and start-up before it.
      const apiAt = needed.find((r) => r.url.includes("/api/v1/"))?.at;
      await context.close();
      return { ms, requests: needed.length, apiCallMs: apiAt === undefined ? Number.NaN : ms - (readyAt - apiAt) };
    };
    const out: Record<string, number> = {};
    for (const kind of KINDS) {
      const variants = [kind, `static-${kind}`, `api-${kind}`] as const;
      const ms = variants.map(() => [] as number[]);
      const apiCallMs = variants.map(() => [] as number[]);
      const requests = variants.map(() => 0);
      for (let i = 0; i < LOADS; i++) {
        // A different variant goes first each round, so none always follows the same one.
        for (let j = 0; j < variants.length; j++) {
          const k = (i + j) % variants.length;
          const r = await load(variants[k] as Variant);
          ms[k]?.push(r.ms);
          apiCallMs[k]?.push(r.apiCallMs);
          requests[k] = Math.max(requests[k] ?? 0, r.requests);
        }
      }
      const [widget = Number.NaN, staticMs = Number.NaN, apiMs = Number.NaN] = ms.map(median);
      out[`${kind}.firstQuestionMs`] = Math.round(widget);
      out[`${kind}.requestsToFirstQuestion`] = requests[0] ?? 0;
      out[`${kind}.staticFloorMs`] = Math.round(staticMs);
      out[`${kind}.apiFloorMs`] = Math.round(apiMs);
      out[`${kind}.apiFloorRequests`] = requests[2] ?? 0;
      out[`${kind}.apiCallStartMs`] = Math.round(median(apiCallMs[0] ?? []));
      out[`${kind}.apiFloorCallStartMs`] = Math.round(median(apiCallMs[2] ?? []));
      out[`${kind}.firstQuestionRatio`] = ratio(widget, apiMs);
      out[`${kind}.staticRatio`] = ratio(widget, staticMs);
    }
    // Where the time to the first question goes, beside the same-requests floor's (cache off).
    const fresh = async () => {
      const context = await browser.newContext();
      return { tab: await context.newPage(), close: () => context.close() };
    };
    const shown = (variant: Variant) => async (tab: Page) => {
      await tab.waitForFunction(questionShown, variant, { polling: "raf", timeout: 20_000 });
    };
    const traces: Record<string, string> = {};
    for (const kind of KINDS) {
      traces[`${kind}.trace`] = await medianTrace(fresh, `${origin}/${kind}.html`, shown(kind));
      traces[`${kind}.apiFloorTrace`] = await medianTrace(fresh, `${origin}/api-${kind}.html`, shown(`api-${kind}`));
    }
    return { ...sizes, ...out, ...traces } as typeof sizes & Record<string, number> & Record<string, string>;
  } finally {
    await browser.close();
  }
}
