/**
 * The trust model, attacked as an insider would (issue "Trust model"): each attack is replayed
 * against the real worker and must fail with the documented status, writing nothing.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/src/app";
import {
  type Actor,
  agreedPrinciples,
  answer,
  embedToken,
  endCycle,
  fails,
  invite,
  ok,
  openCycle,
  organizationKey,
  partnership,
  send,
  signIn,
  snapshot,
} from "./helpers";

const INTRANET = "https://intranet.a.example";

/** A partnership of A and B with `members` members each, two agreed principles, and A's intranet wired. */
async function world(members = 1) {
  const w = await partnership({ members });
  const principles = await agreedPrinciples(w.pid, w.facA, w.facB, 2);
  await send("PUT", `/organizations/${w.orgA}/allowed-origins`, { token: w.facA.token, body: { origins: [INTRANET] } });
  const key = await organizationKey(w.facA);
  const jwt = (sub: string, extra: Record<string, unknown> = {}) =>
    embedToken(
      { iss: key.id, sub, aud: "accord", exp: Math.floor(Date.now() / 1000) + 600, name: sub, ...extra },
      key.secret,
    );
  const embed = (path: string, token: string, opts: { method?: string; body?: unknown } = {}) =>
    send(opts.method ?? "GET", `/embed/${w.pid}${path}`, { token, body: opts.body, headers: { Origin: INTRANET } });
  return { ...w, principles, key, jwt, embed };
}

const full = (principleId: string, performance = 4) => ({ principleId, performance, importance: 5 });

async function ratingsOf(cycleId: string) {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM ratings WHERE cycle_id = ?")
    .bind(cycleId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("1. a member cannot take over a colleague's account", () => {
  it("refuses members creating partnerships, and an invite of an existing person hands out no code", async () => {
    const w = await world(1);
    const member = w.membersA[0] as Actor;
    const before = await snapshot();
    const created = await send("POST", "/partnerships", { token: member.token, body: { name: "Side deal" } });
    expect(created.status).toBe(403);
    expect(created.body.error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/admins/) });
    expect(await snapshot()).toEqual(before);

    // A facilitator (not an admin) invites an existing colleague into another partnership of theirs.
    const colleague = await send("POST", `/partnerships/${w.pid}/invites`, {
      token: w.facA.token,
      body: { name: "Colleague", externalId: "colleague@a.example" },
    });
    const colleagueToken = await signIn(colleague.body.signInCode);
    const second = await send("POST", "/partnerships", {
      token: w.facA.token,
      body: { name: "Second" },
    });
    expect(second.status).toBe(201);
    const codesBefore = await env.DB.prepare("SELECT COUNT(*) AS n FROM sign_in_codes WHERE person_id = ?")
      .bind(colleagueToken.personId)
      .first<{ n: number }>();
    const again = await send("POST", `/partnerships/${second.body.id}/invites`, {
      token: w.facA.token,
      body: { name: "Whoever", externalId: "colleague@a.example", role: "facilitator" },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ signInCode: null, expiresAt: null, person: { id: colleagueToken.personId } });
    const codesAfter = await env.DB.prepare("SELECT COUNT(*) AS n FROM sign_in_codes WHERE person_id = ?")
      .bind(colleagueToken.personId)
      .first<{ n: number }>();
    expect(codesAfter?.n).toBe(codesBefore?.n);
    // The colleague still signs in with their own token and sees the new partnership.
    const me = await send("GET", "/me", { token: colleagueToken.token });
    expect(me.body.partnerships.map((p: { id: string }) => p.id)).toContain(second.body.id);
  });

  it("issues a code for someone who signed in only through themselves or an audited admin recovery", async () => {
    const w = await world(1);
    const member = w.membersA[0] as Actor;
    const pairing = await send("POST", "/me/sign-in-codes", { token: member.token });
    expect(pairing.status).toBe(201);

    // A facilitator of the other organization, and a non-admin of the same one, cannot recover.
    const facilitatorA2 = await invite(w.pid, w.facA, "Second facilitator", "facilitator");
    for (const who of [w.facB, facilitatorA2]) {
      const res = await send("POST", `/organizations/${w.orgA}/people/${member.personId}/recovery-code`, {
        token: who.token,
      });
      expect(res.status).toBe(who === w.facB ? 404 : 403);
    }
    const recovery = await send("POST", `/organizations/${w.orgA}/people/${member.personId}/recovery-code`, {
      token: w.facA.token,
    });
    expect(recovery.status).toBe(201);
    // Every other token of the person is revoked; the recovery code signs them in, and they see who issued it.
    expect((await send("GET", "/me", { token: member.token })).status).toBe(401);
    const recovered = await signIn(recovery.body.signInCode);
    const me = await send("GET", "/me", { token: recovered.token });
    expect(me.body.recoveries).toEqual([{ issuedBy: { id: w.facA.personId, name: "Fay A" }, at: expect.any(String) }]);
    // The unused pairing code issued before the recovery no longer works.
    expect(
      (
        await send("POST", "/sign-in", {
          body: { code: pairing.body.signInCode },
          headers: { "CF-Connecting-IP": "203.0.113.9" },
        })
      ).status,
    ).toBe(401);
    const log = await send("GET", `/organizations/${w.orgA}/audit`, { token: w.facA.token });
    expect(log.body.entries[0]).toMatchObject({ action: "person.recovery_issued", targetId: member.personId });
  });
});

describe("2. organization-wide resources belong to the organization's admins", () => {
  it("refuses members, facilitators who are not admins, and other organizations; admins' changes show to partners", async () => {
    const w = await world(1);
    const facilitatorA2 = await invite(w.pid, w.facA, "Second facilitator", "facilitator");
    const before = await snapshot();
    for (const [who, status] of [
      [w.membersA[0] as Actor, 403],
      [facilitatorA2, 403],
      [w.facB, 404],
    ] as const) {
      const attempts = [
        send("POST", `/organizations/${w.orgA}/embed-keys`, { token: who.token, body: { label: "mine" } }),
        send("PUT", `/organizations/${w.orgA}/allowed-origins`, {
          token: who.token,
          body: { origins: ["https://evil.example"] },
        }),
        send("DELETE", `/organizations/${w.orgA}/embed-keys/${w.key.id}`, { token: who.token }),
        send("PATCH", `/organizations/${w.orgA}`, { token: who.token, body: { provisioning: false } }),
        send("POST", `/organizations/${w.orgA}/people/${w.facA.personId}/remove`, { token: who.token }),
      ];
      for (const res of await Promise.all(attempts)) expect(res.status).toBe(status);
    }
    expect(await snapshot()).toEqual(before);

    // The admin's revocation shows in the partnership's log, which org B's facilitator reads.
    expect(
      (await send("DELETE", `/organizations/${w.orgA}/embed-keys/${w.key.id}`, { token: w.facA.token })).status,
    ).toBe(204);
    const log = await send("GET", `/partnerships/${w.pid}/audit`, { token: w.facB.token });
    const actions = log.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["embed_key.revoked", "embed_key.created", "organization.origins_updated"]),
    );
    expect(log.body.entries[0].detail).toMatchObject({ organizationId: w.orgA });
  });
});

describe("organization routes, walked", () => {
  it("answer 404 to another organization (as for a missing one) and 403 to non-admins, writing nothing", async () => {
    const w = await world(1);
    const other = await partnership({ name: "Elsewhere" });
    const routes = new Set<string>();
    for (const r of createApp().routes) {
      if (r.method !== "ALL" && r.path.startsWith("/api/v1/organizations/:organizationId"))
        routes.add(`${r.method} ${r.path}`);
    }
    expect(routes.size).toBeGreaterThanOrEqual(12);
    const ids: Record<string, string> = { personId: (w.membersA[0] as Actor).personId, keyId: w.key.id };
    const before = await snapshot();
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      const fill = (orgId: string) =>
        path
          .replace("/api/v1", "")
          .replaceAll(/:(\w+)/g, (_, name: string) => (name === "organizationId" ? orgId : (ids[name] ?? "")));
      const body = method === "GET" ? undefined : {};
      const outsider = await send(method, fill(w.orgA), { token: other.facA.token, body });
      const missing = await send(method, fill("org_doesnotexist"), { token: other.facA.token, body });
      expect(outsider.status, route).toBe(404);
      expect(outsider.body, route).toEqual(missing.body);
      const member = await send(method, fill(w.orgA), { token: (w.membersA[0] as Actor).token, body });
      expect(member.status, route).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("3. k cannot be defeated with made-up respondents", () => {
  it("refuses people the intranet invents after a cycle opened, hides participation below k, and refuses closing early", async () => {
    const w = await world(1);
    const cycle = await openCycle(w.pid, w.facA);
    const [p1, p2] = w.principles as [string, string];
    const invented = ["ghost1", "ghost2", "ghost3", "ghost4"];
    const before = await ratingsOf(cycle.id);
    for (const sub of invented) {
      const token = await w.jwt(sub);
      const current = await w.embed("/cycles/current", token);
      expect(current.body.eligible).toBe(false);
      const res = await w.embed(`/cycles/${cycle.id}/responses`, token, {
        method: "POST",
        body: { answers: [full(p1), full(p2)] },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/joined after this cycle opened/);
    }
    expect(await ratingsOf(cycle.id)).toBe(before);
    // Each invented person is audited like an invite, for partners to see.
    const log = await send("GET", `/partnerships/${w.pid}/audit`, { token: w.facB.token });
    expect(log.body.entries.filter((e: { action: string }) => e.action === "person.provisioned")).toHaveLength(4);

    // One real colleague answers: participation says only "fewer than k" and closing early is refused.
    ok(await answer(w.pid, cycle.id, w.membersA[0] as Actor, [full(p1), full(p2)]), 200);
    const detail = await send("GET", `/partnerships/${w.pid}/cycles/${cycle.id}`, { token: w.facA.token });
    expect(detail.body.participation).toEqual([
      { organizationId: w.orgA, invited: 2, responded: null, fewerThanK: true },
      { organizationId: w.orgB, invited: 2, responded: null, fewerThanK: true },
    ]);
    expect(detail.body.closeEarly).toEqual({ allowed: false, short: [w.orgA, w.orgB] });
    const close = await send("POST", `/partnerships/${w.pid}/cycles/${cycle.id}/close`, { token: w.facA.token });
    expect(close.status).toBe(409);
    expect(close.body.error.message).toMatch(/Org A and Org B have fewer than 5 respondents/);
    expect((await send("GET", `/partnerships/${w.pid}/cycles/${cycle.id}`, { token: w.facA.token })).body.status).toBe(
      "open",
    );
  });

  it("creates no person from the intranet where the organization's admins turned provisioning off", async () => {
    const w = await world(0);
    expect(
      (await send("PATCH", `/organizations/${w.orgA}`, { token: w.facA.token, body: { provisioning: false } })).body,
    ).toMatchObject({ provisioning: false });
    const before = await snapshot();
    const res = await w.embed("/principles", await w.jwt("stranger@a.example"));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/does not let its intranet add people/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("4. lowering k reveals nothing already published, and needs every organization", () => {
  it("keeps a closed cycle's own k; a lowering proposal applies only when both approved, and only forward", async () => {
    const w = await world(3);
    const [p1, p2] = w.principles as [string, string];
    const first = await openCycle(w.pid, w.facA);
    // Org A: 5 respondents (shown at k = 5); org B: 3 (hidden at k = 5, would show at k = 3).
    for (const who of [w.facA, ...w.membersA]) await answer(w.pid, first.id, who, [full(p1, 4), full(p2, 4)]);
    const extraA = [await invite(w.pid, w.facA, "A+1"), await invite(w.pid, w.facA, "A+2")];
    for (const who of [w.facB, ...w.membersB.slice(0, 2)])
      await answer(w.pid, first.id, who, [full(p1, 1), full(p2, 1)]);
    await endCycle(first.id);
    const hiddenBefore = await send("GET", `/partnerships/${w.pid}/cycles/${first.id}/results`, {
      token: w.facA.token,
    });
    const cellB = () =>
      hiddenBefore.body.principles[0].organizations.find(
        (o: { organizationId: string }) => o.organizationId === w.orgB,
      );
    expect(cellB().n).toEqual({ suppressed: true });
    expect(extraA).toHaveLength(2);

    // Org A alone cannot lower k.
    const before = await snapshot();
    const patch = await send("PATCH", `/partnerships/${w.pid}`, { token: w.facA.token, body: { k: 3 } });
    expect(patch.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    const proposal = await send("POST", `/partnerships/${w.pid}/settings-proposals`, {
      token: w.facA.token,
      body: { k: 3, commentThreshold: 3, note: "Small teams" },
    });
    expect(proposal.status).toBe(201);
    expect(proposal.body).toMatchObject({ status: "open", awaiting: [w.orgB] });
    expect((await send("GET", `/partnerships/${w.pid}`, { token: w.facA.token })).body.settings.k).toBe(5);
    // A member of B cannot approve for B; B's facilitator can.
    const byMember = await send("POST", `/partnerships/${w.pid}/settings-proposals/${proposal.body.id}/approve`, {
      token: (w.membersB[0] as Actor).token,
    });
    expect(byMember.status).toBe(403);
    const approved = await send("POST", `/partnerships/${w.pid}/settings-proposals/${proposal.body.id}/approve`, {
      token: w.facB.token,
    });
    expect(approved.body).toMatchObject({ status: "applied", awaiting: [] });
    expect((await send("GET", `/partnerships/${w.pid}`, { token: w.facA.token })).body.settings).toMatchObject({
      k: 3,
      commentThreshold: 3,
    });

    // The closed cycle keeps k = 5: B's n = 3 stays hidden.
    const after = await send("GET", `/partnerships/${w.pid}/cycles/${first.id}/results`, { token: w.facA.token });
    expect(after.body.k).toBe(5);
    expect(
      after.body.principles[0].organizations.find((o: { organizationId: string }) => o.organizationId === w.orgB).n,
    ).toEqual({ suppressed: true });
    expect(JSON.stringify(after.body.principles)).toEqual(JSON.stringify(hiddenBefore.body.principles));
    // A cycle opened afterwards uses k = 3.
    const next = await openCycle(w.pid, w.facA);
    expect(next).toMatchObject({ k: 3, commentThreshold: 3 });
    const log = await send("GET", `/partnerships/${w.pid}/audit`, { token: w.facB.token });
    expect(log.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["settings.proposed", "settings.approved", "settings.applied"]),
    );
  });
});

describe("5. a removed person does not come back to count twice; denominators stay", () => {
  it("refuses a removed person's second answer to the open cycle, and a removed-by-admin person at the door", async () => {
    const w = await world(0);
    const [p1, p2] = w.principles as [string, string];
    const samToken = await w.jwt("sam@a.example");
    expect((await w.embed("/principles", samToken)).status).toBe(200);
    const cycle = await openCycle(w.pid, w.facA);
    expect(
      (
        await w.embed(`/cycles/${cycle.id}/responses`, samToken, {
          method: "POST",
          body: { answers: [full(p1), full(p2)] },
        })
      ).status,
    ).toBe(200);
    const sam = await env.DB.prepare("SELECT id FROM people WHERE external_id = 'sam@a.example'").first<{
      id: string;
    }>();
    expect((await send("DELETE", `/partnerships/${w.pid}/people/${sam?.id}`, { token: w.facA.token })).status).toBe(
      204,
    );
    const ratings = await ratingsOf(cycle.id);
    // Back through the intranet (the widget loads first): a member again, but not for this cycle.
    expect((await w.embed("/cycles/current", await w.jwt("sam@a.example"))).body.eligible).toBe(false);
    const again = await w.embed(`/cycles/${cycle.id}/responses`, await w.jwt("sam@a.example"), {
      method: "POST",
      body: { answers: [full(p1, 1), full(p2, 1)] },
    });
    expect(again.status).toBe(403);
    expect(again.body.error.message).toMatch(/removed while this cycle ran/);
    expect(await ratingsOf(cycle.id)).toBe(ratings);

    // Removed by the organization's admin: remembered, refused at the door until restored.
    const removed = await send("POST", `/organizations/${w.orgA}/people/${sam?.id}/remove`, { token: w.facA.token });
    expect(removed.body).toMatchObject({ removedAt: expect.any(String), partnerships: [] });
    const refused = await w.embed("/principles", await w.jwt("sam@a.example"));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/removed you/);
    const invited = await send("POST", `/partnerships/${w.pid}/invites`, {
      token: w.facA.token,
      body: { name: "Sam", externalId: "sam@a.example" },
    });
    expect(invited.status).toBe(409);
    await send("POST", `/organizations/${w.orgA}/people/${sam?.id}/restore`, { token: w.facA.token });
    expect((await w.embed("/principles", await w.jwt("sam@a.example"))).status).toBe(200);
  });

  it("never changes a cycle's denominators when people join later", async () => {
    const w = await world(1);
    const cycle = await openCycle(w.pid, w.facA);
    await endCycle(cycle.id);
    const before = (await send("GET", `/partnerships/${w.pid}/cycles/${cycle.id}`, { token: w.facA.token })).body
      .participation;
    await invite(w.pid, w.facA, "Late joiner");
    await w.embed("/principles", await w.jwt("late@a.example"));
    const after = (await send("GET", `/partnerships/${w.pid}/cycles/${cycle.id}`, { token: w.facA.token })).body
      .participation;
    expect(after).toEqual(before);
    expect(after.map((p: { invited: number }) => p.invited)).toEqual([2, 2]);
  });
});

describe("6. cycle lifecycle without dead ends", () => {
  it("allows one assessment at a time, opens the cycle a link names, reopens until the planned close", async () => {
    const w = await world(4);
    const first = await openCycle(w.pid, w.facA, "assessment", { title: "Spring" });
    const before = await snapshot();
    const overlapping = await send("POST", `/partnerships/${w.pid}/cycles`, {
      token: w.facA.token,
      body: { kind: "assessment", title: "Overlap" },
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.message).toContain(first.id);
    expect(await snapshot()).toEqual(before);
    // A pulse may overlap it.
    const pulse = await openCycle(w.pid, w.facA, "pulse");
    const named = await send("GET", `/partnerships/${w.pid}/cycles/current?kind=pulse&cycle=${pulse.id}`, {
      token: w.facA.token,
    });
    expect(named.body.cycle.id).toBe(pulse.id);

    // Five respondents in each organization: closing early is allowed, then reopening until planned.
    const [p1, p2] = w.principles as [string, string];
    for (const who of [w.facA, ...w.membersA, w.facB, ...w.membersB]) {
      await answer(w.pid, first.id, who, [full(p1), full(p2)]);
    }
    const closed = await send("POST", `/partnerships/${w.pid}/cycles/${first.id}/close`, { token: w.facA.token });
    expect(closed.body).toMatchObject({ status: "closed", reopenable: true });
    const member = await send("POST", `/partnerships/${w.pid}/cycles/${first.id}/reopen`, {
      token: (w.membersA[0] as Actor).token,
    });
    expect(member.status).toBe(403);
    const reopened = await send("POST", `/partnerships/${w.pid}/cycles/${first.id}/reopen`, { token: w.facB.token });
    expect(reopened.body).toMatchObject({ status: "open", closesAt: first.closesAt });
    const log = await send("GET", `/partnerships/${w.pid}/audit`, { token: w.facA.token });
    expect(log.body.entries[0]).toMatchObject({ action: "cycle.reopened", targetId: first.id });
  });

  it("keeps showing the last results with figures when a later cycle closes with nothing to show", async () => {
    const w = await world(4);
    const [p1, p2] = w.principles as [string, string];
    const good = await openCycle(w.pid, w.facA);
    for (const who of [w.facA, ...w.membersA, w.facB, ...w.membersB]) {
      await answer(w.pid, good.id, who, [full(p1), full(p2)]);
    }
    await endCycle(good.id, Date.now() - 60_000);
    const thin = await openCycle(w.pid, w.facA);
    await answer(w.pid, thin.id, w.facA, [full(p1), full(p2)]);
    await endCycle(thin.id);
    const latest = await send("GET", `/partnerships/${w.pid}/cycles/latest/results`, { token: w.facA.token });
    expect(latest.body.cycle.id).toBe(good.id);
  });
});

describe("7. smaller holes", () => {
  it("neutralises spreadsheet formulas in the results CSV", async () => {
    const w = await partnership({ members: 4 });
    const p = await send("POST", `/partnerships/${w.pid}/principles`, {
      token: w.facA.token,
      body: { title: '=HYPERLINK("https://evil.example")', description: "+1 and -1 are formulas too" },
    });
    for (const f of [w.facA, w.facB]) {
      await send("PUT", `/partnerships/${w.pid}/principles/${p.body.id}/stance`, {
        token: f.token,
        body: { stance: "endorse" },
      });
    }
    const cycle = await openCycle(w.pid, w.facA);
    await endCycle(cycle.id);
    const res = await env.DB.prepare("SELECT 1").first();
    expect(res).toBeTruthy();
    const csv = await (
      await (
        await import("cloudflare:workers")
      ).exports.default.fetch(`http://accord.test/api/v1/partnerships/${w.pid}/cycles/${cycle.id}/results.csv`, {
        headers: { Authorization: `Bearer ${w.facA.token}` },
      })
    ).text();
    const line = csv.split("\r\n")[1] ?? "";
    expect(line.startsWith(`"'=HYPERLINK(""https://evil.example"")"`)).toBe(true);
  });

  it("applies text hygiene to rating comments, cycle titles and what an embed token says of a person", async () => {
    const w = await world(0);
    const cycle = await openCycle(w.pid, w.facA);
    const [p1] = w.principles as [string];
    const before = await snapshot();
    const comment = await answer(w.pid, cycle.id, w.facA, [{ ...full(p1), comment: "fine \u202Egnp.exe" }]);
    expect(fails(comment, 400).message).toMatch(/answers\.0\.comment.*bidirectional/);
    const title = await send("POST", `/partnerships/${w.pid}/cycles`, {
      token: w.facA.token,
      body: { kind: "pulse", title: "\u200B\u200B" },
    });
    expect(title.status).toBe(400);
    expect(title.body.error.message).toMatch(/title.*visible/);
    const badSub = await w.embed("/principles", await w.jwt("sam\u0000@a.example"));
    expect(badSub.status).toBe(401);
    expect(await snapshot()).toEqual(before);
    // A name with controls is ignored: the person is named by their sub.
    expect((await w.embed("/principles", await w.jwt("kim@a.example", { name: "Kim\u0007" }))).status).toBe(200);
    const kim = await env.DB.prepare("SELECT name FROM people WHERE external_id = 'kim@a.example'").first<{
      name: string;
    }>();
    expect(kim?.name).toBe("kim@a.example");
  });

  it("refuses embed tokens issued in the future and cycles that run for years", async () => {
    const w = await world(0);
    const future = await w.jwt("sam@a.example", { iat: Math.floor(Date.now() / 1000) + 86_400 });
    const res = await w.embed("/principles", future);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/issued in the future/);
    const before = await snapshot();
    const long = await send("POST", `/partnerships/${w.pid}/cycles`, {
      token: w.facA.token,
      body: { kind: "assessment", closesAt: "9999-12-31T00:00:00Z" },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/closesAt.*400 days/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("counting, whatever happens", () => {
  it("counts every person at most once per cycle, and a closed cycle's participation never changes", async () => {
    const w = await world(1);
    const [p1, p2] = w.principles as [string, string];
    type Op =
      | { kind: "invite" }
      | { kind: "jit"; who: number }
      | { kind: "remove"; who: number }
      | { kind: "restore"; who: number }
      | { kind: "open" }
      | { kind: "close" }
      | { kind: "answer"; who: number; performance: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant({ kind: "invite" as const }),
      fc.record({ kind: fc.constant("jit" as const), who: fc.nat(5) }),
      fc.record({ kind: fc.constant("remove" as const), who: fc.nat(5) }),
      fc.record({ kind: fc.constant("restore" as const), who: fc.nat(5) }),
      fc.constant({ kind: "open" as const }),
      fc.constant({ kind: "close" as const }),
      fc.record({ kind: fc.constant("answer" as const), who: fc.nat(5), performance: fc.integer({ min: 1, max: 5 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        run++;
        const subs = [0, 1, 2, 3, 4, 5].map((i) => `p${run}-${i}@a.example`);
        let cycle: string | null = null;
        const closed = new Map<string, unknown>();
        const participation = async (id: string) =>
          (await send("GET", `/partnerships/${w.pid}/cycles/${id}`, { token: w.facA.token })).body.participation;
        const personOf = (sub: string) =>
          env.DB.prepare("SELECT id FROM people WHERE external_id = ?").bind(sub).first<{ id: string }>();
        for (const o of ops) {
          if (o.kind === "invite") await invite(w.pid, w.facA, `Invitee ${run}`);
          if (o.kind === "jit") await w.embed("/principles", await w.jwt(subs[o.who] as string));
          if (o.kind === "remove") {
            const p = await personOf(subs[o.who] as string);
            if (p) await send("POST", `/organizations/${w.orgA}/people/${p.id}/remove`, { token: w.facA.token });
          }
          if (o.kind === "restore") {
            const p = await personOf(subs[o.who] as string);
            if (p) await send("POST", `/organizations/${w.orgA}/people/${p.id}/restore`, { token: w.facA.token });
          }
          if (o.kind === "open" && !cycle) cycle = (await openCycle(w.pid, w.facA)).id;
          if (o.kind === "close" && cycle) {
            await endCycle(cycle);
            closed.set(cycle, await participation(cycle));
            cycle = null;
          }
          if (o.kind === "answer" && cycle) {
            await w.embed(`/cycles/${cycle}/responses`, await w.jwt(subs[o.who] as string), {
              method: "POST",
              body: { answers: [full(p1, o.performance), full(p2, o.performance)] },
            });
          }
          // Invariant: per cycle and organization, respondents ≤ eligible, and each rating row set
          // belongs to a distinct respondent (one per person, whatever their salts became).
          const { results } = await env.DB.prepare(
            `SELECT c.id, pc.organization_id AS org, pc.responded,
                    (SELECT COUNT(*) FROM cycle_eligibility e WHERE e.cycle_id = c.id AND e.organization_id = pc.organization_id) AS eligible,
                    (SELECT COUNT(DISTINCT respondent) FROM ratings r WHERE r.cycle_id = c.id AND r.organization_id = pc.organization_id) AS respondents
             FROM cycles c JOIN participation_counts pc ON pc.cycle_id = c.id WHERE c.partnership_id = ?`,
          )
            .bind(w.pid)
            .all<{ responded: number; eligible: number; respondents: number }>();
          for (const r of results) {
            expect(r.respondents).toBeLessThanOrEqual(r.eligible);
            expect(r.respondents).toBe(r.responded);
          }
          for (const [id, seen] of closed) expect(await participation(id)).toEqual(seen);
        }
        if (cycle) await endCycle(cycle);
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
