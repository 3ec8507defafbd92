/** How the console names things several screens show: cycles, pending surveys, settings proposals. */
import type { Ok, Op, Schemas } from "../api";
import { date } from "./format";
import { fill, messages } from "./i18n";

type Proposals = Ok<Op<"/api/v1/partnerships/{partnershipId}/settings-proposals", "get">>;
export type SettingsProposal = Proposals["proposals"][number];

/**
 * "Spring 2026 assessment", or "Pulse ending 21 December 2026" when it has no title: one name for a
 * cycle wherever it appears (its page, results, My surveys, home), so a name is never only a date in
 * one place and a principle in another.
 */
export function cycleName(c: { title: string; kind: string; closesAt: string }) {
  const t = messages.value;
  return (
    c.title ||
    fill(t.names.untitled, { kind: c.kind === "pulse" ? t.common.pulse : t.common.assessment, date: date(c.closesAt) })
  );
}

/** A pending survey by its cycle's name (see cycleName). */
export const pendingName = (i: Schemas["PendingItem"]) => cycleName(i);

/** The anonymity settings a proposal may lower, in the order sentences name them. */
const LOWERED = ["k", "commentThreshold"] as const;

/** The settings a proposal changes, in that order. */
export const changedKeys = (changes: SettingsProposal["changes"]) =>
  LOWERED.filter((key) => changes[key] !== undefined && changes[key] !== null);

/** "k (minimum responses…) from 5 to 3 and the comment threshold from 5 to 3". */
export function describeChanges(changes: SettingsProposal["changes"], from: Schemas["Settings"] | null) {
  const t = messages.value.admin.proposals;
  return changedKeys(changes)
    .map((key) =>
      fill(from ? t.changeFromTo : t.changeTo, {
        setting: t.changeNames[key],
        from: String(from?.[key] ?? ""),
        to: String(changes[key]),
      }),
    )
    .join(t.and);
}
