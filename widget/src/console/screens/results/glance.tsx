/** Every principle's figures per organization and for the partnership, in one table. */
import type { Schemas } from "../../../api";
import { fewerThan, isSuppressed, mean, value } from "../../format";
import { useT } from "../../i18n";
import { orgIndex } from "../../session";
import { Flag, fig, figureKey, Hidden, Trend } from "./figures";

type Results = Schemas["Results"];

export function GlanceTable(props: { results: Results; mark: (id: string) => string; links?: boolean }) {
  const r = props.results;
  const k = r.k;
  const assessment = r.cycle.kind === "assessment";
  const principles = r.principles ?? [];
  const all = useT();
  const t = all.insights.results;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on small screens; keyboard users must reach it
    <section class="table-wrap" tabIndex={0} aria-label={t.tableLabel}>
      <table class="table results-table">
        <caption class="sr-only">{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{all.fields.principleId}</th>
            {r.organizations.map((o) => (
              <th scope="col" key={o.id} class="num">
                <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
                {o.name}
              </th>
            ))}
            <th scope="col" class="num">
              {all.shell.partnership}
            </th>
            {assessment && (
              <>
                <th scope="col" class="num">
                  <abbr title={t.gapTitle}>{t.gap}</abbr>
                </th>
                <th scope="col" class="num">
                  <abbr title={t.priorityTitle}>{all.published.priority}</abbr>
                </th>
              </>
            )}
            <th scope="col" class="num">
              <abbr title={t.perceptionGapTitle}>{t.perceptionGap}</abbr>
            </th>
            <th scope="col" class="num">
              {t.trend}
            </th>
          </tr>
        </thead>
        <tbody>
          {principles.map((p) => (
            <tr key={p.principleId}>
              <th scope="row">
                {props.links === false ? (
                  <span class="glance-title">
                    <span class="mark" aria-hidden="true">
                      {props.mark(p.principleId)}
                    </span>
                    {p.title}
                  </span>
                ) : (
                  <a href={`#principle-${p.principleId}`} class="glance-title">
                    <span class="mark" aria-hidden="true">
                      {props.mark(p.principleId)}
                    </span>
                    {p.title}
                  </a>
                )}
              </th>
              {r.organizations.map((o) => {
                const cell = p.organizations.find((x) => x.organizationId === o.id);
                const perf = cell?.performance;
                return (
                  <td key={o.id} class="num">
                    {perf === undefined || isSuppressed(perf) ? (
                      <span class="suppressed" data-figure={figureKey(p.principleId, `org:${o.id}`)}>
                        {fewerThan(k)}
                      </span>
                    ) : (
                      <>
                        <strong data-figure={figureKey(p.principleId, `org:${o.id}`)}>{mean(perf)}</strong>
                        <span class="muted small"> n={value(cell?.n)}</span>
                      </>
                    )}
                  </td>
                );
              })}
              <td class="num" data-figure={figureKey(p.principleId, "score")}>
                {isSuppressed(p.score) ? <Hidden k={k} /> : <strong>{mean(p.score)}</strong>}
              </td>
              {assessment && (
                <>
                  <td class="num" data-figure={figureKey(p.principleId, "gap")}>
                    {isSuppressed(p.gap) ? <Hidden k={k} /> : fig(p.gap, k)}
                  </td>
                  <td class="num" data-figure={figureKey(p.principleId, "priority")}>
                    {isSuppressed(p.priority) ? <Hidden k={k} /> : fig(p.priority, k)}
                  </td>
                </>
              )}
              <td class="num">
                {isSuppressed(p.perceptionGap) ? (
                  <Hidden k={k} />
                ) : (
                  <>
                    <span data-figure={figureKey(p.principleId, "perception")}>{mean(p.perceptionGap)}</span>
                    {p.perceptionGapFlagged === true && <Flag />}
                  </>
                )}
              </td>
              <td class="num">
                <Trend value={p.trend} k={k} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
