import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { backgroundClient } from "../../../extension/utils/api/client";
import { sendRatings } from "../../../extension/utils/background/handle";
import { enqueueRating, flushQueue, RETRY_ALARM, UNDO_MS, undoRating } from "../../../extension/utils/ratings/queue";
import { connectionItem, ratingQueueItem, sessionItem } from "../../../extension/utils/storage";
import { type FakeApi, fakeApi } from "./fake-api";
import { PERSON, signInFake } from "./helpers";

const RATING = { partnershipId: "prt_demo", cycleId: "cyc_pulse1", principleId: "pri_one", performance: 4 };
const T0 = 1_750_000_000_000;

describe("rating queue", () => {
  let api: FakeApi;
  beforeEach(async () => {
    fakeBrowser.reset();
    api = fakeApi();
    await signInFake();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const client = () => backgroundClient(api.fetch);

  it("holds a rating for the undo window, then sends it once with its idempotency key", async () => {
    const item = await enqueueRating(RATING, PERSON.id, T0);
    expect((await flushQueue(await client(), T0 + UNDO_MS - 1)).sent).toEqual([]);
    expect(api.calls).toEqual([]);

    const { sent, waiting } = await flushQueue(await client(), T0 + UNDO_MS);
    expect(sent.map((s) => s.key)).toEqual([item.key]);
    expect(waiting).toBe(0);
    const post = api.calls.find((c) => c.method === "POST");
    expect(post?.headers.get("Idempotency-Key")).toBe(item.key);
    expect(post?.body).toEqual({ answers: [{ principleId: "pri_one", performance: 4 }] });
    expect(await ratingQueueItem.getValue()).toEqual([]);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it("undo within the window cancels the send; after it, undo is refused", async () => {
    const first = await enqueueRating(RATING, PERSON.id, T0);
    expect(await undoRating(first.key)).toBe(true);
    await flushQueue(await client(), T0 + UNDO_MS);
    expect(api.calls).toEqual([]);

    const second = await enqueueRating(RATING, PERSON.id, T0);
    await flushQueue(await client(), T0 + UNDO_MS);
    expect(await undoRating(second.key)).toBe(false);
    expect([...api.counted.keys()]).toEqual([second.key]);
  });

  it("a second click in the window replaces the first: one rating, the last answer", async () => {
    await enqueueRating(RATING, PERSON.id, T0);
    const last = await enqueueRating({ ...RATING, performance: 2 }, PERSON.id, T0 + 1000);
    await flushQueue(await client(), T0 + 1000 + UNDO_MS);
    expect([...api.counted.entries()]).toEqual([[last.key, 2]]);
  });

  it("keeps a rating while offline and sends it with the same key when the network returns", async () => {
    const item = await enqueueRating(RATING, PERSON.id, T0);
    api.offline = true;
    const offline = await flushQueue(await client(), T0 + UNDO_MS);
    expect(offline).toEqual({ sent: [], waiting: 1, stalled: true });
    expect((await connectionItem.getValue()).offline).toBe(true);
    expect((await ratingQueueItem.getValue())[0]).toMatchObject({ key: item.key, attempts: 1 });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeDefined();

    api.offline = false;
    const online = await flushQueue(await client(), T0 + 60_000);
    expect(online.sent.map((s) => s.key)).toEqual([item.key]);
    expect((await connectionItem.getValue()).offline).toBe(false);
    const keys = api.calls.filter((c) => c.method === "POST").map((c) => c.headers.get("Idempotency-Key"));
    expect(keys).toEqual([item.key, item.key]);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it("a reply lost on the way back is retried with the same key and counted once", async () => {
    const item = await enqueueRating(RATING, PERSON.id, T0);
    api.loseNextReply = true;
    await flushQueue(await client(), T0 + UNDO_MS);
    expect(await ratingQueueItem.getValue()).toHaveLength(1);
    await flushQueue(await client(), T0 + UNDO_MS + 60_000);
    expect(api.calls.filter((c) => c.method === "POST")).toHaveLength(2);
    expect([...api.counted.keys()]).toEqual([item.key]);
    expect(await ratingQueueItem.getValue()).toEqual([]);
  });

  it("drops a rating the API refuses for good and tells the person", async () => {
    await enqueueRating(RATING, PERSON.id, T0);
    api.refuseNextRating = 409;
    const result = await flushQueue(await client(), T0 + UNDO_MS);
    expect(result).toEqual({ sent: [], waiting: 0, stalled: false });
    expect((await connectionItem.getValue()).notice).toEqual({ code: "pulseClosed" });
  });

  it("never retries a rating refused because the person joined after the pulse opened", async () => {
    await enqueueRating(RATING, PERSON.id, T0);
    api.refuseNextRating = 403;
    const result = await flushQueue(await client(), T0 + UNDO_MS);
    expect(result).toEqual({ sent: [], waiting: 0, stalled: false });
    expect(await ratingQueueItem.getValue()).toEqual([]);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeFalsy();
    expect((await connectionItem.getValue()).notice).toEqual({ code: "joinedLate" });
    // Still signed in: a 403 refuses this answer, not the person's token.
    expect(await sessionItem.getValue()).not.toBeNull();
    await flushQueue(await client(), T0 + UNDO_MS + 120_000);
    expect(api.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("retries a server fault later instead of dropping the rating", async () => {
    await enqueueRating(RATING, PERSON.id, T0);
    api.refuseNextRating = 503;
    expect((await flushQueue(await client(), T0 + UNDO_MS)).waiting).toBe(1);
    expect((await flushQueue(await client(), T0 + UNDO_MS + 60_000)).sent).toHaveLength(1);
    expect(api.counted.size).toBe(1);
  });

  it("never sends someone else's queued rating with the signed-in person's token", async () => {
    await enqueueRating(RATING, "per_someone_else", T0);
    await flushQueue(await client(), T0 + UNDO_MS);
    expect(api.calls).toEqual([]);
    expect(await ratingQueueItem.getValue()).toEqual([]);
  });

  it("keeps ratings while signed out rather than sending them without a token", async () => {
    await enqueueRating(RATING, PERSON.id, T0);
    await sessionItem.setValue(null);
    expect(await flushQueue(await client(), T0 + UNDO_MS)).toEqual({ sent: [], waiting: 1, stalled: false });
    expect(api.calls).toEqual([]);
    await signInFake();
    expect((await flushQueue(await client(), T0 + UNDO_MS)).sent).toHaveLength(1);
  });

  it("right after the network returns, retries a stalled send a few times before leaving it to the alarm", async () => {
    vi.stubGlobal("fetch", api.fetch);
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const item = await enqueueRating(RATING, PERSON.id, Date.now() - UNDO_MS);
    api.offline = true; // "online" fired, but the connection is not there yet
    await sendRatings({ soon: true });
    expect(api.counted.size).toBe(0);
    api.offline = false;
    await vi.advanceTimersByTimeAsync(5000);
    await vi.waitFor(() => expect([...api.counted.keys()]).toEqual([item.key]));
    expect(await ratingQueueItem.getValue()).toEqual([]);
  });
});
