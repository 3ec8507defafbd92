/**
 * The saver against a fake API (client.fetch) and fake timers: what reaches the server, with which
 * idempotency key, in which order, and what happens when sending fails.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Client, ErrorCode, Failure } from "../../widget/src/api";
import { backoff, createSaver, retryable } from "../../widget/src/ui/saver";

interface Sent {
  key: string | null;
  answers: unknown[];
}

/** A client whose fetch answers with `replies` in turn (a status, or "offline"), recording requests. */
function fakeClient(replies: (number | "offline")[]) {
  const sent: Sent[] = [];
  const client: Client = {
    base: "https://accord.test",
    auth: { kind: "embed", token: async () => "header.payload.signature" },
    fetch: async (_input, init) => {
      const headers = new Headers(init?.headers);
      sent.push({ key: headers.get("Idempotency-Key"), answers: JSON.parse(String(init?.body)).answers });
      const reply = replies.shift() ?? 200;
      if (reply === "offline") throw new TypeError("Failed to fetch");
      const body =
        reply === 200
          ? { cycleId: "cyc_1", answers: [], progress: { answered: 1, total: 4 } }
          : { error: { code: reply === 409 ? "conflict" : "unavailable", message: "No" } };
      return new Response(JSON.stringify(body), {
        status: reply,
        headers: reply === 503 ? { "Retry-After": "3" } : {},
      });
    },
  };
  return { client, sent };
}

const target = new EventTarget();
const win = {
  addEventListener: target.addEventListener.bind(target),
  removeEventListener: target.removeEventListener.bind(target),
} as Pick<Window, "addEventListener" | "removeEventListener">;

describe("saver", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = (replies: (number | "offline")[], onFailure = vi.fn()) => {
    const { client, sent } = fakeClient(replies);
    const saver = createSaver({ client, partnershipId: "prt_x", cycleId: "cyc_1", win, onFailure, random: () => 0.5 });
    return { saver, sent, onFailure };
  };

  it("waits for more changes, then sends them together with one idempotency key", async () => {
    const { saver, sent } = make([]);
    saver.set({ principleId: "pri_a", performance: 2 });
    saver.set({ principleId: "pri_a", performance: 3 });
    saver.set({ principleId: "pri_a", importance: 5 });
    saver.set({ principleId: "pri_b", performance: "cant_say" });
    expect(saver.store.get().state).toBe("waiting");
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([
      {
        key: expect.any(String),
        answers: [
          { principleId: "pri_a", performance: 3, importance: 5 },
          { principleId: "pri_b", performance: "cant_say" },
        ],
      },
    ]);
    expect(saver.store.get().state).toBe("idle");
    expect(saver.saved()).toBe(true);
  });

  it("retries a failed send with backoff and the same key until it gets through", async () => {
    const { saver, sent } = make(["offline", "offline", 503, 200]);
    saver.set({ principleId: "pri_a", performance: 4 }, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.store.get()).toMatchObject({ state: "retrying", failure: { status: 0 } });
    await vi.advanceTimersByTimeAsync(1000); // first retry after ~1 s
    await vi.advanceTimersByTimeAsync(2000); // second after ~2 s, answered 503 with Retry-After: 3
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2999);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => s.key)).size).toBe(1);
    expect(saver.store.get().state).toBe("idle");
  });

  it("retries at once when the browser says it is online again", async () => {
    const { saver, sent } = make(["offline"]);
    saver.set({ principleId: "pri_a", performance: 4 }, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    target.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.key).toBe(sent[0]?.key);
    expect(saver.store.get().state).toBe("idle");
  });

  it("keeps later answers behind a failed one, so they land in the order given", async () => {
    const { saver, sent } = make(["offline", 200, 200]);
    saver.set({ principleId: "pri_a", performance: 1 }, true);
    await vi.advanceTimersByTimeAsync(0);
    saver.set({ principleId: "pri_a", performance: 5 }, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1200);
    expect(sent.map((s) => s.answers)).toEqual([
      [{ principleId: "pri_a", performance: 1 }],
      [{ principleId: "pri_a", performance: 1 }],
      [{ principleId: "pri_a", performance: 5 }],
    ]);
    expect(sent[2]?.key).not.toBe(sent[0]?.key);
  });

  it("flush() sends at once and resolves when everything is saved", async () => {
    const { saver, sent } = make([]);
    saver.set({ principleId: "pri_a", comment: "More of this" });
    const done = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    await expect(done).resolves.toBe(true);
    expect(sent).toHaveLength(1);
  });

  it("stops when the cycle has closed, and says so", async () => {
    const { saver, sent, onFailure } = make([409]);
    saver.set({ principleId: "pri_a", performance: 2 }, true);
    const done = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    await expect(done).resolves.toBe(false);
    expect(onFailure).toHaveBeenCalledWith(expect.objectContaining({ status: 409 }));
    expect(saver.store.get().state).toBe("stopped");
    saver.set({ principleId: "pri_a", performance: 3 }, true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
  });

  it("knows which failures a retry can fix", () => {
    const f = (status: number, code: ErrorCode = "internal"): Failure => ({ status, code, message: "" });
    expect([0, 401, 408, 429, 500, 503].map((s) => retryable(f(s)))).toEqual([true, true, true, true, true, true]);
    expect([400, 403, 404, 409, 413].map((s) => retryable(f(s)))).toEqual([false, false, false, false, false]);
    expect(retryable(f(0, "aborted"))).toBe(false);
    expect(backoff(1, undefined, () => 0.5)).toBe(1000);
    expect(backoff(3, undefined, () => 0.5)).toBe(4000);
    expect(backoff(20, undefined, () => 0.5)).toBe(30_000);
    expect(backoff(1, 7)).toBe(7000);
  });
});
