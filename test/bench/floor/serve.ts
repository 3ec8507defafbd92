/**
 * Starts the floor Worker (worker.ts) the way the harness starts Accord: on workerd through
 * Miniflare, on a free loopback port, over its own local D1 persist folder, with Accord's
 * compatibility date. Its tables are created once at start.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import ts from "typescript";
import { WRANGLER_CONFIG } from "../../../worker/scripts/lib";

const SOURCE = fileURLToPath(new URL("./worker.ts", import.meta.url));

export interface Floor {
  url: string;
  dispose(): Promise<void>;
}

/** Accord's compatibility date and flags, so both Workers run with the same runtime behaviour. */
async function compatibility() {
  const config = await readFile(WRANGLER_CONFIG, "utf8");
  const date = /"compatibility_date"\s*:\s*"([^"]+)"/.exec(config)?.[1];
  if (!date) throw new Error(`no compatibility_date in ${WRANGLER_CONFIG}`);
  const flags = /"compatibility_flags"\s*:\s*\[([^\]]*)\]/.exec(config)?.[1];
  return {
    compatibilityDate: date,
    compatibilityFlags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string) : [],
  };
}

/** With `inspectorPort`, DevTools reach the floor at `ws://127.0.0.1:PORT/floor` (see serveWorker). */
export async function serveFloor(options: { inspectorPort?: number } = {}): Promise<Floor> {
  const dir = await mkdtemp(join(tmpdir(), "accord-floor-"));
  // Types only are stripped: the Worker runs as written.
  const { outputText } = ts.transpileModule(await readFile(SOURCE, "utf8"), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
  });
  const mf = new Miniflare({
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort, unsafeInspectorProxy: true } : {}),
    name: "floor",
    ...(await compatibility()),
    modules: [{ type: "ESModule", path: join(dir, "worker.js"), contents: outputText }],
    modulesRoot: dir,
    d1Databases: { DB: "floor" },
    d1Persist: join(dir, "v3", "d1"),
    host: "127.0.0.1",
    port: 0,
  });
  const dispose = async () => {
    await mf.dispose();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const url = (await mf.ready).origin;
    const setup = await fetch(`${url}/setup`, { method: "POST" });
    if (!setup.ok) throw new Error(`floor setup answered ${setup.status}: ${await setup.text()}`);
    return { url, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
