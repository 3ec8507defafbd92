import { describe, expect, it } from "vitest";
import { partnership, person, send, snapshot } from "./helpers";

describe("partnerships", () => {
  it("makes the creator facilitator of their organization, with default settings", async () => {
    const alice = await person("Northwind", "Alice");
    const res = await send("POST", "/partnerships", {
      token: alice.token,
      body: { name: "N × A", purpose: "Ship together" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      role: "facilitator",
      archived: false,
      settings: {
        name: "N × A",
        purpose: "Ship together",
        k: 5,
        commentThreshold: 5,
        assessmentCadence: "annual",
        assessmentWindowDays: 21,
        pulseCadence: "weekly",
        reminderSites: [],
      },
      organizations: [{ id: alice.organizationId, name: "Northwind", allowedOrigins: [] }],
    });
    const me = await send("GET", "/me", { token: alice.token });
    expect(me.body).toMatchObject({
      person: { id: alice.personId, name: "Alice" },
      organization: { id: alice.organizationId, name: "Northwind" },
      partnerships: [{ id: res.body.id, role: "facilitator", archived: false }],
    });
  });

  it("updates settings, keeps k ≥ 3 and commentThreshold ≥ k, and audits old and new values", async () => {
    const { pid, facA, membersA } = await partnership();
    const ok = await send("PATCH", `/partnerships/${pid}`, {
      token: facA.token,
      body: { commentThreshold: 6, pulseCadence: "monthly", reminderSites: ["https://*.atlassian.net/*"] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({ k: 5, commentThreshold: 6, pulseCadence: "monthly" });
    const raised = await send("GET", `/partnerships/${pid}/audit`, { token: facA.token });
    expect(raised.body.entries[0]).toMatchObject({
      action: "settings.updated",
      detail: { changes: { commentThreshold: { from: 5, to: 6 }, pulseCadence: { from: "weekly", to: "monthly" } } },
    });
    const before = await snapshot();
    for (const [body, msg] of [
      [{ k: 2 }, /"k"/],
      [{ commentThreshold: 3 }, /commentThreshold/],
      [{ k: 7 }, /commentThreshold/],
      [{ reminderSites: ["<all_urls>"] }, /reminderSites/],
      [{ cadenceStart: "next week" }, /cadenceStart/],
      [{}, /at least one/],
    ] as const) {
      const res = await send("PATCH", `/partnerships/${pid}`, { token: facA.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(msg);
    }
    // Lowering an anonymity setting is not one organization's call when there are several.
    const lowered = await send("PATCH", `/partnerships/${pid}`, { token: facA.token, body: { k: 4 } });
    expect(lowered.status).toBe(409);
    expect(lowered.body.error.message).toMatch(/settings-proposals/);
    const alsoLowered = await send("PATCH", `/partnerships/${pid}`, {
      token: facA.token,
      body: { commentThreshold: 5, pulseCadence: "off" },
    });
    expect(alsoLowered.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    const member = await send("PATCH", `/partnerships/${pid}`, { token: membersA[0]?.token, body: { k: 5 } });
    expect(member.status).toBe(403);
  });

  it("lowers k only when every organization approved a proposal, and audits each step", async () => {
    const { pid, facA, facB, orgA, orgB, membersA } = await partnership();
    const proposed = await send("POST", `/partnerships/${pid}/settings-proposals`, {
      token: facA.token,
      body: { k: 4, note: "Small teams" },
    });
    expect(proposed.status).toBe(201);
    // The proposing organization approves by proposing; nothing changes until B approves too.
    expect(proposed.body).toMatchObject({
      status: "open",
      changes: { k: 4 },
      note: "Small teams",
      approvals: [{ organizationId: orgA, person: { id: facA.personId } }],
      awaiting: [orgB],
    });
    expect((await send("GET", `/partnerships/${pid}`, { token: facA.token })).body.settings.k).toBe(5);
    const approve = `/partnerships/${pid}/settings-proposals/${proposed.body.id}/approve`;
    expect((await send("POST", approve, { token: membersA[0]?.token })).status).toBe(403);
    // A's second approval counts nothing: still waiting for B.
    const again = await send("POST", approve, { token: facA.token });
    expect(again.body).toMatchObject({ status: "open", awaiting: [orgB] });
    expect((await send("GET", `/partnerships/${pid}`, { token: facA.token })).body.settings.k).toBe(5);

    const applied = await send("POST", approve, { token: facB.token });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: "applied", awaiting: [], decidedAt: expect.any(String) });
    expect(applied.body.approvals.map((a: { organizationId: string }) => a.organizationId).sort()).toEqual(
      [orgA, orgB].sort(),
    );
    expect((await send("GET", `/partnerships/${pid}`, { token: facB.token })).body.settings).toMatchObject({
      k: 4,
      commentThreshold: 5,
    });
    expect((await send("POST", approve, { token: facB.token })).status).toBe(409);

    const log = await send("GET", `/partnerships/${pid}/audit`, { token: facB.token });
    expect(log.body.entries.slice(0, 4)).toEqual([
      expect.objectContaining({ action: "settings.applied", targetId: proposed.body.id }),
      expect.objectContaining({ action: "settings.approved", actor: expect.objectContaining({ id: facB.personId }) }),
      expect.objectContaining({ action: "settings.approved", actor: expect.objectContaining({ id: facA.personId }) }),
      expect.objectContaining({ action: "settings.proposed", detail: { changes: { k: { from: 5, to: 4 } } } }),
    ]);

    // A rejected proposal changes nothing.
    const second = await send("POST", `/partnerships/${pid}/settings-proposals`, {
      token: facB.token,
      body: { commentThreshold: 4 },
    });
    expect(second.status).toBe(201);
    const rejected = await send("POST", `/partnerships/${pid}/settings-proposals/${second.body.id}/reject`, {
      token: facA.token,
    });
    expect(rejected.body).toMatchObject({ status: "rejected", awaiting: [] });
    expect((await send("GET", `/partnerships/${pid}`, { token: facA.token })).body.settings.commentThreshold).toBe(5);
    expect((await send("GET", `/partnerships/${pid}/audit`, { token: facA.token })).body.entries[0]).toMatchObject({
      action: "settings.rejected",
      targetId: second.body.id,
    });
  });

  it("lowers k directly where the caller's organization is the only party", async () => {
    const alice = await person("Northwind", "Alice");
    const created = await send("POST", "/partnerships", { token: alice.token, body: { name: "Solo" } });
    const pid = created.body.id;
    const ok = await send("PATCH", `/partnerships/${pid}`, { token: alice.token, body: { k: 3, commentThreshold: 4 } });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({ k: 3, commentThreshold: 4 });
    const log = await send("GET", `/partnerships/${pid}/audit`, { token: alice.token });
    expect(log.body.entries[0]).toMatchObject({
      action: "settings.updated",
      detail: { changes: { k: { from: 5, to: 3 }, commentThreshold: { from: 5, to: 4 } } },
    });
  });

  it("freezes an archived partnership until it is restored", async () => {
    const { pid, facA } = await partnership();
    expect((await send("POST", `/partnerships/${pid}/archive`, { token: facA.token })).body.archived).toBe(true);
    const write = await send("POST", `/partnerships/${pid}/principles`, {
      token: facA.token,
      body: { title: "T", description: "D" },
    });
    expect(write.status).toBe(409);
    expect((await send("GET", `/partnerships/${pid}/principles`, { token: facA.token })).status).toBe(200);
    expect((await send("POST", `/partnerships/${pid}/restore`, { token: facA.token })).body.archived).toBe(false);
  });

  it("lets each organization's admins set only their own allowed embed origins", async () => {
    const { pid, facA, facB, orgA, orgB } = await partnership();
    const ok = await send("PUT", `/organizations/${orgA}/allowed-origins`, {
      token: facA.token,
      body: { origins: ["https://intranet.northwind.example", "http://localhost:8788"] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.origins).toEqual(["https://intranet.northwind.example", "http://localhost:8788"]);
    // Another organization's origins are as invisible as a missing organization's.
    const other = await send("PUT", `/organizations/${orgB}/allowed-origins`, {
      token: facA.token,
      body: { origins: [] },
    });
    expect(other.status).toBe(404);
    const bad = await send("PUT", `/organizations/${orgA}/allowed-origins`, {
      token: facA.token,
      body: { origins: ["https://intranet.example/path"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/origins\.0/);
    const seenByB = await send("GET", `/partnerships/${pid}`, { token: facB.token });
    const a = seenByB.body.organizations.find((o: { id: string }) => o.id === orgA);
    expect(a.allowedOrigins).toBeUndefined();
    const seenByA = await send("GET", `/partnerships/${pid}`, { token: facA.token });
    expect(seenByA.body.organizations.find((o: { id: string }) => o.id === orgA).allowedOrigins).toEqual(
      ok.body.origins,
    );
  });
});
