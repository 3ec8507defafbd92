/**
 * English strings: the catalog every other language copies key for key. English ships inside the
 * embed script; other languages load on demand (see index.ts). `{name}` marks a placeholder.
 */
export const en = {
  lang: "en",
  loading: "Loading…",
  performanceLegend: "How consistently do we live this?",
  importanceLegend: "How important is it to us?",
  performanceScale: ["Rarely", "Sometimes", "Often", "Usually", "Consistently"],
  importanceScale: ["Not important", "Slightly important", "Important", "Very important", "Essential"],
  cantSay: "Can't say",
  comment: "Comment (optional)",
  commentHint: "Shown without your name, and only once enough people commented.",
  survey: "Partnership survey",
  progress: "{answered} of {total} answered",
  principleOf: "Principle {n} of {total}",
  previous: "Previous",
  next: "Next",
  submit: "Submit answers",
  missing: "Please answer both questions for each principle (or choose “Can't say”).",
  closesOn: "Open until {date}",
  saving: "Saving…",
  saved: "Saved",
  queued: "Not sent yet. We'll keep trying while this page is open.",
  thanks: "Thank you — your answers are in.",
  thanksDetail: "You can change them until {date}.",
  change: "Change answers",
  pulse: "Quick pulse",
  pulseQuestion: "How consistently do we live this right now?",
  pulseThanks: "Thanks — you said “{label}”.",
  pulseChange: "Change",
  nothingOpen: "Nothing to rate right now",
  nothingOpenDetail: "The next survey will appear here when it opens.",
  joinedLate: "You joined after this survey opened — you'll be asked from the next one.",
  /**
   * What a view shows instead of its content: title, detail. Here only what the embed script shows
   * before the file telling other problems apart (ui/problem.ts) is there; the rest is enProblems.
   */
  problems: {
    signedOut: ["You're not signed in to Accord", "Sign in to your intranet again, then reload this page."],
    offline: ["You're offline", "Check your connection; Accord will try again."],
  } as Pick<ProblemStrings, "signedOut" | "offline"> & Partial<ProblemStrings>,
  retry: "Try again",
};

export type Strings = typeof en;

/** Why a view shows no content (see ui/problem.ts). */
export type Problem = "signedOut" | "forbidden" | "refused" | "offline" | "closed" | "error";

/** Each problem's title and detail ({origin}: this page's). */
export type ProblemStrings = Record<Problem, readonly [string, string]>;

/** The other problems' strings: shipped with the file that shows them, not in the embed script. */
export const enProblems: Omit<ProblemStrings, "signedOut" | "offline"> = {
  forbidden: ["This site may not show Accord", "Ask your Accord facilitator to allow {origin}."],
  refused: ["Accord can't show this to you", ""],
  closed: ["This survey has closed", "Your saved answers count."],
  error: ["Something went wrong", ""],
};

/** The results view's strings: shipped with that view (a file of its own), not in the embed script. */
export const enResults = {
  results: "Latest results",
  strengths: "Strengths",
  challenges: "Biggest gaps",
  none: "None this time.",
  score: "{score} of 5",
  gap: "importance {importance}, gap {gap}",
  /** Plural forms (see plural() in index.ts): wordings by the count's plural category. */
  suppressed: { one: "Fewer than {n} response", other: "Fewer than {n} responses" },
  chart: "How we live each principle (bar) against how important it is (line), out of 5",
  closedOn: "Closed {date}",
  responded: { one: "{n} person responded", other: "{n} people responded" },
  noResults: "No published results yet",
  noResultsDetail: "Results appear here when an assessment closes.",
};

export type ResultsStrings = typeof enResults;

/** The principles view's strings: shipped with that view (a file of its own), not in the embed script. */
export const enPrinciples = {
  principles: "Our agreed principles",
  noPrinciples: "No principles are agreed yet.",
};

export type PrinciplesStrings = typeof enPrinciples;
