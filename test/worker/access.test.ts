import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signInCodeStatement } from "../../worker/src/auth/credentials";
import { call, count, invite, partnership, person, signIn } from "./helpers";

describe("personal tokens and sign-in codes", () => {
  it("exchanges a sign-in code once; a second use is refused", async () => {
    const alice = await person();
    const code = await signInCodeStatement(env.DB, alice.personId, "invite", null);
    await code.statement.run();
    const first = await call("POST", "/sign-in", { body: { code: code.code.toLowerCase().replaceAll("-", " ") } });
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);
    const again = await call("POST", "/sign-in", { body: { code: code.code } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("unauthorized");
  });

  it("refuses an expired sign-in code", async () => {
    const alice = await person();
    const code = await signInCodeStatement(env.DB, alice.personId, "pairing", null, Date.now() - 11 * 60_000);
    await code.statement.run();
    const res = await call("POST", "/sign-in", { body: { code: code.code } });
    expect(res.status).toBe(401);
  });

  it("stores tokens and codes only as hashes", async () => {
    const alice = await person();
    const paired = await call("POST", "/me/sign-in-codes", { token: alice.token });
    const { token } = await signIn(paired.body.signInCode);
    const dump = JSON.stringify([
      (await env.DB.prepare("SELECT * FROM personal_tokens").all()).results,
      (await env.DB.prepare("SELECT * FROM sign_in_codes").all()).results,
    ]);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(paired.body.signInCode);
  });

  it("pairs another device, lists tokens and revokes one", async () => {
    const alice = await person();
    const paired = await call("POST", "/me/sign-in-codes", { token: alice.token });
    expect(paired.status).toBe(201);
    const device = await signIn(paired.body.signInCode);
    expect(device.personId).toBe(alice.personId);
    const list = await call("GET", "/me/tokens", { token: device.token });
    expect(list.body.tokens).toHaveLength(2);
    const original = list.body.tokens.find((t: { current: boolean }) => !t.current);
    expect((await call("DELETE", `/me/tokens/${original.id}`, { token: device.token })).status).toBe(204);
    const revoked = await call("GET", "/me", { token: alice.token });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toMatch(/Bearer/);
    expect((await call("GET", "/me", { token: device.token })).status).toBe(200);
  });

  it("signs out by revoking the token in use", async () => {
    const alice = await person();
    expect((await call("POST", "/sign-out", { token: alice.token })).status).toBe(204);
    expect((await call("GET", "/me", { token: alice.token })).status).toBe(401);
  });

  it("answers 401 without a token or with a malformed one", async () => {
    expect((await call("GET", "/me")).body.error.code).toBe("unauthorized");
    expect((await call("GET", "/me", { token: "acc_short" })).status).toBe(401);
    expect((await call("GET", "/partnerships", { headers: { Authorization: "Basic eDp5" } })).status).toBe(401);
  });
});

describe("people and roles", () => {
  it("keeps at least one facilitator per organization", async () => {
    const { pid, facA } = await partnership();
    const demote = await call("PATCH", `/partnerships/${pid}/people/${facA.personId}`, {
      token: facA.token,
      body: { role: "member" },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/at least one facilitator/);
    const second = await invite(pid, facA, "Second A", "facilitator");
    const ok = await call("PATCH", `/partnerships/${pid}/people/${facA.personId}`, {
      token: second.token,
      body: { role: "member" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.role).toBe("member");
    const log = await call("GET", `/partnerships/${pid}/audit`, { token: second.token });
    const roleChanges = log.body.entries.filter((e: { action: string }) => e.action === "person.role_changed");
    expect(roleChanges).toHaveLength(1);
  });

  it("lets only an organization's own facilitators manage its people", async () => {
    const { pid, facB, membersA } = await partnership();
    const target = membersA[0]?.personId;
    expect(
      (
        await call("PATCH", `/partnerships/${pid}/people/${target}`, {
          token: facB.token,
          body: { role: "facilitator" },
        })
      ).status,
    ).toBe(403);
    expect((await call("DELETE", `/partnerships/${pid}/people/${target}`, { token: facB.token })).status).toBe(403);
    expect(
      (await call("POST", `/partnerships/${pid}/invites`, { token: membersA[0]?.token, body: { name: "X" } })).status,
    ).toBe(403);
  });

  it("removes a person: membership and credentials go, the audit log records it", async () => {
    const { pid, facA, membersA } = await partnership();
    const leaver = membersA[0];
    const res = await call("DELETE", `/partnerships/${pid}/people/${leaver?.personId}`, { token: facA.token });
    expect(res.status).toBe(204);
    expect((await call("GET", "/me", { token: leaver?.token })).status).toBe(401);
    const people = await call("GET", `/partnerships/${pid}/people`, { token: facA.token });
    expect(people.body.people.map((p: { id: string }) => p.id)).not.toContain(leaver?.personId);
    const log = await call("GET", `/partnerships/${pid}/audit`, { token: facA.token });
    expect(log.body.entries[0]).toMatchObject({ action: "person.removed", targetId: leaver?.personId });
  });

  it("refuses to remove the last facilitator and writes nothing", async () => {
    const { pid, facA } = await partnership();
    const audit = await count("audit_log");
    const res = await call("DELETE", `/partnerships/${pid}/people/${facA.personId}`, { token: facA.token });
    expect(res.status).toBe(409);
    expect(await count("audit_log")).toBe(audit);
    expect((await call("GET", "/me", { token: facA.token })).status).toBe(200);
  });

  it("treats an invite naming an existing externalId as the same person", async () => {
    const { pid, facA } = await partnership();
    const first = await call("POST", `/partnerships/${pid}/invites`, {
      token: facA.token,
      body: { name: "Dana", externalId: "dana@a.example" },
    });
    const other = await call("POST", "/partnerships", { token: facA.token, body: { name: "A alone" } });
    const second = await call("POST", `/partnerships/${other.body.id}/invites`, {
      token: facA.token,
      body: { name: "Dana D.", externalId: "dana@a.example" },
    });
    expect(first.body.signInCode).toEqual(expect.any(String));
    expect(second.status).toBe(201);
    expect(second.body.person.id).toBe(first.body.person.id);
    // A sign-in code never hands over an existing person: the invite adds the membership only.
    expect(second.body).toMatchObject({ signInCode: null, expiresAt: null });
    const again = await call("POST", `/partnerships/${pid}/invites`, {
      token: facA.token,
      body: { name: "Dana", externalId: "dana@a.example" },
    });
    expect(again.status).toBe(409);
  });
});
