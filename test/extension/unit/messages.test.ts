import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { startBackground } from "../../../extension/utils/background/start";
import { accept, type Sender } from "../../../extension/utils/messages/validate";
import {
  languageItem,
  partnershipsItem,
  ratingQueueItem,
  reminderSettingsItem,
} from "../../../extension/utils/storage";
import { fakeApi } from "./fake-api";
import { fakeHostAccess, signInFake } from "./helpers";

const ID = "test-extension-id";
const BASE = `chrome-extension://${ID}/`;
const POPUP: Sender = { id: ID, url: `${BASE}popup.html` };
const TAB: Sender = { id: ID, url: "https://acme.atlassian.net/browse/X-1", tab: { id: 7 } };
const RATE = { type: "rate", partnershipId: "prt_demo", cycleId: "cyc_p", principleId: "pri_a", performance: 5 };

describe("message validation", () => {
  it("accepts a known page message from an extension page", () => {
    expect(accept(RATE, POPUP, ID, BASE)).toEqual({ from: "page", message: RATE });
    expect(accept({ type: "refresh" }, { ...POPUP, tab: { id: 3 } }, ID, BASE)?.from).toBe("page");
  });

  it("drops an unknown type", () => {
    expect(accept({ type: "steal-token" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "reminder:show-token" }, TAB, ID, BASE)).toBeNull();
    expect(accept("refresh", POPUP, ID, BASE)).toBeNull();
    expect(accept(null, POPUP, ID, BASE)).toBeNull();
  });

  it("drops a known type with the wrong shape", () => {
    expect(accept({ ...RATE, performance: 6 }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ ...RATE, performance: "5" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ ...RATE, partnershipId: "../../me" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ ...RATE, extra: true }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "undo", key: "not-a-uuid" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "sign-in", apiAddress: "https://a.example", code: "ab" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "sign-in", apiAddress: "https://a.example" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "refresh", next: "sign-out" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "toString" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "__proto__" }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ type: "reminder:get", site: "https://evil.example" }, TAB, ID, BASE)).toBeNull();
  });

  it("relays only the survey's own requests", () => {
    const api = (method: string, path: string) => accept({ type: "api", method, path }, POPUP, ID, BASE);
    expect(api("get", "/api/v1/partnerships/prt_demo/cycles/current")).not.toBeNull();
    // "Rate now" names the pending cycle; the survey page asks for exactly that one.
    const named = { type: "api", method: "get", path: "/api/v1/partnerships/prt_demo/cycles/current" };
    expect(accept({ ...named, query: { kind: "assessment", cycle: "cyc_a" } }, POPUP, ID, BASE)).not.toBeNull();
    expect(api("post", "/api/v1/partnerships/prt_demo/cycles/cyc_a/responses")).not.toBeNull();
    expect(api("post", "/api/v1/me/sign-in-codes")).toBeNull();
    expect(api("get", "/api/v1/me/tokens")).toBeNull();
    expect(api("post", "/api/v1/partnerships/prt_demo/principles")).toBeNull();
    expect(api("get", "/api/v1/partnerships/prt_demo/cycles/current/../../../../me")).toBeNull();
    expect(api("delete", "/api/v1/partnerships/prt_demo")).toBeNull();
    const post = { type: "api", method: "post", path: "/api/v1/partnerships/prt_demo/cycles/cyc_a/responses" };
    expect(accept({ ...post, body: { answers: [] }, idempotencyKey: "k1" }, POPUP, ID, BASE)).not.toBeNull();
    expect(accept({ ...post, body: "x".repeat(70_000) }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ ...post, query: { "a b": "c" } }, POPUP, ID, BASE)).toBeNull();
    expect(accept({ ...post, headers: { Authorization: "Bearer x" } }, POPUP, ID, BASE)).toBeNull();
  });

  it("drops messages from a foreign sender", () => {
    expect(accept(RATE, { ...POPUP, id: "another-extension" }, ID, BASE)).toBeNull();
    expect(accept(RATE, { url: `${BASE}popup.html` }, ID, BASE)).toBeNull();
    expect(accept(RATE, { id: ID, url: "chrome-extension://another-extension/popup.html" }, ID, BASE)).toBeNull();
    expect(accept({ type: "reminder:get" }, { ...TAB, id: "another-extension" }, ID, BASE)).toBeNull();
  });

  it("keeps the reminder script to reminder messages, from a web page in a tab", () => {
    expect(accept({ type: "reminder:get" }, TAB, ID, BASE)).toMatchObject({ from: "content", tabId: 7 });
    expect(accept(RATE, TAB, ID, BASE)).toBeNull();
    expect(accept({ type: "sign-out" }, TAB, ID, BASE)).toBeNull();
    expect(accept({ type: "api", method: "get", path: "/api/v1/me" }, TAB, ID, BASE)).toBeNull();
    expect(accept({ type: "reminder:get" }, { ...TAB, tab: undefined }, ID, BASE)).toBeNull();
    expect(accept({ type: "reminder:get" }, { ...TAB, url: "file:///etc/passwd" }, ID, BASE)).toBeNull();
  });
});

describe("the background's message listener", () => {
  type Listener = (raw: unknown, sender: Sender, respond: (reply: unknown) => void) => boolean;
  let listener: Listener;
  beforeEach(async () => {
    fakeBrowser.reset();
    fakeHostAccess();
    vi.stubGlobal("fetch", fakeApi().fetch);
    await signInFake();
    const spy = vi.spyOn(fakeBrowser.runtime.onMessage, "addListener");
    startBackground({ addEventListener: () => undefined });
    listener = spy.mock.calls[0]?.[0] as unknown as Listener;
    spy.mockRestore();
  });
  afterEach(() => vi.unstubAllGlobals());

  const deliver = (raw: unknown, sender: Sender) => {
    const respond = vi.fn();
    return { kept: listener(raw, sender, respond), respond };
  };

  it("never answers, and changes nothing, for a dropped message", async () => {
    for (const [raw, sender] of [
      [{ type: "unknown" }, POPUP],
      [{ ...RATE, performance: 0 }, POPUP],
      [RATE, { ...POPUP, id: "another-extension" }],
      [RATE, TAB],
    ] as const) {
      const { kept, respond } = deliver(raw, sender);
      expect(kept).toBe(false);
      expect(respond).not.toHaveBeenCalled();
    }
    expect(await ratingQueueItem.getValue()).toEqual([]);
  });

  it("answers an accepted one", async () => {
    const { kept, respond } = deliver(RATE, POPUP);
    expect(kept).toBe(true);
    await vi.waitFor(() => expect(respond).toHaveBeenCalledOnce());
    expect(respond.mock.calls[0]?.[0]).toMatchObject({ key: expect.any(String), sendAt: expect.any(Number) });
    expect(await ratingQueueItem.getValue()).toHaveLength(1);
  });

  it("gives the reminder script the principle's text and nothing else", async () => {
    await partnershipsItem.setValue({
      prt_demo: {
        id: "prt_demo",
        name: "Northwind × Acme",
        role: "member",
        reminderSites: ["https://*.atlassian.net/*"],
        principles: [{ id: "pri_a", title: "Share bad news early", description: "We call before it's a surprise." }],
        pulse: null,
        actions: [],
        fetchedAt: 0,
      },
    });
    const { respond } = deliver({ type: "reminder:get" }, TAB);
    await vi.waitFor(() => expect(respond).toHaveBeenCalledOnce());
    expect(respond.mock.calls[0]?.[0]).toEqual({
      card: {
        partnershipName: "Northwind × Acme",
        principle: { title: "Share bad news early", description: "We call before it's a surprise." },
        lang: "en",
        words: {
          eyebrow: "Our principle today",
          rate: "Rate how we live it",
          snooze: "Snooze for a week",
          dismiss: "Dismiss for today",
        },
      },
    });
    expect(JSON.stringify(respond.mock.calls[0]?.[0])).not.toContain("acc_");

    // The card speaks the language the person chose for the extension, whatever the site's.
    await languageItem.setValue("de");
    await reminderSettingsItem.setValue({ frequency: "weekly", sites: {} });
    const german = deliver({ type: "reminder:get" }, TAB);
    await vi.waitFor(() => expect(german.respond).toHaveBeenCalledOnce());
    expect(german.respond.mock.calls[0]?.[0]).toMatchObject({
      card: {
        lang: "de",
        words: {
          eyebrow: "Unser Prinzip diese Woche",
          rate: "Bewerten, wie wir es leben",
          snooze: "Eine Woche pausieren",
          dismiss: "Für diese Woche ausblenden",
        },
      },
    });
  });
});
