/**
 * Where a submission's time goes: V8's CPU profile of each Worker's isolate while it serves the
 * same submissions one at a time — Accord's and the floor's (floor/worker.ts), from the same driver.
 * Both run on runtimes started for this step after every other figure is taken, with workerd's
 * inspector open (Miniflare's `inspectorPort`), so no timing in the table has a profiler attached.
 * Frames of Accord's bundle are named by its source map: modules are npm packages or the
 * repository's files.
 *
 * What this cannot see: workerd's own C++ (HTTP, the D1 round trip to SQLite, which runs in another
 * isolate of the same process) shows as the wall time the isolate spends idle.
 */
import { readFile } from "node:fs/promises";
import { SourceMap } from "node:module";
import { createServer } from "node:net";
import WebSocket from "ws";
import type { Accord } from "../browser/harness";
import { round, submissions } from "./api";
import type { Floor } from "./floor/serve";
import { runLoad } from "./load-lib";
import { type CpuProfile, selfTimes, top } from "./startup";

/** A free loopback port for an inspector. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** A DevTools protocol session with one Worker's isolate (workerd's inspector, `ws://…/name`). */
async function inspect(url: string) {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const call = message.id === undefined ? undefined : waiting.get(message.id);
    if (!call || message.id === undefined) return;
    waiting.delete(message.id);
    if (message.error) call.reject(new Error(`${url}: ${message.error.message}`));
    else call.resolve(message.result);
  });
  let last = 0;
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = ++last;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => socket.close(),
  };
}

/**
 * The isolate's CPU profile while `work` runs, sampled every 500 µs (BENCH_PROFILE_INTERVAL_US; at
 * 250 µs the profiler cost a submission about a fifth more), and the work's wall time.
 */
async function profileWhile(inspector: string, work: () => Promise<unknown>) {
  const session = await inspect(inspector);
  try {
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", {
      interval: Number(process.env.BENCH_PROFILE_INTERVAL_US ?? 500),
    });
    await session.send("Profiler.start");
    const started = performance.now();
    await work();
    const wallMs = performance.now() - started;
    const { profile } = await session.send<{ profile: CpuProfile }>("Profiler.stop");
    return { profile, wallMs };
  } finally {
    session.close();
  }
}

/** Where a script that is not the bundle comes from: Miniflare's and workerd's own, or the floor. */
function otherScript(url: string): string {
  if (url.endsWith("/worker.js")) return "floor/worker.ts";
  return `(runtime: ${url.replace(/^.*\//, "")})`;
}

/**
 * Profiles `requests` submissions at one connection to each Worker, one after the other, after a
 * warm-up; returns per request the wall time, the isolate's CPU time, and its CPU by module.
 */
export async function profileSubmissions(
  accord: Accord,
  floor: Floor,
  inspectors: { accord: string; floor: string },
  script: string,
  requests: number,
) {
  const map = new SourceMap(JSON.parse(await readFile(`${script}.map`, "utf8")));
  const load = await submissions(accord, floor, "profile");
  const result: Record<string, string | number> = {};
  for (const [name, next] of [
    ["accord", load.accord],
    ["floor", load.floor],
  ] as const) {
    const submit = async (offset: number) => {
      const r = await runLoad({ concurrency: 1, requests }, next(offset));
      if (Object.keys(r.statuses).some((s) => s !== "200")) throw new Error(`${name}: ${JSON.stringify(r.statuses)}`);
      return r;
    };
    await submit(0); // warm-up: code paths compiled, the database's pages cached
    // The same number of requests without the profiler, for its overhead.
    const plain = await submit(requests);
    const { profile, wallMs } = await profileWhile(inspectors[name], () => submit(2 * requests));
    const times = selfTimes(profile, map, otherScript);
    result[`${name}.plainWallMs`] = round(plain.durationMs / requests);
    result[`${name}.wallMs`] = round(wallMs / requests);
    result[`${name}.cpuMs`] = round(times.cpuMs / requests);
    result[`${name}.topModules`] = top(times.modules, requests, 12, 3).join("; ");
    result[`${name}.topFunctions`] = top(
      times.functions,
      requests,
      Number(process.env.BENCH_PROFILE_TOP ?? 12),
      3,
    ).join("; ");
  }
  return result;
}
