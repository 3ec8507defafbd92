/**
 * The demo partner intranet: Northwind Retail's intranet on a second origin (http://localhost:8788
 * under `npm start`), embedding Accord's widget with one script tag. Like a real intranet it signs
 * embed tokens on its own server, with its organization's embed secret, at a same-origin /token
 * endpoint the elements call through `token-url`; the page runs under the strict Content-Security-
 * Policy the widget promises to work with. The widget's browser tests embed this same page.
 *
 * Run on its own against a running worker: `tsx worker/scripts/intranet.ts [workerOrigin]`.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { seal } from "../src/embed/seal";
import { createInbox } from "./inbox";
import { ensureRatingKey, executeSql, goOffline } from "./lib";
import { DEMO_PARTNERSHIP_ID, DEMO_PEOPLE, insertIfAbsent, insertOrIgnore, sqlLiteral } from "./seed";

export const DEMO_EMBED_KEY_ID = "ek_demonorthwind";
export const INTRANET_ORGANIZATION_ID = "org_northwind";
const DOMAIN = "northwind.example";
/** Embed tokens live ten minutes; the widget fetches a new one shortly before that. */
export const TOKEN_LIFETIME_S = 600;
const USER_COOKIE = "intranet_user";

export interface IntranetPerson {
  externalId: string;
  name: string;
}

/** "first.last@northwind.example", as the seed spells the externalId of Northwind's people. */
function emailOf(name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "");
  return `${ascii.trim().split(/\s+/).join(".")}@${DOMAIN}`;
}

/**
 * The intranet's directory: Northwind's demo people, plus a colleague Accord has never seen, who
 * becomes a member of the partnership on their first visit.
 */
export const INTRANET_PEOPLE: readonly IntranetPerson[] = [
  ...DEMO_PEOPLE.filter((p) => p.organizationId === INTRANET_ORGANIZATION_ID).map((p) => ({
    externalId: emailOf(p.name),
    name: p.name,
  })),
  { externalId: `alex.morgan@${DOMAIN}`, name: "Alex Morgan" },
];
/** Who is signed in when nobody chose: a member, as most readers of an intranet are. */
const DEFAULT_PERSON =
  INTRANET_PEOPLE.find((p) => p.name === "Daniel Okafor") ?? (INTRANET_PEOPLE[0] as IntranetPerson);

/** The demo embed secret: derived from RATING_KEY, so it is stable per clone and unknown without it. */
export function demoEmbedSecret(ratingKey: string): string {
  return `accord_embed_${createHmac("sha256", ratingKey).update("demo-intranet-embed-secret").digest("base64url")}`;
}

/**
 * SQL giving Northwind Retail the embed key this intranet signs with (sealed like the API seals
 * secrets) and adding `origin` to its allowed origins, with the audit entries a facilitator doing
 * this through the API would leave. Idempotent: run on every `npm start`.
 */
export async function demoIntranetStatements(ratingKey: string, origin: string, now = new Date()): Promise<string[]> {
  const at = now.toISOString();
  const sealed = await seal(ratingKey, DEMO_EMBED_KEY_ID, demoEmbedSecret(ratingKey));
  const facilitator = DEMO_PEOPLE.find(
    (p) => p.organizationId === INTRANET_ORGANIZATION_ID && p.role === "facilitator",
  );
  const audit = (action: string, type: string, id: string, detail: object) =>
    insertIfAbsent(
      "audit_log",
      {
        partnership_id: DEMO_PARTNERSHIP_ID,
        actor_id: facilitator?.id ?? null,
        action,
        target_type: type,
        target_id: id,
        detail: JSON.stringify(detail),
        at,
      },
      ["partnership_id", "action", "target_id", "detail"],
    );
  return [
    audit("embed_key.created", "embed_key", DEMO_EMBED_KEY_ID, {
      organizationId: INTRANET_ORGANIZATION_ID,
      label: "Demo intranet",
    }),
    insertOrIgnore("embed_keys", {
      id: DEMO_EMBED_KEY_ID,
      organization_id: INTRANET_ORGANIZATION_ID,
      secret_sealed: sealed,
      label: "Demo intranet",
      created_by: facilitator?.id ?? null,
      created_at: at,
    }),
    // Sealed again under the current RATING_KEY (a new .dev.vars means a new key), and revived
    // if someone revoked it while trying the console.
    `UPDATE embed_keys SET secret_sealed = ${sqlLiteral(sealed)}, revoked_at = NULL WHERE id = ${sqlLiteral(DEMO_EMBED_KEY_ID)};`,
    audit("organization.origins_updated", "organization", INTRANET_ORGANIZATION_ID, { added: origin }),
    `UPDATE organizations SET allowed_origins = (
  SELECT json_group_array(value) FROM (
    SELECT value FROM json_each(allowed_origins) UNION SELECT ${sqlLiteral(origin)}
  )
) WHERE id = ${sqlLiteral(INTRANET_ORGANIZATION_ID)};`,
  ];
}

/** The same statements as one script, for `wrangler d1 execute`. */
export async function demoIntranetSql(ratingKey: string, origin: string, now = new Date()): Promise<string> {
  return (await demoIntranetStatements(ratingKey, origin, now)).join("\n");
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/**
 * Signs an embed token as an intranet server does (HS256 over header.payload with the embed
 * secret). `claims` can override anything, which the widget's tests use to forge bad tokens.
 */
export function signEmbedToken(
  secret: string,
  person: IntranetPerson,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const payload = {
    iss: DEMO_EMBED_KEY_ID,
    sub: person.externalId,
    name: person.name,
    aud: "accord",
    iat,
    exp: iat + TOKEN_LIFETIME_S,
    ...claims,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The strict policy the widget must live with: no inline anything, scripts only from Accord. */
export function intranetCsp(workerOrigin: string): string {
  return [
    "default-src 'none'",
    `script-src ${workerOrigin}`,
    `connect-src ${workerOrigin} 'self'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function page(workerOrigin: string, person: IntranetPerson, lang: string): string {
  const others = INTRANET_PEOPLE.filter((p) => p !== person)
    .map((p) => `<li><a href="/?as=${encodeURIComponent(p.externalId)}">${escapeHtml(p.name)}</a></li>`)
    .join("");
  const attrs = `partnership="${DEMO_PARTNERSHIP_ID}" token-url="/token"`;
  const other = lang === "de" ? "en" : "de";
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partnerships · Northwind Retail intranet</title>
<link rel="stylesheet" href="/intranet.css">
<script src="${workerOrigin}/embed/v1/accord.js" async></script>
</head>
<body>
<header class="bar">
  <a class="brand" href="/">Northwind<span>Retail</span></a>
  <nav aria-label="Intranet">
    <a href="/">News</a><a href="/">People</a><a href="/">Policies</a><a href="/" aria-current="page">Partnerships</a>
  </nav>
  <details class="who">
    <summary>Signed in as <strong>${escapeHtml(person.name)}</strong></summary>
    <p>Switch demo user:</p>
    <ul>${others}</ul>
  </details>
</header>
<main>
  <section class="hero">
    <p class="kicker">Partnership</p>
    <h1>Acme Logistics</h1>
    <p>We run one supply chain with Acme: forecasts, trucks and stores, on principles both companies agreed. Tell us how well we live them; it takes a minute and your answers are anonymous.</p>
    <p class="lang"><a href="/?lang=${other}" lang="${other}">${other === "de" ? "Auf Deutsch ansehen" : "View in English"}</a></p>
  </section>
  <div class="grid">
    <div class="main">
      <accord-survey ${attrs}></accord-survey>
      <accord-results ${attrs} cycle="latest"></accord-results>
    </div>
    <aside class="side" aria-label="Accord">
      <accord-pulse ${attrs}></accord-pulse>
      <accord-principles ${attrs}></accord-principles>
    </aside>
  </div>
</main>
<footer>
  <p>A demo intranet on its own origin. Its server signs Accord embed tokens with Northwind's embed key (<code>${DEMO_EMBED_KEY_ID}</code>) at <code>/token</code>; the page allows scripts from Accord only.</p>
</footer>
</body>
</html>
`;
}

const CSS = `*{box-sizing:border-box}
html{color-scheme:light}
body{margin:0;font:16px/1.55 "Segoe UI",system-ui,sans-serif;color:#1c2733;background:#eef2f6}
a{color:#0b4f84}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:1rem 2rem;padding:.75rem 2rem;background:#0b3b63;color:#fff}
.bar a{color:#fff;text-decoration:none}
.brand{font-weight:700;font-size:1.15rem;letter-spacing:-.01em}
.brand span{font-weight:400;margin-left:.3rem;opacity:.85}
.bar nav{display:flex;gap:1.25rem;flex:1}
.bar nav a{opacity:.85;padding:.25rem 0}
.bar nav a[aria-current]{opacity:1;border-bottom:2px solid #7cc4ff}
.who{position:relative;font-size:.9rem}
.who summary{cursor:pointer}
.who[open] ul,.who[open] p{position:relative}
.who p{margin:.5rem 0 .25rem}
.who ul{margin:0;padding:.5rem 1rem;background:#fff;border-radius:8px;max-height:16rem;overflow:auto;list-style:none}
.who ul a{color:#0b4f84;text-decoration:underline}
main{max-width:72rem;margin:0 auto;padding:2rem}
.hero{margin-bottom:1.5rem}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;color:#4a5b6c;font-weight:600}
h1{margin:.2rem 0 .5rem;font-size:2rem;letter-spacing:-.02em}
.hero p{max-width:46rem;color:#364655}
.lang{font-size:.9rem}
.grid{display:grid;grid-template-columns:minmax(0,1.7fr) minmax(0,1fr);gap:1.5rem;align-items:start}
.main,.side{display:grid;gap:1.5rem}
accord-survey,accord-pulse,accord-principles,accord-results{--accord-accent:#0b5c99;--accord-radius:14px}
accord-survey:not(:defined){display:block;min-height:33em}
accord-pulse:not(:defined){display:block;min-height:15em}
footer{max-width:72rem;margin:0 auto;padding:0 2rem 3rem;color:#4a5b6c;font-size:.85rem}
@media (max-width:56rem){.grid{grid-template-columns:1fr}}
`;

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(req.headers.cookie ?? "");
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

export interface IntranetOptions {
  /** 0 picks a free port. */
  port: number;
  hostname?: string;
  ratingKey: string;
  /** The worker's origin, e.g. "http://127.0.0.1:8787" (a function if it is known only later). */
  workerOrigin: string | (() => string);
}

export interface Intranet {
  /** "http://localhost:<port>": the origin allowed to embed. */
  url: string;
  close(): Promise<void>;
}

/** The intranet's origin for a port: "localhost", so it differs from the worker's 127.0.0.1. */
export const intranetOrigin = (port: number) => `http://localhost:${port}`;

/** Serves the intranet until close(): the page, its stylesheet and the /token endpoint. */
export async function startIntranet(options: IntranetOptions): Promise<Intranet> {
  const secret = demoEmbedSecret(options.ratingKey);
  const workerOrigin = () =>
    typeof options.workerOrigin === "function" ? options.workerOrigin() : options.workerOrigin;
  // The demo inbox for nudges (Slack, Teams and webhook channels) lives on this server too.
  const inbox = createInbox();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (inbox.handle(req, res, url)) return;
    const chosen = url.searchParams.get("as") ?? cookieOf(req, USER_COOKIE);
    const person = INTRANET_PEOPLE.find((p) => p.externalId === chosen) ?? DEFAULT_PERSON;
    const base = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };
    if (req.method !== "GET") {
      res.writeHead(405, base).end();
    } else if (url.pathname === "/") {
      const lang = url.searchParams.get("lang") === "de" ? "de" : "en";
      // Choosing a person is this demo's sign-in: the intranet's own session cookie, which
      // /token reads, exactly as a real intranet's token endpoint reads its session.
      const cookie = `${USER_COOKIE}=${encodeURIComponent(person.externalId)}; Path=/; HttpOnly; SameSite=Lax`;
      res
        .writeHead(200, {
          ...base,
          "Content-Type": "text/html; charset=utf-8",
          "Content-Security-Policy": intranetCsp(workerOrigin()),
          "Cache-Control": "no-store",
          ...(url.searchParams.has("as") ? { "Set-Cookie": cookie } : {}),
        })
        .end(page(workerOrigin(), person, lang));
    } else if (url.pathname === "/favicon.ico") {
      res.writeHead(204, base).end();
    } else if (url.pathname === "/intranet.css") {
      res.writeHead(200, { ...base, "Content-Type": "text/css; charset=utf-8" }).end(CSS);
    } else if (url.pathname === "/token") {
      res
        .writeHead(200, { ...base, "Content-Type": "application/json", "Cache-Control": "no-store" })
        .end(JSON.stringify({ token: signEmbedToken(secret, person) }));
    } else {
      res.writeHead(404, { ...base, "Content-Type": "text/plain" }).end("Not found");
    }
  };

  // Loopback only: /token hands out tokens to anyone who asks, as a demo must.
  const hostname = options.hostname ?? "127.0.0.1";
  const listen = (server: Server, port: number, host: string, ipv6Only = false) =>
    new Promise<number>((done, fail) => {
      server.once("error", fail);
      server.listen({ port, host, ipv6Only }, () => done((server.address() as AddressInfo).port));
    });
  const v4 = createServer(handle);
  const port = await listen(v4, options.port, hostname);
  // "localhost" may resolve to ::1 first; answer there too when the machine has IPv6.
  const v6 = createServer(handle);
  const servers = [v4];
  if (hostname === "127.0.0.1") {
    await listen(v6, port, "::1", true).then(
      () => servers.push(v6),
      () => undefined,
    );
  }
  return {
    url: intranetOrigin(port),
    close: () =>
      Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done())))).then(() => undefined),
  };
}

/** `tsx worker/scripts/intranet.ts [workerOrigin]`: sets up the key locally and serves the page. */
async function main(workerOrigin = process.argv[2] ?? "http://127.0.0.1:8787"): Promise<void> {
  goOffline();
  const port = Number(process.env.INTRANET_PORT ?? 8788);
  const { key } = await ensureRatingKey();
  await executeSql(await demoIntranetSql(key, intranetOrigin(port)), { kind: "local" });
  const intranet = await startIntranet({ port, ratingKey: key, workerOrigin });
  console.log(`Demo intranet on ${intranet.url} (embedding ${workerOrigin}). Ctrl-C stops it.`);
  process.once("SIGINT", () => void intranet.close().then(() => process.exit(0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
