/**
 * Failures told apart and put in words: a refused origin, a refused person, a closed cycle, an
 * error with the server's reason. Only pages where something failed need this, so the embed
 * builds it into a file of its own, loaded by explain() (status.tsx) before a failure is shown; it
 * must not import Preact, and gets h() and Notice from that code. Until it is there (offline, it
 * never comes) the view says "offline", which is what the failure then most likely is.
 */
import type { FunctionComponent } from "preact";
import type { Client, Failure } from "../api";
import { enProblems, fill, type Problem, type Strings } from "../i18n";
import type { Kit } from "./kit";

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

export interface ProblemProps {
  failure: Failure;
  strings: Strings;
  onRetry?: (() => void) | undefined;
}

/** What went wrong, in words, with the server's own reason when it gave one ("The embed token has expired"). */
export default function problemView({ h, Notice }: Pick<Kit, "h" | "Notice">): FunctionComponent<ProblemProps> {
  return ({ failure, strings, onRetry }) => {
    const problem = problemOf(failure);
    const [title = "", detail = ""] = { ...enProblems, ...strings.problems }[problem];
    // The server's reason helps whoever set the page up; the client's own "Not signed in" says
    // nothing the title does not.
    const reason =
      (problem === "signedOut" && failure.message !== "Not signed in") || problem === "error" || problem === "refused"
        ? failure.message
        : "";
    return h(
      Notice,
      { title, detail: fill(detail, { origin: globalThis.location?.origin ?? "" }), tone: "warn" },
      reason && h("p", { class: "ac-reason" }, reason),
      onRetry &&
        problem !== "closed" &&
        h("button", { type: "button", class: "ac-button ac-quiet", onClick: onRetry }, strings.retry),
    );
  };
}
