import type { Client, Failure } from "../api";
import type { Strings } from "../i18n";

/** What every Accord view needs; the elements, the console and the extension pass the same. */
export interface ViewProps {
  /** The one API client (embed token, personal token or session). */
  client: Client;
  partnershipId: string;
  strings: Strings;
  /** BCP 47 language for numbers and dates (the strings carry their own). */
  lang: string;
  /** Something failed that the person sees as a message; the element re-emits it as accord:error. */
  onError?: (failure: Failure) => void;
}

/** Sent when answers are in: never the ratings themselves, which the host page must not learn. */
export interface SubmittedDetail {
  kind: "assessment" | "pulse";
  cycleId: string;
  answered: number;
  total: number;
}

export interface RatingProps extends ViewProps {
  onSubmitted?: (detail: SubmittedDetail) => void;
  /** A cycle id: open that cycle (if it is open) instead of the current one. */
  cycle?: string | null | undefined;
}
