import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  agreedPrinciples,
  embedToken,
  invite,
  openCycle,
  organizationKey,
  partnership,
  send,
  snapshot,
} from "./helpers";

const INTRANET = "https://intranet.a.example";

async function embedWorld() {
  const w = await partnership({ members: 1 });
  // Each organization's admin (its facilitator in `partnership()`) wires its own intranet.
  const originsA = await send("PUT", `/organizations/${w.orgA}/allowed-origins`, {
    token: w.facA.token,
    body: { origins: [INTRANET] },
  });
  expect(originsA.status).toBe(200);
  const originsB = await send("PUT", `/organizations/${w.orgB}/allowed-origins`, {
    token: w.facB.token,
    body: { origins: ["https://intranet.b.example"] },
  });
  expect(originsB.status).toBe(200);
  const key = await organizationKey(w.facA);
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: key.id, sub: "sam@a.example", aud: "accord", exp: now + 600, name: "Sam" };
  return { ...w, key, claims, now };
}

const embed = (
  pid: string,
  path: string,
  token: string,
  opts: { origin?: string | null; method?: string; body?: unknown } = {},
) =>
  send(opts.method ?? "GET", `/embed/${pid}${path}`, {
    token,
    body: opts.body,
    headers: opts.origin === null ? {} : { Origin: opts.origin ?? INTRANET },
  });

describe("embed tokens", () => {
  it("signs in a new person on first use and makes them a member; one human is one person", async () => {
    const w = await embedWorld();
    const invited = await send("POST", `/partnerships/${w.pid}/invites`, {
      token: w.facA.token,
      body: { name: "Robin", externalId: "robin@a.example" },
    });
    const first = await embed(w.pid, "/principles", await embedToken(w.claims, w.key.secret));
    expect(first.status).toBe(200);
    expect(first.headers.get("Access-Control-Allow-Origin")).toBe(INTRANET);
    const people = await send("GET", `/partnerships/${w.pid}/people`, { token: w.facA.token });
    expect(people.body.people).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "Sam", externalId: "sam@a.example", role: "member" })]),
    );
    const robin = await embedToken({ ...w.claims, sub: "robin@a.example", name: "R." }, w.key.secret);
    expect((await embed(w.pid, "/principles", robin)).status).toBe(200);
    const after = await send("GET", `/partnerships/${w.pid}/people`, { token: w.facA.token });
    const robins = after.body.people.filter((p: { externalId?: string }) => p.externalId === "robin@a.example");
    expect(robins).toEqual([expect.objectContaining({ id: invited.body.person.id, name: "Robin" })]);
  });

  it("refuses forged, expired, unsigned, too long-lived, early and wrong-audience tokens with 401 and a clear message", async () => {
    const w = await embedWorld();
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
      const res = await embed(w.pid, "/principles", await token);
      expect(res.status, name).toBe(401);
      expect(res.body.error.code, name).toBe("unauthorized");
      expect(res.body.error.message, name).toMatch(message);
    }
    // The algorithm is checked before any key lookup: alg none with an unknown key says "HS256".
    const none = await embed(
      w.pid,
      "/principles",
      await embedToken({ ...w.claims, iss: "ek_nope" }, "x", { alg: "none" }),
    );
    expect(none.body.error.message).toMatch(/HS256/);
    expect(await snapshot()).toEqual(before);
  });

  it("tolerates 60 seconds of clock skew and no more", async () => {
    const w = await embedWorld();
    expect(
      (await embed(w.pid, "/principles", await embedToken({ ...w.claims, exp: w.now - 30 }, w.key.secret))).status,
    ).toBe(200);
    expect(
      (await embed(w.pid, "/principles", await embedToken({ ...w.claims, exp: w.now + 3630 }, w.key.secret))).status,
    ).toBe(200);
    expect(
      (await embed(w.pid, "/principles", await embedToken({ ...w.claims, exp: w.now - 90 }, w.key.secret))).status,
    ).toBe(401);
  });
});

describe("embed door CORS and origins", () => {
  it("answers a preflight for the union of the partnership's allowed origins, never *", async () => {
    const w = await embedWorld();
    const preflight = (origin: string) =>
      import("cloudflare:workers").then(({ exports }) =>
        exports.default.fetch(`http://accord.test/api/v1/embed/${w.pid}/cycles/current`, {
          method: "OPTIONS",
          headers: {
            Origin: origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
          },
        }),
      );
    for (const origin of [INTRANET, "https://intranet.b.example"]) {
      const ok = await preflight(origin);
      expect(ok.status).toBe(204);
      expect(ok.headers.get("Access-Control-Allow-Origin")).toBe(origin);
      expect(ok.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    }
    const evil = await preflight("https://evil.example");
    expect(evil.status).toBe(403);
    expect(evil.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("refuses a real request from an origin the token's organization does not allow, or with no origin", async () => {
    const w = await embedWorld();
    const token = await embedToken(w.claims, w.key.secret);
    const other = await embed(w.pid, "/principles", token, { origin: "https://intranet.b.example" });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/origin/);
    const evil = await embed(w.pid, "/principles", token, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await embed(w.pid, "/principles", token, { origin: null })).status).toBe(403);
  });

  it("acts with member rights only, even for a facilitator", async () => {
    const w = await embedWorld();
    const me = await send("GET", "/me", { token: w.facA.token });
    await env.DB.prepare("UPDATE people SET external_id = 'fay@a.example' WHERE id = ?").bind(me.body.person.id).run();
    await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const token = await embedToken({ ...w.claims, sub: "fay@a.example" }, w.key.secret);
    const res = await embed(w.pid, "/cycles", token, { method: "POST", body: { kind: "assessment" } });
    expect(res.status).toBe(403);
  });

  it("answers 404 for a partnership the token's organization is not party to", async () => {
    const w = await embedWorld();
    const elsewhere = await partnership();
    const res = await embed(elsewhere.pid, "/principles", await embedToken(w.claims, w.key.secret));
    expect(res.status).toBe(404);
  });

  it("serves the current cycle and the caller's answers in one request, and takes answers", async () => {
    const w = await embedWorld();
    const [p1] = await agreedPrinciples(w.pid, w.facA, w.facB, 2);
    const token = await embedToken(w.claims, w.key.secret);
    // Sam arrives through the intranet before the cycle opens, so Sam is among its eligible people.
    expect((await embed(w.pid, "/principles", token)).status).toBe(200);
    const cycle = await openCycle(w.pid, w.facA);
    const empty = await embed(w.pid, "/cycles/current?kind=assessment", token);
    expect(empty.body).toMatchObject({
      cycle: {
        id: cycle.id,
        kind: "assessment",
        status: "open",
        principles: [{ principleId: p1, title: "Principle 1" }, {}],
      },
      mine: { answers: [], progress: { answered: 0, total: 2 } },
      eligible: true,
    });
    const saved = await embed(w.pid, `/cycles/${cycle.id}/responses`, token, {
      method: "POST",
      body: { answers: [{ principleId: p1, performance: 4, importance: 5 }] },
    });
    expect(saved.status).toBe(200);
    const again = await embed(w.pid, "/cycles/current", token);
    expect(again.body.mine.answers).toEqual([{ principleId: p1, performance: 4, importance: 5, comment: null }]);
    expect((await embed(w.pid, "/cycles/current?kind=pulse", token)).body).toEqual({
      cycle: null,
      mine: null,
      eligible: false,
    });
  });
});

describe("embed keys", () => {
  it("shows the secret once, keeps it sealed, rotates without downtime and revokes at once", async () => {
    const w = await embedWorld();
    const rows = JSON.stringify((await env.DB.prepare("SELECT * FROM embed_keys").all()).results);
    expect(rows).not.toContain(w.key.secret);
    const keys = `/organizations/${w.orgA}/embed-keys`;
    const list = await send("GET", keys, { token: w.facA.token });
    expect(JSON.stringify(list.body)).not.toContain(w.key.secret);
    expect(list.body.keys).toEqual([expect.objectContaining({ id: w.key.id, label: "Intranet", revokedAt: null })]);

    const rotated = await send("POST", `${keys}/${w.key.id}/rotate`, { token: w.facA.token });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).not.toBe(w.key.secret);
    const oldToken = await embedToken(w.claims, w.key.secret);
    const newToken = await embedToken({ ...w.claims, iss: rotated.body.id }, rotated.body.secret);
    expect((await embed(w.pid, "/principles", oldToken)).status).toBe(200);
    expect((await embed(w.pid, "/principles", newToken)).status).toBe(200);
    expect((await send("DELETE", `${keys}/${w.key.id}`, { token: w.facA.token })).status).toBe(204);
    expect((await embed(w.pid, "/principles", oldToken)).status).toBe(401);
    expect((await embed(w.pid, "/principles", newToken)).status).toBe(200);
    const log = await send("GET", `/partnerships/${w.pid}/audit`, { token: w.facA.token });
    expect(JSON.stringify(log.body)).not.toContain(rotated.body.secret);
    const organizationLog = await send("GET", `/organizations/${w.orgA}/audit`, { token: w.facA.token });
    expect(organizationLog.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["embed_key.created", "embed_key.rotated", "embed_key.revoked"]),
    );
    expect(JSON.stringify(organizationLog.body)).not.toContain(rotated.body.secret);
    expect(JSON.stringify(organizationLog.body)).not.toContain(w.key.secret);
  });

  it("lets only admins manage keys, and only their organization's", async () => {
    const w = await embedWorld();
    const keysA = `/organizations/${w.orgA}/embed-keys`;
    const keysB = `/organizations/${w.orgB}/embed-keys`;
    expect((await send("GET", keysA, { token: w.membersA[0]?.token })).status).toBe(403);
    // Facilitating a partnership is not administering the organization.
    const facilitator = await invite(w.pid, w.facA, "Second facilitator", "facilitator");
    expect((await send("GET", keysA, { token: facilitator.token })).status).toBe(403);
    expect((await send("POST", keysA, { token: facilitator.token, body: { label: "Mine" } })).status).toBe(403);
    // Org B's admin sees nothing of org A's keys: not through A's route, nor A's key through B's.
    expect((await send("GET", keysA, { token: w.facB.token })).status).toBe(404);
    expect((await send("DELETE", `${keysA}/${w.key.id}`, { token: w.facB.token })).status).toBe(404);
    expect((await send("DELETE", `${keysB}/${w.key.id}`, { token: w.facB.token })).status).toBe(404);
    const seenByB = await send("GET", keysB, { token: w.facB.token });
    expect(seenByB.body.keys).toEqual([]);
    const stillThere = await send("GET", keysA, { token: w.facA.token });
    expect(stillThere.body.keys).toEqual([expect.objectContaining({ id: w.key.id, revokedAt: null })]);
  });
});

describe("embed key limits", () => {
  it("answers 429 with Retry-After once one intranet's key sends too many writes; another key is unaffected", async () => {
    const w = await embedWorld();
    const [p] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const other = await organizationKey(w.facA, "Other");
    const tokenOf = (keyId: string, secret: string, i: number) =>
      embedToken({ ...w.claims, iss: keyId, sub: `p${i}@a.example` }, secret);
    // Everyone arrives through the intranet (reads, not limited) before the cycle opens, so all may answer.
    for (let i = 0; i < 30; i++) {
      expect((await embed(w.pid, "/principles", await tokenOf(w.key.id, w.key.secret, i))).status).toBe(200);
    }
    expect((await embed(w.pid, "/principles", await tokenOf(other.id, other.secret, 99))).status).toBe(200);
    const cycle = await openCycle(w.pid, w.facA);
    const write = async (keyId: string, secret: string, i: number) =>
      embed(w.pid, `/cycles/${cycle.id}/responses`, await tokenOf(keyId, secret, i), {
        method: "POST",
        body: { answers: [{ principleId: p, performance: 3, importance: 4 }] },
      });
    let limited: Awaited<ReturnType<typeof write>> | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      // Each write comes from another person, so only the key's limit can be reached.
      const res = await write(w.key.id, w.key.secret, i);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.body.error).toEqual({ code: "rate_limited", message: expect.stringMatching(/intranet/) });
    expect(limited?.headers.get("Retry-After")).toBe("60");
    expect((await write(other.id, other.secret, 99)).status).toBe(200);
  });
});
