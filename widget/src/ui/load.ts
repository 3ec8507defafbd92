import type { Client, Failure, Result } from "../api";
import { explain } from "./status";
import { createStore, type Store } from "./store";

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
    const failure = await explain(client, result.error);
    onError?.(failure);
    store.set({ loaded: true, failure });
  };
  void reload();
  return { store, reload };
}
