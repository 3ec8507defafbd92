import { call, type Failure, type Schemas } from "../api";
import type { RatingProps } from "./props";
import type { Answer, Saved, Saver, SaveStatusState } from "./saver";
import { explain } from "./status";
import { createStore, focusFollower, newId } from "./store";

/** How long after the question shows the saver's file is fetched, unless an answer asks for it first. */
const SAVER_PREFETCH_MS = 1500;

export type Current = Schemas["CurrentCycle"];
export type Cycle = NonNullable<Current["cycle"]>;
export type Principle = Cycle["principles"][number];

/**
 * Loading (`loaded` false), what went wrong, or the open cycle (null: nothing open) and the view's
 * own state for it. Not `eligible`: the person joined after it opened and answers from the next one.
 */
export interface CycleState<S> {
  loaded: boolean;
  failure?: Failure | undefined;
  cycle?: Cycle | null;
  eligible?: boolean;
  view?: S;
}

/**
 * The open cycle of a kind, loaded in one request (cycle, principles and the person's answers),
 * and saving answers to it. `init` derives the view's own state from what was loaded. A failure
 * that stops saving (cycle closed, origin refused) becomes the view's failure.
 */
export function cycleModel<S>(
  props: RatingProps,
  kind: Cycle["kind"],
  init: (cycle: Cycle, mine: Current["mine"]) => S,
  onSaved?: (saved: Saved) => void,
) {
  const store = createStore<CycleState<S>>({ loaded: false });
  const { client, partnershipId } = props;
  // The saver is a file of its own (nothing before the first question needs it). It loads once
  // the question is shown; answers given before it arrives wait for it, in order, and a failed
  // load is retried, so no answer is lost while the page is open.
  let saver: Saver | undefined;
  let saverReady: Promise<Saver> | undefined;
  let unreachable = false;
  let unsubscribe = () => {};
  const loadSaver = (cycleId: string): Promise<Saver> =>
    (saverReady ??= import("./saver").then(
      ({ createSaver }) => {
        saver = createSaver({
          client,
          partnershipId,
          cycleId,
          win: globalThis.window,
          onSaved,
          onFailure: (failure) => {
            props.onError?.(failure);
            if (failure.status === 409 || failure.status === 403) void explain(client, failure).then(show);
          },
        });
        // The saver's state shows in the view ("Saving…", "Saved"), so its changes re-render it.
        unsubscribe = saver.store.subscribe(() => store.set({}));
        return saver;
      },
      () => {
        unreachable = true;
        store.set({});
        return new Promise<Saver>((retry) =>
          setTimeout(() => {
            saverReady = undefined;
            retry(loadSaver(cycleId));
          }, 2000),
        );
      },
    ));
  const cycleId = () => (store.get().cycle as Cycle).id;
  const show = (failure: Failure) => store.set({ loaded: true, failure });

  const reload = async () => {
    store.set({ loaded: false, failure: undefined });
    const result = await call(client, "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
      params: { partnershipId },
      query: { kind, cycle: props.cycle || undefined },
    });
    if (!result.ok) {
      const failure = await explain(client, result.error);
      props.onError?.(failure);
      return show(failure);
    }
    const { cycle, mine, eligible } = result.value;
    store.set({ loaded: true, cycle, eligible, view: cycle ? init(cycle, mine) : undefined });
    // The first question needs the script and this one request, nothing more: the saver's file is
    // fetched once the question has been on screen a moment (or at once by a first answer).
    if (eligible && cycle) setTimeout(() => loadSaver(cycle.id), SAVER_PREFETCH_MS);
  };
  void reload();

  return {
    store,
    reload,
    /** The view's state; only called once a cycle is loaded. */
    view: () => store.get().view as S,
    patch: (change: Partial<S>) => store.set({ view: { ...(store.get().view as S), ...change } }),
    /** Saves a change to one answer (`now`: without waiting for more changes). */
    save(answer: Answer, now?: boolean) {
      void loadSaver(cycleId()).then((s) => s.set(answer, now));
    },
    /** Sends everything now; true once all of it is saved. */
    flush: () => loadSaver(cycleId()).then((s) => s.flush()),
    /** What the save status line shows. */
    saving: (): SaveStatusState =>
      saver
        ? { ...saver.store.get(), saved: saver.saved() }
        : { state: unreachable ? "retrying" : "idle", failure: null, saved: false },
    id: newId(),
    focus: focusFollower(),
    dispose() {
      unsubscribe();
      void saverReady?.then((s) => s.dispose());
    },
  };
}

export type CycleModel<S> = ReturnType<typeof cycleModel<S>>;
