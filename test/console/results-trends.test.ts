/**
 * Results that lead to action, on the seeded demo in headless Chromium: challenges sit inside
 * "Concentrate here" on the importance–performance chart, a principle's trend has a line with
 * action markers and gaps (never zeros) for hidden scores, pulse results are a trend, and the
 * printable partnership report shows exactly the results screen's figures. axe-core runs on each
 * new screen, and at 390 px no label is cut off. In German, the report, the results and the trends
 * speak German, and their longer words still fit.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Accord } from "../browser/harness";
import {
  type ConsolePage,
  type ConsoleWorld,
  expectNoAxeViolations,
  openConsole,
  pairingCode,
  sessionCall,
  signInWithCode,
  startConsoleWorld,
} from "./helpers";

const PID = "prt_demonorthwind";

type Cycle = { id: string; kind: "assessment" | "pulse"; status: string; closesAt: string; title: string };
type Point = { cycleId: string; score: number | { suppressed: true } };
type Trends = {
  principles: {
    principleId: string;
    title: string;
    points: Point[];
    actions: { id: string; createdAt: string; doneAt: string | null }[];
  }[];
};

/** Each challenge's dot centre against the "Concentrate here" rectangle, in screen pixels. */
async function challengePlacement(page: Page) {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll("[data-insight^='challenge:']")].map(
      (li) => li.getAttribute("data-insight")?.slice("challenge:".length) ?? "",
    );
    const box = document.querySelector("#quadrant rect[data-quadrant='concentrate']")?.getBoundingClientRect();
    return ids.map((id) => {
      const g = document.querySelector(`#quadrant g.acc-point[data-principle='${id}']`);
      const dot = g?.querySelector("circle")?.getBoundingClientRect();
      const cx = dot ? dot.left + dot.width / 2 : Number.NaN;
      const cy = dot ? dot.top + dot.height / 2 : Number.NaN;
      const inside =
        !!box &&
        !!dot &&
        cx >= box.left - 0.5 &&
        cx <= box.right + 0.5 &&
        cy >= box.top - 0.5 &&
        cy <= box.bottom + 0.5;
      return { id, quadrant: g?.getAttribute("data-quadrant") ?? null, inside };
    });
  });
}

/** Labels whose text is cut (wider than their box), and SVG text that runs outside its drawing. */
async function cutLabels(page: Page) {
  return page.evaluate(() => {
    const visible = (e: Element) => (e as HTMLElement).offsetParent !== null || e.closest("svg") !== null;
    const cut = [
      ...document.querySelectorAll(
        "#main :is(h1, h2, h3, h4, label, th, dt, dd, .btn, .badge, .acc-legend li, .trend-card-title, .trend-card-meta, .insight-title, summary, .results-meta)",
      ),
    ]
      .filter((e) => visible(e) && e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? "").trim().slice(0, 60)}`);
    // SVG text (chart labels, rotated ones included) must lie within its drawing, in screen pixels.
    for (const svg of document.querySelectorAll<SVGSVGElement>("#main svg.acc-svg")) {
      const frame = svg.getBoundingClientRect();
      if (frame.width === 0) continue;
      for (const text of svg.querySelectorAll<SVGTextElement>("text")) {
        const b = text.getBoundingClientRect();
        if (b.width === 0) continue;
        const out = Math.max(frame.left - b.left, frame.top - b.top, b.right - frame.right, b.bottom - frame.bottom);
        if (out > 1) cut.push(`svg text (${out.toFixed(0)} px out): ${(text.textContent ?? "").slice(0, 60)}`);
      }
    }
    return cut;
  });
}

/** Axe and the cut-label check at 1280 px and 390 px, and no sideways scroll on the narrow screen. */
async function checkScreen(page: Page, screen: string) {
  await expectNoAxeViolations(page, screen);
  expect(await cutLabels(page), `cut labels on ${screen} at 1280 px`).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await expectNoAxeViolations(page, `${screen} at 390 px`);
    expect(await cutLabels(page), `cut labels on ${screen} at 390 px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** The figures a screen marks for comparison, by key, as written. */
async function figures(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll("[data-figure]")].map((e) => [
        e.getAttribute("data-figure"),
        (e.textContent ?? "").replace(/\s+/g, " ").trim(),
      ]),
    ),
  );
}

const insights = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll("[data-insight]")].map((e) => e.getAttribute("data-insight")));

describe("console: results that lead to action, on the demo", () => {
  let world: ConsoleWorld;
  let accord: Accord;
  let maya: ConsolePage;
  let cycles: Cycle[] = [];
  let trends: Trends;

  beforeAll(async () => {
    world = await startConsoleWorld();
    accord = world.accord;
    maya = await openConsole(world.browser);
  });

  let signedIn: Promise<void> | undefined;
  /** Signs Maya in (once, inside the first test: the sign-in helper polls) and reads what the tests compare with. */
  const ready = () => {
    signedIn ??= (async () => {
      const person = accord.demo.people.find((p) => p.name === "Maya Lindqvist");
      if (!person) throw new Error("The demo seed gives no token to Maya Lindqvist");
      await signInWithCode(maya.page, accord.baseUrl, await pairingCode(accord.baseUrl, person.token));
      cycles = (await sessionCall<{ cycles: Cycle[] }>(maya.page, "GET", `/api/v1/partnerships/${PID}/cycles`)).json
        .cycles;
      trends = (await sessionCall<Trends>(maya.page, "GET", `/api/v1/partnerships/${PID}/trends`)).json;
    })();
    return signedIn;
  };

  afterAll(async () => {
    await world?.stop();
  });

  const closedAssessments = () =>
    cycles
      .filter((c) => c.kind === "assessment" && c.status === "closed")
      .sort((a, b) => (a.closesAt < b.closesAt ? -1 : 1));

  it("places every listed challenge inside “Concentrate here”, split at the partnership's own averages", async () => {
    await ready();
    const page = maya.page;
    expect(closedAssessments().length).toBeGreaterThanOrEqual(2);
    for (const cycle of closedAssessments()) {
      await world.go(page, `/p/${PID}/results?cycle=${cycle.id}`, "Results");
      await page.locator("#quadrant g.acc-point").first().waitFor();
      const placed = await challengePlacement(page);
      expect(placed.length, `challenges of ${cycle.id}`).toBeGreaterThan(0);
      for (const p of placed)
        expect(p, `challenge ${p.id} of ${cycle.id}`).toEqual({ id: p.id, quadrant: "concentrate", inside: true });
      // The chart says where it is split, and why.
      expect(await page.locator("#quadrant").textContent()).toMatch(
        /own averages .*performance \d\.\d, importance \d\.\d/,
      );
      const description = await page
        .getByRole("img", { name: /Importance versus performance/ })
        .getAttribute("aria-labelledby");
      expect(description).toBeTruthy();
    }
    // The table view for screen readers names each principle's quadrant.
    await page.locator("#quadrant summary", { hasText: "Show the numbers" }).click();
    const table = page.getByRole("table", { name: /Importance versus performance/ });
    expect(await table.textContent()).toContain("Concentrate here");
    // A hidden cell is never drawn at the centre of a radar: its spoke says "(hidden)" and no vertex sits on it.
    expect(await page.locator("#radars .acc-radar text", { hasText: "(hidden)" }).count()).toBeGreaterThan(0);
    const radar = page.locator("#radars .acc-radar").first();
    expect(await radar.locator("text", { hasText: "Share demand" }).count()).toBe(1);
    // Distribution bars: five distinct colours, not shades of one hue.
    const fills = await page.evaluate(() =>
      [1, 2, 3, 4, 5].map((i) => {
        const probe = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        probe.setAttribute("class", `acc-step${i}`);
        document.querySelector("#principles-detail svg.acc-dist")?.appendChild(probe);
        const fill = getComputedStyle(probe).fill;
        probe.remove();
        return fill;
      }),
    );
    expect(new Set(fills).size).toBe(5);
    expect(fills[0]).not.toBe(fills[4]);
    await checkScreen(page, "results with averages and trends");
  }, 120_000);

  it("draws a principle's trend line with action markers, hidden scores as gaps", async () => {
    await ready();
    const page = maya.page;
    const withAction = trends.principles.find((p) => p.actions.some((a) => a.doneAt));
    if (!withAction) throw new Error("The demo has no principle with a finished action");
    await world.go(page, `/p/${PID}/trends/${withAction.principleId}`, withAction.title);
    const chart = page.getByRole("img", { name: new RegExp(`${withAction.title}: score per assessment and pulse`) });
    await chart.waitFor();
    const block = page.locator(`[data-trend-principle='${withAction.principleId}']`);
    expect(await block.locator("[data-line='partnership'] polyline").count()).toBeGreaterThan(0);
    expect(await block.locator("[data-marker='began']").count()).toBeGreaterThan(0);
    expect(await block.locator("[data-marker='done']").count()).toBeGreaterThan(0);

    // One drawn point per shown figure; none for a hidden one (a gap, never a zero).
    const shown = withAction.points.filter((p) => typeof p.score === "number");
    const hidden = withAction.points.filter((p) => typeof p.score !== "number");
    expect(await block.locator("[data-line='partnership'] [data-point]").count()).toBe(shown.length);
    for (const h of hidden) {
      expect(await block.locator(`[data-line='partnership'] [data-point='${h.cycleId}']`).count()).toBe(0);
      expect(await block.locator(`[data-hidden-round='${h.cycleId}']`).count()).toBe(1);
    }
    // Assessments and pulses alike are on the line.
    const kinds = new Set(withAction.points.map((p) => cycles.find((c) => c.id === p.cycleId)?.kind));
    expect(kinds).toEqual(new Set(["assessment", "pulse"]));
    await checkScreen(page, "a principle's trend");

    // Somewhere in the demo a pulse's score was hidden: drawn as a gap there too.
    const gaps = trends.principles.flatMap((p) => p.points.filter((x) => typeof x.score !== "number"));
    expect(gaps.length).toBeGreaterThan(0);

    await world.go(page, `/p/${PID}/trends`, "Trends");
    expect(await page.locator(".trend-card").count()).toBe(trends.principles.length);
    expect(await page.locator(".trend-card [data-marker='done']").count()).toBeGreaterThan(0);
    await checkScreen(page, "trends overview");
  }, 120_000);

  it("shows a pulse's results as a trend across pulses and assessments, not a radar", async () => {
    await ready();
    const page = maya.page;
    const pulse = cycles.find((c) => c.kind === "pulse" && c.status === "closed");
    if (!pulse) throw new Error("The demo has no closed pulse");
    await world.go(page, `/p/${PID}/results?cycle=${pulse.id}`, "Results");
    const section = page.getByRole("region", { name: "Pulses and assessments" });
    await section.getByRole("img", { name: /score per assessment and pulse/ }).waitFor();
    // One name per thing: cycles are assessments and pulses, never "rounds".
    expect(await page.locator("#main").textContent()).not.toMatch(/\bround/i);
    expect(await page.locator("#radars").count()).toBe(0);
    expect(
      await section.locator(`[data-point='${pulse.id}'], [data-hidden-round='${pulse.id}']`).count(),
    ).toBeGreaterThan(0);
    await checkScreen(page, "pulse results");
  }, 90_000);

  it("prints a partnership report with the results screen's figures, and no navigation on paper", async () => {
    await ready();
    const page = maya.page;
    const cycle = closedAssessments().at(-1) as Cycle;
    await world.go(page, `/p/${PID}/results?cycle=${cycle.id}`, "Results");
    await page.locator("[data-figure]").first().waitFor();
    const onResults = await figures(page);
    const insightsOnResults = await insights(page);
    expect(Object.keys(onResults).length).toBeGreaterThan(10);
    // A hidden figure is marked too, as hidden.
    expect(Object.values(onResults).some((v) => /hidden|fewer than/.test(v))).toBe(true);

    await page.getByRole("link", { name: "Partnership report" }).click();
    await page.getByRole("heading", { level: 2, name: "Participation" }).waitFor();
    await page.locator(".trend-card").first().waitFor();
    await page.getByRole("heading", { level: 2, name: "Actions and their status" }).waitFor();
    await page.getByRole("table", { name: /Actions, their principle/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/p/${PID}/report/${cycle.id}`);
    expect(await figures(page)).toEqual(onResults);
    expect(await insights(page)).toEqual(insightsOnResults);
    const text = (await page.locator(".report").textContent()) ?? "";
    expect(text).toContain("Where the partners see things differently");
    expect(text).toMatch(/\d+ people/);
    expect(text).not.toMatch(/\b1 people\b/);
    expect(text).toContain("In progress");
    await checkScreen(page, "partnership report");

    // On paper: no navigation, no buttons; the trends start a new page.
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator("#sidebar").isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Print or save as PDF" }).isVisible()).toBe(false);
      expect(
        await page
          .locator(".report-break")
          .first()
          .evaluate((e) => getComputedStyle(e).breakBefore),
      ).toBe("page");
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
    expect(maya.cspViolations).toEqual([]);
    expect(maya.pageErrors).toEqual([]);
  }, 120_000);

  it("speaks German on the report, the trends and a pulse's results once the reader chooses Deutsch", async () => {
    await ready();
    const page = maya.page;
    const lang = () => page.evaluate(() => document.documentElement.lang);
    const mainText = async () => (await page.locator("#main").textContent()) ?? "";
    const cycle = closedAssessments().at(-1) as Cycle;
    const pulse = cycles.find((c) => c.kind === "pulse" && c.status === "closed");
    const withAction = trends.principles.find((p) => p.actions.length > 0);
    if (!pulse || !withAction) throw new Error("The demo has no closed pulse or no principle with an action");

    await world.go(page, "/account", "Maya Lindqvist");
    await page.getByRole("region", { name: "Language" }).getByLabel("Language").selectOption("de");
    await expect.poll(lang).toBe("de");
    try {
      // The report: every section's heading in German, no English heading or sentence left.
      await world.go(page, `/p/${PID}/report/${cycle.id}`, cycle.title || /^Bewertung bis/);
      for (const name of [
        "Beteiligung",
        "Stärken",
        "Herausforderungen",
        "Wo die Partner die Dinge unterschiedlich sehen",
        "Alle Prinzipien",
        "Trends",
        "Maßnahmen und ihr Status",
      ]) {
        await page.getByRole("heading", { level: 2, name }).waitFor();
      }
      await page.getByRole("table", { name: /^Maßnahmen mit Prinzip/ }).waitFor();
      await page.locator(".trend-card").first().waitFor();
      const report = await mainText();
      expect(report).toContain("Drucken oder als PDF speichern");
      expect(report).toMatch(/\d+ Personen/);
      for (const english of [
        "Participation",
        "Strengths",
        "Every principle",
        "Actions and their status",
        "Where the partners",
        "fewer than",
        "perception gap",
        "Latest shown score",
        "Print or save as PDF",
        "Back to results",
      ]) {
        expect(report, `"${english}" left on the report`).not.toContain(english);
      }
      await checkScreen(page, "partnership report in German");

      // The results' importance–performance chart: its quadrants and axes in German, and they fit.
      await world.go(page, `/p/${PID}/results?cycle=${cycle.id}`, "Ergebnisse");
      await page.locator("#quadrant g.acc-point").first().waitFor();
      const quadrant = (await page.locator("#quadrant").textContent()) ?? "";
      for (const word of ["Hier ansetzen", "Weiter so", "Umsetzung: wie gut es gelebt wird", "Zahlen anzeigen"]) {
        expect(quadrant, `the quadrant says "${word}"`).toContain(word);
      }
      expect(quadrant).not.toMatch(/Concentrate here|Keep it up|Show the numbers|average/);
      await checkScreen(page, "results in German");

      // The trends: the overview and one principle's trend, with its chart named and keyed in German.
      await world.go(page, `/p/${PID}/trends`, "Trends");
      await page.getByRole("heading", { level: 2, name: "Alle Prinzipien" }).waitFor();
      await page
        .getByRole("img", { name: /: Partnerschaftswert je Bewertung und Puls/ })
        .first()
        .waitFor();
      const overview = await mainText();
      expect(overview).toContain("Zurück zu den Ergebnissen");
      for (const english of ["Every principle", "Back to results", "Latest shown score", "Triangles mark"]) {
        expect(overview, `"${english}" left on the trends`).not.toContain(english);
      }
      await world.go(page, `/p/${PID}/trends/${withAction.principleId}`, withAction.title);
      await page.getByRole("heading", { level: 2, name: "Haben die Maßnahmen etwas bewegt?" }).waitFor();
      await page.getByRole("img", { name: new RegExp(`${withAction.title}: Wert je Bewertung und Puls`) }).waitFor();
      const key = (await page.getByRole("list", { name: "Legende" }).textContent()) ?? "";
      expect(key).toContain("Bewertung");
      expect(key).toContain("Maßnahme begonnen");
      expect(await mainText()).not.toMatch(/Did the actions|All trends|action began|score per/);
      await checkScreen(page, "a principle's trend in German");

      // A pulse's results: its trend across pulses and assessments, in German.
      await world.go(page, `/p/${PID}/results?cycle=${pulse.id}`, "Ergebnisse");
      await page
        .getByRole("region", { name: "Pulse und Bewertungen" })
        .getByRole("img", { name: /Wert je Bewertung und Puls/ })
        .waitFor();
      expect(await mainText()).not.toMatch(/Pulses and assessments|All trends|no earlier cycle/);
    } finally {
      await page.getByRole("navigation", { name: "Konsole" }).getByLabel("Sprache").selectOption("en");
      await expect.poll(lang).toBe("en");
    }
  }, 120_000);
});
