import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signInCodeStatement } from "../../worker/src/auth/credentials";
import { deviceFromUserAgent } from "../../worker/src/auth/device";
import { as, call, ok, person, send } from "./helpers";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const EDGE_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0";

describe("console session probe and device names", () => {
  it("names a device coarsely from its User-Agent: browser family and system, nothing finer", () => {
    expect(deviceFromUserAgent(CHROME_LINUX)).toEqual({ browser: "Chrome", system: "Linux" });
    expect(deviceFromUserAgent(FIREFOX_WINDOWS)).toEqual({ browser: "Firefox", system: "Windows" });
    expect(deviceFromUserAgent(SAFARI_IPHONE)).toEqual({ browser: "Safari", system: "iOS" });
    expect(deviceFromUserAgent(EDGE_MAC)).toEqual({ browser: "Edge", system: "macOS" });
    expect(deviceFromUserAgent("")).toBeNull();
    expect(deviceFromUserAgent("something else entirely")).toBeNull();
  });

  it("keeps the device of a sign-in and lists it with the person's tokens", async () => {
    const alice = await person();
    const code = await signInCodeStatement(env.DB, alice.personId, "pairing", null);
    await code.statement.run();
    const signedIn = ok(
      await call(
        as(null, { headers: { "User-Agent": FIREFOX_WINDOWS, "CF-Connecting-IP": "203.0.113.77" } }),
        "post",
        "/api/v1/sign-in",
        {
          body: { code: code.code },
        },
      ),
      201,
    );
    const list = ok(await call(as(signedIn.token), "get", "/api/v1/me/tokens"));
    const mine = list.tokens.find((t) => t.current);
    expect(mine?.device).toEqual({ browser: "Firefox", system: "Windows" });
    // Only the coarse name is kept, never the User-Agent itself.
    const stored = JSON.stringify((await env.DB.prepare("SELECT * FROM personal_tokens").all()).results);
    expect(stored).not.toContain("Gecko/20100101");
  });

  it("answers the signed-out probe with 200 and signedIn false, and true for a live session cookie", async () => {
    const out = await send("GET", "/signed-in");
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signedIn: false });
    const bogus = await send("GET", "/signed-in", { headers: { Cookie: "accord_session=acc_nope" } });
    expect(bogus.body).toEqual({ signedIn: false });
    const alice = await person();
    const live = await send("GET", "/signed-in", { headers: { Cookie: `accord_session=${alice.token}` } });
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ signedIn: true });
    ok(await call(as(alice), "post", "/api/v1/sign-out"), 204);
    const revoked = await send("GET", "/signed-in", { headers: { Cookie: `accord_session=${alice.token}` } });
    expect(revoked.body).toEqual({ signedIn: false });
  });
});
