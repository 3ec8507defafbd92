import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/src/app";
import { agreedPrinciples, as, call, fails, ok, openapi, openCycle, partnership, send } from "./helpers";

/** Every route the app registered (not middleware), as "METHOD /path/:param". */
function registeredRoutes() {
  const seen = new Set<string>();
  for (const r of createApp().routes) {
    if (r.method === "ALL" || !r.path.startsWith("/api/v1/")) continue;
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen].map((s) => {
    const [method, path] = s.split(" ") as [string, string];
    return { method, path };
  });
}

describe("tenant isolation", () => {
  it("documents every registered route in the OpenAPI document", async () => {
    const doc = await openapi();
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const routes = registeredRoutes().filter((r) => r.path !== "/api/v1/openapi.json");
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) expect(documented, `${r.method} ${r.path}`).toContain(`${r.method} ${r.path}`);
  });

  it("answers 404, with the body of a missing id, on every partnership route for an outsider", async () => {
    const first = await partnership();
    const second = await partnership({ name: "Elsewhere" });
    const [principleId] = await agreedPrinciples(first.pid, first.facA, first.facB, 1);
    const cycle = await openCycle(first.pid, first.facA);
    const params = { partnershipId: first.pid };
    const action = ok(
      await call(as(first.facA), "post", "/api/v1/partnerships/{partnershipId}/actions", {
        params,
        body: { kind: "improve", title: "T", principleId },
      }),
    );
    const proposal = ok(
      await call(as(first.facA), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params,
        body: { k: 4 },
      }),
      201,
    );
    const ids: Record<string, string> = {
      proposalId: proposal.id,
      partnershipId: first.pid,
      principleId: principleId as string,
      cycleId: cycle.id,
      actionId: action.id,
      personId: first.membersA[0]?.personId ?? "",
      organizationId: first.orgA,
    };
    const scoped = registeredRoutes().filter((r) => r.path.startsWith("/api/v1/partnerships/:partnershipId"));
    expect(scoped.length).toBeGreaterThan(10);
    for (const route of scoped) {
      const fill = (pid: string) =>
        route.path.replace("/api/v1", "").replaceAll(/:(\w+)/g, (_, name: string) => {
          if (name === "partnershipId") return pid;
          const id = ids[name];
          if (!id) throw new Error(`no id for :${name} in ${route.path}`);
          return id;
        });
      const outsider = await send(route.method, fill(first.pid), {
        token: second.facA.token,
        body: route.method === "GET" ? undefined : {},
      });
      const missing = await send(route.method, fill("prt_doesnotexist"), {
        token: second.facA.token,
        body: route.method === "GET" ? undefined : {},
      });
      expect(outsider.status, `${route.method} ${route.path}`).toBe(404);
      expect(outsider.body, `${route.method} ${route.path}`).toEqual(missing.body);
    }
    const listed = ok(await call(as(second.facA), "get", "/api/v1/partnerships"));
    expect(listed.partnerships.map((p) => p.id)).toEqual([second.pid]);
  });

  it("answers 404 for an id of another partnership inside one's own", async () => {
    const first = await partnership();
    const second = await partnership();
    const mine = { partnershipId: first.pid };
    const foreign = ok(
      await call(as(second.facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: second.pid },
        body: { title: "T", description: "D" },
      }),
    );
    const principle = (principleId: string) =>
      call(as(first.facA), "get", "/api/v1/partnerships/{partnershipId}/principles/{principleId}", {
        params: { ...mine, principleId },
      });
    // The same answer as for an id that does not exist.
    expect(fails(await principle(foreign.id), 404)).toEqual(fails(await principle("pri_nope"), 404));
    const person = await call(as(first.facA), "patch", "/api/v1/partnerships/{partnershipId}/people/{personId}", {
      params: { ...mine, personId: second.membersA[0]?.personId ?? "" },
      body: { role: "member" },
    });
    fails(person, 404);
    const foreignProposal = ok(
      await call(as(second.facA), "post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: { partnershipId: second.pid },
        body: { commentThreshold: 4, k: 4 },
      }),
      201,
    );
    for (const verb of ["approve", "reject"] as const) {
      const decide = (proposalId: string) =>
        call(as(first.facA), "post", `/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/${verb}`, {
          params: { ...mine, proposalId },
        });
      const approve = await decide(foreignProposal.id);
      const nope = await decide("spr_nope");
      expect(fails(approve, 404), verb).toEqual(fails(nope, 404));
    }
    const untouched = ok(
      await call(as(second.facB), "get", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: { partnershipId: second.pid },
      }),
    );
    expect(untouched.proposals).toEqual([
      expect.objectContaining({ id: foreignProposal.id, status: "open", awaiting: [second.orgB] }),
    ]);
    // Another organization's allowed origins: as missing as an organization that does not exist.
    const origins = (organizationId: string) =>
      call(as(first.facA), "put", "/api/v1/organizations/{organizationId}/allowed-origins", {
        params: { organizationId },
        body: { origins: [] },
      });
    expect(fails(await origins(second.orgB), 404)).toEqual(fails(await origins("org_nope"), 404));
  });
});
