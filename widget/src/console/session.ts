/**
 * The console's session: the typed client with the HttpOnly cookie, who is signed in, and the
 * partnership in focus. A 401 from any call means the session ended (signed out elsewhere, token
 * revoked): the console then shows the sign-in screen instead of a broken page.
 */
import { computed, signal } from "@preact/signals";
import { type CallOptions, type Client, call, type Failure, type Ok, type Op, type Result, type Schemas } from "../api";
import type { paths } from "../api-types.gen";
import { messages } from "./i18n";

export type Me = Schemas["Me"];
export type Partnership = Schemas["Partnership"];

type Method = "get" | "post" | "put" | "patch" | "delete";

export const client: Client = { base: location.origin, auth: { kind: "session" } };

type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; reason?: string }
  | { status: "error"; error: Failure }
  | { status: "signed-in"; me: Me };

export const session = signal<SessionState>({ status: "loading" });
export const me = computed(() => (session.value.status === "signed-in" ? session.value.me : null));
/** An admin of their organization: manages its directory, embed keys, origins and provisioning. */
export const isAdmin = computed(() => me.value?.person.admin === true);

/** Calls the API with the session cookie; a 401 ends the session in the UI. */
export async function api<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: CallOptions<Op<NoInfer<P>, NoInfer<M>>> = {},
): Promise<Result<Ok<Op<P, M>>>> {
  const result = await call<P, M>(client, method, path, options);
  if (!result.ok && result.error.status === 401 && session.value.status === "signed-in") {
    session.value = { status: "signed-out", reason: messages.value.shell.sessionEnded };
  }
  return result;
}

/** Loads the signed-in person; a missing or expired cookie shows the sign-in screen. */
export async function loadMe() {
  // Ask first whether the cookie is live: a first visit is signed out, and the browser would log
  // the 401 of /me as an error.
  const probe = await call(client, "get", "/api/v1/signed-in");
  if (probe.ok && !probe.value.signedIn) {
    if (session.value.status !== "signed-out") session.value = { status: "signed-out" };
    return { ok: false as const, error: { status: 401, code: "unauthorized", message: "" } satisfies Failure };
  }
  const r = await call(client, "get", "/api/v1/me");
  if (r.ok) session.value = { status: "signed-in", me: r.value };
  else if (r.error.status === 401) session.value = { status: "signed-out" };
  else session.value = { status: "error", error: r.error };
  return r;
}

/** Exchanges a sign-in code for the session cookie, then loads the person. */
export async function signIn(code: string): Promise<Failure | null> {
  const r = await call(client, "post", "/api/v1/session", { body: { code: code.trim() } });
  if (!r.ok) return r.error;
  const loaded = await loadMe();
  return loaded.ok ? null : loaded.error;
}

/** Revokes the session's token and clears the cookie. */
export async function signOut(): Promise<Failure | null> {
  const r = await call(client, "post", "/api/v1/sign-out");
  if (!r.ok && r.error.status !== 401) return r.error;
  partnership.value = null;
  session.value = { status: "signed-out", reason: messages.value.shell.signedOut };
  return null;
}

const LAST_PARTNERSHIP = "accord.console.partnership";

/** The partnership in focus: from the URL when it names one, else the last used, else the first. */
export function choosePartnership(fromUrl: string | null, who: Me | null, store: Storage | null = safeStorage()) {
  const ids = who?.partnerships.map((p) => p.id) ?? [];
  const candidates = [
    fromUrl,
    store?.getItem(LAST_PARTNERSHIP) ?? null,
    who?.partnerships.find((p) => !p.archived)?.id,
  ];
  for (const id of candidates) if (id && ids.includes(id)) return id;
  return fromUrl ?? ids[0] ?? null;
}

function rememberPartnership(pid: string, store: Storage | null = safeStorage()) {
  try {
    store?.setItem(LAST_PARTNERSHIP, pid);
  } catch {
    // Private windows may refuse storage; the console simply forgets the choice.
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The partnership in focus, with settings and organizations; null before it loads. */
export const partnership = signal<Partnership | null>(null);
export const partnershipError = signal<Failure | null>(null);

/** (Re)loads the partnership in focus. */
export async function loadPartnership(pid: string) {
  const r = await api("get", "/api/v1/partnerships/{partnershipId}", { params: { partnershipId: pid } });
  if (r.ok) {
    partnership.value = r.value;
    partnershipError.value = null;
    rememberPartnership(pid);
  } else {
    partnershipError.value = r.error;
  }
  return r;
}

/** The name of an organization of the partnership in focus. */
export function orgName(id: string | null | undefined): string {
  return partnership.value?.organizations.find((o) => o.id === id)?.name ?? messages.value.admin.organizations.another;
}

/** The position of an organization in the partnership (drives its colour in every chart). */
export function orgIndex(id: string): number {
  const i = partnership.value?.organizations.findIndex((o) => o.id === id) ?? -1;
  return Math.max(i, 0);
}

export const isFacilitator = computed(() => partnership.value?.role === "facilitator");
