/**
 * The background's door: a message is handled only if its type is known, its shape is exactly
 * what that type takes (no missing, extra or ill-formed field), and it comes from this extension —
 * its pages for page messages, the reminder script in a web page's tab for reminder messages.
 * Anything else is dropped without an answer. (Plain checks rather than a schema library: the
 * shapes are few, and a schema library's code generation is eval, which extensions avoid.)
 */
import type { ContentMessage, PageMessage } from "./types";

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text =
  (pattern: RegExp, max = 200): Check =>
  (v) =>
    typeof v === "string" && v.length <= max && pattern.test(v);
const id = (prefix: string) => text(new RegExp(`^${prefix}_[a-z0-9]{1,32}$`));
const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v);

/** An object with exactly these fields (the optional ones may be missing), each passing its check. */
function exactly(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v) => {
    if (!isObject(v)) return false;
    for (const key of Object.keys(v)) if (!(key in required) && !(key in optional)) return false;
    for (const [key, check] of Object.entries(required)) if (!(key in v) || !check(v[key])) return false;
    for (const [key, check] of Object.entries(optional))
      if (key in v && v[key] !== undefined && !check(v[key])) return false;
    return true;
  };
}

/** Only the survey page's reads and its answers may be relayed; the API checks the rest. */
const RELAYED: Record<string, RegExp> = {
  get: /^\/api\/v1\/partnerships\/prt_[a-z0-9]{1,32}(\/principles|\/cycles\/current|\/cycles\/cyc_[a-z0-9]{1,32}(\/responses\/mine)?)?$/,
  post: /^\/api\/v1\/partnerships\/prt_[a-z0-9]{1,32}\/cycles\/cyc_[a-z0-9]{1,32}\/responses$/,
};
const MAX_RELAYED_BODY = 64 * 1024;

const relayedQuery: Check = (v) =>
  isObject(v) &&
  Object.entries(v).every(([k, x]) => /^[a-zA-Z]{1,20}$/.test(k) && typeof x === "string" && x.length <= 100);
const relayedBody: Check = (v) => {
  try {
    return (JSON.stringify(v)?.length ?? Infinity) <= MAX_RELAYED_BODY;
  } catch {
    return false;
  }
};

const PAGE: Record<PageMessage["type"], Check> = {
  refresh: exactly({ type: oneOf("refresh") }),
  "sign-in": exactly({
    type: oneOf("sign-in"),
    apiAddress: text(/^\S+$/),
    code: text(/^\s*\S.{2,38}\S\s*$/, 60),
  }),
  "sign-out": exactly({ type: oneOf("sign-out") }),
  rate: exactly({
    type: oneOf("rate"),
    partnershipId: id("prt"),
    cycleId: id("cyc"),
    principleId: id("pri"),
    performance: oneOf(1, 2, 3, 4, 5),
  }),
  undo: exactly({
    type: oneOf("undo"),
    key: text(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  }),
  api: (v) =>
    exactly(
      { type: oneOf("api"), method: oneOf("get", "post"), path: text(/^\//) },
      { query: relayedQuery, body: relayedBody, idempotencyKey: text(/^[\x21-\x7e]{1,200}$/) },
    )(v) &&
    isObject(v) &&
    (RELAYED[v.method as string]?.test(v.path as string) ?? false),
};

const CONTENT: Record<ContentMessage["type"], Check> = {
  "reminder:get": exactly({ type: oneOf("reminder:get") }),
  "reminder:dismiss": exactly({ type: oneOf("reminder:dismiss") }),
  "reminder:snooze": exactly({ type: oneOf("reminder:snooze") }),
  "reminder:rate": exactly({ type: oneOf("reminder:rate") }),
};

function known<T extends string>(checks: Record<T, Check>, raw: unknown): boolean {
  if (!isObject(raw) || typeof raw.type !== "string" || !Object.hasOwn(checks, raw.type)) return false;
  return checks[raw.type as T](raw);
}

/** The parts of a sender the checks need (runtime.MessageSender in both browsers). */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export type Accepted =
  | { from: "page"; message: PageMessage }
  | { from: "content"; message: ContentMessage; url: URL; tabId: number };

/**
 * Accepts a message or returns null. `extensionId` is runtime.id; `extensionBase` is
 * runtime.getURL("/") — every page of this extension lives under it.
 */
export function accept(raw: unknown, sender: Sender, extensionId: string, extensionBase: string): Accepted | null {
  if (sender.id !== extensionId || typeof sender.url !== "string") return null;
  if (sender.url.startsWith(extensionBase)) {
    return known(PAGE, raw) ? { from: "page", message: raw as PageMessage } : null;
  }
  const tabId = sender.tab?.id;
  if (typeof tabId !== "number") return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  return known(CONTENT, raw) ? { from: "content", message: raw as ContentMessage, url, tabId } : null;
}
