/** Signing in with a one-time code, signing out, and forgetting a person's data. */
import { type Client, call } from "@accord/widget/api";
import { browser } from "wxt/browser";
import { apiOrigin } from "../api/client";
import { apiAddressItem, connectionItem, type Notice, PERSONAL_ITEMS, sessionItem } from "../storage";

/** Why signing in failed, for the options page to put in words; `message` is the API's own (for "other"). */
export type SignInProblem = "address" | "unreachable" | "rateLimited" | "invalidCode" | "other";
type SignInResult = { ok: true; name: string } | { ok: false; problem: SignInProblem; message: string };

/** Which browser the token is for, so the person recognizes it in their list of tokens. */
function tokenLabel(): string {
  const name = import.meta.env?.FIREFOX ? "Firefox" : "Chrome";
  return `Browser extension (${name})`;
}

/**
 * Exchanges a sign-in code for a personal token at the given API address. The options page has
 * already asked for the address's host permission, in the click that sent this.
 */
export async function signIn(address: string, code: string, fetchImpl?: typeof fetch): Promise<SignInResult> {
  const base = apiOrigin(address);
  if (!base) return { ok: false, problem: "address", message: "" };
  const result = await call(
    { base, auth: { kind: "session" }, ...(fetchImpl ? { fetch: fetchImpl } : {}) },
    "post",
    "/api/v1/sign-in",
    { body: { code: code.trim(), label: tokenLabel() } },
  );
  if (!result.ok) {
    const { status, code: reason, message } = result.error;
    const problem: SignInProblem =
      status === 0
        ? "unreachable"
        : reason === "rate_limited"
          ? "rateLimited"
          : status === 401
            ? "invalidCode"
            : "other";
    return { ok: false, problem, message };
  }
  const { token, tokenId, person } = result.value;
  const previous = await sessionItem.getValue();
  const previousBase = await apiAddressItem.getValue();
  if (previous && previousBase) {
    // Pairing again replaces the old token: revoke it rather than leave it valid and unused.
    await call(
      {
        base: previousBase,
        auth: { kind: "bearer", token: async () => previous.token },
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      },
      "post",
      "/api/v1/sign-out",
    );
  }
  // Someone else's cached partnerships, queued ratings and reminders must not carry over.
  if (previous?.person.id !== person.id) await forget();
  await apiAddressItem.setValue(base);
  await sessionItem.setValue({ token, tokenId, person });
  await connectionItem.setValue({ offline: false, notice: null });
  return { ok: true, name: person.name };
}

/** Removes everything that belongs to the signed-in person and clears the badge. */
async function forget(): Promise<void> {
  await Promise.all(PERSONAL_ITEMS.map((item) => item.removeValue()));
  await browser.action.setBadgeText({ text: "" });
}

/** Ends a session the API no longer accepts (revoked or expired token). */
export async function endSession(notice: Notice): Promise<void> {
  await forget();
  await connectionItem.setValue({ offline: false, notice });
}

/** Revokes the token at the API (when it can be reached) and forgets the person here either way. */
export async function signOut(client: Client | null): Promise<void> {
  if (client && (await sessionItem.getValue())) await call(client, "post", "/api/v1/sign-out");
  await forget();
}
