import { describe, expect, it } from "vitest";
import { type Actor, invite, partnership, send } from "./helpers";

const wording = {
  title: "We share bad news early",
  description: "Either side raises a risk within a day of seeing it.",
};

async function propose(pid: string, who: Actor, body = wording) {
  const res = await send("POST", `/partnerships/${pid}/principles`, { token: who.token, body });
  expect(res.status).toBe(201);
  return res.body as { id: string; proposal: { id: string } };
}

const stance = (pid: string, who: Actor, id: string, s: "endorse" | "object", extra: Record<string, unknown> = {}) =>
  send("PUT", `/partnerships/${pid}/principles/${id}/stance`, { token: who.token, body: { stance: s, ...extra } });

describe("principle lifecycle", () => {
  it("is agreed only once every organization endorses the same version", async () => {
    const { pid, facA, facB, membersA } = await partnership();
    const p = await propose(pid, membersA[0] as Actor);
    expect((await stance(pid, facA, p.id, "endorse")).body).toMatchObject({ status: "proposed" });
    const agreed = await stance(pid, facB, p.id, "endorse", { proposalId: p.proposal.id });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({
      status: "agreed",
      agreedVersion: { number: 1, title: wording.title },
      proposal: null,
    });
  });

  it("keeps the agreed version in force while an edit is proposed, then adopts the edit", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await propose(pid, facA);
    await stance(pid, facA, p.id, "endorse");
    await stance(pid, facB, p.id, "endorse");
    const v2 = await send("POST", `/partnerships/${pid}/principles/${p.id}/versions`, {
      token: facB.token,
      body: { title: "We share bad news the same day", description: "Risks are raised the day they are seen." },
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({
      status: "agreed",
      current: { number: 1, title: wording.title },
      agreedVersion: { number: 1 },
      latestVersion: { number: 2, title: "We share bad news the same day" },
      proposal: { kind: "adopt", version: { number: 2 } },
    });
    await stance(pid, facA, p.id, "endorse");
    const done = await stance(pid, facB, p.id, "endorse");
    expect(done.body).toMatchObject({ status: "agreed", agreedVersion: { number: 2 }, proposal: null });
    const detail = await send("GET", `/partnerships/${pid}/principles/${p.id}`, { token: facA.token });
    expect(detail.body.history.versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    expect(detail.body.history.proposals.map((x: { status: string }) => x.status)).toEqual(["accepted", "accepted"]);
  });

  it("is blocked by a standing objection until the objecting organization endorses", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await propose(pid, facA);
    await stance(pid, facB, p.id, "object", { note: "Too vague" });
    const blocked = await stance(pid, facA, p.id, "endorse");
    expect(blocked.body).toMatchObject({ status: "proposed" });
    expect(blocked.body.proposal.stances).toEqual(
      expect.arrayContaining([expect.objectContaining({ stance: "object", note: "Too vague" })]),
    );
    expect((await stance(pid, facB, p.id, "endorse")).body).toMatchObject({ status: "agreed" });
  });

  it("retires only when every organization endorses retirement", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await propose(pid, facA);
    await stance(pid, facA, p.id, "endorse");
    await stance(pid, facB, p.id, "endorse");
    const proposed = await send("POST", `/partnerships/${pid}/principles/${p.id}/retire`, {
      token: facA.token,
      body: {},
    });
    expect(proposed.body).toMatchObject({ status: "agreed", proposal: { kind: "retire" } });
    expect((await stance(pid, facA, p.id, "endorse")).body).toMatchObject({ status: "agreed" });
    expect((await stance(pid, facB, p.id, "endorse")).body).toMatchObject({ status: "retired" });
    const edit = await send("POST", `/partnerships/${pid}/principles/${p.id}/versions`, {
      token: facA.token,
      body: wording,
    });
    expect(edit.status).toBe(409);
  });

  it("keeps agreed principles agreed when an organization joins, and lets the newcomer reopen them", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await propose(pid, facA);
    await stance(pid, facA, p.id, "endorse");
    await stance(pid, facB, p.id, "endorse");
    const invited = await send("POST", `/partnerships/${pid}/organizations`, {
      token: facA.token,
      body: { name: "Org C", facilitator: { name: "Fay C" } },
    });
    const { signIn } = await import("./helpers");
    const facC = await signIn(invited.body.signInCode);
    const after = await send("GET", `/partnerships/${pid}/principles/${p.id}`, { token: facC.token });
    expect(after.body).toMatchObject({ status: "agreed" });
    const reopened = await stance(pid, facC, p.id, "object", { note: "We were not asked" });
    expect(reopened.body).toMatchObject({ status: "proposed", proposal: { kind: "adopt", awaiting: [] } });
    expect(reopened.body.proposal.stances).toHaveLength(3);
    expect((await stance(pid, facC, p.id, "endorse")).body).toMatchObject({ status: "agreed" });
  });

  it("answers 409 for a stale proposal id and for endorsing with nothing open", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await propose(pid, facA);
    await send("POST", `/partnerships/${pid}/principles/${p.id}/versions`, {
      token: facA.token,
      body: { title: "Another", description: "Different" },
    });
    const stale = await stance(pid, facB, p.id, "endorse", { proposalId: p.proposal.id });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
  });

  it("allows at most 20 agreed principles", async () => {
    const { pid, facA, facB } = await partnership();
    for (let i = 0; i < 20; i++) {
      const p = await propose(pid, facA, { title: `Principle ${i}`, description: "Good" });
      await stance(pid, facA, p.id, "endorse");
      expect((await stance(pid, facB, p.id, "endorse")).body.status).toBe("agreed");
    }
    const extra = await propose(pid, facA, { title: "One too many", description: "Good" });
    await stance(pid, facA, extra.id, "endorse");
    const refused = await stance(pid, facB, extra.id, "endorse");
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/at most 20/);
    const list = await send("GET", `/partnerships/${pid}/principles?status=agreed`, { token: facA.token });
    expect(list.body.principles).toHaveLength(20);
  });

  it("lets members propose and comment but not endorse (403)", async () => {
    const { pid, membersB } = await partnership();
    const member = membersB[0] as Actor;
    const p = await propose(pid, member);
    const res = await stance(pid, member, p.id, "endorse");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    const comment = await send("POST", `/partnerships/${pid}/principles/${p.id}/comments`, {
      token: member.token,
      body: { body: "Can we say what 'early' means?" },
    });
    expect(comment.status).toBe(201);
    const comments = await send("GET", `/partnerships/${pid}/principles/${p.id}/comments`, { token: member.token });
    expect(comments.body.comments).toEqual([expect.objectContaining({ body: "Can we say what 'early' means?" })]);
  });

  it("writes every change to the audit log, which facilitators read and members cannot", async () => {
    const { pid, facA, facB, membersA } = await partnership();
    const p = await propose(pid, facA);
    await stance(pid, facA, p.id, "endorse");
    await stance(pid, facB, p.id, "object", { note: "no" });
    await stance(pid, facB, p.id, "endorse");
    await send("POST", `/partnerships/${pid}/principles/${p.id}/comments`, { token: facB.token, body: { body: "ok" } });
    const log = await send("GET", `/partnerships/${pid}/audit`, { token: facB.token });
    expect(log.status).toBe(200);
    const actions = log.body.entries.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 6)).toEqual([
      "principle.commented",
      "principle.agreed",
      "principle.endorsed",
      "principle.objected",
      "principle.endorsed",
      "principle.proposed",
    ]);
    expect(log.body.entries[1].actor).toMatchObject({ id: facB.personId });
    const denied = await send("GET", `/partnerships/${pid}/audit`, { token: (membersA[0] as Actor).token });
    expect(denied.status).toBe(403);
    void invite;
  });
});
