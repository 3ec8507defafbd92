import { describe, expect, it } from "vitest";
import { type Actor, as, type BodyOf, call, fails, ok, partnership, person, snapshot } from "./helpers";

type SettingsPatch = BodyOf<"/api/v1/partnerships/{partnershipId}", "patch">;

/** Changes a partnership's settings as `who`. */
const update = (who: Actor, pid: string, body: SettingsPatch) =>
  call(as(who), "patch", "/api/v1/partnerships/{partnershipId}", { params: { partnershipId: pid }, body });
/** A partnership as `who` sees it. */
const read = async (who: Actor, pid: string) =>
  ok(await call(as(who), "get", "/api/v1/partnerships/{partnershipId}", { params: { partnershipId: pid } }));
/** The partnership's audit log, newest first. */
const audit = async (who: Actor, pid: string) =>
  ok(await call(as(who), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: pid } }))
    .entries;

describe("partnerships", () => {
  it("makes the creator facilitator of their organization, with default settings", async () => {
    const alice = await person("Northwind", "Alice");
    const res = ok(
      await call(as(alice), "post", "/api/v1/partnerships", { body: { name: "N × A", purpose: "Ship together" } }),
      201,
    );
    expect(res).toMatchObject({
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
    const me = ok(await call(as(alice), "get", "/api/v1/me"));
    expect(me).toMatchObject({
      person: { id: alice.personId, name: "Alice" },
      organization: { id: alice.organizationId, name: "Northwind" },
      partnerships: [{ id: res.id, role: "facilitator", archived: false }],
    });
  });

  it("updates settings, keeps k ≥ 3 and commentThreshold ≥ k, and audits old and new values", async () => {
    const { pid, facA, membersA } = await partnership();
    const updated = ok(
      await update(facA, pid, {
        commentThreshold: 6,
        pulseCadence: "monthly",
        reminderSites: ["https://*.atlassian.net/*"],
      }),
      200,
    );
    expect(updated.settings).toMatchObject({ k: 5, commentThreshold: 6, pulseCadence: "monthly" });
    expect((await audit(facA, pid))[0]).toMatchObject({
      action: "settings.updated",
      detail: { changes: { commentThreshold: { from: 5, to: 6 }, pulseCadence: { from: "weekly", to: "monthly" } } },
    });
    const before = await snapshot();
    const invalid: [SettingsPatch, RegExp][] = [
      [{ k: 2 }, /"k"/],
      [{ commentThreshold: 3 }, /commentThreshold/],
      [{ k: 7 }, /commentThreshold/],
      [{ reminderSites: ["<all_urls>"] }, /reminderSites/],
      [{ cadenceStart: "next week" }, /cadenceStart/],
      [{}, /at least one/],
    ];
    for (const [body, msg] of invalid) {
      expect(fails(await update(facA, pid, body), 400).message, JSON.stringify(body)).toMatch(msg);
    }
    // Lowering an anonymity setting is not one organization's call when there are several.
    expect(fails(await update(facA, pid, { k: 4 }), 409).message).toMatch(/settings-proposals/);
    fails(await update(facA, pid, { commentThreshold: 5, pulseCadence: "off" }), 409);
    expect(await snapshot()).toEqual(before);
    fails(await update(membersA[0] as Actor, pid, { k: 5 }), 403);
  });

  it("lowers k only when every organization approved a proposal, and audits each step", async () => {
    const { pid, facA, facB, orgA, orgB, membersA } = await partnership();
    const proposed = ok(
      await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: { partnershipId: pid },
        body: { k: 4, note: "Small teams" },
      }),
      201,
    );
    // The proposing organization approves by proposing; nothing changes until B approves too.
    expect(proposed).toMatchObject({
      status: "open",
      changes: { k: 4 },
      note: "Small teams",
      approvals: [{ organizationId: orgA, person: { id: facA.personId } }],
      awaiting: [orgB],
    });
    expect((await read(facA, pid)).settings.k).toBe(5);
    const approve = (who: Actor) =>
      call(as(who), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/approve", {
        params: { partnershipId: pid, proposalId: proposed.id },
      });
    fails(await approve(membersA[0] as Actor), 403);
    // A's second approval counts nothing: still waiting for B.
    expect(ok(await approve(facA))).toMatchObject({ status: "open", awaiting: [orgB] });
    expect((await read(facA, pid)).settings.k).toBe(5);

    const applied = ok(await approve(facB), 200);
    expect(applied).toMatchObject({ status: "applied", awaiting: [], decidedAt: expect.any(String) });
    expect(applied.approvals.map((a) => a.organizationId).sort()).toEqual([orgA, orgB].sort());
    expect((await read(facB, pid)).settings).toMatchObject({ k: 4, commentThreshold: 5 });
    fails(await approve(facB), 409);

    expect((await audit(facB, pid)).slice(0, 4)).toEqual([
      expect.objectContaining({ action: "settings.applied", targetId: proposed.id }),
      expect.objectContaining({ action: "settings.approved", actor: expect.objectContaining({ id: facB.personId }) }),
      expect.objectContaining({ action: "settings.approved", actor: expect.objectContaining({ id: facA.personId }) }),
      expect.objectContaining({ action: "settings.proposed", detail: { changes: { k: { from: 5, to: 4 } } } }),
    ]);

    // A rejected proposal changes nothing.
    const second = ok(
      await call(as(facB), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: { partnershipId: pid },
        body: { commentThreshold: 4 },
      }),
      201,
    );
    const rejected = ok(
      await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/reject", {
        params: { partnershipId: pid, proposalId: second.id },
      }),
    );
    expect(rejected).toMatchObject({ status: "rejected", awaiting: [] });
    expect((await read(facA, pid)).settings.commentThreshold).toBe(5);
    expect((await audit(facA, pid))[0]).toMatchObject({ action: "settings.rejected", targetId: second.id });
  });

  it("lowers k directly where the caller's organization is the only party", async () => {
    const alice = await person("Northwind", "Alice");
    const pid = ok(await call(as(alice), "post", "/api/v1/partnerships", { body: { name: "Solo" } })).id;
    const updated = ok(await update(alice, pid, { k: 3, commentThreshold: 4 }), 200);
    expect(updated.settings).toMatchObject({ k: 3, commentThreshold: 4 });
    expect((await audit(alice, pid))[0]).toMatchObject({
      action: "settings.updated",
      detail: { changes: { k: { from: 5, to: 3 }, commentThreshold: { from: 5, to: 4 } } },
    });
  });

  it("freezes an archived partnership until it is restored", async () => {
    const { pid, facA } = await partnership();
    const params = { partnershipId: pid };
    expect(ok(await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/archive", { params })).archived).toBe(
      true,
    );
    const write = await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
      params,
      body: { title: "T", description: "D" },
    });
    fails(write, 409);
    ok(await call(as(facA), "get", "/api/v1/partnerships/{partnershipId}/principles", { params }), 200);
    expect(ok(await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/restore", { params })).archived).toBe(
      false,
    );
  });

  it("lets each organization's admins set only their own allowed embed origins", async () => {
    const { pid, facA, facB, orgA, orgB } = await partnership();
    const setOrigins = (organizationId: string, origins: string[]) =>
      call(as(facA), "put", "/api/v1/organizations/{organizationId}/allowed-origins", {
        params: { organizationId },
        body: { origins },
      });
    const set = ok(await setOrigins(orgA, ["https://intranet.northwind.example", "http://localhost:8788"]), 200);
    expect(set.origins).toEqual(["https://intranet.northwind.example", "http://localhost:8788"]);
    // Another organization's origins are as invisible as a missing organization's.
    fails(await setOrigins(orgB, []), 404);
    expect(fails(await setOrigins(orgA, ["https://intranet.example/path"]), 400).message).toMatch(/origins\.0/);
    const a = (await read(facB, pid)).organizations.find((o) => o.id === orgA);
    expect(a).toBeDefined();
    expect(a?.allowedOrigins).toBeUndefined();
    expect((await read(facA, pid)).organizations.find((o) => o.id === orgA)?.allowedOrigins).toEqual(set.origins);
  });
});
