/**
 * The embed script's budget: everything a rating element (survey, pulse, principles) needs before
 * its first question is in the main script (the saver, the results view, the token-url helper and
 * other languages load on demand), so that script's gzip -9 size is the figure. Plain Node.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { builtManifest } from "./fixtures";

const DIST = fileURLToPath(new URL("../../widget/dist", import.meta.url));
/** 12 KB (KiB) hard limit; the aim is 10 KB. */
const BUDGET = 12 * 1024;

describe("embed script size", () => {
  it(`stays within ${BUDGET} bytes gzip -9 before a rating element's first question`, () => {
    const { script, alias, lazy } = builtManifest();
    const code = readFileSync(`${DIST}${script}`);
    const gzip = gzipSync(code, { level: 9 }).length;
    const lazyFigures = lazy.map(
      (f) => `${f.path.split("/").pop()} ${gzipSync(readFileSync(`${DIST}${f.path}`), { level: 9 }).length} B`,
    );
    console.log(
      `embed script ${script}: ${code.length} B raw, ${gzip} B gzip -9 (${(gzip / 1024).toFixed(2)} KB of ${BUDGET / 1024} KB); on demand: ${lazyFigures.join(", ")}`,
    );
    expect(readFileSync(`${DIST}${alias}`).equals(code)).toBe(true);
    expect(gzip).toBeLessThanOrEqual(BUDGET);
  });

  it("carries one copy of Preact, and none in the files it loads on demand", () => {
    const { script, lazy } = builtManifest();
    const code = readFileSync(`${DIST}${script}`, "utf8");
    // Preact's createElement builds every vnode with this shape; a second copy would repeat it.
    expect(code.match(/constructor:void 0,__v:/g)).toHaveLength(1);
    for (const f of lazy.filter((f) => f.path.endsWith(".js"))) {
      const lazyCode = readFileSync(`${DIST}${f.path}`, "utf8");
      expect(lazyCode).not.toMatch(/constructor:void 0,__v:|from\s*["']preact/);
    }
  });
});
