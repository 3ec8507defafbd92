/**
 * Who the person is, as an embed token: the element's `token` attribute, or a token from its
 * `token-url` (see token-url.ts, loaded only by pages that use one).
 */
import type { TokenUrl } from "./token-url";

interface IdentitySource {
  token(): string | null;
  tokenUrl(): string | null;
}

export function createIdentity(source: IdentitySource) {
  let tokenUrl: Promise<TokenUrl> | undefined;
  return {
    /** The token to send now; null when there is none (the API then answers "signed out"). */
    async token(): Promise<string | null> {
      const url = source.tokenUrl();
      const attribute = source.token();
      if (attribute || !url) return attribute;
      tokenUrl ??= import("./token-url").then(
        (m) => m.createTokenUrl(),
        (error) => {
          tokenUrl = undefined;
          throw error;
        },
      );
      return (await tokenUrl).token(url);
    },
    /** Forgets a token the API refused, so the next request asks token-url for a fresh one. */
    invalidate(): void {
      void tokenUrl?.then((t) => t.invalidate());
    },
  };
}
