import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addMonths, currentPeriod, cycleStatus, dueCycles, nextPulsePrinciple } from "../../worker/src/domain/schedule";
import worker from "../../worker/src/index";
import { runSchedule } from "../../worker/src/schedule/run";
import { type Actor, agreedPrinciples, answer, as, assertOk, call, ok, openCycle, partnership, world } from "./helpers";

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe("schedule rules", () => {
  it("adds months in UTC, clamping to shorter months", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
  });

  it("finds the period containing now, counted from the cadence start", () => {
    expect(currentPeriod("2026-01-01", { months: 12 }, at("2026-11-29T10:00:00Z"))).toEqual({
      start: "2026-01-01",
      next: "2027-01-01",
    });
    expect(currentPeriod("2026-01-05", { days: 7 }, at("2026-01-19T00:00:00Z"))).toEqual({
      start: "2026-01-19",
      next: "2026-01-26",
    });
    expect(currentPeriod("2026-03-31", { months: 1 }, at("2026-05-01T00:00:00Z"))).toEqual({
      start: "2026-04-30",
      next: "2026-05-31",
    });
    expect(currentPeriod("2027-01-01", { days: 7 }, at("2026-12-31T00:00:00Z"))).toBeNull();
  });

  it("is due: the assessment only within its window, the pulse for its whole period", () => {
    const s = {
      cadenceStart: "2026-01-01",
      assessmentCadence: "quarterly",
      assessmentWindowDays: 21,
      pulseCadence: "weekly",
    } as const;
    expect(dueCycles(s, at("2026-04-10T12:00:00Z"))).toEqual([
      {
        kind: "assessment",
        periodStart: "2026-04-01",
        opensAt: "2026-04-01T00:00:00.000Z",
        closesAt: "2026-04-22T00:00:00.000Z",
      },
      {
        kind: "pulse",
        periodStart: "2026-04-09",
        opensAt: "2026-04-09T00:00:00.000Z",
        closesAt: "2026-04-16T00:00:00.000Z",
      },
    ]);
    expect(dueCycles(s, at("2026-05-10T12:00:00Z")).map((d) => d.kind)).toEqual(["pulse"]);
    expect(dueCycles({ ...s, pulseCadence: "off" }, at("2026-05-10T12:00:00Z"))).toEqual([]);
  });

  it("follows time for a cycle's status", () => {
    const c = { opensAt: "2026-01-01T00:00:00.000Z", closesAt: "2026-01-22T00:00:00.000Z" };
    expect(cycleStatus(c, at("2025-12-31T23:59:59Z"))).toBe("scheduled");
    expect(cycleStatus(c, at("2026-01-01T00:00:00Z"))).toBe("open");
    expect(cycleStatus(c, at("2026-01-22T00:00:00Z"))).toBe("closed");
  });

  it("asks every agreed principle once per round, largest gap first", () => {
    const agreed = [
      { id: "a", gap: 0.5 },
      { id: "b", gap: 1.5 },
      { id: "c", gap: null },
      { id: "d", gap: 1.0 },
    ];
    const asked: string[] = [];
    for (let i = 0; i < 6; i++) asked.unshift(nextPulsePrinciple(agreed, asked) as string);
    expect(asked.reverse()).toEqual(["b", "d", "a", "c", "b", "d"]);
    expect(nextPulsePrinciple([], [])).toBeNull();
  });
});

/** One member each, three agreed principles, quarterly assessments counted from `cadenceStart`. */
const cadenceWorld = (cadenceStart: string) =>
  world({ members: 1, principles: 3, update: { cadenceStart, assessmentCadence: "quarterly" } });

const cadenceCycles = async (pid: string) =>
  (
    await env.DB.prepare(
      "SELECT kind, period_start AS periodStart, opens_at AS opensAt, closes_at AS closesAt, closed_at AS closedAt FROM cycles WHERE partnership_id = ? AND source = 'cadence' ORDER BY kind, period_start",
    )
      .bind(pid)
      .all<{ kind: string; periodStart: string; opensAt: string; closesAt: string; closedAt: string | null }>()
  ).results;

describe("scheduled handler", () => {
  it("creates the current period's cycles once, however often it runs for one tick", async () => {
    const w = await cadenceWorld("2026-01-01");
    const tick = at("2026-04-10T12:00:00Z");
    await runSchedule(env.DB, tick);
    await runSchedule(env.DB, tick);
    await Promise.all([runSchedule(env.DB, tick), runSchedule(env.DB, tick)]);
    const cycles = await cadenceCycles(w.pid);
    expect(cycles.map((c) => `${c.kind} ${c.periodStart}`)).toEqual(["assessment 2026-04-01", "pulse 2026-04-09"]);
    const snapshot = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM cycle_principles cp JOIN cycles c ON c.id = cp.cycle_id WHERE c.partnership_id = ? AND c.kind = 'assessment'",
    )
      .bind(w.pid)
      .first<{ n: number }>();
    expect(snapshot?.n).toBe(3);
  });

  it("after a week of missed ticks, creates only the current period's cycles and closes what is over", async () => {
    const w = await cadenceWorld("2026-01-01");
    await runSchedule(env.DB, at("2026-04-02T00:00:00Z"));
    // Nothing runs for more than a week; the next tick catches up.
    await runSchedule(env.DB, at("2026-04-20T08:00:00Z"));
    const cycles = await cadenceCycles(w.pid);
    expect(cycles.map((c) => `${c.kind} ${c.periodStart}`)).toEqual([
      "assessment 2026-04-01",
      "pulse 2026-04-02",
      "pulse 2026-04-16",
    ]);
    // The missed period (04-09) was never created; the one that ended meanwhile is recorded closed.
    expect(cycles.find((c) => c.periodStart === "2026-04-02")?.closedAt).toBe("2026-04-09T00:00:00.000Z");
    // Past the assessment window: no new assessment, and the open one is closed on time.
    await runSchedule(env.DB, at("2026-05-01T00:00:00Z"));
    const later = await cadenceCycles(w.pid);
    expect(later.filter((c) => c.kind === "assessment")).toHaveLength(1);
    expect(later.find((c) => c.kind === "assessment")?.closedAt).toBe("2026-04-22T00:00:00.000Z");
  });

  it("never creates cycles for a partnership without agreed principles, nor for archived ones", async () => {
    const w = await partnership();
    ok(
      await call(as(w.facA), "patch", "/api/v1/partnerships/{partnershipId}", {
        params: { partnershipId: w.pid },
        body: { cadenceStart: "2026-01-01" },
      }),
    );
    await runSchedule(env.DB, at("2026-01-02T00:00:00Z"));
    expect(await cadenceCycles(w.pid)).toEqual([]);
    const archived = await cadenceWorld("2026-01-01");
    ok(
      await call(as(archived.facA), "post", "/api/v1/partnerships/{partnershipId}/archive", {
        params: { partnershipId: archived.pid },
      }),
    );
    await runSchedule(env.DB, at("2026-01-02T00:00:00Z"));
    expect(await cadenceCycles(archived.pid)).toEqual([]);
  });

  it("runs through the worker's scheduled export", async () => {
    const w = await cadenceWorld(new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10));
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: "*/10 * * * *" });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    const cycles = ok(
      await call(as(w.membersA[0] as Actor), "get", "/api/v1/partnerships/{partnershipId}/cycles", {
        params: { partnershipId: w.pid },
      }),
    );
    expect(cycles.cycles.map((c) => `${c.kind}:${c.status}`).sort()).toEqual(["assessment:open", "pulse:open"]);
  });
});

describe("pending", () => {
  it("lists open assessments and the current pulse, drops what is answered and answers 304 to a matching ETag", async () => {
    const w = await partnership({ members: 1 });
    const ids = await agreedPrinciples(w.pid, w.facA, w.facB, 2);
    const assessment = await openCycle(w.pid, w.facA);
    const pulse = await openCycle(w.pid, w.facA, "pulse");
    const me = w.membersB[0] as Actor;
    const pending = (headers: Record<string, string> = {}) => call(as(me), "get", "/api/v1/me/pending", { headers });
    const first = await pending();
    assertOk(first);
    expect(first.status).toBe(200);
    expect(first.value.count).toBe(2);
    expect(first.value.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cycleId: assessment.id, kind: "assessment", answered: 0, total: 2 }),
        expect.objectContaining({
          cycleId: pulse.id,
          kind: "pulse",
          principle: expect.objectContaining({ title: "Principle 1" }),
        }),
      ]),
    );
    const etag = first.headers.get("ETag") as string;
    expect(etag).toMatch(/^".+"$/);
    // The client answers a 304 as a success with no value.
    expect(ok(await pending({ "If-None-Match": etag }), 304)).toBeNull();
    ok(
      await answer(w.pid, pulse.id, me, [{ principleId: pulse.principles[0]?.principleId ?? "", performance: 4 }]),
      200,
    );
    ok(await answer(w.pid, assessment.id, me, [{ principleId: ids[0] ?? "", performance: 4, importance: 5 }]), 200);
    const after = ok(await pending({ "If-None-Match": etag }), 200);
    expect(after.items).toEqual([expect.objectContaining({ kind: "assessment", answered: 1, total: 2 })]);
    // A second pulse in the same period is not asked of someone who already answered one.
    await openCycle(w.pid, w.facA, "pulse");
    const again = ok(await pending());
    expect(again.items.filter((i) => i.kind === "pulse")).toEqual([]);
  });
});
