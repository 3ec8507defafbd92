/** Figures as the results write them: a mean or why it is hidden, a trend, the hidden and flag marks. */
import type { Schemas } from "../../../api";
import { fewerThan, isSuppressed, mean, signed } from "../../format";
import { messages, plural } from "../../i18n";

type Results = Schemas["Results"];

export function orgNameOf(r: Results, id: string) {
  return r.organizations.find((o) => o.id === id)?.name ?? "Organization";
}

/** A figure with one decimal, or the reason it is hidden. */
export function fig(v: number | { suppressed: true } | null | undefined, k: number, digits = 1) {
  if (v === null || v === undefined) return "—";
  if (isSuppressed(v)) return fewerThan(k);
  return mean(v, digits);
}

/** ▲ +0.4 / ▼ −0.3 / ► ±0.0 against the previous cycle; says so in words for screen readers. */
export function Trend(props: {
  value: number | { suppressed: true } | null;
  k: number;
  label?: string;
  compact?: boolean;
}) {
  const v = props.value;
  if (v === null) {
    return props.compact ? (
      <span class="trend trend-none" title="No earlier cycle to compare with">
        <span aria-hidden="true">—</span>
        <span class="sr-only">no earlier cycle</span>
      </span>
    ) : (
      <span class="trend trend-none">no earlier cycle</span>
    );
  }
  if (isSuppressed(v)) return <span class="trend trend-none">{props.compact ? "hidden" : "trend hidden"}</span>;
  const dir = v >= 0.05 ? "up" : v <= -0.05 ? "down" : "flat";
  const arrow = dir === "up" ? "▲" : dir === "down" ? "▼" : "►";
  const words = dir === "up" ? "up" : dir === "down" ? "down" : "unchanged,";
  return (
    <span class={`trend trend-${dir}`} data-trend={dir}>
      <span aria-hidden="true">{arrow} </span>
      <span class="sr-only">{words} </span>
      {signed(v)}
      <span class="sr-only"> {props.label ?? "since the previous cycle"}</span>
    </span>
  );
}

/** A partnership-wide figure hidden because one organization's group is below k. */
export function Hidden(props: { k: number }) {
  return (
    <span
      class="suppressed"
      title={`Hidden: one organization has ${fewerThan(props.k)} here, and this figure would reveal it`}
    >
      hidden
    </span>
  );
}

export function Flag() {
  return (
    <span class="flag" title="The organizations' means differ by 1.0 or more">
      <span aria-hidden="true"> ⚑</span> partners differ
    </span>
  );
}

/**
 * Marks a figure for comparison (results screen and report must show the same): the key names
 * the principle and the figure, e.g. "pri_1:score" or "pri_1:org:org_2".
 */
export const figureKey = (principleId: string, what: string) => `${principleId}:${what}`;

/** "1 person", "2 people", "1 Person", "2 Personen": the language's plural rules (Intl.PluralRules). */
export const people = (n: number) => plural(messages.value.counts.person, n);
