/**
 * A stand-in for the Accord API at the fetch level: answers the few routes the background calls,
 * counts ratings by idempotency key the way the real API does, and can go offline.
 */
export interface FakeCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

export interface FakeApi {
  fetch: typeof fetch;
  calls: FakeCall[];
  /** Network down: every request rejects like fetch does offline. */
  offline: boolean;
  /** Pending items returned by GET /me/pending (its ETag follows the content). */
  pending: { partnershipId: string; cycleId: string; kind: "assessment" | "pulse" }[];
  /** Ratings counted, by idempotency key (a replay of a key is not counted again). */
  counted: Map<string, number>;
  /** Next POST …/responses answers this status instead (once); 403 as to someone who joined after it opened. */
  refuseNextRating?: number;
  /** Drop the response of the next POST …/responses after storing it (the reply is lost). */
  loseNextReply?: boolean;
}

export const BASE = "https://accord.example.com";

export function fakeApi(): FakeApi {
  const api: FakeApi = {
    calls: [],
    offline: false,
    pending: [],
    counted: new Map(),
    fetch: async (input, init = {}) => {
      const url = new URL(String(input));
      const headers = new Headers(init.headers);
      const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
      api.calls.push({ method: init.method ?? "GET", path: url.pathname, headers, body });
      if (api.offline) throw new TypeError("Failed to fetch");
      if (url.pathname === "/api/v1/me/pending") {
        const text = JSON.stringify({ count: api.pending.length, items: api.pending.map(item) });
        const etag = `"${hash(text)}"`;
        if (headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
        return json(200, JSON.parse(text), { ETag: etag });
      }
      const rating = /^\/api\/v1\/partnerships\/(prt_\w+)\/cycles\/(cyc_\w+)\/responses$/.exec(url.pathname);
      if (rating && init.method === "POST") {
        if (api.refuseNextRating) {
          const status = api.refuseNextRating;
          api.refuseNextRating = undefined;
          return json(
            status,
            status === 403
              ? {
                  error: {
                    code: "forbidden",
                    message: "You joined after this cycle opened: you can answer from the next cycle",
                  },
                }
              : { error: { code: "conflict", message: "This cycle is closed" } },
          );
        }
        const key = headers.get("Idempotency-Key") ?? crypto.randomUUID();
        if (!api.counted.has(key))
          api.counted.set(key, (body as { answers: { performance: number }[] }).answers[0]?.performance ?? 0);
        api.pending = api.pending.filter((p) => p.cycleId !== rating[2]);
        if (api.loseNextReply) {
          api.loseNextReply = false;
          throw new TypeError("Failed to fetch");
        }
        return json(200, { cycleId: rating[2], answers: [], progress: { answered: 1, total: 1 } });
      }
      if (/^\/api\/v1\/partnerships\/prt_\w+\/cycles\/current$/.test(url.pathname)) {
        return json(200, { cycle: null, mine: null, kind: url.searchParams.get("kind") });
      }
      return json(404, { error: { code: "not_found", message: "No such route" } });
    },
  };
  return api;
}

function item(p: FakeApi["pending"][number]) {
  return {
    ...p,
    partnershipName: "Northwind × Acme",
    title: p.kind === "pulse" ? "Pulse" : "Annual assessment",
    closesAt: "2099-01-01T00:00:00.000Z",
    answered: 0,
    total: p.kind === "pulse" ? 1 : 6,
    principle: null,
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
