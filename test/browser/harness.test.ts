import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Accord, launchBrowser, startAccord } from "./harness";

describe("browser harness", () => {
  let accord: Accord;
  beforeAll(async () => {
    accord = await startAccord();
  });
  afterAll(async () => {
    await accord?.stop();
  });

  it("serves the seeded demo to a real Chromium", async () => {
    const facilitator = accord.demo.people.find((p) => p.role === "facilitator");
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const res = await page.goto(`${accord.baseUrl}/api/v1/openapi.json`);
      expect(res?.status()).toBe(200);
      expect(JSON.parse((await res?.text()) ?? "{}").openapi).toBe("3.1.0");
      // API answers forbid being rendered as a page that runs anything.
      expect(res?.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      const principles = await fetch(
        `${accord.baseUrl}/api/v1/partnerships/${accord.demo.partnerships[0]?.id}/principles`,
        {
          headers: { Authorization: `Bearer ${facilitator?.token}` },
        },
      );
      expect(((await principles.json()) as { principles: unknown[] }).principles.length).toBeGreaterThanOrEqual(6);
    } finally {
      await browser.close();
    }
  });
});
