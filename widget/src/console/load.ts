/** Loading data for a screen: one state for loading, failure and data, with reload and polling. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { type Failure, ok, type Result } from "../api";

export type Loadable<T> =
  | { state: "loading" }
  | { state: "error"; error: Failure }
  | { state: "ready"; data: T; refreshing: boolean };

export interface Loaded<T> {
  value: Loadable<T>;
  /** Loads again, keeping what is shown until the new answer arrives. */
  reload: () => void;
  /** Replaces the data in place (after a write that answered with the new state). */
  set: (update: (data: T) => T) => void;
}

/**
 * Runs `load` when `deps` change (showing "loading"), on reload() (keeping the data meanwhile) and
 * every `pollMs` while the tab is visible. Answers that arrive for stale deps are dropped.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<Result<T>>,
  deps: readonly unknown[],
  options: { pollMs?: number } = {},
): Loaded<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: "loading" });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsKey = JSON.stringify(deps);
  const lastKey = useRef<string | null>(null);

  // depsKey stands for deps (compared by value); tick asks for a reload.
  useEffect(() => {
    const controller = new AbortController();
    const fresh = lastKey.current !== depsKey;
    lastKey.current = depsKey;
    setValue((v) => (fresh || v.state !== "ready" ? { state: "loading" } : { ...v, refreshing: true }));
    loadRef.current(controller.signal).then((r) => {
      if (controller.signal.aborted) return;
      if (r.ok) setValue({ state: "ready", data: r.value, refreshing: false });
      else if (r.error.code !== "aborted") setValue({ state: "error", error: r.error });
    });
    return () => controller.abort();
  }, [depsKey, tick]);

  useEffect(() => {
    if (!options.pollMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") setTick((t) => t + 1);
    }, options.pollMs);
    return () => clearInterval(timer);
  }, [options.pollMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback(
    (update: (data: T) => T) => setValue((v) => (v.state === "ready" ? { ...v, data: update(v.data) } : v)),
    [],
  );
  return { value, reload, set };
}

/** Maps a successful result's value; failures pass through. */
export async function mapResult<A, B>(p: Promise<Result<A>>, f: (a: A) => B): Promise<Result<B>> {
  const r = await p;
  return r.ok ? { ...r, value: f(r.value) } : r;
}

/** Runs several loads at once and fails with the first failure. */
export async function all<T extends readonly unknown[]>(
  ps: { [K in keyof T]: Promise<Result<T[K]>> },
): Promise<Result<T>> {
  const rs = await Promise.all(ps as readonly Promise<Result<unknown>>[]);
  for (const r of rs) if (!r.ok) return r;
  return ok(rs.map((r) => (r.ok ? r.value : null)) as unknown as T);
}

/** A write in progress: busy flag and the last failure, for forms that keep their input on error. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const run = useCallback(async <T>(write: () => Promise<Result<T>>): Promise<Result<T>> => {
    setBusy(true);
    setError(null);
    const r = await write();
    setBusy(false);
    if (!r.ok) setError(r.error);
    return r;
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}
