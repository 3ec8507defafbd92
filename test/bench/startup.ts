/**
 * The deployable Worker: its size, and what its startup costs. The bundle is built once, as
 * `wrangler deploy --dry-run --outfile` makes it (the script, its source map and metadata in one
 * multipart file); `wrangler check startup --worker` then profiles that very bundle's top-level
 * evaluation on a local workerd (Miniflare, V8's CPU profiler through the inspector; no network,
 * no login), a few times over. Positions in the minified bundle are mapped back to their sources
 * with the bundle's own source map, so the summary names modules and source lines.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { OFFLINE_ENV, ROOT } from "../../worker/scripts/lib";
import { median } from "./load-lib";

const run = promisify(execFile);
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function wrangler(args: string[]) {
  return run(WRANGLER, args, {
    cwd: join(ROOT, "worker"),
    env: { ...process.env, ...OFFLINE_ENV, CI: "true" },
    maxBuffer: 1 << 24,
  });
}

/** The parts of the multipart bundle wrangler writes with `--outfile` (the upload's form data). */
async function bundleParts(file: string) {
  const bytes = await readFile(file);
  const boundary = bytes.subarray(2, bytes.indexOf(10)).toString().trim();
  const form = await new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  }).formData();
  const metadata = JSON.parse(String(form.get("metadata"))) as { main_module: string };
  const part = (name: string) => {
    const value = form.get(name);
    if (!(value instanceof Blob)) throw new Error(`no ${name} in ${file}`);
    return value;
  };
  const main = Buffer.from(await part(metadata.main_module).arrayBuffer());
  const map = JSON.parse(await part(`${metadata.main_module}.map`).text());
  return { main, map: new SourceMap(map) };
}

/**
 * A source map's path, from node_modules/ or from the repository's root. Maps name sources
 * relative to where the bundle was written: worker/ for `--outfile` here, a temporary folder for
 * the test harness's bundle.
 */
function sourcePath(source: string) {
  const npm = source.indexOf("node_modules/");
  if (npm >= 0) return source.slice(npm);
  const own = /(?:^|\/)(worker\/src\/.+)$/.exec(source)?.[1];
  return own ?? `worker/${source.replace(/^(\.\.\/)+/, "")}`;
}

/** A source path as a module name: the npm package, or the path inside the repository. */
function moduleOf(path: string) {
  return /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path;
}

/**
 * Self time (ms) per frame of one profile, and its CPU time: every sample but idle ones. Frames of
 * the bundle (a script named index.js) are named by `map`; those of any other script by `other`.
 */
export function selfTimes(
  profile: CpuProfile,
  map: SourceMap,
  other: (url: string) => string = () => "(wrangler's startup wrapper)",
) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let cpuMs = 0;
  let at = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => {
    at += d;
    return at;
  });
  for (const [i, id] of profile.samples.entries()) {
    // A sample lasts until the next one (the last one until the profile ends).
    const ms = ((stamps[i + 1] ?? profile.endTime) - (stamps[i] as number)) / 1000;
    const frame = nodes.get(id);
    if (!frame || frame.functionName === "(idle)") continue;
    cpuMs += ms;
    let fn: string;
    let mod: string;
    if (!frame.url) {
      // (program), (garbage collector), or a runtime built-in.
      fn = frame.functionName.startsWith("(") ? frame.functionName : `${frame.functionName} (built-in)`;
      mod = frame.functionName.startsWith("(") ? frame.functionName : "(built-ins)";
    } else if (frame.url.endsWith("index.js") && frame.lineNumber < 0) {
      // The bundle's own top level: esbuild hoists every module's top-level statements into it.
      fn = "(bundle top level)";
      mod = "(bundle top level)";
    } else if (frame.url.endsWith("index.js")) {
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as {
        originalSource?: string;
        originalLine?: number;
      };
      // No source: code esbuild wrote itself (its module helpers).
      const source = entry.originalSource ? sourcePath(entry.originalSource) : "(bundler helpers)";
      mod = entry.originalSource ? moduleOf(source) : source;
      fn = `${frame.functionName || "(anonymous)"} ${source}:${(entry.originalLine ?? frame.lineNumber) + 1}`;
    } else {
      mod = other(frame.url);
      fn = `${frame.functionName || "(anonymous)"} ${mod}:${frame.lineNumber + 1}`;
    }
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
  }
  return { cpuMs, functions, modules };
}

/** The `n` largest totals, each divided by `runs`, as "name 1.2 ms" (`digits` decimals). */
export const top = (totals: Map<string, number>, runs: number, n = 5, digits = 1) =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `${name} ${(ms / runs).toFixed(digits)} ms`);

/** The deployable Worker's sizes and startup profile (median CPU ms over runs, top self time). */
export async function measureWorker() {
  const dir = await mkdtemp(join(tmpdir(), "accord-startup-"));
  try {
    const bundle = join(dir, "worker.bundle");
    await wrangler(["deploy", "--dry-run", "--outfile", bundle]);
    const { main, map } = await bundleParts(bundle);
    const cpu: number[] = [];
    const functions = new Map<string, number>();
    const modules = new Map<string, number>();
    for (let i = 0; i < RUNS; i++) {
      const outfile = join(dir, `startup-${i}.cpuprofile`);
      await wrangler(["check", "startup", "--worker", bundle, "--outfile", outfile]);
      const profile = selfTimes(JSON.parse(await readFile(outfile, "utf8")) as CpuProfile, map);
      cpu.push(profile.cpuMs);
      for (const [k, ms] of profile.functions) functions.set(k, (functions.get(k) ?? 0) + ms);
      for (const [k, ms] of profile.modules) modules.set(k, (modules.get(k) ?? 0) + ms);
    }
    return {
      gzipBytes: gzipSync(main, { level: 9 }).byteLength,
      rawBytes: main.byteLength,
      startupCpuMs: Math.round(median(cpu) * 10) / 10,
      startupRuns: RUNS,
      startupTopModules: top(modules, RUNS).join("; "),
      ...(process.env.BENCH_DEBUG ? { startupAllModules: top(modules, RUNS, 50).join("; ") } : {}),
      startupTopFunctions: top(functions, RUNS).join("; "),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What startup leaves to the first request: a fresh isolate builds the API (its routers and their
 * schemas) when it serves its first request. The first answer's time beside the median of the
 * next twenty (the same public, database-free route); their difference is the build.
 */
export async function measureFirstRequest(baseUrl: string) {
  const timed = async () => {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/api/v1/signed-in`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET /api/v1/signed-in answered ${res.status}`);
    return performance.now() - started;
  };
  const first = await timed();
  const next: number[] = [];
  for (let i = 0; i < 20; i++) next.push(await timed());
  const warm = median(next);
  const round1 = (ms: number) => Math.round(ms * 10) / 10;
  return { firstRequestMs: round1(first), warmRequestMs: round1(warm), firstRequestBuildMs: round1(first - warm) };
}
