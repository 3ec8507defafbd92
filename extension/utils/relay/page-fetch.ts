/**
 * A fetch for the survey page's client: it hands each request to the background, which adds the
 * token and performs it (./perform.ts). The page never sees the token.
 */
import { type PageMessage, type RelayMethod, type RelayReply, send } from "../messages/types";

type ApiMessage = Extract<PageMessage, { type: "api" }>;

/** Builds the fetch; `sender` delivers a message to the background (runtime messaging by default). */
export function relayFetch(
  sender: (message: ApiMessage) => Promise<RelayReply | undefined> = (message) => send(message),
): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init.method ?? "GET").toLowerCase();
    if (method !== "get" && method !== "post") throw new TypeError(`The relay does not ${method}`);
    const headers = new Headers(init.headers);
    const reply = await sender({
      type: "api",
      method: method as RelayMethod,
      path: url.pathname,
      ...(url.search ? { query: Object.fromEntries(url.searchParams) } : {}),
      ...(typeof init.body === "string" ? { body: JSON.parse(init.body) as unknown } : {}),
      ...(headers.has("Idempotency-Key") ? { idempotencyKey: headers.get("Idempotency-Key") as string } : {}),
    });
    // No answer, or the network failed in the background: fail like fetch does.
    if (!reply || reply.status === 0) throw new TypeError("Could not reach Accord");
    const empty = reply.status === 204 || reply.status === 304;
    return new Response(empty ? null : reply.body, { status: reply.status, headers: reply.headers });
  };
}
