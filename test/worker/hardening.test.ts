import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../worker/src/app";
import {
  type Actor,
  aggregatesAndRecount,
  agreedPrinciples,
  answer,
  call,
  embedToken,
  endCycle,
  invite,
  type Loose,
  openCycle,
  organizationKey,
  partnership,
  type Res,
  snapshot,
} from "./helpers";

const TRANSIENT = "D1_ERROR: Network connection lost.";

/**
 * The real D1 binding with faults injected: the first `failures` batches fail, either before
 * running (`lost: "before"`) or after committing (`lost: "after"`, the worst case for retries).
 */
function flaky(db: D1Database, failures: number, lost: "before" | "after" = "before", reads = 0) {
  let batchFailures = failures;
  let readFailures = reads;
  const wrapStatement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(target.bind(...args));
        if (prop === "first" || prop === "all") {
          return async (...args: unknown[]) => {
            if (readFailures-- > 0) throw new Error(TRANSIENT);
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const originals = new WeakMap<object, D1PreparedStatement>();
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          const real = target.prepare(sql);
          const wrapped = wrapStatement(real);
          originals.set(wrapped, real);
          return wrapped;
        };
      }
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const unwrapped = statements.map((s) => originals.get(s) ?? s);
          if (batchFailures-- > 0) {
            if (lost === "after") await target.batch(unwrapped);
            throw new Error(TRANSIENT);
          }
          return target.batch(unwrapped);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function fetchWith(db: D1Database, method: string, path: string, token: string, body?: unknown, headers = {}) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`http://accord.test/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { ...env, DB: db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as Loose };
}

describe("transient database faults", () => {
  it("retries a rating whose batch was lost before running, and counts it once", async () => {
    const w = await partnership();
    const [p] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const cycle = await openCycle(w.pid, w.facA);
    const res = await fetchWith(
      flaky(env.DB, 2, "before"),
      "POST",
      `/partnerships/${w.pid}/cycles/${cycle.id}/responses`,
      w.facB.token,
      {
        answers: [{ principleId: p, performance: 4, importance: 5 }],
      },
    );
    expect(res.status).toBe(200);
    const { stored, recount } = await aggregatesAndRecount(cycle.id);
    expect(stored).toEqual(recount);
    expect(stored).toEqual([expect.objectContaining({ perf_n: 1, perf_sum: 4 })]);
  });

  it("retries a rating whose batch committed but whose answer was lost, without counting it twice", async () => {
    const w = await partnership();
    const [p] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const cycle = await openCycle(w.pid, w.facA);
    const body = { answers: [{ principleId: p, performance: 2, importance: 5 }] };
    const path = `/partnerships/${w.pid}/cycles/${cycle.id}/responses`;
    const keyed = await fetchWith(flaky(env.DB, 1, "after"), "POST", path, w.facB.token, body, {
      "Idempotency-Key": "k1",
    });
    expect(keyed.status).toBe(200);
    const plain = await fetchWith(flaky(env.DB, 1, "after"), "POST", path, w.facA.token, body);
    expect(plain.status).toBe(200);
    const { stored, recount } = await aggregatesAndRecount(cycle.id);
    expect(stored).toEqual(recount);
    expect(stored.reduce((n, r) => n + (r.perf_n as number), 0)).toBe(2);
  });

  it("retries reads on transient errors", async () => {
    const w = await partnership();
    const res = await fetchWith(
      flaky(env.DB, 0, "before", 2),
      "GET",
      `/partnerships/${w.pid}/principles`,
      w.facA.token,
    );
    expect(res.status).toBe(200);
  });

  it("answers 503 with Retry-After and a clean body when the database stays unavailable; nothing is written", async () => {
    const w = await partnership();
    const [p] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const cycle = await openCycle(w.pid, w.facA);
    const before = await snapshot();
    const res = await fetchWith(
      flaky(env.DB, 99, "before"),
      "POST",
      `/partnerships/${w.pid}/cycles/${cycle.id}/responses`,
      w.facB.token,
      {
        answers: [{ principleId: p, performance: 4, importance: 5 }],
      },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    expect(res.body).toEqual({ error: { code: "unavailable", message: expect.stringMatching(/busy/) } });
    // Salts are made when the cycle opens, so a submission that fails writes nothing at all.
    expect(await snapshot()).toEqual(before);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After past a person's write limit; another person is unaffected", async () => {
    const w = await partnership({ members: 1 });
    const [p] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const member = w.membersA[0] as Actor;
    const path = `/partnerships/${w.pid}/principles/${p}/comments`;
    let limited: Res | null = null;
    for (let i = 0; i < 130 && !limited; i++) {
      const res = await call("POST", path, { token: member.token, body: { body: `note ${i}` } });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(201);
    }
    expect(limited?.body.error.code).toBe("rate_limited");
    expect(limited?.headers.get("Retry-After")).toBe("60");
    expect((await call("POST", path, { token: w.facB.token, body: { body: "still fine" } })).status).toBe(201);
    // Reads are not limited.
    expect((await call("GET", path, { token: member.token })).status).toBe(200);
  });

  it("slows down sign-in attempts from one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await call("POST", "/sign-in", {
        body: { code: "AAAA-BBBB-CCCC" },
        headers: { "CF-Connecting-IP": "198.51.100.7" },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const other = await call("POST", "/sign-in", {
      body: { code: "AAAA-BBBB-CCCC" },
      headers: { "CF-Connecting-IP": "198.51.100.8" },
    });
    expect(other.status).toBe(401);
  });
});

describe("headers", () => {
  it("sends a strict policy on every API answer, errors included", async () => {
    const w = await partnership();
    for (const res of [
      await call("GET", `/partnerships/${w.pid}`, { token: w.facA.token }),
      await call("GET", "/me"),
      await call("GET", "/openapi.json"),
    ]) {
      expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    }
  });
});

describe("bad input never hurts", () => {
  afterEach(() => vi.restoreAllMocks());

  async function writeRoutes() {
    const w = await partnership({ members: 1 });
    const [principleId] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const cycle = await openCycle(w.pid, w.facA);
    const action = await call("POST", `/partnerships/${w.pid}/actions`, {
      token: w.facA.token,
      body: { kind: "improve", title: "A" },
    });
    const key = await organizationKey(w.facA);
    const proposal = await call("POST", `/partnerships/${w.pid}/settings-proposals`, {
      token: w.facA.token,
      body: { k: 4 },
    });
    expect(proposal.status).toBe(201);
    const ids: Record<string, string> = {
      partnershipId: w.pid,
      principleId: principleId as string,
      cycleId: cycle.id,
      actionId: action.body.id,
      keyId: key.id,
      proposalId: proposal.body.id,
      personId: (w.membersA[0] as Actor).personId,
      organizationId: w.orgA,
      tokenId: "tok_none",
    };
    const doc = await call("GET", "/openapi.json");
    const routes: { method: string; path: string }[] = [];
    for (const [path, ops] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        if (method === "get" || path.startsWith("/api/v1/embed/")) continue;
        if (/sign-out|tokens\/|archive|\/people\/\{personId\}/.test(path) && method !== "patch") continue; // would end the test's own access
        routes.push({
          method: method.toUpperCase(),
          path: path.replace("/api/v1", "").replaceAll(/\{(\w+)\}/g, (_, n: string) => ids[n] ?? "x"),
        });
      }
    }
    // Spread the writes over several facilitators, so the per-person limit is not what is tested.
    const tokens = [w.facA.token];
    for (let i = 0; i < 5; i++) tokens.push((await invite(w.pid, w.facA, `Fac ${i}`, "facilitator")).token);
    return { routes, tokens };
  }

  it("answers random JSON at every write route with a 4xx or a success, never a 500 or a partial write", async () => {
    const { routes, tokens } = await writeRoutes();
    expect(routes.length).toBeGreaterThan(20);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ title: v, description: v, answers: v, body: v })),
        ),
        async (route, raw) => {
          const before = await snapshot();
          const res = await call(route.method, route.path, {
            token: tokens[n++ % tokens.length],
            raw,
            headers: { "Content-Type": "application/json" },
          });
          expect(res.status, `${route.method} ${route.path} ${raw.slice(0, 80)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body.error.code).toMatch(/^[a-z_]+$/);
            expect(await snapshot()).toEqual(before);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);

  it("refuses other media types with 415 and bodies over 64 KB with 413 at every write route", async () => {
    const { routes, tokens } = await writeRoutes();
    const before = await snapshot();
    for (const [i, route] of routes.entries()) {
      const token = tokens[i % tokens.length];
      const form = await call(route.method, route.path, {
        token,
        raw: "a=1",
        headers: { "Content-Type": "text/plain" },
      });
      expect(form.status, `${route.method} ${route.path}`).toBe(415);
      const huge = await call(route.method, route.path, {
        token,
        raw: JSON.stringify({ body: "x".repeat(70_000) }),
        headers: { "Content-Type": "application/json" },
      });
      expect(huge.status, `${route.method} ${route.path}`).toBe(413);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("stores odd Unicode as given and returns it unchanged", async () => {
    const w = await partnership();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }), async (text) => {
        const title = text.trim().slice(0, 80) || "x";
        const res = await call("POST", `/partnerships/${w.pid}/principles`, {
          token: w.facA.token,
          body: { title, description: text },
        });
        expect(res.status).toBeLessThan(500);
        if (res.status === 201) expect(res.body.current.title).toBe(title);
      }),
      { numRuns: 40 },
    );
  });

  it("answers broken embed tokens with 401 and never a 500", async () => {
    const w = await partnership();
    const origins = await call("PUT", `/organizations/${w.orgA}/allowed-origins`, {
      token: w.facA.token,
      body: { origins: ["https://i.example"] },
    });
    expect(origins.status).toBe(200);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => p.join(".")),
          fc.jsonValue().chain((claims) => fc.constant(embedToken({ claims } as Record<string, unknown>, "s"))),
        ),
        async (tokenOrPromise) => {
          const token = await tokenOrPromise;
          if (!/^\S+$/.test(token)) return;
          const res = await call("GET", `/embed/${w.pid}/principles`, {
            token,
            headers: { Origin: "https://i.example" },
          });
          expect(res.status).toBe(401);
          expect(res.body.error.code).toBe("unauthorized");
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("secrets stay out of logs and error bodies", () => {
  afterEach(() => vi.restoreAllMocks());

  it("never logs or echoes a token, an embed secret or a code", async () => {
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      });
    }
    const w = await partnership();
    const key = await organizationKey(w.facA);
    const revoked = w.facB.token;
    await call("POST", "/sign-out", { token: revoked });
    const bodies = [
      await call("GET", "/me", { token: revoked }),
      await call("GET", "/me", { token: `${w.facA.token}x` }),
      await call("POST", "/sign-in", { body: { code: "ZZZZ-ZZZZ-ZZZZ" } }),
      await call("GET", `/embed/${w.pid}/principles`, {
        token: await embedToken({ iss: key.id }, "wrong"),
        headers: { Origin: "https://x.example" },
      }),
      await fetchWith(flaky(env.DB, 99, "before", 99), "GET", `/partnerships/${w.pid}/principles`, w.facA.token),
    ].map((r) => JSON.stringify(r.body));
    const secrets = [w.facA.token, revoked, key.secret, "ZZZZ-ZZZZ-ZZZZ"];
    for (const text of [...lines, ...bodies]) for (const s of secrets) expect(text).not.toContain(s);
    expect(lines.some((l) => l.includes("d1_unavailable"))).toBe(true);
  });
});

describe("data rights", () => {
  it("exports the partnership as JSON for facilitators, with published figures and no rating rows", async () => {
    const w = await partnership({ members: 1 });
    const [p] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const cycle = await openCycle(w.pid, w.facA);
    await answer(w.pid, cycle.id, w.facB, [
      { principleId: p, performance: 3, importance: 4, comment: "private words" },
    ]);
    // One respondent is below k: the cycle closes by time, publishing suppressed figures.
    await endCycle(cycle.id);
    const res = await call("GET", `/partnerships/${w.pid}/export`, { token: w.facA.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="accord-prt_/);
    expect(res.body.partnership.id).toBe(w.pid);
    expect(res.body.principles).toHaveLength(1);
    expect(res.body.results[0].principles[0].score).toEqual({ suppressed: true });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("private words");
    expect(text).not.toMatch(/respondent/);
    expect((await call("GET", `/partnerships/${w.pid}/export`, { token: (w.membersA[0] as Actor).token })).status).toBe(
      403,
    );
  });
});

describe("roles, exhaustively", () => {
  const FACILITATOR_ONLY = [
    "PATCH /partnerships/{partnershipId}",
    "POST /partnerships/{partnershipId}/archive",
    "POST /partnerships/{partnershipId}/restore",
    "POST /partnerships/{partnershipId}/organizations",
    "POST /partnerships/{partnershipId}/settings-proposals",
    "POST /partnerships/{partnershipId}/settings-proposals/{proposalId}/approve",
    "POST /partnerships/{partnershipId}/settings-proposals/{proposalId}/reject",
    "PUT /partnerships/{partnershipId}/principles/{principleId}/stance",
    "POST /partnerships/{partnershipId}/invites",
    "PATCH /partnerships/{partnershipId}/people/{personId}",
    "DELETE /partnerships/{partnershipId}/people/{personId}",
    "POST /partnerships/{partnershipId}/cycles",
    "POST /partnerships/{partnershipId}/cycles/{cycleId}/open",
    "POST /partnerships/{partnershipId}/cycles/{cycleId}/close",
    "POST /partnerships/{partnershipId}/cycles/{cycleId}/reopen",
    "GET /partnerships/{partnershipId}/cycles/{cycleId}/results.csv",
    "GET /partnerships/{partnershipId}/audit",
    "GET /partnerships/{partnershipId}/export",
  ];

  it("answers 403 to a member on exactly the facilitator routes", async () => {
    const w = await partnership({ members: 1 });
    const [principleId] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const cycle = await openCycle(w.pid, w.facA, "assessment", {
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const action = await call("POST", `/partnerships/${w.pid}/actions`, {
      token: w.facA.token,
      body: { kind: "improve", title: "A" },
    });
    const proposal = await call("POST", `/partnerships/${w.pid}/settings-proposals`, {
      token: w.facA.token,
      body: { k: 4 },
    });
    expect(proposal.status).toBe(201);
    const member = w.membersA[0] as Actor;
    const ids: Record<string, string> = {
      partnershipId: w.pid,
      principleId: principleId as string,
      cycleId: cycle.id,
      actionId: action.body.id,
      proposalId: proposal.body.id,
      personId: w.facA.personId,
      organizationId: w.orgA,
    };
    const doc = await call("GET", "/openapi.json");
    const seen: string[] = [];
    for (const [path, ops] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      if (!path.startsWith("/api/v1/partnerships/{partnershipId}")) continue;
      for (const method of Object.keys(ops)) {
        const name = `${method.toUpperCase()} ${path.replace("/api/v1", "")}`;
        const url = path.replace("/api/v1", "").replaceAll(/\{(\w+)\}/g, (_, n: string) => ids[n] ?? "x");
        const res = await call(method.toUpperCase(), url, {
          token: member.token,
          body: method === "get" ? undefined : {},
        });
        if (res.status === 403) seen.push(name);
      }
    }
    expect(seen.sort()).toEqual([...FACILITATOR_ONLY].sort());
  });
});
