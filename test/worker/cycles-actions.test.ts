import { describe, expect, it } from "vitest";
import type { CallOptions, Op } from "../../widget/src/api";
import {
  type Actor,
  agreedPrinciples,
  answer,
  as,
  type BodyOf,
  call,
  fails,
  ok,
  openCycle,
  partnership,
  send,
  stance,
} from "./helpers";

type ActionBody = BodyOf<"/api/v1/partnerships/{partnershipId}/actions", "post">;

/** The partnership's audit log as `who` reads it, newest first. */
const audit = async (who: Actor, pid: string) =>
  ok(await call(as(who), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: pid } }))
    .entries;

describe("cycles", () => {
  it("snapshots the agreed versions it asks about; later edits do not change it", async () => {
    const w = await partnership();
    const [p1] = (await agreedPrinciples(w.pid, w.facA, w.facB, 2)) as [string];
    const params = { partnershipId: w.pid };
    ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
        params,
        body: { title: "Proposed only", description: "D" },
      }),
    );
    const cycle = await openCycle(w.pid, w.facA);
    expect(cycle.status).toBe("open");
    expect(cycle.principles.map((p) => p.title)).toEqual(["Principle 1", "Principle 2"]);
    ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/versions", {
        params: { ...params, principleId: p1 },
        body: { title: "Reworded", description: "New" },
      }),
    );
    for (const f of [w.facA, w.facB]) ok(await stance(w.pid, f, p1, "endorse"));
    const again = ok(
      await call(as(w.membersA[0] as Actor), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", {
        params: { ...params, cycleId: cycle.id },
      }),
    );
    expect(again.principles[0]).toMatchObject({ principleId: p1, number: 1, title: "Principle 1" });
  });

  it("schedules, opens early and closes early; each step is audited and guarded", async () => {
    // Four members and the facilitator: k (5) respondents per organization, so closing early is allowed.
    const w = await partnership({ members: 4 });
    const [p1] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const scheduled = await openCycle(w.pid, w.facA, "assessment", { opensAt: later, title: "Spring check-in" });
    expect(scheduled).toMatchObject({ status: "scheduled", title: "Spring check-in" });
    const params = { partnershipId: w.pid, cycleId: scheduled.id };
    const close = () =>
      call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/close", { params });
    const open = (who: Actor) =>
      call(as(who), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/open", { params });
    fails(await close(), 409);
    fails(await open(w.membersA[0] as Actor), 403);
    expect(ok(await open(w.facB)).status).toBe("open");
    fails(await open(w.facB), 409);
    // Closing early would publish nothing while an organization has fewer than k respondents.
    expect(fails(await close(), 409).message).toMatch(/Org A and Org B have fewer than 5 respondents/);
    const respond = async (who: Actor) =>
      ok(await answer(w.pid, scheduled.id, who, [{ principleId: p1 as string, performance: 4, importance: 5 }]), 200);
    for (const who of [w.facA, ...w.membersA]) await respond(who);
    expect(fails(await close(), 409).message).toMatch(/^Org B has fewer than 5 respondents/);
    for (const who of [w.facB, ...w.membersB]) await respond(who);
    expect(ok(await close()).status).toBe("closed");
    const list = ok(
      await call(as(w.membersB[0] as Actor), "get", "/api/v1/partnerships/{partnershipId}/cycles", {
        params: { partnershipId: w.pid },
        query: { status: "closed" },
      }),
    );
    expect(list.cycles.map((c) => c.id)).toEqual([scheduled.id]);
    expect((await audit(w.facA, w.pid)).slice(0, 3).map((e) => e.action)).toEqual([
      "cycle.closed",
      "cycle.opened",
      "cycle.scheduled",
    ]);
  });

  it("refuses to schedule without agreed principles, with closing before opening, or by a member", async () => {
    const w = await partnership();
    const schedule = (who: Actor, body: BodyOf<"/api/v1/partnerships/{partnershipId}/cycles", "post">) =>
      call(as(who), "post", "/api/v1/partnerships/{partnershipId}/cycles", { params: { partnershipId: w.pid }, body });
    fails(await schedule(w.facA, { kind: "assessment" }), 409);
    await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const backwards = await schedule(w.facA, {
      kind: "assessment",
      opensAt: "2030-01-02T00:00:00Z",
      closesAt: "2030-01-01T00:00:00Z",
    });
    expect(fails(backwards, 400).message).toMatch(/closesAt/);
    // A kind the API does not know: the typed client would not send it.
    const bad = await send("POST", `/partnerships/${w.pid}/cycles`, { token: w.facA.token, body: { kind: "survey" } });
    expect(bad.status).toBe(400);
    fails(await schedule(w.membersA[0] as Actor, { kind: "pulse" }), 403);
  });
});

describe("actions", () => {
  it("creates, filters, updates and notes actions owned by people of either organization", async () => {
    const w = await partnership({ members: 1 });
    const [p1, p2] = (await agreedPrinciples(w.pid, w.facA, w.facB, 2)) as [string, string];
    const member = w.membersA[0] as Actor;
    const params = { partnershipId: w.pid };
    const mine = ok(
      await call(as(member), "post", "/api/v1/partnerships/{partnershipId}/actions", {
        params,
        body: {
          kind: "improve",
          title: "Shared risk log",
          principleId: p1,
          ownerId: w.facB.personId,
          dueOn: "2020-01-31",
        },
      }),
      201,
    );
    expect(mine).toMatchObject({
      status: "open",
      overdue: true,
      owner: { id: w.facB.personId, organizationId: w.orgB },
      principleId: p1,
    });
    ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/actions", {
        params,
        body: { kind: "celebrate", title: "Thank the night shift", principleId: p2, ownerId: w.facA.personId },
      }),
    );
    const list = async (
      who: Actor,
      query: CallOptions<Op<"/api/v1/partnerships/{partnershipId}/actions", "get">>["query"],
    ) => ok(await call(as(who), "get", "/api/v1/partnerships/{partnershipId}/actions", { params, query })).actions;
    expect((await list(w.facB, { mine: "true" })).map((a) => a.title)).toEqual(["Shared risk log"]);
    expect(await list(member, { overdue: "true" })).toHaveLength(1);
    expect((await list(member, { principleId: p2 })).map((a) => a.kind)).toEqual(["celebrate"]);

    const action = { ...params, actionId: mine.id };
    const progressed = ok(
      await call(as(w.facB), "patch", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", {
        params: action,
        body: { status: "in_progress" },
      }),
    );
    expect(progressed).toMatchObject({ status: "in_progress", overdue: true });
    ok(
      await call(as(w.facB), "post", "/api/v1/partnerships/{partnershipId}/actions/{actionId}/notes", {
        params: action,
        body: { body: "Draft shared on Monday" },
      }),
    );
    const done = ok(
      await call(as(member), "patch", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", {
        params: action,
        body: { status: "done" },
      }),
    );
    expect(done).toMatchObject({ status: "done", overdue: false });
    const detail = ok(
      await call(as(member), "get", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", { params: action }),
    );
    expect(detail.notes).toEqual([
      expect.objectContaining({ body: "Draft shared on Monday", author: { id: w.facB.personId, name: "Fay B" } }),
    ]);
    expect((await audit(w.facA, w.pid))[0]).toMatchObject({
      action: "action.updated",
      detail: { changes: { status: { from: "in_progress", to: "done" } } },
    });
  });

  it("refuses references outside the partnership and bad fields, writing nothing", async () => {
    const w = await partnership();
    const other = await partnership();
    const [foreign] = (await agreedPrinciples(other.pid, other.facA, other.facB, 1)) as [string];
    const params = { partnershipId: w.pid };
    const wellFormed: [ActionBody, RegExp][] = [
      [{ kind: "improve", title: "X", principleId: foreign }, /principleId/],
      [{ kind: "improve", title: "X", ownerId: other.facA.personId }, /ownerId/],
      [{ kind: "improve", title: "X", dueOn: "soon" }, /dueOn/],
    ];
    for (const [body, field] of wellFormed) {
      const res = await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/actions", { params, body });
      expect(fails(res, 400).message, JSON.stringify(body)).toMatch(field);
    }
    // An unknown kind and a server-owned field: bodies the typed client would not send.
    for (const [body, field] of [
      [{ kind: "fix", title: "X" }, /kind/],
      [{ kind: "improve", title: "X", createdBy: w.facB.personId }, /createdBy/],
    ] as const) {
      const res = await send("POST", `/partnerships/${w.pid}/actions`, { token: w.facA.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.error?.message).toMatch(field);
    }
    const list = ok(await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/actions", { params }));
    expect(list.actions).toEqual([]);
  });
});
