import { type ComponentChildren, type FunctionComponent, h } from "preact";
import type { Client, Failure } from "../api";
import type { Strings } from "../i18n";
import type { ProblemProps } from "./problem";

/** A placeholder with the shape of what is coming, so nothing below it jumps when it arrives. */
function Skeleton({ strings, lines }: { strings: Strings; lines: number }) {
  return (
    <div class="ac-skeleton" role="status">
      <span class="ac-sr">{strings.loading}</span>
      {Array.from({ length: lines + 2 }, (_, i) => (
        <span key={i} class="ac-bone" />
      ))}
    </div>
  );
}

/** A state that stands in for the content: nothing open, signed out, offline, thanks… */
export function Notice(props: {
  title: string;
  detail?: string | undefined;
  tone?: "warn" | "done";
  children?: ComponentChildren;
}) {
  return (
    <div class={`ac-notice ac-notice-${props.tone}`} role={props.tone === "warn" ? "alert" : "status"}>
      <div>
        <p class="ac-notice-title">{props.title}</p>
        {props.detail && <p>{props.detail}</p>}
        {props.children}
      </div>
    </div>
  );
}

let Problem: FunctionComponent<ProblemProps> | undefined;

/**
 * Readies a failure for showing: loads what tells failures apart and words them (problem.ts, a
 * file of its own in the embed), and tells a refused origin from offline. If that file cannot
 * come, the view says "offline", as the failure most likely is. Models call this before they store
 * a failure; it never throws.
 */
export async function explain(client: Client, failure: Failure): Promise<Failure> {
  try {
    const problem = await import("./problem");
    Problem ??= problem.default({ h, Notice });
    return await problem.diagnose(client, failure);
  } catch {
    return failure;
  }
}

/** "Offline", with "Try again": what a failure shows while problem.ts cannot be loaded. */
function Offline({ strings, onRetry }: ProblemProps) {
  const [title, detail] = strings.problems.offline;
  return (
    <Notice title={title} detail={detail} tone="warn">
      <button type="button" class="ac-button ac-quiet" onClick={onRetry}>
        {strings.retry}
      </button>
    </Notice>
  );
}

/**
 * A view's root: a placeholder while loading, what went wrong (with "Try again"), else `content`.
 * A function rather than a component: it costs the embed nothing per view.
 */
export function frame(
  kind: string,
  strings: Strings,
  state: { loaded: boolean; failure?: Failure | undefined },
  lines: number,
  retry: () => void,
  content: () => ComponentChildren,
) {
  return (
    <div class={`ac ac-${kind}`}>
      {state.failure ? (
        h(Problem ?? Offline, { failure: state.failure, strings, onRetry: retry })
      ) : state.loaded ? (
        content()
      ) : (
        <Skeleton strings={strings} lines={lines} />
      )}
    </div>
  );
}

/** A cycle view's root: frame(), with "nothing to rate right now" when no cycle is open, or not yet for them. */
export function cycleFrame<C>(
  kind: string,
  strings: Strings,
  state: { loaded: boolean; failure?: Failure | undefined; cycle?: C | null; eligible?: boolean },
  lines: number,
  retry: () => void,
  content: (cycle: C) => ComponentChildren,
) {
  return frame(kind, strings, state, lines, retry, () =>
    state.cycle && state.eligible ? (
      content(state.cycle)
    ) : (
      <Notice title={strings.nothingOpen} detail={state.cycle ? strings.joinedLate : strings.nothingOpenDetail} />
    ),
  );
}
