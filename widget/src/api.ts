/**
 * The one typed client of the Accord API, used by the widget, the console and the extension.
 * Types come from the API's own OpenAPI document (api-types.gen.ts, generated at install).
 * Every call returns a Result and never throws.
 */
import type { components, paths } from "./api-types.gen";

export type Schemas = components["schemas"];

/** The API's error codes (its OpenAPI Error schema), and the client's own for no answer at all. */
export type ErrorCode = Schemas["Error"]["error"]["code"] | "offline" | "aborted";

export interface Failure {
  /** HTTP status; 0 when the network failed (offline, aborted, CORS refused). */
  status: number;
  code: ErrorCode;
  message: string;
  /** Seconds to wait before retrying, when the server said so (429, 503). */
  retryAfter?: number;
}

export type Result<T> = { ok: true; value: T; status: number; headers: Headers } | { ok: false; error: Failure };

/**
 * A successful result, for callers that compose results (`call` writes its own literals: the
 * widget's size budget counts every byte, and unused constructors are left out of its bundle).
 */
export const ok = <T>(value: T, status = 200, headers = new Headers()): Result<T> => ({
  ok: true,
  value,
  status,
  headers,
});

/** How the client proves who it is: an embed token (widget), a personal token, or the console's cookie. */
export type Auth =
  | { kind: "embed"; token: () => Promise<string | null> }
  | { kind: "bearer"; token: () => Promise<string | null> }
  | { kind: "session" };

export interface Client {
  /** The API's origin, e.g. "https://accord.example.com". */
  base: string;
  auth: Auth;
  fetch?: typeof fetch;
}

type Method = "get" | "post" | "put" | "patch" | "delete";
export type Op<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? NonNullable<paths[P][M]> : never;
type Params<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = Params<O> extends { path: infer X } ? (X extends Record<string, string> ? X : never) : never;
type Query<O> = Params<O> extends { query?: infer X } ? X : never;
type Body<O> = O extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : O extends { requestBody?: { content: { "application/json": infer B } } }
    ? B
    : never;
export type Ok<O> = O extends { responses: infer R }
  ? R extends { 200: { content: { "application/json": infer B } } }
    ? B
    : R extends { 201: { content: { "application/json": infer B } } }
      ? B
      : null
  : never;

export interface CallOptions<O> {
  params?: PathParams<O>;
  query?: Query<O>;
  body?: Body<O>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const EMBED_PREFIX = "/api/v1/partnerships/{partnershipId}/";

/** Fills a path template; partnership routes go through the embed door for an embed client. */
function urlFor(client: Client, template: string, params: Record<string, string> = {}, query: object = {}) {
  let path = template;
  if (client.auth.kind === "embed" && path.startsWith(EMBED_PREFIX)) {
    path = `/api/v1/embed/{partnershipId}/${path.slice(EMBED_PREFIX.length)}`;
  }
  path = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) search.set(k, String(v));
  const qs = search.toString();
  return `${client.base}${path}${qs ? `?${qs}` : ""}`;
}

/** Calls one API operation by its OpenAPI path and method. */
export async function call<P extends keyof paths, M extends Method>(
  client: Client,
  method: M,
  path: P,
  options: CallOptions<Op<NoInfer<P>, NoInfer<M>>> = {},
): Promise<Result<Ok<Op<P, M>>>> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (client.auth.kind !== "session") {
    const token = await client.auth.token().catch(() => null);
    if (!token) return { ok: false, error: { status: 401, code: "unauthorized", message: "Not signed in" } };
    headers.Authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  let text: string;
  try {
    res = await (client.fetch ?? fetch)(
      urlFor(client, path as string, options.params as Record<string, string>, options.query ?? {}),
      {
        method: method.toUpperCase(),
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: client.auth.kind === "session" ? "same-origin" : "omit",
        signal: options.signal,
      },
    );
    // Inside the try: a body cut off (aborted, connection lost) is a failure, never an empty success.
    text = await res.text();
  } catch (error) {
    const aborted = error instanceof DOMException && error.name === "AbortError";
    return {
      ok: false,
      error: { status: 0, code: aborted ? "aborted" : "offline", message: "Could not reach Accord" },
    };
  }
  const retryAfter = Number(res.headers.get("Retry-After")) || undefined;
  if (res.status === 204 || res.status === 304)
    return { ok: true, value: null as Ok<Op<P, M>>, status: res.status, headers: res.headers };
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return { ok: true, value: data as Ok<Op<P, M>>, status: res.status, headers: res.headers };
  const error = (data as { error?: { code?: ErrorCode; message?: string } } | null)?.error;
  return {
    ok: false,
    error: {
      status: res.status,
      code: error?.code ?? "internal",
      message: error?.message ?? `Accord answered ${res.status}`,
      ...(retryAfter ? { retryAfter } : {}),
    },
  };
}

/** A fresh idempotency key for one answer (the same key is reused for every retry of it). */
export function idempotencyKey(): string {
  // randomUUID exists only in secure contexts; a plain-http intranet still has getRandomValues.
  return (
    crypto.randomUUID?.() ??
    [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("")
  );
}
