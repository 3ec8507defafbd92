// Over 400 lines: the property tests over every route share one world builder and route walker.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Actor,
  aggregatesAndRecount,
  allowOrigins,
  answer,
  appWith,
  as,
  assertOk,
  call,
  embedAs,
  embedToken,
  endCycle,
  fails,
  invite,
  ok,
  openapi,
  openCycle,
  organizationKey,
  partnership,
  type Raw,
  send,
  snapshot,
  world,
} from "./helpers";

const TRANSIENT = "D1_ERROR: Network connection lost.";

/**
 * The real D1 binding with faults injected: the first `failures` batches fail, either before
 * running (`lost: "before"`) or after committing (`lost: "after"`, the worst case for retries).
 */
function flaky(db: D1Database, failures: number, lost: "before" | "after" = "before", reads = 0) {
  let batchFailures = failures;
  let readFailures = reads;
  const originals = new WeakMap<object, { real: D1PreparedStatement; writes: boolean }>();
  const wrapStatement = (s: D1PreparedStatement, writes: boolean): D1PreparedStatement => {
    const wrapped = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(target.bind(...args), writes);
        if (prop === "first" || prop === "all") {
          return async (...args: unknown[]) => {
            if (readFailures-- > 0) throw new Error(TRANSIENT);
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    originals.set(wrapped, { real: s, writes });
    return wrapped;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrapStatement(target.prepare(sql), !/^\s*SELECT\b/i.test(sql));
      if (prop === "batch") {
        // A batch that writes counts against `failures`, one that only reads against `reads`.
        return async (statements: D1PreparedStatement[]) => {
          const unwrapped = statements.map((s) => originals.get(s)?.real ?? s);
          const writes = statements.some((s) => originals.get(s)?.writes ?? true);
          if (writes ? batchFailures-- > 0 : readFailures-- > 0) {
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

describe("transient database faults", () => {
  /** A person's client whose requests reach the app over a flaky database. */
  const over = (db: D1Database, who: Actor) => as(who, { via: appWith({ DB: db }) });

  it("retries a rating whose batch was lost before running, and counts it once", async () => {
    const w = await world({ principles: 1, cycle: "assessment" });
    const [p] = w.principles as [string];
    const cycle = w.cycle as NonNullable<typeof w.cycle>;
    ok(
      await call(
        over(flaky(env.DB, 2, "before"), w.facB),
        "post",
        "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses",
        {
          params: { partnershipId: w.pid, cycleId: cycle.id },
          body: { answers: [{ principleId: p, performance: 4, importance: 5 }] },
        },
      ),
      200,
    );
    const { stored, recount } = await aggregatesAndRecount(cycle.id);
    expect(stored).toEqual(recount);
    expect(stored).toEqual([expect.objectContaining({ perf_n: 1, perf_sum: 4 })]);
  });

  it("retries a rating whose batch committed but whose answer was lost, without counting it twice", async () => {
    const w = await world({ principles: 1, cycle: "assessment" });
    const [p] = w.principles as [string];
    const cycle = w.cycle as NonNullable<typeof w.cycle>;
    const submit = (who: Actor, headers: Record<string, string> = {}) =>
      call(
        over(flaky(env.DB, 1, "after"), who),
        "post",
        "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses",
        {
          params: { partnershipId: w.pid, cycleId: cycle.id },
          body: { answers: [{ principleId: p, performance: 2, importance: 5 }] },
          headers,
        },
      );
    ok(await submit(w.facB, { "Idempotency-Key": "k1" }), 200);
    ok(await submit(w.facA), 200);
    const { stored, recount } = await aggregatesAndRecount(cycle.id);
    expect(stored).toEqual(recount);
    expect(stored.reduce((n, r) => n + (r.perf_n as number), 0)).toBe(2);
  });

  it("retries reads on transient errors", async () => {
    const w = await partnership();
    ok(
      await call(
        over(flaky(env.DB, 0, "before", 2), w.facA),
        "get",
        "/api/v1/partnerships/{partnershipId}/principles",
        {
          params: { partnershipId: w.pid },
        },
      ),
      200,
    );
  });

  it("answers 503 with Retry-After and a clean body when the database stays unavailable; nothing is written", async () => {
    const w = await world({ principles: 1, cycle: "assessment" });
    const [p] = w.principles as [string];
    const cycle = w.cycle as NonNullable<typeof w.cycle>;
    const before = await snapshot();
    // Raw, to read the body exactly as sent.
    const res = await send("POST", `/partnerships/${w.pid}/cycles/${cycle.id}/responses`, {
      token: w.facB.token,
      body: { answers: [{ principleId: p, performance: 4, importance: 5 }] },
      via: appWith({ DB: flaky(env.DB, 99, "before") }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    expect(res.body).toEqual({ error: { code: "unavailable", message: expect.stringMatching(/busy/) } });
    // Salts are made when the cycle opens, so a submission that fails writes nothing at all.
    expect(await snapshot()).toEqual(before);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After past a person's write limit; another person is unaffected", async () => {
    const w = await world({ principles: 1 });
    const [p] = w.principles as [string];
    const member = w.membersA[0] as Actor;
    const comments = "/api/v1/partnerships/{partnershipId}/principles/{principleId}/comments" as const;
    const params = { partnershipId: w.pid, principleId: p };
    const comment = (who: Actor, text: string) => call(as(who), "post", comments, { params, body: { body: text } });
    let limited: ReturnType<typeof fails> | null = null;
    // The limiter counts in fixed 60 s windows aligned to the clock, not to this test: if a window
    // ends mid-loop, the next one must fill up again, so allow two windows' worth (limit 120).
    for (let i = 0; i < 250 && !limited; i++) {
      const res = await comment(member, `note ${i}`);
      if (!res.ok && res.error.status === 429) limited = fails(res, 429, "rate_limited");
      else ok(res, 201);
    }
    expect(limited?.code).toBe("rate_limited");
    expect(limited?.retryAfter).toBe(60);
    ok(await comment(w.facB, "still fine"), 201);
    // Reads are not limited.
    ok(await call(as(member), "get", comments, { params }), 200);
  });

  it("slows down sign-in attempts from one address", async () => {
    const from = (address: string) =>
      call(as(null, { headers: { "CF-Connecting-IP": address } }), "post", "/api/v1/sign-in", {
        body: { code: "AAAA-BBBB-CCCC" },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await from("198.51.100.7");
      statuses.push(res.ok ? res.status : res.error.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    fails(await from("198.51.100.8"), 401);
  });
});

describe("headers", () => {
  it("sends a strict policy on every API answer, errors included", async () => {
    const w = await partnership();
    // Raw: the typed client does not hand back an error's headers.
    for (const res of [
      await send("GET", `/partnerships/${w.pid}`, { token: w.facA.token }),
      await send("GET", "/me"),
      await send("GET", "/openapi.json"),
    ]) {
      expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    }
  });
});

/** The API's own routes, from its OpenAPI document, with path parameters filled from `ids`. */
async function documentedRoutes(ids: Record<string, string>) {
  const doc = await openapi();
  const routes: { name: string; method: string; path: string }[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const path = template.replace("/api/v1", "");
      routes.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path: path.replaceAll(/\{(\w+)\}/g, (_, n: string) => ids[n] ?? "x"),
      });
    }
  }
  return routes;
}

/** A partnership with one of everything a route may name: principle, cycle, action, key, proposal. */
async function everything(cycle: { opensAt?: string } = {}) {
  const w = await world({ principles: 1 });
  const [principleId] = w.principles as [string];
  const opened = await openCycle(w.pid, w.facA, "assessment", cycle);
  const pid = { partnershipId: w.pid };
  const action = ok(
    await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/actions", {
      params: pid,
      body: { kind: "improve", title: "A" },
    }),
    201,
  );
  const key = await organizationKey(w.facA);
  const proposal = ok(
    await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
      params: pid,
      body: { k: 4 },
    }),
    201,
  );
  const ids: Record<string, string> = {
    partnershipId: w.pid,
    principleId,
    cycleId: opened.id,
    actionId: action.id,
    keyId: key.id,
    proposalId: proposal.id,
    organizationId: w.orgA,
    tokenId: "tok_none",
  };
  return { ...w, ids };
}

describe("bad input never hurts", () => {
  afterEach(() => vi.restoreAllMocks());

  async function writeRoutes() {
    const w = await everything();
    const routes = (await documentedRoutes({ ...w.ids, personId: (w.membersA[0] as Actor).personId })).filter(
      (r) =>
        r.method !== "GET" &&
        !r.name.includes(" /embed/") &&
        // These would end the test's own access.
        !(/sign-out|tokens\/|archive|\/people\/\{personId\}/.test(r.name) && r.method !== "PATCH"),
    );
    // Spread the writes over several facilitators, so the per-person limit is not what is tested.
    const others = await Promise.all([0, 1, 2, 3, 4].map((i) => invite(w.pid, w.facA, `Fac ${i}`, "facilitator")));
    return { routes, tokens: [w.facA.token, ...others.map((o) => o.token)] };
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
          const res = await send(route.method, route.path, {
            token: tokens[n++ % tokens.length],
            raw,
            headers: { "Content-Type": "application/json" },
          });
          expect(res.status, `${route.method} ${route.path} ${raw.slice(0, 80)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.error?.code).toMatch(/^[a-z_]+$/);
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
    // Each route is refused before it reads anything, so the routes can be tried together.
    await Promise.all(
      routes.map(async (route, i) => {
        const token = tokens[i % tokens.length];
        const form = await send(route.method, route.path, {
          token,
          raw: "a=1",
          headers: { "Content-Type": "text/plain" },
        });
        expect(form.status, `${route.method} ${route.path}`).toBe(415);
        const huge = await send(route.method, route.path, {
          token,
          raw: JSON.stringify({ body: "x".repeat(70_000) }),
          headers: { "Content-Type": "application/json" },
        });
        expect(huge.status, `${route.method} ${route.path}`).toBe(413);
      }),
    );
    expect(await snapshot()).toEqual(before);
  }, 90_000);

  it("stores odd Unicode as given and returns it unchanged", async () => {
    const w = await partnership();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }), async (text) => {
        const title = text.trim().slice(0, 80) || "x";
        const res = await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
          params: { partnershipId: w.pid },
          body: { title, description: text },
        });
        if (!res.ok) expect(res.error.status).toBeLessThan(500);
        else {
          expect(res.status).toBe(201);
          expect(res.value.current.title).toBe(title);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("answers broken embed tokens with 401 and never a 500", async () => {
    const w = await partnership();
    await allowOrigins(w.facA, ["https://i.example"]);
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
          fails(
            await call(embedAs(token, "https://i.example"), "get", "/api/v1/partnerships/{partnershipId}/principles", {
              params: { partnershipId: w.pid },
            }),
            401,
            "unauthorized",
          );
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);
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
    ok(await call(as(revoked), "post", "/api/v1/sign-out"), 204);
    // Raw: every body exactly as sent.
    const bodies = [
      await send("GET", "/me", { token: revoked }),
      await send("GET", "/me", { token: `${w.facA.token}x` }),
      await send("POST", "/sign-in", { body: { code: "ZZZZ-ZZZZ-ZZZZ" } }),
      await send("GET", `/embed/${w.pid}/principles`, {
        token: await embedToken({ iss: key.id }, "wrong"),
        headers: { Origin: "https://x.example" },
      }),
      await send("GET", `/partnerships/${w.pid}/principles`, {
        token: w.facA.token,
        via: appWith({ DB: flaky(env.DB, 99, "before", 99) }),
      }),
    ].map((r: Raw) => JSON.stringify(r.body));
    const secrets = [w.facA.token, revoked, key.secret, "ZZZZ-ZZZZ-ZZZZ"];
    for (const text of [...lines, ...bodies]) for (const s of secrets) expect(text).not.toContain(s);
    expect(lines.some((l) => l.includes("d1_unavailable"))).toBe(true);
  });
});

describe("data rights", () => {
  it("exports the partnership as JSON for facilitators, with published figures and no rating rows", async () => {
    const w = await world({ principles: 1, cycle: "assessment" });
    const [p] = w.principles as [string];
    const cycle = w.cycle as NonNullable<typeof w.cycle>;
    ok(
      await answer(w.pid, cycle.id, w.facB, [
        { principleId: p, performance: 3, importance: 4, comment: "private words" },
      ]),
    );
    // One respondent is below k: the cycle closes by time, publishing suppressed figures.
    await endCycle(cycle.id);
    const exported = (who: Actor) =>
      call(as(who), "get", "/api/v1/partnerships/{partnershipId}/export", { params: { partnershipId: w.pid } });
    const res = await exported(w.facA);
    assertOk(res);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="accord-prt_/);
    expect(res.value).toMatchObject({ partnership: { id: w.pid } });
    expect(res.value.principles).toHaveLength(1);
    expect(res.value).toMatchObject({ results: [{ principles: [{ score: { suppressed: true } }] }] });
    const text = JSON.stringify(res.value);
    expect(text).not.toContain("private words");
    expect(text).not.toMatch(/respondent/);
    fails(await exported(w.membersA[0] as Actor), 403);
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
    "GET /partnerships/{partnershipId}/channel",
    "PUT /partnerships/{partnershipId}/channel",
    "DELETE /partnerships/{partnershipId}/channel",
    "POST /partnerships/{partnershipId}/channel/test",
    "GET /partnerships/{partnershipId}/channel/deliveries",
  ];

  it("answers 403 to a member on exactly the facilitator routes", async () => {
    const w = await everything({ opensAt: new Date(Date.now() + 86_400_000).toISOString() });
    const member = w.membersA[0] as Actor;
    const routes = (await documentedRoutes({ ...w.ids, personId: w.facA.personId })).filter((r) =>
      r.name.includes(" /partnerships/{partnershipId}"),
    );
    // A member's calls with an empty body are refused or invalid, so none changes what another
    // sees, and they can all be made at once.
    const answers = await Promise.all(
      routes.map((route) =>
        send(route.method, route.path, { token: member.token, body: route.method === "GET" ? undefined : {} }),
      ),
    );
    const seen = routes.filter((_, i) => answers[i]?.status === 403).map((r) => r.name);
    expect(seen.sort()).toEqual([...FACILITATOR_ONLY].sort());
  }, 120_000);
});
