import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/src/app";
import { agreedPrinciples, openCycle, partnership, send } from "./helpers";

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
    const doc = await send("GET", "/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
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
    const action = await send("POST", `/partnerships/${first.pid}/actions`, {
      token: first.facA.token,
      body: { kind: "improve", title: "T", principleId },
    });
    const proposal = await send("POST", `/partnerships/${first.pid}/settings-proposals`, {
      token: first.facA.token,
      body: { k: 4 },
    });
    expect(proposal.status).toBe(201);
    const ids: Record<string, string> = {
      proposalId: proposal.body.id,
      partnershipId: first.pid,
      principleId: principleId as string,
      cycleId: cycle.id,
      actionId: action.body.id,
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
    const listed = await send("GET", "/partnerships", { token: second.facA.token });
    expect(listed.body.partnerships.map((p: { id: string }) => p.id)).toEqual([second.pid]);
  });

  it("answers 404 for an id of another partnership inside one's own", async () => {
    const first = await partnership();
    const second = await partnership();
    const foreign = await send("POST", `/partnerships/${second.pid}/principles`, {
      token: second.facA.token,
      body: { title: "T", description: "D" },
    });
    const probe = await send("GET", `/partnerships/${first.pid}/principles/${foreign.body.id}`, {
      token: first.facA.token,
    });
    const missing = await send("GET", `/partnerships/${first.pid}/principles/pri_nope`, { token: first.facA.token });
    expect(probe.status).toBe(404);
    expect(probe.body).toEqual(missing.body);
    const person = await send("PATCH", `/partnerships/${first.pid}/people/${second.membersA[0]?.personId}`, {
      token: first.facA.token,
      body: { role: "member" },
    });
    expect(person.status).toBe(404);
    const foreignProposal = await send("POST", `/partnerships/${second.pid}/settings-proposals`, {
      token: second.facA.token,
      body: { commentThreshold: 4, k: 4 },
    });
    expect(foreignProposal.status).toBe(201);
    for (const verb of ["approve", "reject"]) {
      const approve = await send(
        "POST",
        `/partnerships/${first.pid}/settings-proposals/${foreignProposal.body.id}/${verb}`,
        {
          token: first.facA.token,
        },
      );
      const nope = await send("POST", `/partnerships/${first.pid}/settings-proposals/spr_nope/${verb}`, {
        token: first.facA.token,
      });
      expect(approve.status, verb).toBe(404);
      expect(approve.body, verb).toEqual(nope.body);
    }
    const untouched = await send("GET", `/partnerships/${second.pid}/settings-proposals`, { token: second.facB.token });
    expect(untouched.body.proposals).toEqual([
      expect.objectContaining({ id: foreignProposal.body.id, status: "open", awaiting: [second.orgB] }),
    ]);
    // Another organization's allowed origins: as missing as an organization that does not exist.
    const org = await send("PUT", `/organizations/${second.orgB}/allowed-origins`, {
      token: first.facA.token,
      body: { origins: [] },
    });
    const noOrg = await send("PUT", "/organizations/org_nope/allowed-origins", {
      token: first.facA.token,
      body: { origins: [] },
    });
    expect(org.status).toBe(404);
    expect(org.body).toEqual(noOrg.body);
  });
});
