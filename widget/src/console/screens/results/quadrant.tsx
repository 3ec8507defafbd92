/** Importance against performance, per principle, with its numbers as a table. */
import type { Schemas } from "../../../api";
import { QuadrantChart, quadrantName } from "../../charts";
import { fewerThan, mean, value } from "../../format";
import { fill, plural, useT } from "../../i18n";

type Results = Schemas["Results"];

/** The quadrants in the order the key explains them: where to act first. */
const QUADRANT_KEY = ["concentrate", "keep", "overkill", "low"] as const;

export function QuadrantBlock(props: { results: Results; mark: (id: string) => string }) {
  const principles = props.results.principles ?? [];
  const split = props.results.quadrantSplit ?? null;
  const points = principles.flatMap((p) => {
    const perf = value(p.score);
    const imp = value(p.importance);
    return perf === null || imp === null || !p.quadrant
      ? []
      : [
          {
            id: p.principleId,
            mark: props.mark(p.principleId),
            name: p.title,
            performance: perf,
            importance: imp,
            quadrant: p.quadrant,
          },
        ];
  });
  const omitted = principles
    .filter((p) => value(p.score) === null || value(p.importance) === null)
    .map((p) => `${props.mark(p.principleId)}. ${p.title}`);
  const all = useT();
  const t = all.insights.quadrant;
  if (!split) {
    return <p class="muted">{t.noneCanBePlaced}</p>;
  }
  return (
    <div class="quadrant-layout">
      <div class="card">
        <QuadrantChart title={t.chartTitle} points={points} split={split} omitted={omitted} />
      </div>
      <div class="quadrant-notes">
        <p class="small quadrant-split">
          {plural(t.split, points.length)} <strong>{mean(split.performance)}</strong>, {t.splitImportance}{" "}
          <strong>{mean(split.importance)}</strong>.{" "}
          {fill(t.splitWhy, { keep: quadrantName("keep"), concentrate: quadrantName("concentrate") })}
        </p>
        <ol class="legend-list legend-compact" aria-label={all.principles.title}>
          {principles.map((p) => (
            <li key={p.principleId}>
              <span class="mark" aria-hidden="true">
                {props.mark(p.principleId)}
              </span>
              {p.title}
            </li>
          ))}
        </ol>
        <dl class="quadrant-key">
          {QUADRANT_KEY.map((q) => (
            <div key={q}>
              <dt>{quadrantName(q)}</dt>
              <dd>{t.meanings[q]}</dd>
            </div>
          ))}
        </dl>
        {omitted.length > 0 && (
          <p class="muted small">
            {fill(t.notPlaced, { few: fewerThan(props.results.k), principles: omitted.join("; ") })}
          </p>
        )}
      </div>
    </div>
  );
}
