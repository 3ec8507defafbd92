/**
 * The demo intranet, on its own origin, embeds the widget from the worker: the four elements work
 * end to end, ratings land in the API, a reload resumes, an offline rating is stored exactly once.
 */
import { createHash } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../../widget/src/api";
import { keepScreenshot } from "../browser/screenshots";
import {
  answersOf,
  builtManifest,
  type EmbedDemo,
  events,
  ok,
  openCycle,
  openIntranet,
  PID,
  person,
  ratingRows,
  startEmbedDemo,
} from "./fixtures";

let demo: EmbedDemo;
const pages: Page[] = [];

beforeAll(async () => {
  demo = await startEmbedDemo();
});
afterAll(async () => {
  await demo?.stop();
});

async function open(firstName: string, query = ""): Promise<Page> {
  const page = await openIntranet(demo, person(firstName), query);
  pages.push(page);
  return page;
}

describe("the embed script on the worker", () => {
  it("is served at a hashed immutable URL and a short-cached alias, public to every origin", async () => {
    const manifest = builtManifest();
    const [hashed, alias] = await Promise.all([
      fetch(`${demo.accord.baseUrl}${manifest.script}`),
      fetch(`${demo.accord.baseUrl}${manifest.alias}`),
    ]);
    const bytes = Buffer.from(await hashed.arrayBuffer());
    expect(Buffer.from(await alias.arrayBuffer()).equals(bytes)).toBe(true);
    expect(`sha384-${createHash("sha384").update(bytes).digest("base64")}`).toBe(manifest.integrity);
    expect(hashed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(alias.headers.get("cache-control")).toBe("public, max-age=300");
    for (const res of [hashed, alias]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      expect(res.headers.get("content-type")).toMatch(/javascript/);
    }
    for (const file of manifest.lazy) {
      const res = await fetch(`${demo.accord.baseUrl}${file.path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
    }
  });

  it("gives the console's pages a strict Content-Security-Policy", async () => {
    // /* in _headers covers every static file; the manifest always exists, the console may not yet.
    const res = await fetch(`${demo.accord.baseUrl}/embed/v1/manifest.json`);
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });
});

describe("the demo intranet", () => {
  it("embeds all four elements from the worker's origin, injecting nothing into the page", async () => {
    const page = await openIntranet(demo, person("Daniel"));
    pages.push(page);
    await page.addInitScript(() => {
      (window as unknown as { before: string[] }).before = Object.getOwnPropertyNames(window);
    });
    const script = page.waitForResponse((r) => r.url().endsWith("/embed/v1/accord.js"));
    await page.reload();
    const res = await script;
    expect(new URL(res.url()).origin).toBe(demo.accord.baseUrl);
    expect(new URL(page.url()).origin).toBe(demo.intranet.url);
    // The browser saw the _headers rules too (wrangler's local assets server applies them).
    expect(res.headers()["access-control-allow-origin"]).toBe("*");

    await page.locator("accord-survey").getByRole("radiogroup").first().waitFor();
    await page.locator("accord-pulse").getByRole("group").waitFor();
    await page.locator("accord-principles").getByRole("listitem").first().waitFor();
    await page.locator("accord-results").getByText("Strengths").waitFor();

    const host = await page.evaluate(() => ({
      newGlobals: Object.getOwnPropertyNames(window).filter(
        (k) => !(window as unknown as { before: string[] }).before.includes(k) && k !== "before",
      ),
      styleSheets: [...document.styleSheets].map((s) => s.href),
      adopted: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll("style").length,
      storage: localStorage.length + sessionStorage.length,
      shadows: ["accord-survey", "accord-pulse", "accord-principles", "accord-results"].map(
        (tag) => document.querySelector(tag)?.shadowRoot?.adoptedStyleSheets.length ?? -1,
      ),
    }));
    expect(host).toEqual({
      newGlobals: [],
      styleSheets: [`${demo.intranet.url}/intranet.css`],
      adopted: 0,
      styleElements: 0,
      storage: 0,
      shadows: [1, 1, 1, 1],
    });
    await keepScreenshot(page, "widget-intranet.png", { fullPage: true });
  });

  it("stores a click on a rating, and a reload resumes with the saved partial answer", async () => {
    const cycle = await openCycle(demo, "assessment", "Widget check-in");
    const first = cycle.principles[0];
    if (!first) throw new Error("The test cycle asks no principle");
    const priya = person("Priya");
    const page = await open("Priya");
    const survey = page.locator("accord-survey");
    await survey.getByRole("heading", { name: first.title }).waitFor();
    await survey.getByText("Widget check-in").waitFor();

    await survey.getByRole("radio", { name: "Usually" }).click();
    await survey.locator(".ac-save", { hasText: "Saved" }).waitFor();
    expect(await answersOf(demo, priya, "assessment")).toEqual([
      { principleId: first.principleId, performance: 4, importance: null, comment: null },
    ]);

    await page.reload();
    await survey.getByRole("heading", { name: first.title }).waitFor();
    expect(await survey.getByRole("radio", { name: "Usually" }).isChecked()).toBe(true);
    expect(await survey.getByRole("radio", { name: "Essential" }).isChecked()).toBe(false);
    expect(await survey.locator(".ac-progress").textContent()).toContain(`0 of ${cycle.principles.length} answered`);
  });

  it("walks through every card, keeps answers as it goes and submits", async () => {
    const cycle = await openCycle(demo, "assessment", "Full walk-through");
    const total = cycle.principles.length;
    const grace = person("Grace");
    const page = await open("Grace");
    const survey = page.locator("accord-survey");
    for (const [i, principle] of cycle.principles.entries()) {
      await survey.getByRole("heading", { name: principle.title }).waitFor();
      expect(await survey.getByText(`Principle ${i + 1} of ${total}`).count()).toBe(1);
      // Keyboard only for the first card: arrow keys move inside a radio group.
      if (i === 0) {
        await survey.getByRole("radio", { name: "Rarely" }).focus();
        await page.keyboard.press("ArrowRight");
        await page.keyboard.press("ArrowRight");
        expect(await survey.getByRole("radio", { name: "Often" }).isChecked()).toBe(true);
      } else {
        await survey.getByRole("radio", { name: "Consistently" }).click();
      }
      await survey
        .getByRole("radiogroup", { name: "How important is it to us?" })
        .getByRole("radio", { name: "Can't say" })
        .click();
      if (i === 1)
        await survey.getByRole("textbox", { name: "Comment (optional)" }).fill("We share forecasts early now.");
      expect(await survey.locator(".ac-progress").textContent()).toContain(`${i + 1} of ${total} answered`);
      await survey.getByRole("button", { name: i < total - 1 ? "Next" : "Submit answers" }).click();
    }
    await survey.getByText("Thank you — your answers are in.").waitFor();
    await page.waitForFunction(() =>
      (window as unknown as { accordEvents: { type: string }[] }).accordEvents.some(
        (e) => e.type === "accord:submitted",
      ),
    );
    expect((await events(page)).filter((e) => e.type === "accord:submitted")).toEqual([
      { type: "accord:submitted", detail: { kind: "assessment", cycleId: cycle.id, answered: total, total } },
    ]);
    const answers = await answersOf(demo, grace, "assessment");
    expect(answers).toHaveLength(total);
    expect(answers.map((a) => [a.performance, a.importance])).toEqual(
      cycle.principles.map((_, i) => [i === 0 ? 3 : 5, "cant_say"]),
    );
    expect(answers[1]?.comment).toBe("We share forecasts early now.");

    // Answered before: a reload opens on "thanks", and "change" goes back to the cards.
    await page.reload();
    await survey.getByRole("button", { name: "Change answers" }).click();
    await survey.getByRole("heading", { name: cycle.principles[0]?.title }).waitFor();
    expect(await survey.getByRole("radio", { name: "Often" }).isChecked()).toBe(true);
    await keepScreenshot(survey, "widget-survey.png");
  });

  it("takes a pulse in one click, then says thanks and lets the person change it", async () => {
    const pulse = await openCycle(demo, "pulse");
    const principle = pulse.principles[0];
    if (!principle) throw new Error("The test pulse asks no principle");
    const tomas = person("Tomás");
    const page = await open("Tomás");
    const element = page.locator("accord-pulse");
    await element.getByRole("heading", { name: principle.title }).waitFor();
    await keepScreenshot(element, "widget-pulse.png");

    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/responses")) posts.push(r.postData() ?? "");
    });
    await element.getByRole("button", { name: "Usually" }).click();
    await element.getByText("Thanks — you said “Usually”.").waitFor();
    await element.locator(".ac-save", { hasText: "Saved" }).waitFor();
    expect(posts).toEqual([JSON.stringify({ answers: [{ principleId: principle.principleId, performance: 4 }] })]);
    expect(await answersOf(demo, tomas, "pulse")).toMatchObject([
      { principleId: principle.principleId, performance: 4 },
    ]);
    expect((await events(page)).filter((e) => e.type === "accord:submitted")).toEqual([
      { type: "accord:submitted", detail: { kind: "pulse", cycleId: pulse.id, answered: 1, total: 1 } },
    ]);
    await keepScreenshot(element, "widget-pulse-thanks.png");

    await element.getByRole("button", { name: "Change" }).click();
    expect(await element.getByRole("button", { name: "Usually" }).getAttribute("aria-pressed")).toBe("true");
    await element.getByRole("button", { name: "Often" }).click();
    await element.getByText("Thanks — you said “Often”.").waitFor();
    await element.locator(".ac-save", { hasText: "Saved" }).waitFor();
    expect(await answersOf(demo, tomas, "pulse")).toMatchObject([{ performance: 3 }]);
    expect(await ratingRows(demo, pulse.id)).toBe(1);
  });

  it("keeps an answer given offline and stores it exactly once when the network is back", async () => {
    const pulse = await openCycle(demo, "pulse", "Offline pulse");
    const lukas = person("Lukas");
    const page = await open("Lukas");
    const element = page.locator("accord-pulse");
    await element.getByRole("group").waitFor();

    const keys: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/responses")) keys.push(r.headers()["idempotency-key"] ?? "");
    });
    // Offline: requests to the API fail without reaching it.
    const offline = (route: import("playwright-core").Route) => route.abort("internetdisconnected");
    await page.route(/\/responses$/, offline);
    await element.getByRole("button", { name: "Consistently" }).click();
    await element.getByText("Not sent yet. We'll keep trying while this page is open.").waitFor();
    expect(await ratingRows(demo, pulse.id)).toBe(0);

    // Back online, but the first answer to reach the server gets lost on the way back: the retry
    // must carry the same key, so the server replays it instead of counting it again.
    await page.unroute(/\/responses$/, offline);
    let lostReplies = 0;
    await page.route(/\/responses$/, async (route) => {
      if (lostReplies++ === 0) {
        await route.fetch();
        await route.abort("connectionreset");
      } else {
        await route.continue();
      }
    });
    // The browser announces the network is back; the saver retries at once instead of after its backoff.
    const backOnline = () => page.evaluate(() => window.dispatchEvent(new Event("online")));
    const lost = page.waitForEvent("requestfailed", (r) => r.url().endsWith("/responses"));
    await backOnline();
    await lost;
    await backOnline();
    await element.locator(".ac-save", { hasText: "Saved" }).waitFor();
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(new Set(keys).size).toBe(1);
    expect(await ratingRows(demo, pulse.id)).toBe(1);
    expect(await answersOf(demo, lukas, "pulse")).toMatchObject([{ performance: 5 }]);
    const cycle = ok(
      await call(demo.facilitator, "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", {
        params: { partnershipId: PID, cycleId: pulse.id },
      }),
    );
    // One respondent is fewer than k: while the pulse is open, the count itself is not shown.
    expect(cycle.participation.find((o) => o.organizationId === "org_northwind")).toMatchObject({
      responded: null,
      fewerThanK: true,
    });
  });

  it("lists the agreed principles and the latest results, with suppressed figures said so", async () => {
    const page = await open("Daniel");
    const principles = page.locator("accord-principles");
    await principles.getByRole("listitem").first().waitFor();
    const agreed = ok(
      await call(demo.facilitator, "get", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: PID },
        query: { status: "agreed" },
      }),
    ).principles;
    expect(await principles.getByRole("listitem").count()).toBe(agreed.length);
    for (const p of agreed) {
      await principles.getByRole("heading", { name: (p.agreedVersion ?? p.current).title }).waitFor();
    }

    const results = page.locator("accord-results");
    await results.getByRole("heading", { name: "Strengths" }).waitFor();
    const latest = ok(
      await call(demo.facilitator, "get", "/api/v1/partnerships/{partnershipId}/cycles/latest/results", {
        params: { partnershipId: PID },
        query: { kind: "assessment" },
      }),
    );
    const strength = latest.principles?.find((p) => p.principleId === latest.strengths?.[0]);
    if (!strength) throw new Error("The seeded results have no strength");
    await results.getByRole("region", { name: "Strengths" }).getByText(strength.title).waitFor();
    const suppressed = latest.principles?.filter((p) => typeof p.score !== "number") ?? [];
    expect(await results.getByText(`Fewer than ${latest.k} responses`).count()).toBe(suppressed.length);
    // Counted by the language's plural rules: never "1 people".
    const responded = latest.participation.reduce((n, o) => n + (o.responded ?? 0), 0);
    expect(responded).toBeGreaterThan(1);
    await results.getByText(`${responded} people responded`, { exact: true }).waitFor();
    await keepScreenshot(results, "widget-results.png");
    await keepScreenshot(principles, "widget-principles.png");
  });

  it("speaks German on a German page, numbers and dates included", async () => {
    const page = await open("Daniel", "&lang=de");
    await page.locator("accord-pulse").getByText("Wie konsequent leben wir das gerade?").waitFor();
    await page.locator("accord-principles").getByText("Unsere vereinbarten Prinzipien").waitFor();
    const results = page.locator("accord-results");
    await results.getByText("Stärken").waitFor();
    await results.getByText(/^\d+ Personen haben geantwortet$/).waitFor();
    // A decimal comma, and a German month name.
    expect(await results.locator(".ac-figure").first().textContent()).toMatch(/^\d,\d/);
    expect(await page.locator("accord-pulse").locator(".ac-eyebrow").textContent()).toMatch(
      /Offen bis \d+\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)/,
    );
    await keepScreenshot(page, "widget-intranet-de.png", { fullPage: true });
  });

  it("renders a principle title containing markup as text", async () => {
    const title = `<img src=x onerror="window.pwned=1">Markup & "quotes"`;
    const created = ok(
      await call(demo.facilitator, "post", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: PID },
        body: { title, description: "<b>Bold</b> claims <script>window.pwned=2</script> stay text." },
      }),
    );
    for (const client of [demo.facilitator, demo.acmeFacilitator]) {
      ok(
        await call(client, "put", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/stance", {
          params: { partnershipId: PID, principleId: created.id },
          body: { stance: "endorse" },
        }),
      );
    }
    const page = await open("Daniel");
    const principles = page.locator("accord-principles");
    await principles.getByRole("heading", { name: title }).waitFor();
    await principles.getByText("<b>Bold</b> claims <script>window.pwned=2</script> stay text.").waitFor();
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { pwned?: number }).pwned ?? null,
      elements: document.querySelector("accord-principles")?.shadowRoot?.querySelectorAll("img, b, script").length,
    }));
    expect(injected).toEqual({ pwned: null, elements: 0 });
  });

  it("treats a person first invited, then seen through an embed token, as one person", async () => {
    const alex = person("Alex");
    const invited = ok(
      await call(demo.facilitator, "post", "/api/v1/partnerships/{partnershipId}/invites", {
        params: { partnershipId: PID },
        body: { name: "Alex Morgan", externalId: alex.externalId, role: "member" },
      }),
    );
    // Who may answer is fixed when a cycle opens: a pulse opened after the invite is Alex's to answer.
    await openCycle(demo, "pulse", "After Alex joined");
    const page = await open("Alex");
    await page.locator("accord-principles").getByRole("listitem").first().waitFor();
    const pulse = page.locator("accord-pulse");
    await pulse.getByRole("button", { name: "Often" }).click();
    await pulse.locator(".ac-save", { hasText: "Saved" }).waitFor();

    const people = ok(
      await call(demo.facilitator, "get", "/api/v1/partnerships/{partnershipId}/people", {
        params: { partnershipId: PID },
      }),
    ).people.filter((p) => p.name === "Alex Morgan" || p.externalId === alex.externalId);
    expect(people.map((p) => p.id)).toEqual([invited.person.id]);
    const rows = await demo.accord.query<{ id: string }>(
      "SELECT id FROM people WHERE external_id = ? AND organization_id = 'org_northwind'",
      alex.externalId,
    );
    expect(rows.map((r) => r.id)).toEqual([invited.person.id]);
  });
});
