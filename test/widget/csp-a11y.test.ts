/**
 * The widget under a strict Content-Security-Policy (the demo intranet's own, and a nonce-only
 * style policy), the integrator's SRI snippet, and axe-core on every element in its states.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intranetCsp } from "../../worker/scripts/intranet";
import { axeViolations } from "../browser/axe";
import { keepScreenshot } from "../browser/screenshots";
import {
  builtManifest,
  type EmbedDemo,
  openCycle,
  openIntranet,
  PID,
  person,
  recordEvents,
  startEmbedDemo,
  violations,
} from "./fixtures";

const ELEMENTS = ["accord-survey", "accord-pulse", "accord-principles", "accord-results"];

let demo: EmbedDemo;

beforeAll(async () => {
  demo = await startEmbedDemo();
  await openCycle(demo, "assessment", "Accessibility check-in");
  await openCycle(demo, "pulse");
});
afterAll(async () => {
  await demo?.stop();
});

/** Serves `body` at `url` (on the intranet's origin unless said otherwise) with `csp`, via the browser. */
async function hostPage(page: Page, url: string, body: string, csp?: string) {
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      headers: csp ? { "Content-Security-Policy": csp } : {},
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test page</title></head><body><main><h1>Test page</h1>${body}</main></body></html>`,
    }),
  );
  await page.goto(url);
}

async function ready(page: Page) {
  await page.locator("accord-survey").getByRole("radiogroup").first().waitFor();
  await page.locator("accord-pulse").getByRole("group").waitFor();
  await page.locator("accord-principles").getByRole("listitem").first().waitFor();
  await page.locator("accord-results").locator(".ac-chart").waitFor();
}

describe("under the intranet's strict Content-Security-Policy", () => {
  it("works with zero securitypolicyviolation events, and the test would see one", async () => {
    const page = await openIntranet(demo, person("Kenji"));
    const policy = (await page.request.get(page.url())).headers()["content-security-policy"] ?? "";
    expect(policy).toBe(intranetCsp(demo.accord.baseUrl));
    expect(policy).not.toMatch(/unsafe|data:.*script|\*/);
    await ready(page);
    // Everything the elements do: answer, save, load the saver, the results view, a token.
    const survey = page.locator("accord-survey");
    await survey.getByRole("radio", { name: "Sometimes" }).click();
    await survey.locator(".ac-save", { hasText: "Saved" }).waitFor();
    await survey.getByRole("button", { name: "Next" }).click();
    const pulse = page.locator("accord-pulse");
    await pulse.getByRole("button", { name: "Often" }).click();
    await pulse.locator(".ac-save", { hasText: "Saved" }).waitFor();
    await page.goto(`${demo.intranet.url}/?lang=de`);
    await page.locator("accord-pulse").getByText("Kurzer Puls", { exact: false }).waitFor();
    expect(await violations(page)).toEqual([]);

    // The listener is live: an inline style attribute is refused and reported.
    await page.evaluate(() => document.body.setAttribute("style", "color: red"));
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length > 0);
    expect((await violations(page))[0]).toMatch(/^style-src/);
  });

  it("styles the shadow root through a <style> with the host's nonce where stylesheets cannot be constructed", async () => {
    const page = await demo.browser.newPage();
    await recordEvents(page);
    // A browser without constructable stylesheets (Safari before 16.4).
    await page.addInitScript(() => {
      Reflect.deleteProperty(CSSStyleSheet.prototype, "replaceSync");
    });
    const csp = `default-src 'none'; script-src ${demo.accord.baseUrl}; connect-src ${demo.accord.baseUrl} 'self'; style-src 'nonce-n0nc3'`;
    await hostPage(
      page,
      `${demo.intranet.url}/nonce`,
      `<script src="${demo.accord.baseUrl}/embed/v1/accord.js"></script>
       <accord-principles partnership="${PID}" token-url="/token" nonce="n0nc3"></accord-principles>`,
      csp,
    );
    const principles = page.locator("accord-principles");
    await principles.getByRole("listitem").first().waitFor();
    const styled = await page.evaluate(() => {
      const root = document.querySelector("accord-principles")?.shadowRoot;
      const panel = root?.querySelector(".ac");
      return {
        adopted: root?.adoptedStyleSheets.length,
        nonce: root?.querySelector("style")?.nonce,
        radius: panel ? getComputedStyle(panel).borderTopLeftRadius : "",
      };
    });
    expect(styled).toEqual({ adopted: 0, nonce: "n0nc3", radius: "12px" });
    expect(await violations(page)).toEqual([]);
  });

  it("loads through the integrator's snippet with SRI, and refuses a script that does not match it", async () => {
    const manifest = builtManifest();
    const snippet = (integrity: string) =>
      `<script src="${demo.accord.baseUrl}${manifest.script}" integrity="${integrity}" crossorigin="anonymous" async></script>
       <accord-principles partnership="${PID}" token-url="/token"></accord-principles>`;
    const page = await demo.browser.newPage();
    await hostPage(page, `${demo.intranet.url}/sri`, snippet(manifest.integrity), intranetCsp(demo.accord.baseUrl));
    await page.locator("accord-principles").getByRole("listitem").first().waitFor();

    const tampered = await demo.browser.newPage();
    const refused = tampered.waitForEvent("console", (m) => /integrity/i.test(m.text()));
    await hostPage(tampered, `${demo.intranet.url}/sri-bad`, snippet(`sha384-${"A".repeat(64)}`));
    await refused;
    expect(await tampered.evaluate(() => customElements.get("accord-principles") === undefined)).toBe(true);
  });
});

describe("accessibility (axe-core)", () => {
  async function axePage(path: string, viewport = { width: 1280, height: 1400 }) {
    const page = await demo.browser.newPage({ viewport });
    // Injected like an extension would be, so the intranet's policy does not apply to it.
    await page.goto(`${demo.intranet.url}${path}`);
    return page;
  }

  it("finds no violations in any element: questions, principles, results, German, narrow", async () => {
    for (const [path, viewport, shot] of [
      [`/?as=${encodeURIComponent(person("Aisha").externalId)}`, { width: 1280, height: 1400 }, "widget-axe-wide"],
      ["/?lang=de", { width: 1280, height: 1400 }, ""],
      ["/", { width: 380, height: 1400 }, "widget-narrow"],
    ] as const) {
      const page = await axePage(path, viewport);
      await ready(page);
      expect(await axeViolations(page), path).toEqual([]);
      if (shot) await keepScreenshot(page, `${shot}.png`, { fullPage: true });
      await page.close();
    }
  });

  it("finds no violations after answering: thanks, change, the next card, the missing-answer alert", async () => {
    const page = await axePage(`/?as=${encodeURIComponent(person("Ben").externalId)}`);
    await ready(page);
    const pulse = page.locator("accord-pulse");
    await pulse.getByRole("button", { name: "Usually" }).click();
    await pulse.getByRole("button", { name: "Change" }).waitFor();
    // Focus followed the click to the thanks panel rather than falling to <body>.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("ACCORD-PULSE");
    const survey = page.locator("accord-survey");
    await survey.getByRole("radio", { name: "Usually" }).click();
    await survey.getByRole("button", { name: "Next" }).click();
    for (let i = 0; i < 6 && (await survey.getByRole("button", { name: "Next" }).count()); i++) {
      await survey.getByRole("button", { name: "Next" }).click();
    }
    await survey.getByRole("button", { name: "Submit answers" }).click();
    await survey.getByRole("alert").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await keepScreenshot(survey, "widget-missing.png");
  });

  it("finds no violations while loading, signed out or refused", async () => {
    const page = await demo.browser.newPage();
    // Hold the survey's first request, to look at the loading state.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/cycles\/current\?kind=assessment/, async (route) => {
      await held;
      await route.continue();
    });
    const tags = ELEMENTS.map((tag) => `<${tag} partnership="${PID}" token="not.a-valid.token"></${tag}>`).join("");
    await hostPage(
      page,
      `${demo.intranet.url}/states`,
      `<script src="${demo.accord.baseUrl}/embed/v1/accord.js"></script>
       <accord-survey partnership="${PID}" token-url="/token"></accord-survey>${tags}`,
    );
    await page.locator("accord-survey").first().locator(".ac-skeleton").waitFor();
    await page.locator("accord-pulse").getByText("You're not signed in to Accord").waitFor();
    await page.locator("accord-results").getByText("You're not signed in to Accord").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await keepScreenshot(page, "widget-states.png", { fullPage: true });
    release();
    await page.locator("accord-survey").first().getByRole("radiogroup").first().waitFor();

    // axe looks inside the shadow roots: an unlabelled field there is reported.
    await page.evaluate(() =>
      document.querySelector("accord-pulse")?.shadowRoot?.append(document.createElement("input")),
    );
    expect((await axeViolations(page)).map((v) => v.id)).toContain("label");
  });
});
