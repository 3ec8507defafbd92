/**
 * A partner's intranet for the bench: a page server on its own loopback origin, allowed by
 * Northwind (the demo facilitator's organization) to embed Accord, and an embed token signed with
 * a fresh embed key for a seeded member. The widget pages, their floors and the embed door's
 * fixed-cost figure all use this one origin and token.
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const PID = "prt_demonorthwind";
const ORG = "org_northwind";

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

function sign(claims: Record<string, unknown>, secret: string) {
  const body = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

export interface Intranet {
  /** e.g. http://localhost:40123 (a different origin from the API's 127.0.0.1). */
  origin: string;
  /** An embed token for a seeded member who has answered neither open cycle. */
  token: string;
  /** Serves `body` at `path` (no-store), as HTML or, for `.js`, as a script. */
  serve(path: string, body: string): void;
  close(): void;
}

export async function startIntranet(api: string, facilitatorToken: string): Promise<Intranet> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? "");
    const type = req.url?.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8";
    res.writeHead(body ? 200 : 404, { "Content-Type": type, "Cache-Control": "no-store" });
    res.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const close = () => server.close();
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
  // Without a key and the origin, every widget load would time out waiting for a question.
  if (!created.ok || !allowed.ok) {
    close();
    throw new Error(`Setting up the intranet's embed key and origin answered ${created.status} and ${allowed.status}`);
  }
  const key = (await created.json()) as { id: string; secret: string };
  // Daniel, a seeded member who has answered neither open cycle: someone the token created now
  // would have joined after they opened, and be shown "from the next one" instead of a question.
  const token = sign(
    { iss: key.id, sub: "daniel.okafor@northwind.example", aud: "accord", exp: Math.floor(Date.now() / 1000) + 3000 },
    key.secret,
  );
  return { origin, token, serve: (path, body) => pages.set(path, body), close };
}
