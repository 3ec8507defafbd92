/**
 * Importance versus performance (an importance–performance analysis): each principle is a numbered
 * dot; lines at the partnership's own means across the shown principles (data-centred quadrants)
 * split it into four quadrants that say what to do. The API places each principle (one rule,
 * the one that picks the challenges), so the chart and the Challenges list cannot disagree.
 */
import { fill, messages, useT } from "../i18n";
import { ChartFrame, linear, one } from "./frame";

export type Quadrant = "concentrate" | "keep" | "overkill" | "low";

interface QuadrantPoint {
  id: string;
  /** Short mark drawn in the dot, e.g. "3". */
  mark: string;
  /** Full name, for the description and the table. */
  name: string;
  performance: number;
  importance: number;
  /** The quadrant the API placed it in. */
  quadrant: Quadrant;
}

/** A quadrant's name in the reader's language ("Concentrate here"). */
export const quadrantName = (q: Quadrant) => messages.value.insights.quadrant.names[q];

const W = 560;
const H = 470;
// The top quadrants are labelled above the plot: that is where important principles cluster.
const M = { left: 58, right: 16, top: 44, bottom: 58 };

export function QuadrantChart(props: {
  title: string;
  points: QuadrantPoint[];
  /** Where the quadrants split: the partnership's mean performance and mean importance. */
  split: { performance: number; importance: number };
  omitted?: string[];
  min?: number;
  max?: number;
}) {
  const min = props.min ?? 1;
  const max = props.max ?? 5;
  const midX = props.split.performance;
  const midY = props.split.importance;
  const x = linear(min, max, M.left, W - M.right);
  const y = linear(min, max, H - M.bottom, M.top);
  const ticks = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  // The box of each quadrant: a dot nudged apart from another never leaves the quadrant it is in.
  const boxes: Record<Quadrant, Box> = {
    concentrate: { x0: x(min), x1: x(midX), y0: y(max), y1: y(midY) },
    keep: { x0: x(midX), x1: x(max), y0: y(max), y1: y(midY) },
    low: { x0: x(min), x1: x(midX), y0: y(midY), y1: y(min) },
    overkill: { x0: x(midX), x1: x(max), y0: y(midY), y1: y(min) },
  };
  const placed = spread(
    props.points.map((p) => ({ ...p, cx: x(p.performance), cy: y(p.importance), box: boxes[p.quadrant] })),
  );
  const t = useT().insights;
  const pointWords = (p: QuadrantPoint) =>
    fill(t.charts.point, {
      name: `${p.mark}. ${p.name}`,
      performance: one(p.performance),
      importance: one(p.importance),
    });
  const description = [
    fill(t.charts.quadrantDescription, { min, max, performance: one(midX), importance: one(midY) }),
    ...props.points.map((p) => `${pointWords(p)}, ${t.quadrant.inSentence[p.quadrant]}.`),
    ...(props.omitted?.length ? [fill(t.charts.notShownFew, { principles: props.omitted.join(", ") })] : []),
  ].join(" ");
  return (
    <ChartFrame
      title={props.title}
      description={description}
      viewBox={[W, H]}
      class="acc-quadrant"
      table={{
        caption: props.title,
        columns: [t.charts.principle, t.charts.performance, t.charts.importance, t.charts.quadrant],
        rows: props.points.map((p) => [
          `${p.mark}. ${p.name}`,
          one(p.performance),
          one(p.importance),
          quadrantName(p.quadrant),
        ]),
      }}
    >
      {(
        [
          // The quadrant, then its left, right, top and bottom edges on the scale.
          ["concentrate", min, midX, max, midY],
          ["keep", midX, max, max, midY],
          ["low", min, midX, midY, min],
          ["overkill", midX, max, midY, min],
        ] as const
      ).map(([name, left, right, top, bottom]) => (
        <rect
          key={name}
          class={`acc-quad acc-quad-${name}`}
          data-quadrant={name}
          x={x(left)}
          y={y(top)}
          width={x(right) - x(left)}
          height={y(bottom) - y(top)}
        />
      ))}
      {ticks.map((t) => (
        <g key={t}>
          <line class="acc-grid" x1={x(t)} x2={x(t)} y1={y(min)} y2={y(max)} />
          <line class="acc-grid" x1={x(min)} x2={x(max)} y1={y(t)} y2={y(t)} />
          <text class="acc-tick-label" x={x(t)} y={y(min) + 20} text-anchor="middle">
            {t}
          </text>
          <text class="acc-tick-label" x={x(min) - 10} y={y(t) + 5} text-anchor="end">
            {t}
          </text>
        </g>
      ))}
      <line class="acc-mid" x1={x(midX)} x2={x(midX)} y1={y(min)} y2={y(max)} />
      <line class="acc-mid" x1={x(min)} x2={x(max)} y1={y(midY)} y2={y(midY)} />
      <text class="acc-mid-label" x={x(midX) + 6} y={y(min) - 8}>
        {fill(t.charts.average, { value: one(midX) })}
      </text>
      <text class="acc-mid-label" x={x(max) - 6} y={y(midY) + 18} text-anchor="end">
        {fill(t.charts.average, { value: one(midY) })}
      </text>
      <text class="acc-quad-label acc-quad-label-concentrate" x={x(min)} y={y(max) - 12}>
        {quadrantName("concentrate")}
      </text>
      <text class="acc-quad-label acc-quad-label-keep" x={x(max)} y={y(max) - 12} text-anchor="end">
        {quadrantName("keep")}
      </text>
      <text class="acc-quad-label" x={x(min) + 10} y={y(min) - 30}>
        {quadrantName("low")}
      </text>
      <text class="acc-quad-label" x={x(max) - 10} y={y(min) - 30} text-anchor="end">
        {quadrantName("overkill")}
      </text>
      <text class="acc-axis-label" x={(x(min) + x(max)) / 2} y={H - 8} text-anchor="middle">
        {t.charts.performanceAxis}
      </text>
      <text
        class="acc-axis-label"
        transform={`translate(22 ${(y(min) + y(max)) / 2}) rotate(-90)`}
        text-anchor="middle"
      >
        {t.charts.importanceAxis}
      </text>
      {placed.map((p) => (
        <g key={p.id} class="acc-point" data-principle={p.id} data-quadrant={p.quadrant}>
          <circle class="acc-dot" cx={p.cx} cy={p.cy} r="14">
            <title>{pointWords(p)}</title>
          </circle>
          <text class="acc-dot-label" x={p.cx} y={p.cy} dy="0.35em" text-anchor="middle">
            {p.mark}
          </text>
        </g>
      ))}
    </ChartFrame>
  );
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Nudges dots that would cover each other apart (within their quadrant), so every number stays readable. */
function spread<T extends { cx: number; cy: number; box: Box }>(points: T[]): T[] {
  const out: T[] = [];
  for (const p of points) {
    const q = { ...p };
    for (let tries = 0; tries < 8 && out.some((o) => Math.hypot(o.cx - q.cx, o.cy - q.cy) < 26); tries++) {
      const angle = (tries * Math.PI) / 4;
      q.cx = clamp(p.cx + Math.cos(angle) * 26, p.box.x0, p.box.x1);
      q.cy = clamp(p.cy + Math.sin(angle) * 26, p.box.y0, p.box.y1);
    }
    out.push(q);
  }
  return out;
}
