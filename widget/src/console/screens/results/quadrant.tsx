/** Importance against performance, per principle, with its numbers as a table. */
import type { Schemas } from "../../../api";
import { QuadrantChart } from "../../charts";
import { fewerThan, value } from "../../format";

type Results = Schemas["Results"];

export function QuadrantBlock(props: { results: Results; mark: (id: string) => string }) {
  const principles = props.results.principles ?? [];
  const points = principles.flatMap((p) => {
    const perf = value(p.score);
    const imp = value(p.importance);
    return perf === null || imp === null
      ? []
      : [{ id: p.principleId, mark: props.mark(p.principleId), name: p.title, performance: perf, importance: imp }];
  });
  const omitted = principles
    .filter((p) => value(p.score) === null || value(p.importance) === null)
    .map((p) => `${props.mark(p.principleId)}. ${p.title}`);
  return (
    <div class="quadrant-layout">
      <div class="card">
        <QuadrantChart
          title="Importance versus performance, partnership means per principle"
          points={points}
          omitted={omitted}
        />
      </div>
      <div class="quadrant-notes">
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
            <dd>Important, not lived well enough: plan actions.</dd>
          </div>
          <div>
            <dt>Keep it up</dt>
            <dd>Important and lived well: celebrate it.</dd>
          </div>
          <div>
            <dt>Possible overkill</dt>
            <dd>Lived well, less important to people.</dd>
          </div>
          <div>
            <dt>Low priority</dt>
            <dd>Neither pressing nor strong.</dd>
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
