import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signInCodeStatement } from "../../worker/src/auth/credentials";
import { as, call, count, fails, invite, ok, partnership, person, send, signIn } from "./helpers";

describe("personal tokens and sign-in codes", () => {
  it("exchanges a sign-in code once; a second use is refused", async () => {
    const alice = await person();
    const code = await signInCodeStatement(env.DB, alice.personId, "invite", null);
    await code.statement.run();
    const first = ok(
      await call(as(null), "post", "/api/v1/sign-in", { body: { code: code.code.toLowerCase().replaceAll("-", " ") } }),
      201,
    );
    expect(first.token).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);
    fails(await call(as(null), "post", "/api/v1/sign-in", { body: { code: code.code } }), 401, "unauthorized");
  });

  it("refuses an expired sign-in code", async () => {
    const alice = await person();
    const code = await signInCodeStatement(env.DB, alice.personId, "pairing", null, Date.now() - 11 * 60_000);
    await code.statement.run();
    fails(await call(as(null), "post", "/api/v1/sign-in", { body: { code: code.code } }), 401);
  });

  it("stores tokens and codes only as hashes", async () => {
    const alice = await person();
    const paired = ok(await call(as(alice), "post", "/api/v1/me/sign-in-codes"));
    const { token } = await signIn(paired.signInCode);
    const dump = JSON.stringify([
      (await env.DB.prepare("SELECT * FROM personal_tokens").all()).results,
      (await env.DB.prepare("SELECT * FROM sign_in_codes").all()).results,
    ]);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(paired.signInCode);
  });

  it("pairs another device, lists tokens and revokes one", async () => {
    const alice = await person();
    const paired = ok(await call(as(alice), "post", "/api/v1/me/sign-in-codes"), 201);
    const device = await signIn(paired.signInCode);
    expect(device.personId).toBe(alice.personId);
    const list = ok(await call(as(device), "get", "/api/v1/me/tokens"));
    expect(list.tokens).toHaveLength(2);
    const original = list.tokens.find((t) => !t.current);
    ok(
      await call(as(device), "delete", "/api/v1/me/tokens/{tokenId}", { params: { tokenId: original?.id ?? "" } }),
      204,
    );
    // The challenge header is what a client reads to know it must sign in again.
    const revoked = await send("GET", "/me", { token: alice.token });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toMatch(/Bearer/);
    ok(await call(as(device), "get", "/api/v1/me"), 200);
  });

  it("signs out by revoking the token in use", async () => {
    const alice = await person();
    ok(await call(as(alice), "post", "/api/v1/sign-out"), 204);
    fails(await call(as(alice), "get", "/api/v1/me"), 401);
  });

  it("answers 401 without a token or with a malformed one", async () => {
    fails(await call(as(null), "get", "/api/v1/me"), 401, "unauthorized");
    fails(await call(as("acc_short"), "get", "/api/v1/me"), 401);
    expect((await send("GET", "/partnerships", { headers: { Authorization: "Basic eDp5" } })).status).toBe(401);
  });
});

describe("people and roles", () => {
  it("keeps at least one facilitator per organization", async () => {
    const { pid, facA } = await partnership();
    const role = (by: { token: string }) =>
      call(as(by), "patch", "/api/v1/partnerships/{partnershipId}/people/{personId}", {
        params: { partnershipId: pid, personId: facA.personId },
        body: { role: "member" },
      });
    expect(fails(await role(facA), 409).message).toMatch(/at least one facilitator/);
    const second = await invite(pid, facA, "Second A", "facilitator");
    expect(ok(await role(second), 200).role).toBe("member");
    const log = ok(
      await call(as(second), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: pid } }),
    );
    const roleChanges = log.entries.filter((e) => e.action === "person.role_changed");
    expect(roleChanges).toHaveLength(1);
  });

  it("lets only an organization's own facilitators manage its people", async () => {
    const { pid, facB, membersA } = await partnership();
    const target = { partnershipId: pid, personId: membersA[0]?.personId ?? "" };
    fails(
      await call(as(facB), "patch", "/api/v1/partnerships/{partnershipId}/people/{personId}", {
        params: target,
        body: { role: "facilitator" },
      }),
      403,
    );
    fails(
      await call(as(facB), "delete", "/api/v1/partnerships/{partnershipId}/people/{personId}", { params: target }),
      403,
    );
    fails(
      await call(as(membersA[0]?.token ?? null), "post", "/api/v1/partnerships/{partnershipId}/invites", {
        params: { partnershipId: pid },
        body: { name: "X", role: "member" },
      }),
      403,
    );
  });

  it("removes a person: membership and credentials go, the audit log records it", async () => {
    const { pid, facA, membersA } = await partnership();
    const leaver = membersA[0];
    ok(
      await call(as(facA), "delete", "/api/v1/partnerships/{partnershipId}/people/{personId}", {
        params: { partnershipId: pid, personId: leaver?.personId ?? "" },
      }),
      204,
    );
    fails(await call(as(leaver?.token ?? null), "get", "/api/v1/me"), 401);
    const people = ok(
      await call(as(facA), "get", "/api/v1/partnerships/{partnershipId}/people", { params: { partnershipId: pid } }),
    );
    expect(people.people.map((p) => p.id)).not.toContain(leaver?.personId);
    const log = ok(
      await call(as(facA), "get", "/api/v1/partnerships/{partnershipId}/audit", { params: { partnershipId: pid } }),
    );
    expect(log.entries[0]).toMatchObject({ action: "person.removed", targetId: leaver?.personId });
  });

  it("refuses to remove the last facilitator and writes nothing", async () => {
    const { pid, facA } = await partnership();
    const audit = await count("audit_log");
    fails(
      await call(as(facA), "delete", "/api/v1/partnerships/{partnershipId}/people/{personId}", {
        params: { partnershipId: pid, personId: facA.personId },
      }),
      409,
    );
    expect(await count("audit_log")).toBe(audit);
    ok(await call(as(facA), "get", "/api/v1/me"), 200);
  });

  it("treats an invite naming an existing externalId as the same person", async () => {
    const { pid, facA } = await partnership();
    const inviteDana = (partnershipId: string, name: string) =>
      call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/invites", {
        params: { partnershipId },
        body: { name, externalId: "dana@a.example", role: "member" },
      });
    const first = ok(await inviteDana(pid, "Dana"));
    const other = ok(await call(as(facA), "post", "/api/v1/partnerships", { body: { name: "A alone" } }));
    const second = ok(await inviteDana(other.id, "Dana D."), 201);
    expect(first.signInCode).toEqual(expect.any(String));
    expect(second.person.id).toBe(first.person.id);
    // A sign-in code never hands over an existing person: the invite adds the membership only.
    expect(second).toMatchObject({ signInCode: null, expiresAt: null });
    fails(await inviteDana(pid, "Dana"), 409);
  });
});
