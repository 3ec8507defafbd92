/**
 * Importance versus performance (an importance–performance analysis): each principle is a numbered
 * dot; the lines at the middle of the scale split it into four quadrants that say what to do.
 */
import { ChartFrame, linear, one } from "./frame";

interface QuadrantPoint {
  id: string;
  /** Short mark drawn in the dot, e.g. "3". */
  mark: string;
  /** Full name, for the description and the table. */
  name: string;
  performance: number;
  importance: number;
}

const QUADRANTS = {
  concentrate: "Concentrate here",
  keep: "Keep it up",
  low: "Low priority",
  overkill: "Possible overkill",
} as const;

/** Which quadrant a point falls in, split at `mid` on both axes. */
function quadrantOf(p: { performance: number; importance: number }, mid = 3): keyof typeof QUADRANTS {
  if (p.importance >= mid) return p.performance >= mid ? "keep" : "concentrate";
  return p.performance >= mid ? "overkill" : "low";
}

const W = 560;
const H = 470;
// The top quadrants are labelled above the plot: that is where important principles cluster.
const M = { left: 58, right: 16, top: 44, bottom: 58 };

export function QuadrantChart(props: {
  title: string;
  points: QuadrantPoint[];
  omitted?: string[];
  min?: number;
  max?: number;
  mid?: number;
}) {
  const min = props.min ?? 1;
  const max = props.max ?? 5;
  const mid = props.mid ?? 3;
  const x = linear(min, max, M.left, W - M.right);
  const y = linear(min, max, H - M.bottom, M.top);
  const ticks = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const placed = spread(props.points.map((p) => ({ ...p, cx: x(p.performance), cy: y(p.importance) })));
  const description = [
    `Performance from ${min} to ${max} across, importance from ${min} to ${max} up; quadrants split at ${mid}.`,
    ...props.points.map(
      (p) =>
        `${p.mark}. ${p.name}: performance ${one(p.performance)}, importance ${one(p.importance)}, ${QUADRANTS[quadrantOf(p, mid)].toLowerCase()}.`,
    ),
    ...(props.omitted?.length ? [`Not shown (too few responses): ${props.omitted.join(", ")}.`] : []),
  ].join(" ");
  return (
    <ChartFrame
      title={props.title}
      description={description}
      viewBox={[W, H]}
      class="acc-quadrant"
      table={{
        caption: props.title,
        columns: ["Principle", "Performance", "Importance", "Quadrant"],
        rows: props.points.map((p) => [
          `${p.mark}. ${p.name}`,
          one(p.performance),
          one(p.importance),
          QUADRANTS[quadrantOf(p, mid)],
        ]),
      }}
    >
      <rect
        class="acc-quad acc-quad-concentrate"
        x={x(min)}
        y={y(max)}
        width={x(mid) - x(min)}
        height={y(mid) - y(max)}
      />
      <rect class="acc-quad acc-quad-keep" x={x(mid)} y={y(max)} width={x(max) - x(mid)} height={y(mid) - y(max)} />
      <rect class="acc-quad acc-quad-low" x={x(min)} y={y(mid)} width={x(mid) - x(min)} height={y(min) - y(mid)} />
      <rect class="acc-quad acc-quad-overkill" x={x(mid)} y={y(mid)} width={x(max) - x(mid)} height={y(min) - y(mid)} />
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
      <line class="acc-mid" x1={x(mid)} x2={x(mid)} y1={y(min)} y2={y(max)} />
      <line class="acc-mid" x1={x(min)} x2={x(max)} y1={y(mid)} y2={y(mid)} />
      <text class="acc-quad-label acc-quad-label-concentrate" x={x(min)} y={y(max) - 12}>
        {QUADRANTS.concentrate}
      </text>
      <text class="acc-quad-label acc-quad-label-keep" x={x(max)} y={y(max) - 12} text-anchor="end">
        {QUADRANTS.keep}
      </text>
      <text class="acc-quad-label" x={x(min) + 10} y={y(min) - 12}>
        {QUADRANTS.low}
      </text>
      <text class="acc-quad-label" x={x(max) - 10} y={y(min) - 12} text-anchor="end">
        {QUADRANTS.overkill}
      </text>
      <text class="acc-axis-label" x={(x(min) + x(max)) / 2} y={H - 8} text-anchor="middle">
        Performance: how well it is lived →
      </text>
      <text
        class="acc-axis-label"
        transform={`translate(16 ${(y(min) + y(max)) / 2}) rotate(-90)`}
        text-anchor="middle"
      >
        Importance →
      </text>
      {placed.map((p) => (
        <g key={p.id} class="acc-point">
          <circle class="acc-dot" cx={p.cx} cy={p.cy} r="14">
            <title>{`${p.mark}. ${p.name}: performance ${one(p.performance)}, importance ${one(p.importance)}`}</title>
          </circle>
          <text class="acc-dot-label" x={p.cx} y={p.cy} dy="0.35em" text-anchor="middle">
            {p.mark}
          </text>
        </g>
      ))}
    </ChartFrame>
  );
}

/** Nudges dots that would cover each other apart, so every number stays readable. */
function spread<T extends { cx: number; cy: number }>(points: T[]): T[] {
  const out: T[] = [];
  for (const p of points) {
    const q = { ...p };
    for (let tries = 0; tries < 8 && out.some((o) => Math.hypot(o.cx - q.cx, o.cy - q.cy) < 26); tries++) {
      const angle = (tries * Math.PI) / 4;
      q.cx = p.cx + Math.cos(angle) * 26;
      q.cy = p.cy + Math.sin(angle) * 26;
    }
    out.push(q);
  }
  return out;
}
