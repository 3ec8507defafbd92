import { call } from "@accord/widget/api";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { PageMessage, RelayReply } from "../../../extension/utils/messages/types";
import { relayFetch } from "../../../extension/utils/relay/page-fetch";
import { relay } from "../../../extension/utils/relay/perform";
import { BASE, type FakeApi, fakeApi } from "./fake-api";
import { signInFake } from "./helpers";

describe("the survey page's relay", () => {
  let api: FakeApi;
  let sent: PageMessage[];
  beforeEach(async () => {
    fakeBrowser.reset();
    api = fakeApi();
    sent = [];
    await signInFake();
  });

  /** The page's fetch, wired straight to the background's relay (the message hop, minus the browser). */
  const pageClient = () => ({
    base: BASE,
    auth: { kind: "session" as const },
    fetch: relayFetch(async (message) => {
      sent.push(message);
      const { type: _, ...request } = message;
      return relay(request, api.fetch);
    }),
  });

  it("lets the widget's client read and answer through the background, which adds the token", async () => {
    const read = await call(pageClient(), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
      params: { partnershipId: "prt_demo" },
      query: { kind: "assessment" },
    });
    expect(read).toMatchObject({ ok: true, status: 200, value: { cycle: null } });
    expect(api.calls[0]?.headers.get("Authorization")).toBe("Bearer acc_test");

    const saved = await call(pageClient(), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses", {
      params: { partnershipId: "prt_demo", cycleId: "cyc_a" },
      body: { answers: [{ principleId: "pri_a", performance: 4, importance: 5 }] },
      headers: { "Idempotency-Key": "survey-key-1" },
    });
    expect(saved.ok).toBe(true);
    expect(api.calls[1]?.headers.get("Idempotency-Key")).toBe("survey-key-1");
    // What crossed from the page: method, path, query, body, key — never a token.
    expect(JSON.stringify(sent)).not.toContain("acc_");
    expect(sent[1]).toEqual({
      type: "api",
      method: "post",
      path: "/api/v1/partnerships/prt_demo/cycles/cyc_a/responses",
      body: { answers: [{ principleId: "pri_a", performance: 4, importance: 5 }] },
      idempotencyKey: "survey-key-1",
    });
  });

  it("fails like fetch when the background cannot reach the API, so the widget retries", async () => {
    api.offline = true;
    const read = await call(pageClient(), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
      params: { partnershipId: "prt_demo" },
      query: { kind: "assessment" },
    });
    expect(read).toMatchObject({ ok: false, error: { status: 0, code: "offline" } });
  });

  it("answers 401 without calling the API when nobody is signed in", async () => {
    fakeBrowser.reset();
    const reply: RelayReply = await relay(
      { method: "get", path: "/api/v1/partnerships/prt_demo/principles" },
      api.fetch,
    );
    expect(reply.status).toBe(401);
    expect(api.calls).toEqual([]);
  });
});
