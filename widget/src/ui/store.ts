/**
 * The state holder of Accord's views: a value, patched, that views re-render from. The views keep
 * their logic in plain models built on it (testable without a DOM) and render with pure functions,
 * because the embed's 10 KB budget has no room for a hooks or signals runtime (1.2–2.7 KB gzip).
 */
export interface Store<T> {
  get(): T;
  set(patch: Partial<T>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(patch) {
      value = { ...value, ...patch };
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let ids = 0;
/** A prefix for element ids, unique in the page (aria-labelledby, radio group names). */
export const newId = () => `ac${++ids}`;

/**
 * A ref callback that focuses the element it is given once after `request()`: focus follows the
 * person to the next card or to the "thanks" panel, and is never stolen on first render.
 */
export function focusFollower() {
  let wanted = false;
  return {
    request: () => {
      wanted = true;
    },
    ref: (el: HTMLElement | null) => {
      if (el && wanted) {
        wanted = false;
        el.focus();
      }
    },
  };
}
