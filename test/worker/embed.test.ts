import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  type Actor,
  agreedPrinciples,
  as,
  assertOk,
  call,
  embedAs,
  embedToken,
  fails,
  INTRANET,
  invite,
  ok,
  openCycle,
  organizationKey,
  partnership,
  send,
  snapshot,
  world,
} from "./helpers";

const INTRANET_B = "https://intranet.b.example";

/** Both organizations allow their intranets (A's with a key); Sam's claims, signed or tampered with per test. */
async function setup() {
  const w = await world({ members: 1, intranet: true, originsB: [INTRANET_B] });
  const key = w.intranet.key;
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: key.id, sub: "sam@a.example", aud: "accord", exp: now + 600, name: "Sam" };
  return { ...w, key, claims, now };
}

/** The partnership's principles through the embed door, as an intranet page holding `token`. */
const principles = (pid: string, token: string | Promise<string>, origin?: string) =>
  call(embedAs(token, origin), "get", "/api/v1/partnerships/{partnershipId}/principles", {
    params: { partnershipId: pid },
  });

describe("embed tokens", () => {
  it("signs in a new person on first use and makes them a member; one human is one person", async () => {
    const w = await setup();
    const params = { partnershipId: w.pid };
    const invited = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/invites", {
        params,
        body: { name: "Robin", externalId: "robin@a.example", role: "member" },
      }),
    );
    const first = await principles(w.pid, embedToken(w.claims, w.key.secret));
    assertOk(first);
    expect(first.status).toBe(200);
    expect(first.headers.get("Access-Control-Allow-Origin")).toBe(INTRANET);
    const people = async () =>
      ok(await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/people", { params })).people;
    expect(await people()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "Sam", externalId: "sam@a.example", role: "member" })]),
    );
    const robin = embedToken({ ...w.claims, sub: "robin@a.example", name: "R." }, w.key.secret);
    ok(await principles(w.pid, robin), 200);
    const robins = (await people()).filter((p) => p.externalId === "robin@a.example");
    expect(robins).toEqual([expect.objectContaining({ id: invited.person.id, name: "Robin" })]);
  });

  it("refuses forged, expired, unsigned, too long-lived, early and wrong-audience tokens with 401 and a clear message", async () => {
    const w = await setup();
    const before = await snapshot();
    const cases: [string, Promise<string> | string, RegExp][] = [
      ["forged", embedToken(w.claims, "not-the-secret"), /signature is invalid/],
      ["expired", embedToken({ ...w.claims, exp: w.now - 120 }, w.key.secret), /expired/],
      ["alg none", embedToken(w.claims, w.key.secret, { alg: "none", typ: "JWT" }), /HS256/],
      ["alg RS256", embedToken(w.claims, w.key.secret, { alg: "RS256" }), /HS256/],
      ["too long-lived", embedToken({ ...w.claims, exp: w.now + 7200 }, w.key.secret), /too long/],
      ["not yet valid", embedToken({ ...w.claims, nbf: w.now + 600 }, w.key.secret), /not valid yet/],
      ["wrong audience", embedToken({ ...w.claims, aud: "someone-else" }, w.key.secret), /audience/],
      ["unknown key", embedToken({ ...w.claims, iss: "ek_unknown" }, w.key.secret), /unknown/],
      ["no subject", embedToken({ ...w.claims, sub: "" }, w.key.secret), /sub/],
      ["garbage", "not.a.jwt", /unreadable|not a JWT/],
    ];
    for (const [name, token, message] of cases) {
      const error = fails(await principles(w.pid, token), 401, "unauthorized");
      expect(error.message, name).toMatch(message);
    }
    // The algorithm is checked before any key lookup: alg none with an unknown key says "HS256".
    const none = await principles(w.pid, embedToken({ ...w.claims, iss: "ek_nope" }, "x", { alg: "none" }));
    expect(fails(none, 401).message).toMatch(/HS256/);
    expect(await snapshot()).toEqual(before);
  });

  it("tolerates 60 seconds of clock skew and no more", async () => {
    const w = await setup();
    ok(await principles(w.pid, embedToken({ ...w.claims, exp: w.now - 30 }, w.key.secret)), 200);
    ok(await principles(w.pid, embedToken({ ...w.claims, exp: w.now + 3630 }, w.key.secret)), 200);
    fails(await principles(w.pid, embedToken({ ...w.claims, exp: w.now - 90 }, w.key.secret)), 401);
  });
});

describe("embed door CORS and origins", () => {
  it("answers a preflight for the union of the partnership's allowed origins, never *", async () => {
    const w = await setup();
    // A preflight is a browser's own request, outside the API's operations.
    const preflight = (origin: string) =>
      send("OPTIONS", `/embed/${w.pid}/cycles/current`, {
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "authorization",
        },
      });
    for (const origin of [INTRANET, INTRANET_B]) {
      const allowed = await preflight(origin);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe(origin);
      expect(allowed.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    }
    const evil = await preflight("https://evil.example");
    expect(evil.status).toBe(403);
    expect(evil.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("refuses a real request from an origin the token's organization does not allow, or with no origin", async () => {
    const w = await setup();
    const token = await embedToken(w.claims, w.key.secret);
    expect(fails(await principles(w.pid, token, INTRANET_B), 403).message).toMatch(/origin/);
    // The typed client hides a refusal's headers, and always names an origin: these two go raw.
    const evil = await send("GET", `/embed/${w.pid}/principles`, {
      token,
      headers: { Origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await send("GET", `/embed/${w.pid}/principles`, { token })).status).toBe(403);
  });

  it("acts with member rights only, even for a facilitator", async () => {
    const w = await setup();
    const me = ok(await call(as(w.facA), "get", "/api/v1/me"));
    await env.DB.prepare("UPDATE people SET external_id = 'fay@a.example' WHERE id = ?").bind(me.person.id).run();
    await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const fay = embedAs(embedToken({ ...w.claims, sub: "fay@a.example" }, w.key.secret));
    const res = await call(fay, "post", "/api/v1/partnerships/{partnershipId}/cycles", {
      params: { partnershipId: w.pid },
      body: { kind: "assessment" },
    });
    fails(res, 403);
  });

  it("answers 404 for a partnership the token's organization is not party to", async () => {
    const w = await setup();
    const elsewhere = await partnership();
    fails(await principles(elsewhere.pid, embedToken(w.claims, w.key.secret)), 404);
  });

  it("serves the current cycle and the caller's answers in one request, and takes answers", async () => {
    const w = await setup();
    const [p1] = (await agreedPrinciples(w.pid, w.facA, w.facB, 2)) as [string];
    const sam = embedAs(embedToken(w.claims, w.key.secret));
    const params = { partnershipId: w.pid };
    const current = async (kind?: "assessment" | "pulse") =>
      ok(
        await call(sam, "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
          params,
          query: kind ? { kind } : {},
        }),
      );
    // Sam arrives through the intranet before the cycle opens, so Sam is among its eligible people.
    ok(await call(sam, "get", "/api/v1/partnerships/{partnershipId}/principles", { params }), 200);
    const cycle = await openCycle(w.pid, w.facA);
    expect(await current("assessment")).toMatchObject({
      cycle: {
        id: cycle.id,
        kind: "assessment",
        status: "open",
        principles: [{ principleId: p1, title: "Principle 1" }, {}],
      },
      mine: { answers: [], progress: { answered: 0, total: 2 } },
      eligible: true,
    });
    const saved = await call(sam, "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses", {
      params: { ...params, cycleId: cycle.id },
      body: { answers: [{ principleId: p1, performance: 4, importance: 5 }] },
    });
    ok(saved, 200);
    expect((await current())?.mine?.answers).toEqual([
      { principleId: p1, performance: 4, importance: 5, comment: null },
    ]);
    expect(await current("pulse")).toEqual({ cycle: null, mine: null, eligible: false });
  });
});

describe("embed keys", () => {
  it("shows the secret once, keeps it sealed, rotates without downtime and revokes at once", async () => {
    const w = await setup();
    const rows = JSON.stringify((await env.DB.prepare("SELECT * FROM embed_keys").all()).results);
    expect(rows).not.toContain(w.key.secret);
    const org = { organizationId: w.orgA };
    const list = ok(
      await call(as(w.facA), "get", "/api/v1/organizations/{organizationId}/embed-keys", { params: org }),
    );
    expect(JSON.stringify(list)).not.toContain(w.key.secret);
    expect(list.keys).toEqual([expect.objectContaining({ id: w.key.id, label: "Intranet", revokedAt: null })]);

    const rotated = ok(
      await call(as(w.facA), "post", "/api/v1/organizations/{organizationId}/embed-keys/{keyId}/rotate", {
        params: { ...org, keyId: w.key.id },
      }),
      201,
    );
    expect(rotated.secret).not.toBe(w.key.secret);
    const oldToken = await embedToken(w.claims, w.key.secret);
    const newToken = await embedToken({ ...w.claims, iss: rotated.id }, rotated.secret);
    ok(await principles(w.pid, oldToken), 200);
    ok(await principles(w.pid, newToken), 200);
    ok(
      await call(as(w.facA), "delete", "/api/v1/organizations/{organizationId}/embed-keys/{keyId}", {
        params: { ...org, keyId: w.key.id },
      }),
      204,
    );
    fails(await principles(w.pid, oldToken), 401);
    ok(await principles(w.pid, newToken), 200);
    const log = ok(
      await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: w.pid } }),
    );
    expect(JSON.stringify(log)).not.toContain(rotated.secret);
    const organizationLog = ok(
      await call(as(w.facA), "get", "/api/v1/organizations/{organizationId}/audit", { params: org }),
    );
    expect(organizationLog.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["embed_key.created", "embed_key.rotated", "embed_key.revoked"]),
    );
    expect(JSON.stringify(organizationLog)).not.toContain(rotated.secret);
    expect(JSON.stringify(organizationLog)).not.toContain(w.key.secret);
  });

  it("lets only admins manage keys, and only their organization's", async () => {
    const w = await setup();
    const keys = (who: Actor, organizationId: string) =>
      call(as(who), "get", "/api/v1/organizations/{organizationId}/embed-keys", { params: { organizationId } });
    const revoke = (who: Actor, organizationId: string) =>
      call(as(who), "delete", "/api/v1/organizations/{organizationId}/embed-keys/{keyId}", {
        params: { organizationId, keyId: w.key.id },
      });
    fails(await keys(w.membersA[0] as Actor, w.orgA), 403);
    // Facilitating a partnership is not administering the organization.
    const facilitator = await invite(w.pid, w.facA, "Second facilitator", "facilitator");
    fails(await keys(facilitator, w.orgA), 403);
    const created = await call(as(facilitator), "post", "/api/v1/organizations/{organizationId}/embed-keys", {
      params: { organizationId: w.orgA },
      body: { label: "Mine" },
    });
    fails(created, 403);
    // Org B's admin sees nothing of org A's keys: not through A's route, nor A's key through B's.
    fails(await keys(w.facB, w.orgA), 404);
    fails(await revoke(w.facB, w.orgA), 404);
    fails(await revoke(w.facB, w.orgB), 404);
    expect(ok(await keys(w.facB, w.orgB)).keys).toEqual([]);
    expect(ok(await keys(w.facA, w.orgA)).keys).toEqual([expect.objectContaining({ id: w.key.id, revokedAt: null })]);
  });
});

describe("embed key limits", () => {
  it("answers 429 with Retry-After once one intranet's key sends too many writes; another key is unaffected", async () => {
    const w = await setup();
    const [p] = (await agreedPrinciples(w.pid, w.facA, w.facB, 1)) as [string];
    const other = await organizationKey(w.facA, "Other");
    const tokenOf = (keyId: string, secret: string, i: number) =>
      embedToken({ ...w.claims, iss: keyId, sub: `p${i}@a.example` }, secret);
    // Everyone arrives through the intranet (reads, not limited) before the cycle opens, so all may answer.
    for (let i = 0; i < 30; i++) ok(await principles(w.pid, tokenOf(w.key.id, w.key.secret, i)), 200);
    ok(await principles(w.pid, tokenOf(other.id, other.secret, 99)), 200);
    const cycle = await openCycle(w.pid, w.facA);
    const write = (keyId: string, secret: string, i: number) =>
      call(
        embedAs(tokenOf(keyId, secret, i)),
        "post",
        "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses",
        {
          params: { partnershipId: w.pid, cycleId: cycle.id },
          body: { answers: [{ principleId: p, performance: 3, importance: 4 }] },
        },
      );
    let limited: Awaited<ReturnType<typeof write>> | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      // Each write comes from another person, so only the key's limit can be reached.
      const res = await write(w.key.id, w.key.secret, i);
      if (!res.ok && res.error.status === 429) limited = res;
      else ok(res, 200);
    }
    expect(limited, "a write was limited").toBeDefined();
    const error = fails(limited as NonNullable<typeof limited>, 429, "rate_limited");
    expect(error.message).toMatch(/intranet/);
    // The client reads the Retry-After header into retryAfter.
    expect(error.retryAfter).toBe(60);
    ok(await write(other.id, other.secret, 99), 200);
  });
});
