/**
 * Embed tokens from an element's `token-url`: a same-origin endpoint on the intranet that signs a
 * fresh token for whoever is signed in there. Tokens are kept in memory only, and fetched again
 * shortly before they expire and after the API refused one. A file of its own in the embed build:
 * pages that pass a `token` attribute never load it.
 */

/** Fetch a new token when the cached one has less than this left (ms). */
export const REFRESH_MARGIN_MS = 60_000;

interface TokenUrlOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** The host page's location: token-url must be on its origin, since it is fetched with credentials. */
  location?: Pick<Location, "href" | "origin">;
}

/** The `exp` claim (seconds) of a JWT, read without verifying it (the API does that); 0 if unreadable. */
export function expiryOf(jwt: string): number {
  try {
    return Number(JSON.parse(atob((jwt.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/"))).exp) || 0;
  } catch {
    return 0;
  }
}

export function createTokenUrl(options: TokenUrlOptions = {}) {
  const now = options.now ?? Date.now;
  let cached: { url: string; token: string; exp: number } | null = null;
  let inflight: Promise<string | null> | null = null;

  const fetchToken = async (url: string): Promise<string | null> => {
    const location = options.location ?? globalThis.location;
    const target = new URL(url, location.href);
    // Credentials go to the intranet's own origin only, never to a third party named in markup.
    if (target.origin !== location.origin) return null;
    try {
      const res = await (options.fetch ?? fetch)(target.href, {
        credentials: "include",
        cache: "no-store",
        headers: { Accept: "application/json, text/plain" },
      });
      const text = (await res.text()).trim();
      // JSON {"token": "…"}, or the token as plain text.
      const token: unknown = res.ok ? (text.startsWith("{") ? JSON.parse(text).token : text) : null;
      cached = typeof token === "string" && token ? { url, token, exp: expiryOf(token) } : null;
      return cached?.token ?? null;
    } catch {
      return null;
    }
  };

  return {
    /** A token from `url` that is not about to expire: the cached one, or a fresh one. */
    token(url: string): Promise<string | null> {
      if (cached?.url === url && cached.exp * 1000 - now() > REFRESH_MARGIN_MS) return Promise.resolve(cached.token);
      inflight ??= fetchToken(url).finally(() => {
        inflight = null;
      });
      return inflight;
    },
    /** Forgets the cached token (the API refused it), so the next call asks token-url again. */
    invalidate(): void {
      cached = null;
    },
  };
}

export type TokenUrl = ReturnType<typeof createTokenUrl>;
