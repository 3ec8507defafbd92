/** Figures as the results write them: a mean or why it is hidden, a trend, the hidden and flag marks. */
import type { Schemas } from "../../../api";
import { fewerThan, isSuppressed, mean, signed } from "../../format";
import { fill, messages, plural, useT } from "../../i18n";

type Results = Schemas["Results"];

export function orgNameOf(r: Results, id: string) {
  return r.organizations.find((o) => o.id === id)?.name ?? messages.value.shell.organization;
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
  const all = useT().insights;
  const t = all.figures;
  if (v === null) {
    return props.compact ? (
      <span class="trend trend-none" title={t.noEarlierTitle}>
        <span aria-hidden="true">—</span>
        <span class="sr-only">{t.noEarlier}</span>
      </span>
    ) : (
      <span class="trend trend-none">{t.noEarlier}</span>
    );
  }
  if (isSuppressed(v)) {
    return <span class="trend trend-none">{props.compact ? all.results.hidden : t.trendHidden}</span>;
  }
  const dir = v >= 0.05 ? "up" : v <= -0.05 ? "down" : "flat";
  const arrow = dir === "up" ? "▲" : dir === "down" ? "▼" : "►";
  const words = dir === "up" ? t.up : dir === "down" ? t.down : t.unchanged;
  return (
    <span class={`trend trend-${dir}`} data-trend={dir}>
      <span aria-hidden="true">{arrow} </span>
      <span class="sr-only">{words} </span>
      {signed(v)}
      <span class="sr-only"> {props.label ?? t.sincePrevious}</span>
    </span>
  );
}

/** A partnership-wide figure hidden because one organization's group is below k. */
export function Hidden(props: { k: number }) {
  const t = useT().insights;
  return (
    <span class="suppressed" title={fill(t.figures.hiddenTitle, { few: fewerThan(props.k) })}>
      {t.results.hidden}
    </span>
  );
}

export function Flag() {
  const t = useT().insights.figures;
  return (
    <span class="flag" title={t.flagTitle}>
      <span aria-hidden="true"> ⚑</span> {t.partnersDiffer}
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
