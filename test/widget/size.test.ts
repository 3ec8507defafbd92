/**
 * The embed script's budget: everything a rating element (survey, pulse) needs before its first
 * question is in the main script, and nothing else (the saver, the token-url helper, the results
 * and principles views, what words failures and the languages other than English load on demand).
 * That script's gzip -9 size is the figure, and 10 KB (KiB) is the budget. Beside it the test prints
 * what each part of the script weighs, from a source map of the same build. Plain Node.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import { describe, expect, it } from "vitest";
import { builtManifest } from "./fixtures";

const DIST = fileURLToPath(new URL("../../widget/dist", import.meta.url));
const CONFIG = fileURLToPath(new URL("../../widget/vite.config.ts", import.meta.url));
/** The hard limit: 10 KB (KiB) gzip -9. */
const BUDGET = 10 * 1024;

const gzip = (code: string | Buffer) => gzipSync(code, { level: 9 }).length;

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A source map's mappings as [generated column, source index or -1] per segment, line by line. */
function decodeMappings(mappings: string): [number, number][][] {
  let source = 0;
  return mappings.split(";").map((line) => {
    let column = 0;
    return line
      .split(",")
      .filter(Boolean)
      .map((segment): [number, number] => {
        const fields: number[] = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = BASE64.indexOf(char);
          value += (digit & 31) << shift;
          shift += 5;
          if (digit & 32) continue;
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
        column += fields[0] ?? 0;
        if (fields.length < 4) return [column, -1];
        source += fields[1] ?? 0;
        return [column, source];
      });
  });
}

/** What a source of the embed script is called in the breakdown. */
function partOf(source: string | undefined): string {
  if (!source) return "(script wrapper, minifier glue)";
  // Sources are named relative to the script (widget/dist/embed/v1/).
  const path = source.replace(/\\/g, "/");
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
  if (pkg) return pkg;
  const own = path.replace(/^(?:\.\.\/)*(?:widget\/)?src\//, "");
  return own === "i18n/en.ts" ? "strings: i18n/en.ts (English catalogue)" : `widget: ${own}`;
}

interface Part {
  name: string;
  /** Minified bytes in the script. */
  bytes: number;
  /** What gzip -9 of the script loses without this part's bytes. */
  gzipBytes: number;
}

/**
 * The script as built again in memory with a source map: each span of the minified code belongs to
 * the module it came from; the styles (one string the minifier folded from host.css and theme.css)
 * are counted on their own.
 */
async function breakdown(): Promise<{ code: string; parts: Part[] }> {
  const result = await build({
    configFile: CONFIG,
    logLevel: "silent",
    build: { write: false, emptyOutDir: false, sourcemap: "hidden" },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === "chunk" && o.fileName.endsWith("/accord.js"));
  if (chunk?.type !== "chunk" || !chunk.map) throw new Error("The embed build gave no script with a source map");
  const { code, map } = chunk;
  const lines = code.split("\n");
  const spans: { start: number; end: number; name: string }[] = [];
  let offset = 0;
  decodeMappings(map.mappings).forEach((segments, line) => {
    const text = lines[line] ?? "";
    if ((segments[0]?.[0] ?? text.length) > 0)
      spans.push({ start: offset, end: offset + (segments[0]?.[0] ?? text.length), name: partOf(undefined) });
    segments.forEach(([column, source], i) => {
      const end = segments[i + 1]?.[0] ?? text.length;
      spans.push({ start: offset + column, end: offset + end, name: partOf(map.sources[source]) });
    });
    offset += text.length;
    if (line < lines.length - 1) spans.push({ start: offset, end: offset + 1, name: partOf(undefined) });
    offset += 1;
  });
  const cssStart = code.indexOf("`:host{") + 1;
  const cssEnd = code.indexOf("`", cssStart);
  expect(cssStart, "the styles are one string in the script").toBeGreaterThan(0);
  const css = { start: cssStart, end: cssEnd, name: "CSS: host.css + theme.css" };
  const pieces = spans
    .flatMap((s) =>
      s.end <= css.start || s.start >= css.end
        ? [s]
        : [
            { ...s, end: css.start },
            { ...s, start: css.end },
          ],
    )
    .filter((s) => s.end > s.start)
    .concat(css);
  const total = gzip(code);
  const names = [...new Set(pieces.map((p) => p.name))];
  const parts = names.map((name) => {
    const own = pieces.filter((p) => p.name === name).sort((a, b) => a.start - b.start);
    let rest = "";
    let last = 0;
    for (const p of own) {
      rest += code.slice(last, p.start);
      last = p.end;
    }
    rest += code.slice(last);
    const bytes = own.reduce((n, p) => n + Buffer.byteLength(code.slice(p.start, p.end)), 0);
    return { name, bytes, gzipBytes: total - gzip(rest) };
  });
  return { code, parts: parts.sort((a, b) => b.gzipBytes - a.gzipBytes) };
}

describe("embed script size", () => {
  it(`stays within ${BUDGET} bytes gzip -9 before a rating element's first question`, async () => {
    const { script, alias, lazy } = builtManifest();
    const code = readFileSync(`${DIST}${script}`);
    const size = gzip(code);
    const lazyFigures = lazy.map((f) => `${f.path.split("/").pop()} ${gzip(readFileSync(`${DIST}${f.path}`))} B`);
    const { code: rebuilt, parts } = await breakdown();
    const width = Math.max(...parts.map((p) => p.name.length));
    const row = (name: string, bytes: number, share: string, gzipBytes: number | string) =>
      `  ${name.padEnd(width)} ${String(bytes).padStart(6)} B ${share.padStart(6)} ${String(gzipBytes).padStart(6)} B`;
    console.log(
      [
        `embed script ${script}: ${code.length} B raw, ${size} B gzip -9 (${(size / 1024).toFixed(2)} KB of ${BUDGET / 1024} KB)`,
        `on demand: ${lazyFigures.join(", ")}`,
        "what each part weighs: minified bytes, share of the script, and what gzip -9 of the script loses without it",
        ...parts.map((p) => row(p.name, p.bytes, `${((100 * p.bytes) / code.length).toFixed(1)} %`, p.gzipBytes)),
        parts.some((p) => p.name === "@preact/signals") ? "" : "  (@preact/signals: not in the script)",
      ].join("\n"),
    );
    // The breakdown describes the very bytes that are served.
    expect(rebuilt, "widget/dist is older than the sources: run npm run build:ui").toBe(code.toString("utf8"));
    expect(parts.reduce((n, p) => n + p.bytes, 0)).toBe(code.length);
    expect(readFileSync(`${DIST}${alias}`).equals(code)).toBe(true);
    expect(size).toBeLessThanOrEqual(BUDGET);
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
