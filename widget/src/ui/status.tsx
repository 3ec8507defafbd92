import type { ComponentChildren } from "preact";
import type { Failure } from "../api";
import { fill, type Strings } from "../i18n";
import { problemOf } from "./load";

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

/** What went wrong, in words, with the server's own reason when it gave one ("The embed token has expired"). */
function ProblemNotice(props: { failure: Failure; strings: Strings; onRetry?: () => void }) {
  const { failure, strings } = props;
  const problem = problemOf(failure);
  const [title = "", detail = ""] = strings.problems[problem];
  // The server's reason helps whoever set the page up; the client's own "Not signed in" says
  // nothing the title does not.
  const reason =
    (problem === "signedOut" && failure.message !== "Not signed in") || problem === "error" || problem === "refused"
      ? failure.message
      : "";
  return (
    <Notice title={title} detail={fill(detail, { origin: globalThis.location?.origin ?? "" })} tone="warn">
      {reason && <p class="ac-reason">{reason}</p>}
      {props.onRetry && problem !== "closed" && (
        <button type="button" class="ac-button ac-quiet" onClick={props.onRetry}>
          {strings.retry}
        </button>
      )}
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
        <ProblemNotice failure={state.failure} strings={strings} onRetry={retry} />
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
