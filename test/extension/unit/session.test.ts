import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { signIn, signOut } from "../../../extension/utils/session/session";
import {
  apiAddressItem,
  meItem,
  partnershipsItem,
  ratingQueueItem,
  reminderSettingsItem,
  sessionItem,
} from "../../../extension/utils/storage";
import { BASE } from "./fake-api";
import { PERSON, signInFake } from "./helpers";

interface Seen {
  path: string;
  auth: string | null;
  body: unknown;
}

/** The sign-in and sign-out routes, answering as the API does. */
function accessApi(personId = PERSON.id) {
  const seen: Seen[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const headers = new Headers(init.headers);
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as { code?: string }) : undefined;
    seen.push({ path: url.pathname, auth: headers.get("Authorization"), body });
    if (url.pathname === "/api/v1/sign-in") {
      if (body?.code !== "GOOD-CODE") {
        return new Response(
          JSON.stringify({ error: { code: "unauthorized", message: "That sign-in code is unknown" } }),
          {
            status: 401,
          },
        );
      }
      return new Response(
        JSON.stringify({ token: "acc_new", tokenId: "tok_new", person: { ...PERSON, id: personId } }),
        { status: 201 },
      );
    }
    return new Response(null, { status: 204 });
  };
  return { fetch, seen };
}

describe("sign-in and sign-out", () => {
  beforeEach(() => fakeBrowser.reset());

  it("exchanges a code for a token, labelled for this browser, at the address given", async () => {
    const api = accessApi();
    expect(await signIn(`${BASE}/`, " GOOD-CODE ", api.fetch)).toEqual({ ok: true, name: PERSON.name });
    expect(api.seen).toEqual([
      { path: "/api/v1/sign-in", auth: null, body: { code: "GOOD-CODE", label: "Browser extension (Chrome)" } },
    ]);
    expect(await apiAddressItem.getValue()).toBe(BASE);
    expect((await sessionItem.getValue())?.token).toBe("acc_new");
  });

  it("refuses an address that is not https (or plain http on loopback) before sending anything", async () => {
    const api = accessApi();
    for (const address of [
      "http://accord.example.com",
      "ftp://x",
      "https://user:pw@a.example",
      "https://a.example/path",
    ]) {
      expect((await signIn(address, "GOOD-CODE", api.fetch)).ok).toBe(false);
    }
    expect(api.seen).toEqual([]);
    expect((await signIn("http://127.0.0.1:8787", "GOOD-CODE", api.fetch)).ok).toBe(true);
  });

  it("says why a code was refused and keeps nothing", async () => {
    const result = await signIn(BASE, "USED-CODE", accessApi().fetch);
    // The options page words it in the person's language ("invalidCode"); the API's text is kept beside.
    expect(result).toEqual({ ok: false, problem: "invalidCode", message: "That sign-in code is unknown" });
    expect(await sessionItem.getValue()).toBeNull();
  });

  it("pairing again revokes the old token; a different person starts from a clean slate", async () => {
    await signInFake();
    await partnershipsItem.setValue({});
    await ratingQueueItem.setValue([
      {
        key: "k",
        personId: PERSON.id,
        partnershipId: "prt_a",
        cycleId: "cyc_a",
        principleId: "pri_a",
        performance: 3,
        queuedAt: 0,
        notBefore: 0,
        attempts: 0,
      },
    ]);
    const api = accessApi("per_someone_else");
    await signIn(BASE, "GOOD-CODE", api.fetch);
    expect(api.seen.find((s) => s.path === "/api/v1/sign-out")?.auth).toBe("Bearer acc_test");
    expect(await ratingQueueItem.getValue()).toEqual([]);
    expect((await sessionItem.getValue())?.person.id).toBe("per_someone_else");
  });

  it("signing out revokes the token and forgets the person, but keeps the address and reminder choices", async () => {
    await signInFake();
    await meItem.setValue({
      person: { id: PERSON.id, name: PERSON.name, externalId: null, admin: false },
      organization: { id: "org_n", name: "Northwind" },
      recoveries: [],
      partnerships: [],
    });
    await reminderSettingsItem.setValue({ frequency: "weekly", sites: {} });
    const api = accessApi();
    await signOut({ base: BASE, auth: { kind: "bearer", token: async () => "acc_test" }, fetch: api.fetch });
    expect(api.seen).toEqual([{ path: "/api/v1/sign-out", auth: "Bearer acc_test", body: undefined }]);
    expect(await sessionItem.getValue()).toBeNull();
    expect(await meItem.getValue()).toBeNull();
    expect(await apiAddressItem.getValue()).toBe(BASE);
    expect((await reminderSettingsItem.getValue()).frequency).toBe("weekly");
    expect(await fakeBrowser.action.getBadgeText({})).toBe("");
  });
});
