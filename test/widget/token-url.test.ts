/** Tokens from an element's token-url: cached, refreshed before expiry and after a refusal, same-origin only. */
import { describe, expect, it, vi } from "vitest";
import { createTokenUrl, expiryOf, REFRESH_MARGIN_MS } from "../../widget/src/elements/token-url";

const location = { href: "https://intranet.example/news/", origin: "https://intranet.example" };
const jwt = (exp: number) =>
  `${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`;

function endpoint(body: (n: number) => string, contentType = "application/json") {
  let n = 0;
  const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => {
    n += 1;
    return new Response(body(n), { headers: { "Content-Type": contentType } });
  });
  return fetch;
}

describe("token-url", () => {
  it("fetches with the intranet's cookies and caches the token until shortly before it expires", async () => {
    let now = 1_000_000_000_000;
    const fetch = endpoint((n) => JSON.stringify({ token: jwt(now / 1000 + 600 + n) }));
    const source = createTokenUrl({ fetch, now: () => now, location });
    const first = await source.token("/accord/token");
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe("https://intranet.example/accord/token");
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: "include", cache: "no-store" });
    now += 600_000 - REFRESH_MARGIN_MS - 1000;
    expect(await source.token("/accord/token")).toBe(first);
    now += 2000;
    expect(await source.token("/accord/token")).not.toBe(first);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("asks again after the API refused the token", async () => {
    const fetch = endpoint((n) => JSON.stringify({ token: jwt(9_999_999_999 + n) }));
    const source = createTokenUrl({ fetch, location });
    const first = await source.token("/t");
    source.invalidate();
    expect(await source.token("/t")).not.toBe(first);
  });

  it("accepts the token as plain text, and shares one request between callers", async () => {
    const fetch = endpoint(() => jwt(9_999_999_999), "text/plain");
    const source = createTokenUrl({ fetch, location });
    const [a, b] = await Promise.all([source.token("/t"), source.token("/t")]);
    expect(a).toBe(jwt(9_999_999_999));
    expect(b).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("never sends the intranet's cookies to another origin", async () => {
    const fetch = endpoint(() => JSON.stringify({ token: jwt(9_999_999_999) }));
    const source = createTokenUrl({ fetch, location });
    expect(await source.token("https://elsewhere.example/token")).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("gives no token when the endpoint fails or answers nonsense", async () => {
    const failing = createTokenUrl({ fetch: async () => new Response("no", { status: 401 }), location });
    expect(await failing.token("/t")).toBeNull();
    const garbled = createTokenUrl({ fetch: async () => new Response("{not json"), location });
    expect(await garbled.token("/t")).toBeNull();
  });

  it("reads exp without verifying the token", () => {
    expect(expiryOf(jwt(1234))).toBe(1234);
    expect(expiryOf("not-a-jwt")).toBe(0);
  });
});
