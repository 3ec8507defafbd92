/**
 * The demo inbox: a stand-in for Slack, Teams and a partner's webhook endpoint, served by the demo
 * intranet (`npm start`) at /inbox. Channels post to /inbox/hooks/<name>; /inbox shows what
 * arrived, newest first, the way each tool would headline it, with the raw JSON underneath; and
 * /inbox/messages.json gives the same to tools. Kept in memory only (the last 100 messages).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY = 256 * 1024;
const KEEP = 100;

export interface InboxMessage {
  at: string;
  hook: string;
  /** "slack", "teams" or "webhook", guessed from the body's shape. */
  format: string;
  /** The headline as the tool would show it. */
  title: string;
  signature: string | null;
  body: unknown;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a message is and its headline, from its shape. */
function headline(body: unknown): { format: string; title: string } {
  const b = body as {
    blocks?: { type?: string; text?: { text?: string } }[];
    attachments?: { content?: { body?: { text?: string }[] } }[];
    type?: string;
  } | null;
  if (Array.isArray(b?.blocks)) {
    return { format: "slack", title: b.blocks.find((x) => x.type === "header")?.text?.text ?? "(Slack message)" };
  }
  if (Array.isArray(b?.attachments)) {
    return { format: "teams", title: b.attachments[0]?.content?.body?.[0]?.text ?? "(Teams card)" };
  }
  return { format: "webhook", title: typeof b?.type === "string" ? b.type : "(JSON)" };
}

function page(messages: readonly InboxMessage[]): string {
  const items = messages
    .map(
      (m) => `<li class="message">
  <p class="kicker">${escapeHtml(m.format)} · /inbox/hooks/${escapeHtml(m.hook)} · <time datetime="${m.at}">${escapeHtml(m.at.replace("T", " ").slice(0, 19))} UTC</time>${m.signature ? " · signed" : ""}</p>
  <h2>${escapeHtml(m.title)}</h2>
  <details><summary>Raw JSON</summary><pre>${escapeHtml(JSON.stringify(m.body, null, 2))}</pre></details>
</li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3">
<title>Demo inbox · Accord nudges</title>
<link rel="stylesheet" href="/intranet.css">
</head>
<body>
<main>
  <section class="hero">
    <p class="kicker">Demo inbox</p>
    <h1>Nudges from Accord</h1>
    <p>Stands in for Slack, Teams or a webhook endpoint. Connect a channel in the console's Nudges screen with a URL like <code>/inbox/hooks/your-team</code> on this server; this page refreshes every few seconds.</p>
  </section>
  ${messages.length ? `<ol class="inbox" aria-label="Messages">${items}</ol>` : "<p>Nothing has arrived yet.</p>"}
</main>
</body>
</html>
`;
}

/** The inbox's routes; `handle` answers and returns true for paths under /inbox. */
export function createInbox() {
  const messages: InboxMessage[] = [];
  const base = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" };
  const handle = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname !== "/inbox" && !url.pathname.startsWith("/inbox/")) return false;
    const hook = /^\/inbox\/hooks\/([A-Za-z0-9_-]{1,60})$/.exec(url.pathname)?.[1];
    if (req.method === "POST" && hook) {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      req.on("end", () => {
        if (size > MAX_BODY) return void res.writeHead(413, base).end();
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          return void res.writeHead(400, base).end();
        }
        const signature = req.headers["accord-signature"];
        messages.unshift({
          at: new Date().toISOString(),
          hook,
          ...headline(body),
          signature: typeof signature === "string" ? signature : null,
          body,
        });
        messages.splice(KEEP);
        res.writeHead(200, { ...base, "Content-Type": "text/plain" }).end("ok");
      });
      return true;
    }
    if (req.method === "GET" && url.pathname === "/inbox") {
      res
        .writeHead(200, {
          ...base,
          "Content-Type": "text/html; charset=utf-8",
          "Content-Security-Policy": "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
        })
        .end(page(messages));
      return true;
    }
    if (req.method === "GET" && url.pathname === "/inbox/messages.json") {
      res.writeHead(200, { ...base, "Content-Type": "application/json" }).end(JSON.stringify(messages));
      return true;
    }
    res.writeHead(404, { ...base, "Content-Type": "text/plain" }).end("Not found");
    return true;
  };
  return { handle };
}

/** The inbox address a channel posts to, on the intranet at `origin`. */
export const inboxHook = (origin: string, name: string) => `${origin}/inbox/hooks/${name}`;

/**
 * Points each demo organization's channel for the demo partnership at the inbox, through the API
 * as its facilitator (sealed and audited like any channel), unless it has one already: a Slack
 * channel, then Teams, then a signed webhook, so a newcomer sees every format arrive.
 */
export async function connectDemoInbox(
  baseUrl: string,
  inboxOrigin: string,
  partnershipId: string,
  people: readonly { organization: string; role: string; partnershipIds: readonly string[]; token: string }[],
): Promise<string[]> {
  const kinds = ["slack", "teams", "webhook"] as const;
  const facilitators = people.filter((p) => p.role === "facilitator" && p.partnershipIds.includes(partnershipId));
  const byOrganization = [...new Map(facilitators.map((p) => [p.organization, p])).values()];
  const connected: string[] = [];
  for (const [i, p] of byOrganization.entries()) {
    const url = `${baseUrl}/api/v1/partnerships/${partnershipId}/channel`;
    const headers = { Authorization: `Bearer ${p.token}`, "Content-Type": "application/json" };
    const current = (await (await fetch(url, { headers })).json()) as { channel?: unknown };
    if (current.channel) continue;
    const slug = p.organization
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const kind = kinds[i % kinds.length] as (typeof kinds)[number];
    const res = await fetch(url, {
      method: "PUT",
      headers,
      body: JSON.stringify({ kind, url: inboxHook(inboxOrigin, slug) }),
    });
    if (res.ok) connected.push(`${p.organization} (${kind})`);
  }
  return connected;
}
