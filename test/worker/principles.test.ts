import { describe, expect, it } from "vitest";
import { type Actor, as, call, fails, ok, partnership, signIn, stance } from "./helpers";

const wording = {
  title: "We share bad news early",
  description: "Either side raises a risk within a day of seeing it.",
};

async function propose(pid: string, who: Actor, body = wording) {
  const p = ok(
    await call(as(who), "post", "/api/v1/partnerships/{partnershipId}/principles", {
      params: { partnershipId: pid },
      body,
    }),
    201,
  );
  expect(p.proposal?.id, "the open proposal").toEqual(expect.any(String));
  return p;
}

/** Proposes `wording` as A's facilitator and has both organizations endorse it: an agreed principle. */
async function agree(pid: string, facA: Actor, facB: Actor) {
  const p = await propose(pid, facA);
  for (const f of [facA, facB]) ok(await stance(pid, f, p.id, "endorse"));
  return p;
}

/** Proposes new wording for a principle, as `who`. */
const edit = (pid: string, who: Actor, principleId: string, body: { title: string; description: string }) =>
  call(as(who), "post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/versions", {
    params: { partnershipId: pid, principleId },
    body,
  });

describe("principle lifecycle", () => {
  it("is agreed only once every organization endorses the same version", async () => {
    const { pid, facA, facB, membersA } = await partnership();
    const p = await propose(pid, membersA[0] as Actor);
    expect(ok(await stance(pid, facA, p.id, "endorse"))).toMatchObject({ status: "proposed" });
    const agreed = ok(await stance(pid, facB, p.id, "endorse", { proposalId: p.proposal?.id }), 200);
    expect(agreed).toMatchObject({
      status: "agreed",
      agreedVersion: { number: 1, title: wording.title },
      proposal: null,
    });
  });

  it("keeps the agreed version in force while an edit is proposed, then adopts the edit", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await agree(pid, facA, facB);
    const v2 = ok(
      await edit(pid, facB, p.id, {
        title: "We share bad news the same day",
        description: "Risks are raised the day they are seen.",
      }),
      201,
    );
    expect(v2).toMatchObject({
      status: "agreed",
      current: { number: 1, title: wording.title },
      agreedVersion: { number: 1 },
      latestVersion: { number: 2, title: "We share bad news the same day" },
      proposal: { kind: "adopt", version: { number: 2 } },
    });
    await stance(pid, facA, p.id, "endorse");
    const done = ok(await stance(pid, facB, p.id, "endorse"));
    expect(done).toMatchObject({ status: "agreed", agreedVersion: { number: 2 }, proposal: null });
    const detail = ok(
      await call(as(facA), "get", "/api/v1/partnerships/{partnershipId}/principles/{principleId}", {
        params: { partnershipId: pid, principleId: p.id },
      }),
    );
    expect(detail.history.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(detail.history.proposals.map((x) => x.status)).toEqual(["accepted", "accepted"]);
  });

  it("is blocked by a standing objection until the objecting organization endorses", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await propose(pid, facA);
    await stance(pid, facB, p.id, "object", { note: "Too vague" });
    const blocked = ok(await stance(pid, facA, p.id, "endorse"));
    expect(blocked).toMatchObject({ status: "proposed" });
    expect(blocked.proposal?.stances).toEqual(
      expect.arrayContaining([expect.objectContaining({ stance: "object", note: "Too vague" })]),
    );
    expect(ok(await stance(pid, facB, p.id, "endorse"))).toMatchObject({ status: "agreed" });
  });

  it("retires only when every organization endorses retirement", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await agree(pid, facA, facB);
    const proposed = ok(
      await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/retire", {
        params: { partnershipId: pid, principleId: p.id },
        body: {},
      }),
    );
    expect(proposed).toMatchObject({ status: "agreed", proposal: { kind: "retire" } });
    expect(ok(await stance(pid, facA, p.id, "endorse"))).toMatchObject({ status: "agreed" });
    expect(ok(await stance(pid, facB, p.id, "endorse"))).toMatchObject({ status: "retired" });
    fails(await edit(pid, facA, p.id, wording), 409);
  });

  it("keeps agreed principles agreed when an organization joins, and lets the newcomer reopen them", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await agree(pid, facA, facB);
    const invited = ok(
      await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/organizations", {
        params: { partnershipId: pid },
        body: { name: "Org C", facilitator: { name: "Fay C" } },
      }),
    );
    const facC = await signIn(invited.signInCode);
    const after = ok(
      await call(as(facC), "get", "/api/v1/partnerships/{partnershipId}/principles/{principleId}", {
        params: { partnershipId: pid, principleId: p.id },
      }),
    );
    expect(after).toMatchObject({ status: "agreed" });
    const reopened = ok(await stance(pid, facC, p.id, "object", { note: "We were not asked" }));
    expect(reopened).toMatchObject({ status: "proposed", proposal: { kind: "adopt", awaiting: [] } });
    expect(reopened.proposal?.stances).toHaveLength(3);
    expect(ok(await stance(pid, facC, p.id, "endorse"))).toMatchObject({ status: "agreed" });
  });

  it("answers 409 for a stale proposal id and for endorsing with nothing open", async () => {
    const { pid, facA, facB } = await partnership();
    const p = await propose(pid, facA);
    await edit(pid, facA, p.id, { title: "Another", description: "Different" });
    const stale = await stance(pid, facB, p.id, "endorse", { proposalId: p.proposal?.id });
    fails(stale, 409, "conflict");
  });

  it("allows at most 20 agreed principles", async () => {
    const { pid, facA, facB } = await partnership();
    for (let i = 0; i < 20; i++) {
      const p = await propose(pid, facA, { title: `Principle ${i}`, description: "Good" });
      await stance(pid, facA, p.id, "endorse");
      expect(ok(await stance(pid, facB, p.id, "endorse")).status).toBe("agreed");
    }
    const extra = await propose(pid, facA, { title: "One too many", description: "Good" });
    await stance(pid, facA, extra.id, "endorse");
    const refused = await stance(pid, facB, extra.id, "endorse");
    expect(fails(refused, 409).message).toMatch(/at most 20/);
    const list = ok(
      await call(as(facA), "get", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: pid },
        query: { status: "agreed" },
      }),
    );
    expect(list.principles).toHaveLength(20);
  });

  it("lets members propose and comment but not endorse (403)", async () => {
    const { pid, membersB } = await partnership();
    const member = membersB[0] as Actor;
    const p = await propose(pid, member);
    fails(await stance(pid, member, p.id, "endorse"), 403, "forbidden");
    const params = { partnershipId: pid, principleId: p.id };
    ok(
      await call(as(member), "post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/comments", {
        params,
        body: { body: "Can we say what 'early' means?" },
      }),
      201,
    );
    const comments = ok(
      await call(as(member), "get", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/comments", {
        params,
      }),
    );
    expect(comments.comments).toEqual([expect.objectContaining({ body: "Can we say what 'early' means?" })]);
  });

  it("writes every change to the audit log, which facilitators read and members cannot", async () => {
    const { pid, facA, facB, membersA } = await partnership();
    const p = await propose(pid, facA);
    await stance(pid, facA, p.id, "endorse");
    await stance(pid, facB, p.id, "object", { note: "no" });
    await stance(pid, facB, p.id, "endorse");
    await call(as(facB), "post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/comments", {
      params: { partnershipId: pid, principleId: p.id },
      body: { body: "ok" },
    });
    const audit = (who: Actor) =>
      call(as(who), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: pid } });
    const log = ok(await audit(facB), 200);
    expect(log.entries.map((e) => e.action).slice(0, 6)).toEqual([
      "principle.commented",
      "principle.agreed",
      "principle.endorsed",
      "principle.objected",
      "principle.endorsed",
      "principle.proposed",
    ]);
    expect(log.entries[1]?.actor).toMatchObject({ id: facB.personId });
    fails(await audit(membersA[0] as Actor), 403);
  });
});
