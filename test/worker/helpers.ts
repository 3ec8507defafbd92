// Over 400 lines: the one typed helper module every worker test uses (client, raw requests, world builder).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { z } from "zod";
import {
  type CallOptions,
  type Client,
  call,
  type ErrorCode,
  type Failure,
  type Op,
  type Result,
  type Schemas,
} from "../../widget/src/api";
import type { paths } from "../../widget/src/api-types.gen";
import { createApp } from "../../worker/src/app";
import { issuePersonalToken } from "../../worker/src/auth/credentials";
import { isoNow, newId } from "../../worker/src/db/ids";
import handler from "../../worker/src/index";

export { call };

/** The JSON body an operation takes, as the typed client sends it. */
export type BodyOf<P extends keyof paths, M extends "get" | "post" | "put" | "patch" | "delete"> = NonNullable<
  CallOptions<Op<P, M>>["body"]
>;
type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const BASE = "http://accord.test";
export const INTRANET = "https://intranet.a.example";

/**
 * The client's address, as Cloudflare's edge names it on every request: one per test file (files
 * share a workerd and this module, and with them the per-address rate limits), unless a test names
 * another.
 */
const clients = new Map<string, string>();
function client(): string {
  const file = expect.getState().testPath ?? "";
  let address = clients.get(file);
  if (!address) {
    address = `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;
    clients.set(file, address);
  }
  return address;
}

/** Serves each request with `fetch` over `bindings`, waiting for its background work (real D1 inside workerd). */
function serving(
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>,
  bindings: Env,
): Fetch {
  return async (input, init) => {
    const ctx = createExecutionContext();
    const request = new Request(input, init);
    if (!request.headers.has("CF-Connecting-IP")) request.headers.set("CF-Connecting-IP", client());
    const res = await fetch(request, bindings, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

/**
 * The worker's own fetch handler, as a deployed Accord answers. Called directly rather than
 * through `exports.default`, whose every call costs more than the last within a file (measured:
 * 4 ms per request at first, 86 ms after 900 requests; the handler itself stays under 1 ms).
 */
const worker = serving(handler.fetch, env);

/**
 * The app with some bindings replaced (a flaky or recording D1), for tests that inject faults or
 * watch what the app does to its database.
 */
export function appWith(bindings: Partial<Env>): Fetch {
  const app = createApp();
  return serving((request, e, ctx) => app.fetch(request, e, ctx), { ...env, ...bindings });
}

/** A transport for the typed client: workerd's fetch knows no `credentials`, and an embed call names its page's origin. */
function transport(via: Fetch, extra: Record<string, string>): Fetch {
  return (input, init = {}) => {
    const { credentials: _, ...rest } = init as RequestInit & { credentials?: unknown };
    return via(input, { ...rest, headers: { ...(rest.headers as Record<string, string>), ...extra } });
  };
}

/**
 * The typed client as someone holding `token` (a personal token, or an Actor), or anonymous with
 * `null`; `headers` go with every call (a client address), `via` replaces the worker's fetch.
 */
export function as(
  who: { token: string } | string | null,
  o: { headers?: Record<string, string>; via?: Fetch } = {},
): Client {
  const token = typeof who === "string" ? who : (who?.token ?? null);
  return {
    base: BASE,
    auth: token === null ? { kind: "session" } : { kind: "bearer", token: async () => token },
    fetch: transport(o.via ?? worker, o.headers ?? {}),
  };
}

/** The typed client through the embed door, as an intranet page at `origin` holding an embed token. */
export function embedAs(token: string | Promise<string>, origin = INTRANET, via: Fetch = worker): Client {
  return { base: BASE, auth: { kind: "embed", token: async () => token }, fetch: transport(via, { Origin: origin }) };
}

/** Unwraps a successful call (with the given status, if said), failing the test with the API's error. */
export function ok<T>(result: Result<T>, status?: number): T {
  if (!result.ok) {
    const { status: s, code, message } = result.error;
    throw new Error(`API answered ${s} ${code}: ${message}`);
  }
  if (status !== undefined) expect(result.status, "status").toBe(status);
  return result.value;
}

/** Narrows a call to its success, for tests that read its headers or status too. */
export function assertOk<T>(result: Result<T>): asserts result is Extract<Result<T>, { ok: true }> {
  ok(result);
}

/** Asserts a call failed with `status` (and `code`); returns the error to check its message. */
export function fails(result: Result<unknown>, status: number, code?: ErrorCode): Failure {
  if (result.ok) {
    throw new Error(
      `expected ${status}${code ? ` ${code}` : ""}, API answered ${result.status}: ${JSON.stringify(result.value)}`,
    );
  }
  expect(result.error.status, result.error.message).toBe(status);
  if (code) expect(result.error.code, result.error.message).toBe(code);
  return result.error;
}

/** An answer as it came, for `send`. */
export interface Raw {
  status: number;
  headers: Headers;
  /** The parsed JSON body (the text, when it is not JSON), or null: unknown, since no schema describes it. */
  body: unknown;
  /** The body as text (CSV, or whatever a malformed request got back). */
  text: string;
  /** The error envelope's content, when the body is one. */
  error: { code: string; message: string } | null;
}

/**
 * A request exactly as given (path under /api/v1), for what the typed client would refuse to send:
 * malformed or mistyped bodies, other media types, routes enumerated at run time, and raw headers.
 */
export async function send(
  method: string,
  path: string,
  o: { token?: string; body?: unknown; raw?: BodyInit; headers?: Record<string, string>; via?: Fetch } = {},
): Promise<Raw> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers["Content-Type"] ??= "application/json";
  const res = await (o.via ?? worker)(`${BASE}/api/v1${path}`, {
    method,
    headers,
    body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  const envelope = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const error =
    typeof envelope?.code === "string" && typeof envelope.message === "string"
      ? { code: envelope.code, message: envelope.message }
      : null;
  return { status: res.status, headers: res.headers, body, text, error };
}

const OpenApiDocument = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** The API's OpenAPI document, checked for the fields tests read (it describes the API; no operation returns it). */
export async function openapi() {
  const doc = await send("GET", "/openapi.json");
  expect(doc.status).toBe(200);
  return OpenApiDocument.parse(doc.body);
}

/**
 * Creates an organization and its first person with a token directly, as the admin command does:
 * that person is the organization's admin.
 */
export async function person(orgName = "Org", name = "Pat", admin = true) {
  const organizationId = newId("org");
  const personId = newId("per");
  const now = isoNow();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)").bind(
      organizationId,
      orgName,
      now,
    ),
    env.DB.prepare("INSERT INTO people (id, organization_id, name, admin, created_at) VALUES (?, ?, ?, ?, ?)").bind(
      personId,
      organizationId,
      name,
      admin ? 1 : 0,
      now,
    ),
  ]);
  const { token } = await issuePersonalToken(env.DB, personId, "test");
  return { token, personId, organizationId };
}

export type Actor = Awaited<ReturnType<typeof person>>;

/** Signs in with a code and returns the new token. */
export async function signIn(code: string | null): Promise<Actor> {
  expect(code, "a sign-in code").toEqual(expect.any(String));
  // Each sign-in comes from its own client address, as in life; the per-address limit has its own test.
  const address = `203.0.113.${Math.floor(Math.random() * 254) + 1}`;
  const res = ok(
    await call(as(null, { headers: { "CF-Connecting-IP": address } }), "post", "/api/v1/sign-in", {
      body: { code: code as string },
    }),
    201,
  );
  return { token: res.token, personId: res.person.id, organizationId: res.person.organizationId };
}

/** Invites someone into the facilitator's organization and signs them in. */
export async function invite(pid: string, facilitator: Actor, name: string, role: "member" | "facilitator" = "member") {
  const res = ok(
    await call(as(facilitator), "post", "/api/v1/partnerships/{partnershipId}/invites", {
      params: { partnershipId: pid },
      body: { name, role },
    }),
    201,
  );
  return signIn(res.signInCode);
}

/**
 * A partnership of two organizations A and B, each with a facilitator (its admin) and `members`
 * members, built through the API the way people build it.
 */
export async function partnership(o: { members?: number; name?: string } = {}) {
  const facA = await person("Org A", "Fay A");
  const created = ok(await call(as(facA), "post", "/api/v1/partnerships", { body: { name: o.name ?? "A × B" } }), 201);
  const pid = created.id;
  const invited = ok(
    await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/organizations", {
      params: { partnershipId: pid },
      body: { name: "Org B", facilitator: { name: "Fay B" } },
    }),
    201,
  );
  const facB = await signIn(invited.signInCode);
  const n = Array.from({ length: o.members ?? 1 }, (_, i) => i);
  // Invites of different people are independent; running them together saves round trips.
  const [membersA, membersB] = await Promise.all([
    Promise.all(n.map((i) => invite(pid, facA, `Member A${i}`))),
    Promise.all(n.map((i) => invite(pid, facB, `Member B${i}`))),
  ]);
  return { pid, facA, facB, membersA, membersB, orgA: facA.organizationId, orgB: facB.organizationId };
}

export type Partnership = Awaited<ReturnType<typeof partnership>>;

/** Proposes and agrees `n` principles (both organizations endorse), in order; returns their ids. */
export async function agreedPrinciples(pid: string, facA: Actor, facB: Actor, n: number, prefix = "Principle") {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = ok(
      await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: pid },
        body: { title: `${prefix} ${i + 1}`, description: `What good looks like for ${prefix.toLowerCase()} ${i + 1}` },
      }),
      201,
    );
    for (const f of [facA, facB]) await stance(pid, f, p.id, "endorse");
    ids.push(p.id);
  }
  return ids;
}

/** Records a facilitator's stance on a principle's open proposal. */
export function stance(
  pid: string,
  who: Actor,
  principleId: string,
  s: "endorse" | "object",
  extra: { proposalId?: string; note?: string } = {},
) {
  return call(as(who), "put", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/stance", {
    params: { partnershipId: pid, principleId },
    body: { stance: s, ...extra },
  });
}

/** Schedules a cycle (opening now unless `extra` says otherwise). */
export async function openCycle(
  pid: string,
  facilitator: Actor,
  kind: "assessment" | "pulse" = "assessment",
  extra: Omit<BodyOf<"/api/v1/partnerships/{partnershipId}/cycles", "post">, "kind"> = {},
) {
  return ok(
    await call(as(facilitator), "post", "/api/v1/partnerships/{partnershipId}/cycles", {
      params: { partnershipId: pid },
      body: { kind, ...extra },
    }),
    201,
  );
}

export type Answer = Schemas["Answer"];

/** Submits answers for a person (with an idempotency key, if given). */
export function answer(pid: string, cycleId: string, who: Actor, answers: Answer[], key?: string) {
  return call(as(who), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses", {
    params: { partnershipId: pid, cycleId },
    body: { answers },
    headers: key ? { "Idempotency-Key": key } : {},
  });
}

/** Signs an embed token the way a partner's intranet server does (HS256 over the key's secret). */
export async function embedToken(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
) {
  const { base64url } = await import("../../worker/src/auth/crypto");
  const enc = (o: unknown) => base64url(new TextEncoder().encode(JSON.stringify(o)));
  const body = `${enc(header)}.${enc(claims)}`;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `${body}.${base64url(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)))}`;
}

/** A new embed key of the admin's organization: its id and its secret, shown once. */
export async function organizationKey(admin: Actor, label = "Intranet") {
  return ok(
    await call(as(admin), "post", "/api/v1/organizations/{organizationId}/embed-keys", {
      params: { organizationId: admin.organizationId },
      body: { label },
    }),
    201,
  );
}

/** Sets the origins whose pages may use the admin's organization's embed door. */
export async function allowOrigins(admin: Actor, origins: string[]) {
  return ok(
    await call(as(admin), "put", "/api/v1/organizations/{organizationId}/allowed-origins", {
      params: { organizationId: admin.organizationId },
      body: { origins },
    }),
    200,
  );
}

export interface WorldOptions {
  /** Members per organization besides its facilitator (default 1). */
  members?: number;
  /** Agreed principles, "Principle 1" … (default 0). */
  principles?: number;
  /** Settings both organizations agreed on before anything else (a proposal by A, approved by B). */
  settings?: { k?: number; commentThreshold?: number };
  /** Settings A's facilitator changes alone (no proposal needed: nothing is lowered), after the principles. */
  update?: BodyOf<"/api/v1/partnerships/{partnershipId}", "patch">;
  /** Wire A's intranet: allowed origin INTRANET, an embed key, and tokens signed with it. */
  intranet?: boolean;
  /** Origins B's admin allows for B's own intranet (B gets no key). */
  originsB?: string[];
  /** A cycle of this kind, opened now by A's facilitator. */
  cycle?: "assessment" | "pulse";
}

export type Cycle = Awaited<ReturnType<typeof openCycle>>;
export type Intranet = Awaited<ReturnType<typeof wireIntranet>>;

/** A partnership of A and B, set up as far as a test needs (see WorldOptions). */
export async function world<const O extends WorldOptions>(o: O = {} as O) {
  const w = await partnership({ members: o.members ?? 1 });
  if (o.settings) {
    const proposed = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: { partnershipId: w.pid },
        body: o.settings,
      }),
      201,
    );
    const approved = ok(
      await call(as(w.facB), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/approve", {
        params: { partnershipId: w.pid, proposalId: proposed.id },
      }),
    );
    expect(approved.status).toBe("applied");
  }
  const principles = await agreedPrinciples(w.pid, w.facA, w.facB, o.principles ?? 0);
  if (o.update) {
    ok(
      await call(as(w.facA), "patch", "/api/v1/partnerships/{partnershipId}", {
        params: { partnershipId: w.pid },
        body: o.update,
      }),
    );
  }
  const intranet = o.intranet ? await wireIntranet(w.facA) : null;
  if (o.originsB) await allowOrigins(w.facB, o.originsB);
  const cycle = o.cycle ? await openCycle(w.pid, w.facA, o.cycle) : null;
  return {
    ...w,
    principles,
    intranet: intranet as O extends { intranet: true } ? Intranet : null,
    cycle: cycle as O extends { cycle: "assessment" | "pulse" } ? Cycle : null,
  };
}

/** A's intranet: its origin allowed, an embed key, and a signer of tokens (10 minutes) with it. */
async function wireIntranet(admin: Actor) {
  await allowOrigins(admin, [INTRANET]);
  const key = await organizationKey(admin);
  const jwt = (sub: string, extra: Record<string, unknown> = {}) =>
    embedToken(
      { iss: key.id, sub, aud: "accord", exp: Math.floor(Date.now() / 1000) + 600, name: sub, ...extra },
      key.secret,
    );
  return { key, jwt, as: (sub: string, extra?: Record<string, unknown>) => embedAs(jwt(sub, extra)) };
}

/** Counts rows of a table (for "nothing was written" checks). */
export async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

/** Accord's tables: every one the migrations made, without SQLite's, D1's and the migrations' record. */
export async function tableNames(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>();
  return results.map(({ name }) => name);
}

/** A snapshot of every table's row count, read in one statement. */
export async function snapshot(): Promise<Record<string, number>> {
  const tables = await tableNames();
  // One row of scalar subqueries (D1 caps compound SELECTs at a few terms).
  const row = await env.DB.prepare(
    `SELECT ${tables.map((name) => `(SELECT COUNT(*) FROM ${name}) AS "${name}"`).join(", ")}`,
  ).first<Record<string, number>>();
  return { ...row };
}

/** Aggregates as stored next to a recount from the ratings table. */
export async function aggregatesAndRecount(cycleId: string) {
  const { recountSql, AGGREGATE_COLUMNS } = await import("../../worker/src/ratings/queries");
  const cols = AGGREGATE_COLUMNS.join(", ");
  const stored = await env.DB.prepare(
    `SELECT cycle_id AS cycleId, principle_id AS principleId, organization_id AS organizationId, ${cols}
     FROM aggregates WHERE cycle_id = ? AND (perf_n + imp_n + comments + perf_sum + imp_sum) > 0
     ORDER BY principle_id, organization_id`,
  )
    .bind(cycleId)
    .all();
  const recount = await env.DB.prepare(
    `SELECT * FROM (${recountSql()}) WHERE (perf_n + imp_n + comments) > 0 ORDER BY principleId, organizationId`,
  )
    .bind(cycleId)
    .all();
  return { stored: stored.results, recount: recount.results };
}

/**
 * Lets time pass until a cycle's planned close: the scheduler's close, which (unlike closing early)
 * publishes whatever the cycle has, with groups below k suppressed.
 */
export async function endCycle(cycleId: string, at = Date.now() - 1000) {
  const when = isoNow(at);
  await env.DB.prepare(
    `UPDATE cycles SET opens_at = MIN(opens_at, ?3), opened_at = MIN(COALESCE(opened_at, ?3), ?3),
       closes_at = ?1, closed_at = ?1, planned_closes_at = ?1 WHERE id = ?2`,
  )
    .bind(when, cycleId, isoNow(at - 60_000))
    .run();
}

/**
 * The real binding, recording each round trip (a statement run alone, or a batch) as the SQL it
 * carried, in `trips`, and the ones that committed, in `committed` (a failed batch is rolled back:
 * it wrote nothing). `afterFirst` runs once the first round trip has answered (someone else's
 * change landing between a request's reads and its write).
 */
export function recordingD1(db: D1Database, afterFirst?: () => Promise<unknown>) {
  const trips: string[][] = [];
  const committed: string[][] = [];
  const sqlOf = new WeakMap<object, string>();
  const originals = new WeakMap<object, D1PreparedStatement>();
  const trip = async <T>(sqls: string[], run: () => Promise<T>) => {
    trips.push(sqls);
    const first = trips.length === 1;
    const value = await run();
    committed.push(sqls);
    if (first && afterFirst) await afterFirst();
    return value;
  };
  const wrap = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return (...args: unknown[]) => trip([sql], () => value.apply(target, args));
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    sqlOf.set(proxy, sql);
    originals.set(proxy, s);
    return proxy;
  };
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) =>
          trip(
            statements.map((s) => sqlOf.get(s) ?? "?"),
            () => target.batch(statements.map((s) => originals.get(s) ?? s)),
          );
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, trips, committed };
}
