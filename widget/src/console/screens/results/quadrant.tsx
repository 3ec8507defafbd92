/** Importance against performance, per principle, with its numbers as a table. */
import type { Schemas } from "../../../api";
import { QuadrantChart } from "../../charts";
import { fewerThan, mean, value } from "../../format";

type Results = Schemas["Results"];

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
  if (!split) {
    return <p class="muted">No principle has figures shown for every organization, so none can be placed.</p>;
  }
  return (
    <div class="quadrant-layout">
      <div class="card">
        <QuadrantChart
          title="Importance versus performance, partnership means per principle"
          points={points}
          split={split}
          omitted={omitted}
        />
      </div>
      <div class="quadrant-notes">
        <p class="small quadrant-split">
          Split at this partnership's own averages across the {points.length} principles shown: performance{" "}
          <strong>{mean(split.performance)}</strong>, importance <strong>{mean(split.importance)}</strong>. Answers
          cluster high, so lines at 3 would put nearly everything in “Keep it up”. Every challenge is in “Concentrate
          here”.
        </p>
        <ol class="legend-list legend-compact" aria-label="Principles">
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
          <div>
            <dt>Concentrate here</dt>
            <dd>More important than average, lived less well than average: plan actions.</dd>
          </div>
          <div>
            <dt>Keep it up</dt>
            <dd>More important and lived better than average: celebrate it.</dd>
          </div>
          <div>
            <dt>Possible overkill</dt>
            <dd>Lived better than average, less important to people.</dd>
          </div>
          <div>
            <dt>Low priority</dt>
            <dd>Less important and less well lived than average.</dd>
          </div>
        </dl>
        {omitted.length > 0 && (
          <p class="muted small">
            Not placed, because an organization has {fewerThan(props.results.k)}: {omitted.join("; ")}.
          </p>
        )}
      </div>
    </div>
  );
}
