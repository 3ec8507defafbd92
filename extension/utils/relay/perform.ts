/**
 * The survey page runs the widget's components, which speak to the API through the one typed
 * client. Its client's fetch is relayed here, where the token is added: the page never holds it.
 * Only the paths a survey needs pass (messages/validate.ts); the API checks everything else.
 */
import type { RelayReply } from "../messages/types";
import { apiAddressItem, sessionItem } from "../storage";
import { settleStatus } from "../sync/connection";

const PASSED_HEADERS = ["content-type", "etag", "retry-after", "idempotent-replayed"];

interface RelayRequest {
  method: "get" | "post";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
}

/** Performs one relayed request with the stored token; status 0 when the network failed. */
export async function relay(request: RelayRequest, fetchImpl: typeof fetch = fetch): Promise<RelayReply> {
  const [base, session] = await Promise.all([apiAddressItem.getValue(), sessionItem.getValue()]);
  if (!base || !session) return unauthorized();
  const search = new URLSearchParams(request.query ?? {}).toString();
  const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${session.token}` };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  if (request.idempotencyKey) headers["Idempotency-Key"] = request.idempotencyKey;
  let res: Response;
  try {
    res = await fetchImpl(`${base}${request.path}${search ? `?${search}` : ""}`, {
      method: request.method.toUpperCase(),
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: "omit",
    });
  } catch {
    await settleStatus(0);
    return { status: 0, body: "", headers: {} };
  }
  await settleStatus(res.status);
  const passed: Record<string, string> = {};
  for (const name of PASSED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) passed[name] = value;
  }
  return { status: res.status, body: await res.text().catch(() => ""), headers: passed };
}

function unauthorized(): RelayReply {
  return {
    status: 401,
    body: JSON.stringify({ error: { code: "unauthorized", message: "Not signed in" } }),
    headers: { "content-type": "application/json" },
  };
}
