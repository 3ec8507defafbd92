import { describe, expect, it } from "vitest";
import { type Actor, agreedPrinciples, answer, ok, openCycle, partnership, send } from "./helpers";

describe("cycles", () => {
  it("snapshots the agreed versions it asks about; later edits do not change it", async () => {
    const w = await partnership();
    const [p1] = await agreedPrinciples(w.pid, w.facA, w.facB, 2);
    await send("POST", `/partnerships/${w.pid}/principles`, {
      token: w.facA.token,
      body: { title: "Proposed only", description: "D" },
    });
    const cycle = await openCycle(w.pid, w.facA);
    expect(cycle.status).toBe("open");
    expect(cycle.principles.map((p) => p.title)).toEqual(["Principle 1", "Principle 2"]);
    await send("POST", `/partnerships/${w.pid}/principles/${p1}/versions`, {
      token: w.facA.token,
      body: { title: "Reworded", description: "New" },
    });
    for (const f of [w.facA, w.facB]) {
      await send("PUT", `/partnerships/${w.pid}/principles/${p1}/stance`, {
        token: f.token,
        body: { stance: "endorse" },
      });
    }
    const again = await send("GET", `/partnerships/${w.pid}/cycles/${cycle.id}`, { token: w.membersA[0]?.token });
    expect(again.body.principles[0]).toMatchObject({ principleId: p1, number: 1, title: "Principle 1" });
  });

  it("schedules, opens early and closes early; each step is audited and guarded", async () => {
    // Four members and the facilitator: k (5) respondents per organization, so closing early is allowed.
    const w = await partnership({ members: 4 });
    const [p1] = await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const scheduled = await openCycle(w.pid, w.facA, "assessment", { opensAt: later, title: "Spring check-in" });
    expect(scheduled).toMatchObject({ status: "scheduled", title: "Spring check-in" });
    const path = `/partnerships/${w.pid}/cycles/${scheduled.id}`;
    expect((await send("POST", `${path}/close`, { token: w.facA.token })).status).toBe(409);
    expect((await send("POST", `${path}/open`, { token: w.membersA[0]?.token })).status).toBe(403);
    const opened = await send("POST", `${path}/open`, { token: w.facB.token });
    expect(opened.body.status).toBe("open");
    expect((await send("POST", `${path}/open`, { token: w.facB.token })).status).toBe(409);
    // Closing early would publish nothing while an organization has fewer than k respondents.
    const tooEarly = await send("POST", `${path}/close`, { token: w.facA.token });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.message).toMatch(/Org A and Org B have fewer than 5 respondents/);
    const respond = async (who: Actor) =>
      ok(await answer(w.pid, scheduled.id, who, [{ principleId: p1 as string, performance: 4, importance: 5 }]), 200);
    for (const who of [w.facA, ...w.membersA]) await respond(who);
    const oneShort = await send("POST", `${path}/close`, { token: w.facA.token });
    expect(oneShort.status).toBe(409);
    expect(oneShort.body.error.message).toMatch(/^Org B has fewer than 5 respondents/);
    for (const who of [w.facB, ...w.membersB]) await respond(who);
    const closed = await send("POST", `${path}/close`, { token: w.facA.token });
    expect(closed.body.status).toBe("closed");
    const list = await send("GET", `/partnerships/${w.pid}/cycles?status=closed`, { token: w.membersB[0]?.token });
    expect(list.body.cycles.map((c: { id: string }) => c.id)).toEqual([scheduled.id]);
    const log = await send("GET", `/partnerships/${w.pid}/audit`, { token: w.facA.token });
    expect(log.body.entries.slice(0, 3).map((e: { action: string }) => e.action)).toEqual([
      "cycle.closed",
      "cycle.opened",
      "cycle.scheduled",
    ]);
  });

  it("refuses to schedule without agreed principles, with closing before opening, or by a member", async () => {
    const w = await partnership();
    const none = await send("POST", `/partnerships/${w.pid}/cycles`, {
      token: w.facA.token,
      body: { kind: "assessment" },
    });
    expect(none.status).toBe(409);
    await agreedPrinciples(w.pid, w.facA, w.facB, 1);
    const backwards = await send("POST", `/partnerships/${w.pid}/cycles`, {
      token: w.facA.token,
      body: { kind: "assessment", opensAt: "2030-01-02T00:00:00Z", closesAt: "2030-01-01T00:00:00Z" },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/closesAt/);
    const bad = await send("POST", `/partnerships/${w.pid}/cycles`, { token: w.facA.token, body: { kind: "survey" } });
    expect(bad.status).toBe(400);
    const member = await send("POST", `/partnerships/${w.pid}/cycles`, {
      token: w.membersA[0]?.token,
      body: { kind: "pulse" },
    });
    expect(member.status).toBe(403);
  });
});

describe("actions", () => {
  it("creates, filters, updates and notes actions owned by people of either organization", async () => {
    const w = await partnership({ members: 1 });
    const [p1, p2] = await agreedPrinciples(w.pid, w.facA, w.facB, 2);
    const member = w.membersA[0] as Actor;
    const mine = await send("POST", `/partnerships/${w.pid}/actions`, {
      token: member.token,
      body: {
        kind: "improve",
        title: "Shared risk log",
        principleId: p1,
        ownerId: w.facB.personId,
        dueOn: "2020-01-31",
      },
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      status: "open",
      overdue: true,
      owner: { id: w.facB.personId, organizationId: w.orgB },
      principleId: p1,
    });
    await send("POST", `/partnerships/${w.pid}/actions`, {
      token: w.facA.token,
      body: { kind: "celebrate", title: "Thank the night shift", principleId: p2, ownerId: w.facA.personId },
    });
    const ownedByB = await send("GET", `/partnerships/${w.pid}/actions?mine=true`, { token: w.facB.token });
    expect(ownedByB.body.actions.map((a: { title: string }) => a.title)).toEqual(["Shared risk log"]);
    const overdue = await send("GET", `/partnerships/${w.pid}/actions?overdue=true`, { token: member.token });
    expect(overdue.body.actions).toHaveLength(1);
    const byPrinciple = await send("GET", `/partnerships/${w.pid}/actions?principleId=${p2}`, { token: member.token });
    expect(byPrinciple.body.actions.map((a: { kind: string }) => a.kind)).toEqual(["celebrate"]);

    const id = mine.body.id;
    const progressed = await send("PATCH", `/partnerships/${w.pid}/actions/${id}`, {
      token: w.facB.token,
      body: { status: "in_progress" },
    });
    expect(progressed.body).toMatchObject({ status: "in_progress", overdue: true });
    await send("POST", `/partnerships/${w.pid}/actions/${id}/notes`, {
      token: w.facB.token,
      body: { body: "Draft shared on Monday" },
    });
    const done = await send("PATCH", `/partnerships/${w.pid}/actions/${id}`, {
      token: member.token,
      body: { status: "done" },
    });
    expect(done.body).toMatchObject({ status: "done", overdue: false });
    const detail = await send("GET", `/partnerships/${w.pid}/actions/${id}`, { token: member.token });
    expect(detail.body.notes).toEqual([
      expect.objectContaining({ body: "Draft shared on Monday", author: { id: w.facB.personId, name: "Fay B" } }),
    ]);
    const log = await send("GET", `/partnerships/${w.pid}/audit`, { token: w.facA.token });
    expect(log.body.entries[0]).toMatchObject({
      action: "action.updated",
      detail: { changes: { status: { from: "in_progress", to: "done" } } },
    });
  });

  it("refuses references outside the partnership and bad fields, writing nothing", async () => {
    const w = await partnership();
    const other = await partnership();
    const [foreign] = await agreedPrinciples(other.pid, other.facA, other.facB, 1);
    for (const [body, field] of [
      [{ kind: "improve", title: "X", principleId: foreign }, /principleId/],
      [{ kind: "improve", title: "X", ownerId: other.facA.personId }, /ownerId/],
      [{ kind: "fix", title: "X" }, /kind/],
      [{ kind: "improve", title: "X", dueOn: "soon" }, /dueOn/],
      [{ kind: "improve", title: "X", createdBy: w.facB.personId }, /createdBy/],
    ] as const) {
      const res = await send("POST", `/partnerships/${w.pid}/actions`, { token: w.facA.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(field);
    }
    const list = await send("GET", `/partnerships/${w.pid}/actions`, { token: w.facA.token });
    expect(list.body.actions).toEqual([]);
  });
});
