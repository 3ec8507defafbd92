// Over 400 lines: one attack per trust-model rule, each needing the same world; splitting would only scatter them.
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
  answer,
  as,
  call,
  embedAs,
  endCycle,
  fails,
  invite,
  ok,
  openCycle,
  partnership,
  send,
  signIn,
  snapshot,
  stance,
  world,
} from "./helpers";

/** A partnership of A and B with `members` members each, two agreed principles, and A's intranet wired. */
const setup = (members: number) => world({ members, principles: 2, intranet: true });

const full = (principleId: string, performance = 4) => ({ principleId, performance, importance: 5 });

async function ratingsOf(cycleId: string) {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM ratings WHERE cycle_id = ?")
    .bind(cycleId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("1. a member cannot take over a colleague's account", () => {
  it("refuses members creating partnerships, and an invite of an existing person hands out no code", async () => {
    const w = await setup(1);
    const member = w.membersA[0] as Actor;
    const before = await snapshot();
    const created = await call(as(member), "post", "/api/v1/partnerships", { body: { name: "Side deal" } });
    expect(fails(created, 403, "forbidden").message).toMatch(/admins/);
    expect(await snapshot()).toEqual(before);

    // A facilitator (not an admin) invites an existing colleague into another partnership of theirs.
    const colleague = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/invites", {
        params: { partnershipId: w.pid },
        body: { name: "Colleague", externalId: "colleague@a.example", role: "member" },
      }),
    );
    const colleagueToken = await signIn(colleague.signInCode);
    const second = ok(await call(as(w.facA), "post", "/api/v1/partnerships", { body: { name: "Second" } }), 201);
    const codesBefore = await env.DB.prepare("SELECT COUNT(*) AS n FROM sign_in_codes WHERE person_id = ?")
      .bind(colleagueToken.personId)
      .first<{ n: number }>();
    const again = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/invites", {
        params: { partnershipId: second.id },
        body: { name: "Whoever", externalId: "colleague@a.example", role: "facilitator" },
      }),
      201,
    );
    expect(again).toMatchObject({ signInCode: null, expiresAt: null, person: { id: colleagueToken.personId } });
    const codesAfter = await env.DB.prepare("SELECT COUNT(*) AS n FROM sign_in_codes WHERE person_id = ?")
      .bind(colleagueToken.personId)
      .first<{ n: number }>();
    expect(codesAfter?.n).toBe(codesBefore?.n);
    // The colleague still signs in with their own token and sees the new partnership.
    const me = ok(await call(as(colleagueToken), "get", "/api/v1/me"));
    expect(me.partnerships.map((p) => p.id)).toContain(second.id);
  });

  it("issues a code for someone who signed in only through themselves or an audited admin recovery", async () => {
    const w = await setup(1);
    const member = w.membersA[0] as Actor;
    const pairing = ok(await call(as(member), "post", "/api/v1/me/sign-in-codes"), 201);

    // A facilitator of the other organization, and a non-admin of the same one, cannot recover.
    const facilitatorA2 = await invite(w.pid, w.facA, "Second facilitator", "facilitator");
    const recover = (who: Actor) =>
      call(as(who), "post", "/api/v1/organizations/{organizationId}/people/{personId}/recovery-code", {
        params: { organizationId: w.orgA, personId: member.personId },
      });
    for (const who of [w.facB, facilitatorA2]) fails(await recover(who), who === w.facB ? 404 : 403);
    const recovery = ok(await recover(w.facA), 201);
    // Every other token of the person is revoked; the recovery code signs them in, and they see who issued it.
    fails(await call(as(member), "get", "/api/v1/me"), 401);
    const recovered = await signIn(recovery.signInCode);
    const me = ok(await call(as(recovered), "get", "/api/v1/me"));
    expect(me.recoveries).toEqual([{ issuedBy: { id: w.facA.personId, name: "Fay A" }, at: expect.any(String) }]);
    // The unused pairing code issued before the recovery no longer works.
    fails(
      await call(as(null, { headers: { "CF-Connecting-IP": "203.0.113.9" } }), "post", "/api/v1/sign-in", {
        body: { code: pairing.signInCode },
      }),
      401,
    );
    const log = ok(
      await call(as(w.facA), "get", "/api/v1/organizations/{organizationId}/audit", {
        params: { organizationId: w.orgA },
      }),
    );
    expect(log.entries[0]).toMatchObject({ action: "person.recovery_issued", targetId: member.personId });
  });
});

describe("2. organization-wide resources belong to the organization's admins", () => {
  it("refuses members, facilitators who are not admins, and other organizations; admins' changes show to partners", async () => {
    const w = await setup(1);
    const facilitatorA2 = await invite(w.pid, w.facA, "Second facilitator", "facilitator");
    const org = { organizationId: w.orgA };
    const key = { ...org, keyId: w.intranet.key.id };
    const before = await snapshot();
    for (const [who, status] of [
      [w.membersA[0] as Actor, 403],
      [facilitatorA2, 403],
      [w.facB, 404],
    ] as const) {
      const attempts = [
        call(as(who), "post", "/api/v1/organizations/{organizationId}/embed-keys", {
          params: org,
          body: { label: "mine" },
        }),
        call(as(who), "put", "/api/v1/organizations/{organizationId}/allowed-origins", {
          params: org,
          body: { origins: ["https://evil.example"] },
        }),
        call(as(who), "delete", "/api/v1/organizations/{organizationId}/embed-keys/{keyId}", { params: key }),
        call(as(who), "patch", "/api/v1/organizations/{organizationId}", {
          params: org,
          body: { provisioning: false },
        }),
        call(as(who), "post", "/api/v1/organizations/{organizationId}/people/{personId}/remove", {
          params: { ...org, personId: w.facA.personId },
        }),
      ];
      for (const res of await Promise.all(attempts)) fails(res, status);
    }
    expect(await snapshot()).toEqual(before);

    // The admin's revocation shows in the partnership's log, which org B's facilitator reads.
    ok(
      await call(as(w.facA), "delete", "/api/v1/organizations/{organizationId}/embed-keys/{keyId}", { params: key }),
      204,
    );
    const log = ok(
      await call(as(w.facB), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: w.pid } }),
    );
    expect(log.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["embed_key.revoked", "embed_key.created", "organization.origins_updated"]),
    );
    expect(log.entries[0]?.detail).toMatchObject({ organizationId: w.orgA });
  });
});

describe("organization routes, walked", () => {
  it("answer 404 to another organization (as for a missing one) and 403 to non-admins, writing nothing", async () => {
    const w = await setup(1);
    const other = await partnership({ name: "Elsewhere" });
    const routes = new Set<string>();
    for (const r of createApp().routes) {
      if (r.method !== "ALL" && r.path.startsWith("/api/v1/organizations/:organizationId"))
        routes.add(`${r.method} ${r.path}`);
    }
    expect(routes.size).toBeGreaterThanOrEqual(12);
    const ids: Record<string, string> = { personId: (w.membersA[0] as Actor).personId, keyId: w.intranet.key.id };
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
    const w = await setup(1);
    const cycle = await openCycle(w.pid, w.facA);
    const [p1, p2] = w.principles as [string, string];
    const invented = ["ghost1", "ghost2", "ghost3", "ghost4"];
    const inCycle = { partnershipId: w.pid, cycleId: cycle.id };
    const before = await ratingsOf(cycle.id);
    for (const sub of invented) {
      const ghost = w.intranet.as(sub);
      const current = ok(
        await call(ghost, "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
          params: { partnershipId: w.pid },
        }),
      );
      expect(current?.eligible).toBe(false);
      const res = await call(ghost, "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses", {
        params: inCycle,
        body: { answers: [full(p1), full(p2)] },
      });
      expect(fails(res, 403).message).toMatch(/joined after this cycle opened/);
    }
    expect(await ratingsOf(cycle.id)).toBe(before);
    // Each invented person is audited like an invite, for partners to see.
    const log = ok(
      await call(as(w.facB), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: w.pid } }),
    );
    expect(log.entries.filter((e) => e.action === "person.provisioned")).toHaveLength(4);

    // One real colleague answers: participation says only "fewer than k" and closing early is refused.
    ok(await answer(w.pid, cycle.id, w.membersA[0] as Actor, [full(p1), full(p2)]), 200);
    const detail = ok(
      await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", { params: inCycle }),
    );
    expect(detail.participation).toEqual([
      { organizationId: w.orgA, invited: 2, responded: null, fewerThanK: true },
      { organizationId: w.orgB, invited: 2, responded: null, fewerThanK: true },
    ]);
    expect(detail.closeEarly).toEqual({ allowed: false, short: [w.orgA, w.orgB] });
    const close = await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/close", {
      params: inCycle,
    });
    expect(fails(close, 409).message).toMatch(/Org A and Org B have fewer than 5 respondents/);
    expect(
      ok(await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", { params: inCycle }))
        .status,
    ).toBe("open");
  });

  it("creates no person from the intranet where the organization's admins turned provisioning off", async () => {
    const w = await setup(0);
    expect(
      ok(
        await call(as(w.facA), "patch", "/api/v1/organizations/{organizationId}", {
          params: { organizationId: w.orgA },
          body: { provisioning: false },
        }),
      ),
    ).toMatchObject({ provisioning: false });
    const before = await snapshot();
    const res = await call(
      w.intranet.as("stranger@a.example"),
      "get",
      "/api/v1/partnerships/{partnershipId}/principles",
      {
        params: { partnershipId: w.pid },
      },
    );
    expect(fails(res, 403).message).toMatch(/does not let its intranet add people/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("4. lowering k reveals nothing already published, and needs every organization", () => {
  it("keeps a closed cycle's own k; a lowering proposal applies only when both approved, and only forward", async () => {
    const w = await setup(3);
    const [p1, p2] = w.principles as [string, string];
    const first = await openCycle(w.pid, w.facA);
    // Org A: 5 respondents (shown at k = 5); org B: 3 (hidden at k = 5, would show at k = 3).
    for (const who of [w.facA, ...w.membersA]) await answer(w.pid, first.id, who, [full(p1, 4), full(p2, 4)]);
    const extraA = [await invite(w.pid, w.facA, "A+1"), await invite(w.pid, w.facA, "A+2")];
    for (const who of [w.facB, ...w.membersB.slice(0, 2)])
      await answer(w.pid, first.id, who, [full(p1, 1), full(p2, 1)]);
    await endCycle(first.id);
    const results = async () =>
      ok(
        await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/results", {
          params: { partnershipId: w.pid, cycleId: first.id },
        }),
      );
    const cellB = (r: Awaited<ReturnType<typeof results>>) =>
      r.principles?.[0]?.organizations.find((o) => o.organizationId === w.orgB);
    const hiddenBefore = await results();
    expect(cellB(hiddenBefore)?.n).toEqual({ suppressed: true });
    expect(extraA).toHaveLength(2);

    // Org A alone cannot lower k.
    const partnershipId = { partnershipId: w.pid };
    const before = await snapshot();
    fails(
      await call(as(w.facA), "patch", "/api/v1/partnerships/{partnershipId}", {
        params: partnershipId,
        body: { k: 3 },
      }),
      409,
    );
    expect(await snapshot()).toEqual(before);
    const proposal = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: partnershipId,
        body: { k: 3, commentThreshold: 3, note: "Small teams" },
      }),
      201,
    );
    expect(proposal).toMatchObject({ status: "open", awaiting: [w.orgB] });
    const settings = async () =>
      ok(await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}", { params: partnershipId })).settings;
    expect((await settings()).k).toBe(5);
    // A member of B cannot approve for B; B's facilitator can.
    const approve = (who: Actor) =>
      call(as(who), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/approve", {
        params: { partnershipId: w.pid, proposalId: proposal.id },
      });
    fails(await approve(w.membersB[0] as Actor), 403);
    expect(ok(await approve(w.facB))).toMatchObject({ status: "applied", awaiting: [] });
    expect(await settings()).toMatchObject({ k: 3, commentThreshold: 3 });

    // The closed cycle keeps k = 5: B's n = 3 stays hidden.
    const after = await results();
    expect(after.k).toBe(5);
    expect(cellB(after)?.n).toEqual({ suppressed: true });
    expect(JSON.stringify(after.principles)).toEqual(JSON.stringify(hiddenBefore.principles));
    // A cycle opened afterwards uses k = 3.
    const next = await openCycle(w.pid, w.facA);
    expect(next).toMatchObject({ k: 3, commentThreshold: 3 });
    const log = ok(
      await call(as(w.facB), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: partnershipId }),
    );
    expect(log.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["settings.proposed", "settings.approved", "settings.applied"]),
    );
  });
});

describe("5. a removed person does not come back to count twice; denominators stay", () => {
  it("refuses a removed person's second answer to the open cycle, and a removed-by-admin person at the door", async () => {
    const w = await setup(0);
    const [p1, p2] = w.principles as [string, string];
    const partnershipId = { partnershipId: w.pid };
    const principles = (sub: string) =>
      call(w.intranet.as(sub), "get", "/api/v1/partnerships/{partnershipId}/principles", { params: partnershipId });
    const sam = embedAs(w.intranet.jwt("sam@a.example"));
    ok(await call(sam, "get", "/api/v1/partnerships/{partnershipId}/principles", { params: partnershipId }), 200);
    const cycle = await openCycle(w.pid, w.facA);
    const respond = (client: typeof sam, performance: number) =>
      call(client, "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses", {
        params: { partnershipId: w.pid, cycleId: cycle.id },
        body: { answers: [full(p1, performance), full(p2, performance)] },
      });
    ok(await respond(sam, 4), 200);
    const samRow = await env.DB.prepare("SELECT id FROM people WHERE external_id = 'sam@a.example'").first<{
      id: string;
    }>();
    const samId = samRow?.id ?? "";
    ok(
      await call(as(w.facA), "delete", "/api/v1/partnerships/{partnershipId}/people/{personId}", {
        params: { partnershipId: w.pid, personId: samId },
      }),
      204,
    );
    const ratings = await ratingsOf(cycle.id);
    // Back through the intranet (the widget loads first): a member again, but not for this cycle.
    const current = ok(
      await call(w.intranet.as("sam@a.example"), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
        params: partnershipId,
      }),
    );
    expect(current?.eligible).toBe(false);
    const again = await respond(w.intranet.as("sam@a.example"), 1);
    expect(fails(again, 403).message).toMatch(/removed while this cycle ran/);
    expect(await ratingsOf(cycle.id)).toBe(ratings);

    // Removed by the organization's admin: remembered, refused at the door until restored.
    const person = { organizationId: w.orgA, personId: samId };
    const removed = ok(
      await call(as(w.facA), "post", "/api/v1/organizations/{organizationId}/people/{personId}/remove", {
        params: person,
      }),
    );
    expect(removed).toMatchObject({ removedAt: expect.any(String), partnerships: [] });
    expect(fails(await principles("sam@a.example"), 403).message).toMatch(/removed you/);
    const invited = await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/invites", {
      params: partnershipId,
      body: { name: "Sam", externalId: "sam@a.example", role: "member" },
    });
    fails(invited, 409);
    ok(
      await call(as(w.facA), "post", "/api/v1/organizations/{organizationId}/people/{personId}/restore", {
        params: person,
      }),
    );
    ok(await principles("sam@a.example"), 200);
  });

  it("never changes a cycle's denominators when people join later", async () => {
    const w = await setup(1);
    const cycle = await openCycle(w.pid, w.facA);
    await endCycle(cycle.id);
    const participation = async () =>
      ok(
        await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", {
          params: { partnershipId: w.pid, cycleId: cycle.id },
        }),
      ).participation;
    const before = await participation();
    await invite(w.pid, w.facA, "Late joiner");
    await call(w.intranet.as("late@a.example"), "get", "/api/v1/partnerships/{partnershipId}/principles", {
      params: { partnershipId: w.pid },
    });
    const after = await participation();
    expect(after).toEqual(before);
    expect(after.map((p) => p.invited)).toEqual([2, 2]);
  });
});

describe("6. cycle lifecycle without dead ends", () => {
  it("allows one assessment at a time, opens the cycle a link names, reopens until the planned close", async () => {
    const w = await setup(4);
    const partnershipId = { partnershipId: w.pid };
    const first = await openCycle(w.pid, w.facA, "assessment", { title: "Spring" });
    const before = await snapshot();
    const overlapping = await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles", {
      params: partnershipId,
      body: { kind: "assessment", title: "Overlap" },
    });
    expect(fails(overlapping, 409).message).toContain(first.id);
    expect(await snapshot()).toEqual(before);
    // A pulse may overlap it.
    const pulse = await openCycle(w.pid, w.facA, "pulse");
    const named = ok(
      await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
        params: partnershipId,
        query: { kind: "pulse", cycle: pulse.id },
      }),
    );
    expect(named?.cycle?.id).toBe(pulse.id);

    // Five respondents in each organization: closing early is allowed, then reopening until planned.
    const [p1, p2] = w.principles as [string, string];
    for (const who of [w.facA, ...w.membersA, w.facB, ...w.membersB]) {
      await answer(w.pid, first.id, who, [full(p1), full(p2)]);
    }
    const inFirst = { partnershipId: w.pid, cycleId: first.id };
    const closed = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/close", {
        params: inFirst,
      }),
    );
    expect(closed).toMatchObject({ status: "closed", reopenable: true });
    const reopen = (who: Actor) =>
      call(as(who), "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/reopen", { params: inFirst });
    fails(await reopen(w.membersA[0] as Actor), 403);
    expect(ok(await reopen(w.facB))).toMatchObject({ status: "open", closesAt: first.closesAt });
    const log = ok(
      await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: partnershipId }),
    );
    expect(log.entries[0]).toMatchObject({ action: "cycle.reopened", targetId: first.id });
  });

  it("keeps showing the last results with figures when a later cycle closes with nothing to show", async () => {
    const w = await setup(4);
    const [p1, p2] = w.principles as [string, string];
    const good = await openCycle(w.pid, w.facA);
    for (const who of [w.facA, ...w.membersA, w.facB, ...w.membersB]) {
      await answer(w.pid, good.id, who, [full(p1), full(p2)]);
    }
    await endCycle(good.id, Date.now() - 60_000);
    const thin = await openCycle(w.pid, w.facA);
    await answer(w.pid, thin.id, w.facA, [full(p1), full(p2)]);
    await endCycle(thin.id);
    const latest = ok(
      await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/latest/results", {
        params: { partnershipId: w.pid },
      }),
    );
    expect(latest.cycle.id).toBe(good.id);
  });
});

describe("7. smaller holes", () => {
  it("neutralises spreadsheet formulas in the results CSV", async () => {
    const w = await partnership({ members: 4 });
    const p = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: w.pid },
        body: { title: '=HYPERLINK("https://evil.example")', description: "+1 and -1 are formulas too" },
      }),
    );
    for (const f of [w.facA, w.facB]) await stance(w.pid, f, p.id, "endorse");
    const cycle = await openCycle(w.pid, w.facA);
    await endCycle(cycle.id);
    const res = await env.DB.prepare("SELECT 1").first();
    expect(res).toBeTruthy();
    // CSV is not JSON: the typed client cannot read it.
    const csv = await send("GET", `/partnerships/${w.pid}/cycles/${cycle.id}/results.csv`, { token: w.facA.token });
    const line = csv.text.split("\r\n")[1] ?? "";
    expect(line.startsWith(`"'=HYPERLINK(""https://evil.example"")"`)).toBe(true);
  });

  it("applies text hygiene to rating comments, cycle titles and what an embed token says of a person", async () => {
    const w = await setup(0);
    const cycle = await openCycle(w.pid, w.facA);
    const [p1] = w.principles as [string];
    const partnershipId = { partnershipId: w.pid };
    const principles = (sub: string, extra?: Record<string, unknown>) =>
      call(w.intranet.as(sub, extra), "get", "/api/v1/partnerships/{partnershipId}/principles", {
        params: partnershipId,
      });
    const before = await snapshot();
    const comment = await answer(w.pid, cycle.id, w.facA, [{ ...full(p1), comment: "fine \u202Egnp.exe" }]);
    expect(fails(comment, 400).message).toMatch(/answers\.0\.comment.*bidirectional/);
    const title = await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles", {
      params: partnershipId,
      body: { kind: "pulse", title: "\u200B\u200B" },
    });
    expect(fails(title, 400).message).toMatch(/title.*visible/);
    fails(await principles("sam\u0000@a.example"), 401);
    expect(await snapshot()).toEqual(before);
    // A name with controls is ignored: the person is named by their sub.
    ok(await principles("kim@a.example", { name: "Kim\u0007" }), 200);
    const kim = await env.DB.prepare("SELECT name FROM people WHERE external_id = 'kim@a.example'").first<{
      name: string;
    }>();
    expect(kim?.name).toBe("kim@a.example");
  });

  it("refuses embed tokens issued in the future and cycles that run for years", async () => {
    const w = await setup(0);
    const future = w.intranet.as("sam@a.example", { iat: Math.floor(Date.now() / 1000) + 86_400 });
    const res = await call(future, "get", "/api/v1/partnerships/{partnershipId}/principles", {
      params: { partnershipId: w.pid },
    });
    expect(fails(res, 401).message).toMatch(/issued in the future/);
    const before = await snapshot();
    const long = await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles", {
      params: { partnershipId: w.pid },
      body: { kind: "assessment", closesAt: "9999-12-31T00:00:00Z" },
    });
    expect(fails(long, 400).message).toMatch(/closesAt.*400 days/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("counting, whatever happens", () => {
  it("counts every person at most once per cycle, and a closed cycle's participation never changes", async () => {
    const w = await setup(1);
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
          ok(
            await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", {
              params: { partnershipId: w.pid, cycleId: id },
            }),
          ).participation;
        const personOf = (sub: string) =>
          env.DB.prepare("SELECT id FROM people WHERE external_id = ?").bind(sub).first<{ id: string }>();
        for (const o of ops) {
          if (o.kind === "invite") await invite(w.pid, w.facA, `Invitee ${run}`);
          if (o.kind === "jit")
            await call(w.intranet.as(subs[o.who] as string), "get", "/api/v1/partnerships/{partnershipId}/principles", {
              params: { partnershipId: w.pid },
            });
          if (o.kind === "remove") {
            const p = await personOf(subs[o.who] as string);
            if (p)
              await call(as(w.facA), "post", "/api/v1/organizations/{organizationId}/people/{personId}/remove", {
                params: { organizationId: w.orgA, personId: p.id },
              });
          }
          if (o.kind === "restore") {
            const p = await personOf(subs[o.who] as string);
            if (p)
              await call(as(w.facA), "post", "/api/v1/organizations/{organizationId}/people/{personId}/restore", {
                params: { organizationId: w.orgA, personId: p.id },
              });
          }
          if (o.kind === "open" && !cycle) cycle = (await openCycle(w.pid, w.facA)).id;
          if (o.kind === "close" && cycle) {
            await endCycle(cycle);
            closed.set(cycle, await participation(cycle));
            cycle = null;
          }
          if (o.kind === "answer" && cycle) {
            await call(
              w.intranet.as(subs[o.who] as string),
              "post",
              "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses",
              {
                params: { partnershipId: w.pid, cycleId: cycle },
                body: { answers: [full(p1, o.performance), full(p2, o.performance)] },
              },
            );
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
