import { env, exports } from "cloudflare:workers";
import { issuePersonalToken } from "../../worker/src/auth/credentials";
import { isoNow, newId } from "../../worker/src/db/ids";

/**
 * Response bodies in tests are read loosely and checked with `expect`, which is the assertion;
 * a typed schema per call would only restate what each test already asserts.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Loose = any;

export interface Res<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the real worker (fetch handler, real D1) and parses the JSON answer. */
export async function call<T = Loose>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["Content-Type"] ??= "application/json";
  const res = await exports.default.fetch(`http://accord.test/api/v1${path}`, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
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

/** Signs in with a code and returns the new token. */
export async function signIn(code: string) {
  // Each sign-in comes from its own client address, as in life; the per-address limit has its own test.
  const address = `203.0.113.${Math.floor(Math.random() * 254) + 1}`;
  const res = await call<{ token: string; person: { id: string; organizationId: string } }>("POST", "/sign-in", {
    body: { code },
    headers: { "CF-Connecting-IP": address },
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, personId: res.body.person.id, organizationId: res.body.person.organizationId };
}

export type Actor = Awaited<ReturnType<typeof person>>;

/**
 * A partnership of two organizations A and B, each with a facilitator and `members` members,
 * built through the API the way people build it.
 */
export async function partnership(opts: { members?: number; name?: string } = {}) {
  const facA = await person("Org A", "Fay A");
  const created = await call<{ id: string }>("POST", "/partnerships", {
    token: facA.token,
    body: { name: opts.name ?? "A × B" },
  });
  const pid = created.body.id;
  const invited = await call<{ signInCode: string; organization: { id: string } }>(
    "POST",
    `/partnerships/${pid}/organizations`,
    { token: facA.token, body: { name: "Org B", facilitator: { name: "Fay B" } } },
  );
  const facB = await signIn(invited.body.signInCode);
  const membersA: Actor[] = [];
  const membersB: Actor[] = [];
  for (let i = 0; i < (opts.members ?? 1); i++) {
    membersA.push(await invite(pid, facA, `Member A${i}`));
    membersB.push(await invite(pid, facB, `Member B${i}`));
  }
  return { pid, facA, facB, membersA, membersB, orgA: facA.organizationId, orgB: facB.organizationId };
}

/** Invites someone into the facilitator's organization and signs them in. */
export async function invite(pid: string, facilitator: Actor, name: string, role: "member" | "facilitator" = "member") {
  const res = await call<{ signInCode: string }>("POST", `/partnerships/${pid}/invites`, {
    token: facilitator.token,
    body: { name, role },
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return signIn(res.body.signInCode);
}

/** Counts rows of a table (for "nothing was written" checks). */
export async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

/** A snapshot of every table's row count. */
export async function snapshot(): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const out: Record<string, number> = {};
  for (const { name } of results) out[name] = await count(name);
  return out;
}

/** Proposes and agrees `n` principles (both organizations endorse); returns their ids. */
export async function agreedPrinciples(pid: string, facA: Actor, facB: Actor, n: number, prefix = "Principle") {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await call("POST", `/partnerships/${pid}/principles`, {
      token: facA.token,
      body: { title: `${prefix} ${i + 1}`, description: `What good looks like for ${prefix.toLowerCase()} ${i + 1}` },
    });
    for (const f of [facA, facB]) {
      await call("PUT", `/partnerships/${pid}/principles/${p.body.id}/stance`, {
        token: f.token,
        body: { stance: "endorse" },
      });
    }
    ids.push(p.body.id);
  }
  return ids;
}

/** Schedules a cycle that opens now. */
export async function openCycle(
  pid: string,
  facilitator: Actor,
  kind: "assessment" | "pulse" = "assessment",
  extra = {},
) {
  const res = await call("POST", `/partnerships/${pid}/cycles`, { token: facilitator.token, body: { kind, ...extra } });
  if (res.status !== 201) throw new Error(`schedule failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    id: string;
    principles: { principleId: string; title: string }[];
    status: string;
    title: string;
    closesAt: string;
    k: number | null;
    commentThreshold: number | null;
  };
}

/** Submits answers for a person. */
export function answer(pid: string, cycleId: string, who: Actor, answers: unknown[], key?: string) {
  return call("POST", `/partnerships/${pid}/cycles/${cycleId}/responses`, {
    token: who.token,
    body: { answers },
    headers: key ? { "Idempotency-Key": key } : {},
  });
}

/** Aggregates as stored next to a recount from the ratings table. */
export async function aggregatesAndRecount(cycleId: string) {
  const { recountSql, AGGREGATE_COLUMNS } = await import("../../worker/src/ratings/statements");
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

/** An organization admin's personal token for the organization of `facilitator`. */
export async function organizationKey(admin: Actor, label = "Intranet") {
  const res = await call<{ id: string; secret: string }>("POST", `/organizations/${admin.organizationId}/embed-keys`, {
    token: admin.token,
    body: { label },
  });
  if (res.status !== 201) throw new Error(`embed key failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
