import type { Client, Failure, Result } from "../api";
import { createStore, type Store } from "./store";

/** What a view shows instead of its content. */
type Problem = "signedOut" | "forbidden" | "refused" | "offline" | "closed" | "error";

/**
 * The state a failure puts a view in. A 403 about the page's origin is the integrator's to fix;
 * any other 403 is about the person (e.g. removed by their organization's admin).
 */
export function problemOf({ status, message }: Failure): Problem {
  return status === 401
    ? "signedOut"
    : status === 403
      ? /origin/.test(message)
        ? "forbidden"
        : "refused"
      : status === 0
        ? "offline"
        : status === 409
          ? "closed"
          : "error";
}

/**
 * Tells "offline" from "this page's origin is refused": a refused CORS preflight fails exactly like
 * a dead network, but then a no-cors request to the API origin still gets an (opaque) answer.
 */
export async function diagnose(client: Client, failure: Failure): Promise<Failure> {
  if (failure.status !== 0 || failure.code === "aborted") return failure;
  try {
    await (client.fetch ?? fetch)(`${client.base}/api/v1/openapi.json`, { mode: "no-cors", cache: "no-store" });
    return { status: 403, code: "forbidden", message: "This page's origin may not call Accord" };
  } catch {
    return failure;
  }
}

/** Loading (`loaded` false), or the data, or why there is none. */
export interface Loaded<T> {
  loaded: boolean;
  data?: T;
  failure?: Failure;
}

export interface LoadModel<T> {
  store: Store<Loaded<T>>;
  reload(): Promise<void>;
}

/** A model that loads one thing at once and again on reload(); failures also go to `onError`. */
export function loadModel<T>(
  client: Client,
  request: () => Promise<Result<T>>,
  onError?: (failure: Failure) => void,
): LoadModel<T> {
  const store = createStore<Loaded<T>>({ loaded: false });
  const reload = async () => {
    store.set({ loaded: false, failure: undefined });
    const result = await request();
    if (result.ok) return store.set({ loaded: true, data: result.value });
    const failure = await diagnose(client, result.error);
    onError?.(failure);
    store.set({ loaded: true, failure });
  };
  void reload();
  return { store, reload };
}
