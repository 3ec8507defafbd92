import { describe, expect, it } from "vitest";
import { call, partnership, person, snapshot } from "./helpers";

describe("partnerships", () => {
  it("makes the creator facilitator of their organization, with default settings", async () => {
    const alice = await person("Northwind", "Alice");
    const res = await call("POST", "/partnerships", {
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
    const me = await call("GET", "/me", { token: alice.token });
    expect(me.body).toMatchObject({
      person: { id: alice.personId, name: "Alice" },
      organization: { id: alice.organizationId, name: "Northwind" },
      partnerships: [{ id: res.body.id, role: "facilitator", archived: false }],
    });
  });

  it("updates settings, keeps k ≥ 3 and commentThreshold ≥ k, and audits old and new values", async () => {
    const { pid, facA, membersA } = await partnership();
    const ok = await call("PATCH", `/partnerships/${pid}`, {
      token: facA.token,
      body: { k: 4, commentThreshold: 6, pulseCadence: "monthly", reminderSites: ["https://*.atlassian.net/*"] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({ k: 4, commentThreshold: 6, pulseCadence: "monthly" });
    const before = await snapshot();
    for (const [body, msg] of [
      [{ k: 2 }, /"k"/],
      [{ commentThreshold: 3 }, /commentThreshold/],
      [{ k: 7 }, /commentThreshold/],
      [{ reminderSites: ["<all_urls>"] }, /reminderSites/],
      [{ cadenceStart: "next week" }, /cadenceStart/],
      [{}, /at least one/],
    ] as const) {
      const res = await call("PATCH", `/partnerships/${pid}`, { token: facA.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(msg);
    }
    expect(await snapshot()).toEqual(before);
    const member = await call("PATCH", `/partnerships/${pid}`, { token: membersA[0]?.token, body: { k: 5 } });
    expect(member.status).toBe(403);
    const log = await call("GET", `/partnerships/${pid}/audit`, { token: facA.token });
    expect(log.body.entries[0]).toMatchObject({
      action: "settings.updated",
      detail: { changes: { k: { from: 5, to: 4 }, commentThreshold: { from: 5, to: 6 } } },
    });
  });

  it("freezes an archived partnership until it is restored", async () => {
    const { pid, facA } = await partnership();
    expect((await call("POST", `/partnerships/${pid}/archive`, { token: facA.token })).body.archived).toBe(true);
    const write = await call("POST", `/partnerships/${pid}/principles`, {
      token: facA.token,
      body: { title: "T", description: "D" },
    });
    expect(write.status).toBe(409);
    expect((await call("GET", `/partnerships/${pid}/principles`, { token: facA.token })).status).toBe(200);
    expect((await call("POST", `/partnerships/${pid}/restore`, { token: facA.token })).body.archived).toBe(false);
  });

  it("lets each organization's facilitators set only their own allowed embed origins", async () => {
    const { pid, facA, facB, orgA, orgB } = await partnership();
    const ok = await call("PUT", `/partnerships/${pid}/organizations/${orgA}/allowed-origins`, {
      token: facA.token,
      body: { origins: ["https://intranet.northwind.example", "http://localhost:8788"] },
    });
    expect(ok.status).toBe(200);
    const other = await call("PUT", `/partnerships/${pid}/organizations/${orgB}/allowed-origins`, {
      token: facA.token,
      body: { origins: [] },
    });
    expect(other.status).toBe(403);
    const bad = await call("PUT", `/partnerships/${pid}/organizations/${orgA}/allowed-origins`, {
      token: facA.token,
      body: { origins: ["https://intranet.example/path"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/origins\.0/);
    const seenByB = await call("GET", `/partnerships/${pid}`, { token: facB.token });
    const a = seenByB.body.organizations.find((o: { id: string }) => o.id === orgA);
    expect(a.allowedOrigins).toBeUndefined();
  });
});
