/** How the console names things several screens show: cycles, pending surveys, settings proposals. */
import type { Ok, Op, Schemas } from "../api";
import { date } from "./format";

type Proposals = Ok<Op<"/api/v1/partnerships/{partnershipId}/settings-proposals", "get">>;
export type SettingsProposal = Proposals["proposals"][number];

/** "Spring 2026 assessment", or "Assessment of 4 Mar 2026" when it has no title. */
export function cycleName(c: { title: string; kind: string; opensAt: string }) {
  return c.title || `${c.kind === "pulse" ? "Pulse" : "Assessment"} of ${date(c.opensAt)}`;
}

/** "Pulse: Share plans early", or the assessment's title. */
export function pendingName(i: Schemas["PendingItem"]) {
  if (i.kind === "pulse") return `Pulse: ${i.principle?.title ?? i.title}`;
  return i.title || `Assessment closing ${date(i.closesAt)}`;
}

/** The anonymity settings a proposal may lower, as a sentence names them. */
const CHANGE_NAMES = {
  k: "k (minimum responses to show a figure)",
  commentThreshold: "the comment threshold",
} as const;

/** The settings a proposal changes, in CHANGE_NAMES' order. */
export const changedKeys = (changes: SettingsProposal["changes"]) =>
  (Object.keys(CHANGE_NAMES) as (keyof typeof CHANGE_NAMES)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== null,
  );

/** "k (minimum responses…) from 5 to 3 and the comment threshold from 5 to 3". */
export function describeChanges(changes: SettingsProposal["changes"], from: Schemas["Settings"] | null) {
  return changedKeys(changes)
    .map((key) => `${CHANGE_NAMES[key]}${from ? ` from ${from[key]}` : ""} to ${changes[key]}`)
    .join(" and ");
}
