/**
 * Small bar charts: a progress meter, one mean on the 1–5 scale, and a 1–5 distribution. They
 * have no viewBox: geometry is in percentages of their width, so they stretch to any width while
 * text and corners keep their size.
 */
import { useT } from "../i18n";

const pct = (share: number) => `${(Math.min(1, Math.max(0, share)) * 100).toFixed(3)}%`;

/** A thin horizontal bar for "responded of invited"; the label is what a screen reader hears. */
export function Meter(props: { value: number; max: number; series?: number; label: string }) {
  const share = props.max > 0 ? props.value / props.max : 0;
  return (
    <svg class="acc-meter" role="img" aria-label={props.label}>
      <rect class="acc-track" x="0" y="0" width="100%" height="100%" rx="4" />
      {share > 0 && (
        <rect
          class={`acc-fill acc-s${props.series ?? 0}`}
          x="0"
          y="0"
          width={pct(Math.max(share, 0.02))}
          height="100%"
          rx="4"
        />
      )}
    </svg>
  );
}

/**
 * One mean on the 1–5 scale as a bar with tick marks at 2, 3 and 4, for rows that put
 * organizations side by side. The label is what a screen reader hears.
 */
export function ScaleBar(props: { value: number; min?: number; max?: number; series?: number; label: string }) {
  const min = props.min ?? 1;
  const max = props.max ?? 5;
  const at = (v: number) => (v - min) / (max - min);
  const ticks = Array.from({ length: max - min - 1 }, (_, i) => min + i + 1);
  return (
    <svg class="acc-scale" role="img" aria-label={props.label}>
      <rect class="acc-track" x="0" y="0" width="100%" height="100%" rx="3" />
      <rect
        class={props.series === undefined ? "acc-total" : `acc-fill acc-s${props.series}`}
        x="0"
        y="0"
        width={pct(Math.max(at(props.value), 0.015))}
        height="100%"
        rx="3"
      />
      {ticks.map((t) => (
        <line key={t} class="acc-tick" x1={pct(at(t))} x2={pct(at(t))} y1="0" y2="100%" />
      ))}
    </svg>
  );
}

/**
 * How answers spread over the 1–5 scale, as one stacked bar on a diverging colour-blind-safe
 * palette (orange = low, grey = middle, purple = high), always in scale order, separated by white
 * gaps. Counts are written inside segments wide enough to hold them; every count is in the
 * accessible name.
 */
export function DistributionBar(props: { counts: readonly number[]; labels: readonly string[]; name: string }) {
  const total = props.counts.reduce((a, b) => a + b, 0);
  let start = 0;
  const parts = props.counts.map((n, i) => {
    const share = total ? n / total : 0;
    const part = { i, n, start, share };
    start += share;
    return part;
  });
  const summary = props.counts.map((n, i) => `${props.labels[i] ?? i + 1}: ${n}`).join(", ");
  return (
    <svg class="acc-dist" role="img" aria-label={`${props.name}. ${summary}`}>
      <rect class="acc-track" x="0" y="0" width="100%" height="100%" rx="3" />
      {parts
        .filter((p) => p.share > 0)
        .map((p) => (
          <g key={p.i}>
            <rect class={`acc-step${p.i + 1}`} x={pct(p.start)} y="0" width={pct(p.share)} height="100%">
              <title>{`${props.labels[p.i] ?? p.i + 1}: ${p.n}`}</title>
            </rect>
            {p.share >= 0.07 && (
              <text
                class={`acc-dist-label${p.i === 0 || p.i === 4 ? " acc-on-dark" : ""}`}
                x={pct(p.start + p.share / 2)}
                y="50%"
                dy="0.35em"
                text-anchor="middle"
              >
                {p.n}
              </text>
            )}
          </g>
        ))}
    </svg>
  );
}

/** A legend for DistributionBar's five colours, each with its step and words. */
export function DistributionLegend(props: { labels: readonly string[] }) {
  return (
    <ul class="acc-legend acc-dist-legend" aria-label={useT().insights.charts.scale}>
      {props.labels.map((l, i) => (
        <li key={l}>
          <svg class="acc-key" viewBox="0 0 10 10" aria-hidden="true">
            <rect class={`acc-step${i + 1}`} width="10" height="10" rx="2" />
          </svg>
          {i + 1} {l}
        </li>
      ))}
    </ul>
  );
}
