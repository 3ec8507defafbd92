/**
 * Saves answers as people give them: changes wait briefly for more (arrow keys walk through a
 * scale one step at a time), then go out as one request with its own idempotency key. Requests
 * leave one at a time, in order, so a later answer never lands before an earlier one. A request
 * that fails for a passing reason (offline, 401 with a token about to be refreshed, 429, 5xx) stays
 * at the head of the queue and is retried with backoff and the SAME key, so the server counts it
 * once however often it is sent. The queue lives in memory only: nothing goes into the host page's
 * storage, which the host can read.
 */
import { type Client, call, type Failure, idempotencyKey, type Schemas } from "../api";
import { createStore } from "./store";

export type Answer = Schemas["Answer"];
export type Saved = Schemas["MyAnswers"];

/** idle: all saved · waiting: changes about to go out · saving · retrying: a send failed, will retry · stopped. */
export type SaveState = "idle" | "waiting" | "saving" | "retrying" | "stopped";

/** What a save status line shows; `saved`: anything was saved here (not just loaded from an earlier visit). */
export interface SaveStatusState {
  state: SaveState;
  failure: Failure | null;
  saved: boolean;
}

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

interface SaverOptions {
  client: Client;
  partnershipId: string;
  cycleId: string;
  /** How long changes wait for more before they are sent (ms). */
  delay?: number;
  onSaved?: (saved: Saved) => void;
  /** A failure no retry can fix: closed cycle (409), refused origin (403), invalid answer. */
  onFailure?: (failure: Failure) => void;
  timers?: Timers;
  /** Where "online" is announced: a queued answer is retried at once when the network is back. */
  win?: Pick<Window, "addEventListener" | "removeEventListener">;
  random?: () => number;
}

interface Batch {
  key: string;
  answers: Answer[];
}

/** Waits before the nth retry: 1 s, 2 s, 4 s … capped at 30 s, ±20 % so many widgets do not retry in step. */
export function backoff(attempt: number, retryAfter?: number, random: () => number = Math.random): number {
  if (retryAfter) return retryAfter * 1000;
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1)) * (0.8 + 0.4 * random());
}

/** Whether sending the same request again later can succeed. */
export function retryable(failure: Failure): boolean {
  const { status, code } = failure;
  return (status === 0 && code !== "aborted") || status === 401 || status === 408 || status === 429 || status >= 500;
}

export function createSaver(options: SaverOptions) {
  const { client, partnershipId, cycleId, delay = 400, onSaved, onFailure, win } = options;
  const timers: Timers = options.timers ?? globalThis;
  /** `failure`: why the head of the queue is being retried ("offline", "signed out") or why saving stopped. */
  const store = createStore<{ state: SaveState; failure: Failure | null }>({ state: "idle", failure: null });
  const stateOf = () => store.get().state;
  const update = (state: SaveState, failure = store.get().failure) => {
    if (state !== stateOf() || failure !== store.get().failure) store.set({ state, failure });
  };
  let pending = new Map<string, Answer>();
  const queue: Batch[] = [];
  let debounce: unknown;
  let retry: unknown;
  let sending = false;
  let attempt = 0;
  let saves = 0;
  const waiters: ((ok: boolean) => void)[] = [];

  const settle = (ok: boolean) => {
    for (const w of waiters.splice(0)) w(ok);
  };

  /** Moves waiting changes into a batch with a fresh key. */
  const cut = () => {
    timers.clearTimeout(debounce);
    if (pending.size === 0) return;
    queue.push({ key: idempotencyKey(), answers: [...pending.values()] });
    pending = new Map();
  };

  const pump = async (): Promise<void> => {
    if (sending || stateOf() === "stopped") return;
    const batch = queue[0];
    if (!batch) {
      if (pending.size === 0) {
        update("idle", null);
        settle(true);
      }
      return;
    }
    sending = true;
    if (stateOf() !== "retrying") update("saving");
    const result = await call(client, "post", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses", {
      params: { partnershipId, cycleId },
      body: { answers: batch.answers },
      headers: { "Idempotency-Key": batch.key },
    });
    sending = false;
    if (stateOf() === "stopped") return;
    if (result.ok) {
      queue.shift();
      attempt = 0;
      saves += 1;
      update(queue.length || pending.size ? "saving" : "idle", null);
      onSaved?.(result.value);
      return pump();
    }
    const error = result.error;
    if (retryable(error)) {
      attempt += 1;
      update("retrying", error);
      retry = timers.setTimeout(pump, backoff(attempt, error.retryAfter, options.random));
      return;
    }
    onFailure?.(error);
    if (error.status === 409 || error.status === 403) {
      // The cycle closed or this page may not send: nothing later in the queue can succeed either.
      update("stopped", error);
      settle(false);
      return;
    }
    // This answer was refused on its own merits (e.g. invalid); the rest can still go.
    queue.shift();
    return pump();
  };

  const online = () => {
    if (stateOf() !== "retrying" || sending) return;
    timers.clearTimeout(retry);
    void pump();
  };
  win?.addEventListener("online", online);

  return {
    store,
    /** Whether anything was saved here (so "Saved" never greets answers from an earlier visit). */
    saved: () => saves > 0,
    /** Records a change to one principle's answer; `now` sends it without waiting for more. */
    set(answer: Answer, now = false) {
      if (stateOf() === "stopped") return;
      pending.set(answer.principleId, { ...pending.get(answer.principleId), ...answer });
      if (stateOf() === "idle") update("waiting");
      timers.clearTimeout(debounce);
      debounce = timers.setTimeout(
        () => {
          cut();
          // While a failed send waits for its retry, new answers queue behind it.
          if (stateOf() !== "retrying") void pump();
        },
        now ? 0 : delay,
      );
    },
    /** Sends everything now; resolves true once all of it is saved, false if saving stopped. */
    flush(): Promise<boolean> {
      if (stateOf() === "stopped") return Promise.resolve(false);
      cut();
      const done = new Promise<boolean>((resolve) => waiters.push(resolve));
      if (stateOf() === "retrying" && !sending) timers.clearTimeout(retry);
      if (stateOf() === "idle" && queue.length === 0) settle(true);
      else void pump();
      return done;
    },
    /** Stops listening; anything still waiting is sent first (the page keeps the requests alive). */
    dispose() {
      win?.removeEventListener("online", online);
      cut();
      void pump();
    },
  };
}

export type Saver = ReturnType<typeof createSaver>;
