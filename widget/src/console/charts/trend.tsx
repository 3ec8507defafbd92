/**
 * A principle's score over time: one line per group (the partnership, and each organization where
 * shown) across the closed assessments (circles) and pulses (diamonds), on a time axis, with
 * markers where linked actions began and were done. A hidden point is a gap: the line stops
 * before it and starts again after it, and a dashed mark on the axis says a score was hidden there.
 * `compact` draws a small multiple for an overview of every principle.
 */

import { fill, formatDate, formatMonth, plural, useT } from "../i18n";
import { ChartFrame, linear, one } from "./frame";

export interface TrendRound {
  id: string;
  /** When its results were published (the cycle's close), ISO. */
  at: string;
  kind: "assessment" | "pulse";
  /** Its name in the table and description, e.g. "Assessment of 21 Oct 2025". */
  label: string;
}

export interface TrendLine {
  id: string;
  label: string;
  /** Colour of an organization (its index); undefined for the partnership line. */
  series?: number;
  /** One value per round, null where hidden. */
  values: (number | null)[];
}

export interface TrendMarker {
  id: string;
  at: string;
  kind: "began" | "done";
  /** e.g. "Weekly risk call". */
  label: string;
}

interface TrendProps {
  title: string;
  rounds: TrendRound[];
  lines: TrendLine[];
  markers?: TrendMarker[];
  compact?: boolean;
  /** What a hidden value is called in the table, e.g. "hidden (fewer than 5 responses)". */
  hiddenNote: string;
  min?: number;
  max?: number;
}

/** "21 October 2025": the console's one date style (see i18n). */
export const trendDate = (iso: string) => formatDate(iso);

export function TrendChart(props: TrendProps) {
  const compact = props.compact ?? false;
  const W = compact ? 320 : 640;
  const H = compact ? 170 : 300;
  const M = compact ? { left: 26, right: 10, top: 18, bottom: 26 } : { left: 40, right: 20, top: 34, bottom: 44 };
  const min = props.min ?? 1;
  const max = props.max ?? 5;
  const markers = props.markers ?? [];
  const times = [...props.rounds.map((r) => Date.parse(r.at)), ...markers.map((m) => Date.parse(m.at))];
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  // One round alone sits in the middle; otherwise the first and last moments sit at the edges.
  const x = t1 > t0 ? linear(t0, t1, M.left + 8, W - M.right - 8) : () => (M.left + W - M.right) / 2;
  const y = linear(min, max, H - M.bottom, M.top);
  const ticks = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const rx = props.rounds.map((r) => x(Date.parse(r.at)));
  const partnership = props.lines.find((l) => l.series === undefined);
  const hiddenRounds = props.rounds.map((_, i) => i).filter((i) => partnership && partnership.values[i] === null);

  const t = useT().insights.charts;
  /** "Action began 21 October 2025: Weekly risk call". */
  const markerWords = (m: TrendMarker) =>
    fill(m.kind === "began" ? t.actionBegan : t.actionDone, { date: trendDate(m.at), action: m.label });
  const description = [
    plural(t.trendDescription, props.rounds.length, { min, max }),
    ...props.lines.map(
      (l) =>
        `${l.label}: ${l.values.map((v, i) => `${props.rounds[i]?.label ?? ""} ${v === null ? t.hidden : one(v)}`).join(", ")}.`,
    ),
    ...markers.map((m) => `${markerWords(m)}.`),
  ].join(" ");

  // Date labels: the first and last round, and each assessment, where there is room.
  const labelled: number[] = [];
  const minGap = compact ? 90 : 80;
  for (const i of props.rounds.map((_, i) => i)) {
    const r = props.rounds[i] as TrendRound;
    const first = i === 0;
    const last = i === props.rounds.length - 1;
    if (!(first || last || (!compact && r.kind === "assessment"))) continue;
    const prev = labelled[labelled.length - 1];
    if (prev !== undefined && Math.abs((rx[i] ?? 0) - (rx[prev] ?? 0)) < minGap) {
      if (last) labelled[labelled.length - 1] = i;
      continue;
    }
    labelled.push(i);
  }

  return (
    <ChartFrame
      title={props.title}
      description={description}
      viewBox={[W, H]}
      class={`acc-trend${compact ? " acc-trend-compact" : ""}`}
      table={
        compact
          ? undefined
          : {
              caption: props.title,
              columns: [t.cycle, t.published, ...props.lines.map((l) => l.label)],
              rows: props.rounds.map((r, i) => [
                r.label,
                trendDate(r.at),
                ...props.lines.map((l) => {
                  const v = l.values[i];
                  return v === null || v === undefined ? props.hiddenNote : one(v);
                }),
              ]),
            }
      }
    >
      {ticks.map((t) => (
        <g key={t}>
          <line class="acc-grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          {(!compact || t === min || t === max || t === 3) && (
            <text class="acc-tick-label" x={M.left - 8} y={y(t) + 5} text-anchor="end">
              {t}
            </text>
          )}
        </g>
      ))}
      {labelled.map((i) => (
        <text
          key={i}
          class="acc-tick-label"
          x={rx[i]}
          y={H - M.bottom + (compact ? 18 : 22)}
          text-anchor={
            i === 0 && labelled.length > 1
              ? "start"
              : i === props.rounds.length - 1 && labelled.length > 1
                ? "end"
                : "middle"
          }
        >
          {formatMonth(props.rounds[i]?.at ?? 0)}
        </text>
      ))}
      {hiddenRounds.map((i) => (
        <g key={`h${i}`} class="acc-hidden-round" data-hidden-round={props.rounds[i]?.id}>
          <line class="acc-hidden-mark" x1={rx[i]} x2={rx[i]} y1={M.top} y2={H - M.bottom} />
          <title>{`${props.rounds[i]?.label ?? ""}: ${props.hiddenNote}`}</title>
        </g>
      ))}
      {markers.map((m) => {
        const mx = x(Date.parse(m.at));
        return (
          <g
            key={`${m.id}-${m.kind}`}
            class={`acc-marker acc-marker-${m.kind}`}
            data-marker={m.kind}
            data-action={m.id}
          >
            <line class="acc-marker-line" x1={mx} x2={mx} y1={M.top - 6} y2={H - M.bottom} />
            {m.kind === "began" ? (
              <polygon
                class="acc-marker-shape"
                points={`${mx - 5},${M.top - 4} ${mx + 5},${M.top - 4} ${mx},${M.top - 12}`}
              />
            ) : (
              <rect class="acc-marker-shape" x={mx - 4.5} y={M.top - 13} width="9" height="9" rx="1.5" />
            )}
            {!compact && (
              <text class="acc-marker-label" x={mx + 8} y={M.top - 5}>
                {m.kind === "began" ? t.began : t.done}
              </text>
            )}
            <title>{markerWords(m)}</title>
          </g>
        );
      })}
      {[...props.lines].reverse().map((l) => {
        const cls = l.series === undefined ? "acc-line-total" : `acc-line acc-s${l.series}`;
        const runs: [number, number][][] = [];
        let run: [number, number][] = [];
        l.values.forEach((v, i) => {
          if (v === null) {
            if (run.length) runs.push(run);
            run = [];
          } else run.push([rx[i] ?? 0, y(v)]);
        });
        if (run.length) runs.push(run);
        return (
          <g key={l.id} class="acc-trend-line" data-line={l.id}>
            {runs
              .filter((r) => r.length > 1)
              .map((r, j) => (
                <polyline
                  key={j}
                  class={cls}
                  points={r.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(" ")}
                />
              ))}
            {l.values.map((v, i) => {
              if (v === null) return null;
              const px = rx[i] ?? 0;
              const py = y(v);
              const size = l.series === undefined ? (compact ? 4 : 5.5) : compact ? 2.5 : 3.5;
              const pointClass = `${cls} acc-trend-point`;
              return props.rounds[i]?.kind === "pulse" ? (
                <polygon
                  key={i}
                  class={pointClass}
                  data-point={props.rounds[i]?.id}
                  points={`${px},${py - size - 1} ${px + size + 1},${py} ${px},${py + size + 1} ${px - size - 1},${py}`}
                />
              ) : (
                <circle key={i} class={pointClass} data-point={props.rounds[i]?.id} cx={px} cy={py} r={size} />
              );
            })}
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** The key to a trend chart's lines and marks, as HTML (it wraps on narrow screens). */
export function TrendLegend(props: { lines: TrendLine[]; markers: boolean; hidden: boolean }) {
  const t = useT().insights.charts;
  return (
    <ul class="acc-legend acc-trend-legend" aria-label={t.key}>
      {props.lines.map((l) => (
        <li key={l.id}>
          <svg class="acc-key acc-key-line" viewBox="0 0 20 10" aria-hidden="true">
            <line
              class={l.series === undefined ? "acc-line-total" : `acc-line acc-s${l.series}`}
              x1="1"
              x2="19"
              y1="5"
              y2="5"
            />
          </svg>
          {l.label}
        </li>
      ))}
      <li>
        <svg class="acc-key" viewBox="0 0 10 10" aria-hidden="true">
          <circle class="acc-line-total" cx="5" cy="5" r="4" />
        </svg>
        {t.assessment}
      </li>
      <li>
        <svg class="acc-key" viewBox="0 0 10 10" aria-hidden="true">
          <polygon class="acc-line-total" points="5,0 10,5 5,10 0,5" />
        </svg>
        {t.pulse}
      </li>
      {props.markers && (
        <>
          <li>
            <svg class="acc-key" viewBox="0 0 10 10" aria-hidden="true">
              <polygon class="acc-marker-shape" points="0,9 10,9 5,1" />
            </svg>
            {t.began}
          </li>
          <li>
            <svg class="acc-key" viewBox="0 0 10 10" aria-hidden="true">
              <rect class="acc-marker-shape" x="1" y="1" width="8" height="8" rx="1.5" />
            </svg>
            {t.done}
          </li>
        </>
      )}
      {props.hidden && (
        <li>
          <svg class="acc-key" viewBox="0 0 10 10" aria-hidden="true">
            <line class="acc-hidden-mark" x1="5" x2="5" y1="0" y2="10" />
          </svg>
          {t.hiddenScore}
        </li>
      )}
    </ul>
  );
}
