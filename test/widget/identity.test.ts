/**
 * Who may use the widget, and from where: bad embed tokens are refused with a clear message in the
 * element, token-url tokens are refreshed before they expire and after a refusal, and pages on
 * origins their organization does not allow are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../../widget/src/api";
import { intranetCsp, signEmbedToken } from "../../worker/scripts/intranet";
import { keepScreenshot } from "../browser/screenshots";
import { type EmbedDemo, events, ok, openCycle, PID, pageWith, person, startEmbedDemo, violations } from "./fixtures";

let demo: EmbedDemo;

beforeAll(async () => {
  demo = await startEmbedDemo();
  await openCycle(demo, "pulse", "Identity pulse");
});
afterAll(async () => {
  await demo?.stop();
});

/** The embed door's answer to `token` from the intranet's origin. */
async function apiStatus(token: string) {
  const res = await fetch(`${demo.accord.baseUrl}/api/v1/embed/${PID}/principles`, {
    headers: { Authorization: `Bearer ${token}`, Origin: demo.intranet.url },
  });
  return res.status;
}

describe("embed tokens", () => {
  const kenji = person("Kenji");
  const now = () => Math.floor(Date.now() / 1000);
  const unsigned = (header: object, payload: object) =>
    `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.`;
  const cases: [string, () => string, RegExp][] = [
    ["forged", () => signEmbedToken("not-the-embed-secret", kenji), /key is unknown or its signature is invalid/],
    ["expired", () => demo.token(kenji, { iat: now() - 7200, exp: now() - 3600 }), /has expired/],
    [
      "signed with alg none",
      () =>
        unsigned(
          { alg: "none", typ: "JWT" },
          { iss: "ek_demonorthwind", sub: kenji.externalId, aud: "accord", exp: now() + 600 },
        ),
      /must be signed with "alg": "HS256"/,
    ],
    ["too long-lived", () => demo.token(kenji, { exp: now() + 2 * 3600 }), /lives too long/],
    ["for another audience", () => demo.token(kenji, { aud: "someone-else" }), /audience must be "accord"/],
    ["not valid yet", () => demo.token(kenji, { nbf: now() + 3600 }), /not valid yet/],
    ["issued in the future", () => demo.token(kenji, { iat: now() + 120 }), /issued in the future/],
  ];

  it.each(cases)(
    "refuses an embed token that is %s, with a clear message in the element",
    async (kind, make, reason) => {
      const token = make();
      expect(await apiStatus(token)).toBe(401);
      const page = await pageWith(
        demo,
        `${demo.intranet.url}/token-${kind.replace(/\W/g, "-")}`,
        `<accord-pulse partnership="${PID}" token="${token}"></accord-pulse>`,
      );
      const pulse = page.locator("accord-pulse");
      await pulse.getByRole("alert").getByText("You're not signed in to Accord").waitFor();
      expect(await pulse.getByRole("alert").textContent()).toMatch(reason);
      expect(await pulse.getByRole("button", { name: "Usually" }).count()).toBe(0);
      expect(await events(page)).toContainEqual({
        type: "accord:error",
        detail: expect.objectContaining({ status: 401, code: "unauthorized" }),
      });
      expect(await violations(page)).toEqual([]);
      if (kind === "expired") await keepScreenshot(pulse, "widget-signed-out.png");
      await page.close();
    },
  );

  it("refuses someone their organization's admin removed, saying why in the element", async () => {
    const rita = { externalId: "rita.removed@northwind.example", name: "Rita Removed" };
    // Her first token creates her, as it would on her first visit to the intranet.
    ok(
      await call(demo.asPerson(rita), "get", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: PID },
      }),
    );
    const directory = ok(
      await call(demo.facilitator, "get", "/api/v1/organizations/{organizationId}/people", {
        params: { organizationId: "org_northwind" },
      }),
    ).people;
    const id = directory.find((p) => p.externalId === rita.externalId)?.id;
    if (!id) throw new Error("Rita's first token did not create her");
    ok(
      await call(demo.facilitator, "post", "/api/v1/organizations/{organizationId}/people/{personId}/remove", {
        params: { organizationId: "org_northwind", personId: id },
      }),
    );

    const page = await pageWith(
      demo,
      `${demo.intranet.url}/removed`,
      `<accord-pulse partnership="${PID}" token="${demo.token(rita)}"></accord-pulse>`,
    );
    const pulse = page.locator("accord-pulse");
    const alert = pulse.getByRole("alert");
    await alert.getByText("Accord can't show this to you").waitFor();
    expect(await alert.textContent()).toMatch(/removed you/);
    // Not the integrator's origin problem: nothing tells them to allow this page.
    expect(await alert.textContent()).not.toMatch(/allow/);
    expect(await pulse.getByRole("button", { name: "Usually" }).count()).toBe(0);
    expect(await events(page)).toContainEqual({
      type: "accord:error",
      detail: expect.objectContaining({ status: 403, code: "forbidden" }),
    });
    await keepScreenshot(pulse, "widget-removed.png");
  });

  it("takes a valid token from the token attribute, and reloads when a refused one is replaced", async () => {
    const page = await pageWith(
      demo,
      `${demo.intranet.url}/token-replaced`,
      `<accord-pulse partnership="${PID}" token="${demo.token(kenji, { exp: now() - 3600 })}"></accord-pulse>`,
    );
    const pulse = page.locator("accord-pulse");
    await pulse.getByText("You're not signed in to Accord").waitFor();
    await page.evaluate(
      (token) => document.querySelector("accord-pulse")?.setAttribute("token", token),
      demo.token(kenji),
    );
    await pulse.getByRole("button", { name: "Usually" }).waitFor();
  });

  it("fetches a new token from token-url before the old one expires, and after the API refused one", async () => {
    const tokenCalls: string[] = [];
    let refuseNext = false;
    const page = await demo.browser.newPage();
    // The intranet's token endpoint, handing out tokens that live 30 s (less than the refresh margin).
    await page.route(`${demo.intranet.url}/short-token`, (route) => {
      tokenCalls.push(new Date().toISOString());
      return route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ token: demo.token(person("Hannah"), { exp: now() + 30 }) }),
      });
    });
    // The first answer is refused as if its token had just been revoked.
    await page.route(/\/responses$/, (route) => {
      if (!refuseNext) return route.continue();
      refuseNext = false;
      return route.fulfill({
        status: 401,
        headers: { "Access-Control-Allow-Origin": demo.intranet.url, "Content-Type": "application/json" },
        body: JSON.stringify({ error: { code: "unauthorized", message: "The embed token has expired" } }),
      });
    });
    await page.route(`${demo.intranet.url}/short`, (route) =>
      route.fulfill({
        contentType: "text/html",
        headers: { "Content-Security-Policy": intranetCsp(demo.accord.baseUrl) },
        body: `<!doctype html><html lang="en"><head><title>t</title><script src="${demo.accord.baseUrl}/embed/v1/accord.js"></script></head>
          <body><main><accord-pulse partnership="${PID}" token-url="/short-token"></accord-pulse></main></body></html>`,
      }),
    );
    await page.goto(`${demo.intranet.url}/short`);
    const pulse = page.locator("accord-pulse");
    await pulse.getByRole("button", { name: "Often" }).waitFor();
    expect(tokenCalls).toHaveLength(1);
    refuseNext = true;
    await pulse.getByRole("button", { name: "Often" }).click();
    await pulse.locator(".ac-save", { hasText: "Saved" }).waitFor({ timeout: 20_000 });
    // One for the first answer (the cached token was about to expire), one after the refusal.
    expect(tokenCalls.length).toBeGreaterThanOrEqual(3);
    const answers = ok(
      await call(demo.asPerson(person("Hannah")), "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
        params: { partnershipId: PID },
        query: { kind: "pulse" },
      }),
    ).mine?.answers;
    expect(answers).toMatchObject([{ performance: 3 }]);
  });
});

describe("origins", () => {
  it("refuses a page whose origin no organization of the partnership allows", async () => {
    const refused = "http://refused.example.test";
    const res = await fetch(`${demo.accord.baseUrl}/api/v1/embed/${PID}/principles`, {
      method: "OPTIONS",
      headers: {
        Origin: refused,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const direct = await fetch(`${demo.accord.baseUrl}/api/v1/embed/${PID}/principles`, {
      headers: { Authorization: `Bearer ${demo.token(person("Kenji"))}`, Origin: refused },
    });
    expect(direct.status).toBe(403);

    const page = await pageWith(
      demo,
      `${refused}/intranet`,
      `<accord-principles partnership="${PID}" token="${demo.token(person("Kenji"))}"></accord-principles>`,
    );
    const principles = page.locator("accord-principles");
    await principles.getByText("This site may not show Accord").waitFor();
    await principles.getByText(`Ask your Accord facilitator to allow ${refused}.`).waitFor();
    expect(await principles.getByRole("listitem").count()).toBe(0);
    await keepScreenshot(principles, "widget-refused.png");
  });

  it("refuses a page another organization allows but the person's organization does not", async () => {
    // Allowed origins are https (http only for loopback); the browser serves this page itself.
    const acmeSite = "https://acme-intranet.example.test";
    // Jonas, a demo facilitator, is his organization's admin: origins belong to the organization.
    ok(
      await call(demo.acmeFacilitator, "put", "/api/v1/organizations/{organizationId}/allowed-origins", {
        params: { organizationId: "org_acme" },
        body: { origins: [acmeSite] },
      }),
    );
    const page = await pageWith(
      demo,
      `${acmeSite}/news`,
      `<accord-pulse partnership="${PID}" token="${demo.token(person("Kenji"))}"></accord-pulse>`,
    );
    const pulse = page.locator("accord-pulse");
    await pulse.getByText("This site may not show Accord").waitFor();
    expect(await events(page)).toContainEqual({
      type: "accord:error",
      detail: expect.objectContaining({ status: 403, code: "forbidden" }),
    });
  });
});

describe("attributes", () => {
  it("talks to the API its api attribute names, in the language its lang attribute names", async () => {
    const other = "http://accord-eu.example.test";
    const calls: string[] = [];
    const page = await demo.browser.newPage();
    await page.route(`${other}/**`, (route) => {
      const request = route.request();
      calls.push(`${request.method()} ${new URL(request.url()).pathname}`);
      const cors = {
        "Access-Control-Allow-Origin": demo.intranet.url,
        "Access-Control-Allow-Headers": "Authorization",
        "Access-Control-Allow-Methods": "GET",
      };
      if (request.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
      const version = { title: "Anderswo vereinbart", description: "Von einer anderen Accord-Instanz." };
      return route.fulfill({
        headers: { ...cors, "Content-Type": "application/json" },
        body: JSON.stringify({
          principles: [{ id: "pri_elsewhere", status: "agreed", current: version, agreedVersion: version }],
        }),
      });
    });
    await page.route(`${demo.intranet.url}/attributes`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><head><title>t</title><script src="${demo.accord.baseUrl}/embed/v1/accord.js"></script></head>
          <body><accord-principles partnership="${PID}" token="${demo.token(person("Kenji"))}" api="${other}" lang="de"></accord-principles></body></html>`,
      }),
    );
    await page.goto(`${demo.intranet.url}/attributes`);
    const principles = page.locator("accord-principles");
    await principles.getByRole("heading", { name: "Unsere vereinbarten Prinzipien" }).waitFor();
    await principles.getByRole("heading", { name: "Anderswo vereinbart" }).waitFor();
    expect(calls).toContain(`GET /api/v1/embed/${PID}/principles`);
  });
});
