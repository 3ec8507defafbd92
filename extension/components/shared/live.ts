/** Storage items as signals: loaded once before the first render, then kept current by watching. */
import { type Signal, signal } from "@preact/signals";
import type { WxtStorageItem } from "wxt/utils/storage";

export interface Live<T> {
  signal: Signal<T>;
  stop(): void;
}

/** A signal holding an item's value, updated whenever anyone writes it. */
export async function live<T>(item: WxtStorageItem<T, Record<string, unknown>>): Promise<Live<T>> {
  const initial: T = await item.getValue();
  const value = signal<T>(initial);
  const stop = item.watch((next) => {
    value.value = next ?? item.fallback;
  });
  return { signal: value, stop };
}
