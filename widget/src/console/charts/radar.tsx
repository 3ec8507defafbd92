/**
 * A radar of one group (e.g. an organization): one spoke per principle, labelled with its number
 * and name, performance as a filled shape and importance as a dashed outline, so the gap between
 * them is the space in between. A hidden value (too few responses) is never drawn as the centre:
 * its spoke stays empty, the outline breaks there (no line runs across it) and the spoke's label
 * says "hidden".
 */
import { fill, useT } from "../i18n";
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

// Room around the rings for labels of up to LINE_CHARS × MAX_LINES characters on each side.
const R = 110;
const LABEL_GAP = 16;
const LINE_CHARS = 15;
const LINE_HEIGHT = 15;
const SIDE = 150;
const W = 2 * (R + LABEL_GAP + SIDE);
const H = 2 * (R + LABEL_GAP + 62);
const CX = W / 2;
const CY = H / 2;

/** A label's words in lines of at most LINE_CHARS characters (a longer word gets a line of its own). */
export function wrapLabel(text: string, chars = LINE_CHARS): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function Radar(props: RadarProps) {
  const min = props.min ?? 1;
  const max = props.max ?? 5;
  const n = props.axes.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  // The centre is the bottom of the scale (min), so a 1 sits at the centre and a 5 on the rim.
  const radius = (v: number) => ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * R;
  const at = (i: number, v: number) =>
    [CX + Math.cos(angle(i)) * radius(v), CY + Math.sin(angle(i)) * radius(v)] as const;
  const rings = Array.from({ length: max - min }, (_, i) => min + i + 1);
  const hidden = props.axes.filter((_, i) => props.performance[i] === null).map((a) => a.mark);
  const t = useT().insights.charts;
  const description = [
    fill(t.radarScale, { min, max }),
    ...props.axes.map((a, i) => {
      const perf = props.performance[i];
      const imp = props.importance?.[i];
      const name = `${a.mark}. ${a.name}`;
      if (perf === null || perf === undefined) return `${name}: ${props.hiddenNote ?? t.notShown}.`;
      const words =
        imp !== null && imp !== undefined
          ? fill(t.point, { name, performance: one(perf), importance: one(imp) })
          : fill(t.pointPerformance, { name, performance: one(perf) });
      return `${words}.`;
    }),
  ].join(" ");
  const series = props.series ?? 0;
  const perf = outline(props.performance, at);
  const imp = props.importance ? outline(props.importance, at) : null;
  return (
    <ChartFrame
      title={props.title}
      description={description}
      viewBox={[W, H]}
      class="acc-radar"
      caption={hidden.length ? `${props.hiddenNote ?? t.notShownCaption}: ${hidden.join(", ")}` : undefined}
      table={{
        caption: props.title,
        columns: props.importance ? [t.principle, t.performance, t.importance] : [t.principle, t.performance],
        rows: props.axes.map((a, i) => {
          const cell = (v: number | null | undefined) =>
            v === null || v === undefined ? (props.hiddenNote ?? t.notShown) : one(v);
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
        const cos = Math.cos(angle(i));
        const sin = Math.sin(angle(i));
        const lx = CX + cos * (R + LABEL_GAP);
        const ly = CY + sin * (R + LABEL_GAP);
        const anchor = Math.abs(cos) < 0.3 ? "middle" : cos > 0 ? "start" : "end";
        const isHidden = props.performance[i] === null;
        const lines = wrapLabel(`${a.mark}. ${a.name}`);
        if (isHidden) lines.push(t.hiddenSpoke);
        // Above the centre the label grows upwards, below it downwards, beside it around the spoke's end.
        const top =
          sin < -0.3
            ? ly - (lines.length - 1) * LINE_HEIGHT
            : sin > 0.3
              ? ly + 10
              : ly - ((lines.length - 1) * LINE_HEIGHT) / 2 + 5;
        return (
          <g key={a.id}>
            <line class={`acc-grid${isHidden ? " acc-spoke-hidden" : ""}`} x1={CX} y1={CY} x2={ex} y2={ey} />
            <text class={`acc-spoke-label${isHidden ? " acc-muted" : ""}`} x={lx} y={top} text-anchor={anchor}>
              {lines.map((line, j) => (
                <tspan key={j} x={lx} dy={j === 0 ? 0 : LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
      {imp && n >= 3 && <Outline shape={imp} class="acc-importance" />}
      {n >= 3 && <Outline shape={perf} class={`acc-area acc-s${series}`} />}
      {props.performance.map((v, i) => {
        if (v === null) return null;
        const [px, py] = at(i, v);
        return <circle key={i} class={`acc-vertex acc-s${series}`} cx={px} cy={py} r="4" />;
      })}
    </ChartFrame>
  );
}

type Point = readonly [number, number];

/**
 * A radar outline: the closed shape when every value is shown; otherwise only the runs of
 * neighbouring shown spokes, so nothing is drawn towards (or across) a hidden spoke.
 */
function outline(values: (number | null)[], at: (i: number, v: number) => Point) {
  const points = values.map((v, i) => (v === null ? null : at(i, v)));
  if (points.every((p) => p !== null)) return { closed: points as Point[], runs: [] as Point[][] };
  const runs: Point[][] = [];
  // Start just after a hidden spoke, so a run that wraps around the top stays one run.
  const start = points.indexOf(null) + 1;
  let run: Point[] = [];
  for (let j = 0; j < points.length; j++) {
    const p = points[(start + j) % points.length];
    if (p) run.push(p);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return { closed: null, runs: runs.filter((r) => r.length >= 2) };
}

const pointsAttr = (points: readonly Point[]) => points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");

function Outline(props: { shape: ReturnType<typeof outline>; class: string }) {
  const s = props.shape;
  if (s.closed) return <polygon class={props.class} points={pointsAttr(s.closed)} />;
  return (
    <>
      {s.runs.map((run, i) => (
        <polyline key={i} class={`${props.class} acc-open`} points={pointsAttr(run)} />
      ))}
    </>
  );
}
