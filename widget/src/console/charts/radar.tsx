/**
 * A radar of one group (e.g. an organization): one spoke per principle, performance as a filled
 * shape and importance as a dashed outline, so the gap between them is the space in between.
 * Hidden values (too few responses) leave their spoke empty and are named in the description.
 */
import { ChartFrame, one } from "./frame";

interface RadarAxis {
  id: string;
  mark: string;
  name: string;
}

interface RadarProps {
  title: string;
  axes: RadarAxis[];
  /** Per axis; null when hidden. */
  performance: (number | null)[];
  /** Per axis; null when hidden or not asked (pulses). */
  importance?: (number | null)[];
  series?: number;
  min?: number;
  max?: number;
  hiddenNote?: string;
}

const SIZE = 320;
const C = SIZE / 2;
const R = 118;

export function Radar(props: RadarProps) {
  const min = props.min ?? 1;
  const max = props.max ?? 5;
  const n = props.axes.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  // The centre is the bottom of the scale (min), so a 1 sits at the centre and a 5 on the rim.
  const radius = (v: number) => ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * R;
  const at = (i: number, v: number) =>
    [C + Math.cos(angle(i)) * radius(v), C + Math.sin(angle(i)) * radius(v)] as const;
  const rings = Array.from({ length: max - min }, (_, i) => min + i + 1);
  const shape = (values: (number | null)[]) =>
    values
      .map((v, i) => (v === null ? null : at(i, v)))
      .filter((p): p is readonly [number, number] => p !== null)
      .map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`)
      .join(" ");
  const hidden = props.axes.filter((_, i) => props.performance[i] === null).map((a) => a.mark);
  const description = [
    `Scale ${min} (centre) to ${max} (rim).`,
    ...props.axes.map((a, i) => {
      const perf = props.performance[i];
      const imp = props.importance?.[i];
      if (perf === null || perf === undefined) return `${a.mark}. ${a.name}: ${props.hiddenNote ?? "not shown"}.`;
      return `${a.mark}. ${a.name}: performance ${one(perf)}${imp !== null && imp !== undefined ? `, importance ${one(imp)}` : ""}.`;
    }),
  ].join(" ");
  const series = props.series ?? 0;
  const perfShape = shape(props.performance);
  const impShape = props.importance ? shape(props.importance) : "";
  return (
    <ChartFrame
      title={props.title}
      description={description}
      viewBox={[SIZE, SIZE]}
      class="acc-radar"
      caption={hidden.length ? `${props.hiddenNote ?? "Not shown"}: ${hidden.join(", ")}` : undefined}
      table={{
        caption: props.title,
        columns: props.importance ? ["Principle", "Performance", "Importance"] : ["Principle", "Performance"],
        rows: props.axes.map((a, i) => {
          const cell = (v: number | null | undefined) =>
            v === null || v === undefined ? (props.hiddenNote ?? "not shown") : one(v);
          const row = [`${a.mark}. ${a.name}`, cell(props.performance[i])];
          return props.importance ? [...row, cell(props.importance[i])] : row;
        }),
      }}
    >
      {rings.map((r) => (
        <polygon key={r} class="acc-grid" points={props.axes.map((_, i) => at(i, r).join(",")).join(" ")} />
      ))}
      {props.axes.map((a, i) => {
        const [ex, ey] = at(i, max);
        const lx = C + Math.cos(angle(i)) * (R + 22);
        const ly = C + Math.sin(angle(i)) * (R + 22);
        return (
          <g key={a.id}>
            <line class="acc-grid" x1={C} y1={C} x2={ex} y2={ey} />
            <text
              class={`acc-spoke-label${props.performance[i] === null ? " acc-muted" : ""}`}
              x={lx}
              y={ly + 5}
              text-anchor="middle"
            >
              {a.mark}
            </text>
          </g>
        );
      })}
      {n >= 3 && impShape && <polygon class="acc-importance" points={impShape} />}
      {n >= 3 && perfShape && <polygon class={`acc-area acc-s${series}`} points={perfShape} />}
      {props.performance.map((v, i) => {
        if (v === null) return null;
        const [px, py] = at(i, v);
        return <circle key={i} class={`acc-vertex acc-s${series}`} cx={px} cy={py} r="4" />;
      })}
    </ChartFrame>
  );
}
