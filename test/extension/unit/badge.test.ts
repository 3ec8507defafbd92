import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { backgroundClient } from "../../../extension/utils/api/client";
import { startBackground } from "../../../extension/utils/background/start";
import {
  ensurePollAlarm,
  POLL_ALARM,
  POLL_MINUTES,
  pollIfStale,
  pollPending,
  showBadge,
} from "../../../extension/utils/badge/badge";
import { enqueueRating } from "../../../extension/utils/ratings/queue";
import { languageItem, pendingItem, shownPartnershipsItem } from "../../../extension/utils/storage";
import { type FakeApi, fakeApi } from "./fake-api";
import { fakeHostAccess, PERSON, signInFake } from "./helpers";

const badge = () => fakeBrowser.action.getBadgeText({});
const pendingCalls = (api: FakeApi) => api.calls.filter((c) => c.path === "/api/v1/me/pending");

describe("badge", () => {
  let api: FakeApi;
  beforeEach(async () => {
    fakeBrowser.reset();
    fakeHostAccess();
    api = fakeApi();
    api.pending = [
      { partnershipId: "prt_a", cycleId: "cyc_assess", kind: "assessment" },
      { partnershipId: "prt_a", cycleId: "cyc_pulse", kind: "pulse" },
      { partnershipId: "prt_b", cycleId: "cyc_other", kind: "pulse" },
    ];
    await signInFake();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("counts pending surveys and pulses, then polls with the ETag and keeps the count on a 304", async () => {
    const client = await backgroundClient(api.fetch);
    expect(await pollPending(client)).toBe(3);
    expect(await badge()).toBe("3");
    const etag = (await pendingItem.getValue())?.etag;
    expect(etag).toMatch(/^".+"$/);

    expect(await pollPending(client)).toBe(3);
    const [first, second] = pendingCalls(api);
    expect(first?.headers.get("If-None-Match")).toBeNull();
    expect(second?.headers.get("If-None-Match")).toBe(etag);
    expect(await badge()).toBe("3");
    expect((await pendingItem.getValue())?.items).toHaveLength(3);
  });

  it("takes the new count when the list changed, and clears the badge at zero", async () => {
    const client = await backgroundClient(api.fetch);
    await pollPending(client);
    api.pending = api.pending.slice(0, 1);
    expect(await pollPending(client)).toBe(1);
    expect(await badge()).toBe("1");
    api.pending = [];
    expect(await pollPending(client)).toBe(0);
    expect(await badge()).toBe("");
  });

  it("says on the button how many ratings wait, one or several, in the language the person chose", async () => {
    const title = () => fakeBrowser.action.getTitle({});
    const client = await backgroundClient(api.fetch);
    await pollPending(client);
    expect(await title()).toBe("Accord: 3 ratings waiting for you");
    api.pending = api.pending.slice(0, 1);
    await pollPending(client);
    expect(await title()).toBe("Accord: 1 rating waiting for you");
    await languageItem.setValue("de");
    await showBadge();
    expect(await title()).toBe("Accord: 1 Bewertung wartet auf Sie");
    api.pending = [...api.pending, { partnershipId: "prt_b", cycleId: "cyc_other", kind: "pulse" }];
    await pollPending(client);
    expect(await title()).toBe("Accord: 2 Bewertungen warten auf Sie");
    api.pending = [];
    await pollPending(client);
    expect(await title()).toBe("Accord");
  });

  it("keeps the last count while offline", async () => {
    const client = await backgroundClient(api.fetch);
    await pollPending(client);
    api.offline = true;
    expect(await pollPending(client)).toBe(3);
    expect(await badge()).toBe("3");
  });

  it("counts only shown partnerships, and drops a pulse as soon as it is rated here", async () => {
    const client = await backgroundClient(api.fetch);
    await pollPending(client);
    await shownPartnershipsItem.setValue(["prt_a"]);
    expect(await pollPending(client)).toBe(2);
    api.offline = true;
    await enqueueRating(
      { partnershipId: "prt_a", cycleId: "cyc_pulse", principleId: "pri_x", performance: 3 },
      PERSON.id,
    );
    expect(await pollPending(client)).toBe(1);
  });

  it("polls at start-up only when the last poll is older than the alarm's period", async () => {
    const client = await backgroundClient(api.fetch);
    const t0 = Date.now();
    await pollPending(client, t0);
    expect(await pollIfStale(client, t0 + (POLL_MINUTES - 1) * 60_000)).toBe(3);
    expect(pendingCalls(api)).toHaveLength(1);
    api.pending = [];
    expect(await pollIfStale(client, t0 + (POLL_MINUTES + 1) * 60_000)).toBe(0);
    expect(pendingCalls(api)).toHaveLength(2);
  });

  it("creates the 30-minute alarm once, without resetting it on every wake-up", async () => {
    await ensurePollAlarm();
    const alarm = await fakeBrowser.alarms.get(POLL_ALARM);
    expect(alarm?.periodInMinutes).toBe(POLL_MINUTES);
    await ensurePollAlarm();
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBe(alarm);
  });

  it("polls on the alarm: an unchanged list costs a 304 and the badge keeps its count", async () => {
    vi.stubGlobal("fetch", api.fetch);
    await pollPending(await backgroundClient());
    startBackground({ addEventListener: () => undefined });
    const before = pendingCalls(api).length;

    await fakeBrowser.alarms.onAlarm.trigger({ name: POLL_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(() => expect(pendingCalls(api).length).toBeGreaterThan(before));
    const poll = pendingCalls(api).at(-1);
    expect(poll?.headers.get("If-None-Match")).toBe((await pendingItem.getValue())?.etag);
    expect(await badge()).toBe("3");

    api.pending = [];
    await fakeBrowser.alarms.onAlarm.trigger({ name: POLL_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(await badge()).toBe(""));
  });
});
