/**
 * Widget figures: the served script's size, the requests a page makes before the first question
 * is on screen, and the time to that question in headless Chromium (cache off) next to the same
 * question written in plain HTML (the floor).
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { launchBrowser } from "../browser/harness";
import { median } from "./load-lib";

const PID = "prt_demonorthwind";
const ORG = "org_northwind";
const LOADS = Number(process.env.BENCH_LOADS ?? 12);

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

function sign(claims: Record<string, unknown>, secret: string) {
  const body = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

type Variant = "pulse" | "survey" | "floor-pulse" | "floor-survey";

/** In the page: the first question's control, once it is there. */
function questionShown(variant: Variant) {
  if (variant === "floor-pulse") return document.querySelector("button");
  if (variant === "floor-survey") return document.querySelector("input");
  const root = document.querySelector(`accord-${variant}`)?.shadowRoot;
  return root?.querySelector(variant === "pulse" ? ".ac-buttons button" : "input[type=radio]") ?? null;
}

function page(kind: "pulse" | "survey", api: string, token: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
<script src="${api}/embed/v1/accord.js" defer></script></head>
<body><h1>Team news</h1><accord-${kind} partnership="${PID}" token="${token}"></accord-${kind}></body></html>`;
}

function floor(kind: "pulse" | "survey") {
  const scale = [1, 2, 3, 4, 5]
    .map((n) =>
      kind === "pulse"
        ? `<button type="button">${n}</button>`
        : `<label><input type="radio" name="p" value="${n}"> ${n}</label>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><h1>Team news</h1><section><h2>How consistently do we share bad news early?</h2><p>${scale}</p></section></body></html>`;
}

export async function measureWidget(api: string, facilitatorToken: string) {
  const script = Buffer.from(await (await fetch(`${api}/embed/v1/accord.js`)).arrayBuffer());
  const sizes = {
    rawBytes: script.byteLength,
    gzipBytes: gzipSync(script, { level: 9 }).byteLength,
    brotliBytes: brotliCompressSync(script, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };

  // A partner intranet on its own origin, with an embed key and that origin allowed.
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? "");
    res.writeHead(body ? 200 : 404, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const auth = { Authorization: `Bearer ${facilitatorToken}`, "Content-Type": "application/json" };
  // Keys and origins belong to the organization; the demo facilitator is Northwind's admin.
  const created = await fetch(`${api}/api/v1/organizations/${ORG}/embed-keys`, {
    method: "POST",
    headers: auth,
    body: "{}",
  });
  const allowed = await fetch(`${api}/api/v1/organizations/${ORG}/allowed-origins`, {
    method: "PUT",
    headers: auth,
    body: JSON.stringify({ origins: [origin] }),
  });
  // Without a key and the origin, every load below would time out waiting for a question.
  if (!created.ok || !allowed.ok) {
    server.close();
    throw new Error(`Setting up the intranet's embed key and origin answered ${created.status} and ${allowed.status}`);
  }
  const key = (await created.json()) as { id: string; secret: string };
  // Daniel, a seeded member who has answered neither open cycle: someone the token created now
  // would have joined after they opened, and be shown "from the next one" instead of a question.
  const token = sign(
    { iss: key.id, sub: "daniel.okafor@northwind.example", aud: "accord", exp: Math.floor(Date.now() / 1000) + 3000 },
    key.secret,
  );
  for (const kind of ["pulse", "survey"] as const) {
    pages.set(`/${kind}.html`, page(kind, api, token));
    pages.set(`/floor-${kind}.html`, floor(kind));
  }

  const browser = await launchBrowser();
  try {
    const load = async (variant: Variant) => {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const requests: { url: string; at: number }[] = [];
      const t0 = Date.now();
      tab.on("request", (r) => requests.push({ url: r.url(), at: Date.now() - t0 }));
      await tab.goto(`${origin}/${variant}.html`, { waitUntil: "commit" });
      await tab.waitForFunction(questionShown, variant, { polling: "raf", timeout: 20_000 });
      const readyAt = Date.now() - t0;
      const ms = await tab.evaluate(() => performance.now());
      // What the widget needed: requests to the Accord origin (script and API) before the question.
      const needed = requests.filter((r) => r.at <= readyAt && r.url.startsWith(api));
      if (process.env.BENCH_DEBUG) console.log(variant, JSON.stringify(needed.map((r) => r.url.replace(api, ""))));
      await context.close();
      return { ms, requests: needed.length };
    };
    const out: Record<string, number> = {};
    for (const kind of ["pulse", "survey"] as const) {
      const widget: number[] = [];
      const floorMs: number[] = [];
      let requests = 0;
      for (let i = 0; i < LOADS; i++) {
        const w = await load(kind);
        widget.push(w.ms);
        requests = Math.max(requests, w.requests);
        floorMs.push((await load(`floor-${kind}`)).ms);
      }
      out[`${kind}.firstQuestionMs`] = Math.round(median(widget));
      out[`${kind}.floorMs`] = Math.round(median(floorMs));
      out[`${kind}.ratio`] = Math.round((median(widget) / median(floorMs)) * 10) / 10;
      out[`${kind}.requestsToFirstQuestion`] = requests;
    }
    return { ...sizes, ...out } as typeof sizes & Record<string, number>;
  } finally {
    await browser.close();
    server.close();
  }
}
