/**
 * A real HTTP receiver for the channel tests, run in Node by the worker project's global setup
 * (the tests themselves run inside workerd, which cannot listen). Every path is a mailbox:
 * `POST /<box>` records the request and answers 200, or 500 for the first `?fail=N` posts, or
 * `?status=S` always; `GET /<box>` returns what the box received, oldest first.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered. */
  status: number;
}

export async function startReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const boxes = new Map<string, Received[]>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const box = url.pathname;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const list = boxes.get(box) ?? [];
      boxes.set(box, list);
      if (req.method === "GET") {
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(list));
        return;
      }
      const fail = Number(url.searchParams.get("fail") ?? 0);
      const fixed = Number(url.searchParams.get("status") ?? 0);
      const status = fixed || (list.length < fail ? 500 : 200);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
      );
      list.push({ headers, body: Buffer.concat(chunks).toString("utf8"), status });
      // A body a careless consumer might echo somewhere: it must never show up in Accord.
      res.writeHead(status, { "Content-Type": "text/plain" }).end(`receiver-said-${status}-secret-body`);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
