/**
 * axe-core over a page as it is, shadow roots included. axe is evaluated through the DevTools
 * protocol (page.evaluate), which the page's CSP does not govern: the page's policy stays on and
 * nothing is injected as a <script>, so this works on intranet pages, the console and extension pages.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** One broken rule: its id, how bad, and the first few elements with what is wrong there. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The page's axe-core violations (empty when it passes). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    interface Result {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[]; failureSummary?: string }[];
    }
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
    }));
  });
}
