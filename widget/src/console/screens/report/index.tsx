/**
 * The partnership report of a closed assessment, for the steering meeting: participation per
 * organization, strengths, challenges, perception gaps, every principle's figures, trends, and the
 * actions with their status. It reads the same results as the results screen (so it shows the same
 * figures, hidden ones as "hidden") and prints to PDF from the browser: the print stylesheet drops
 * the navigation and buttons and starts the trends and actions on new pages.
 */
import type { Schemas } from "../../../api";
import { quadrantName } from "../../charts";
import { Async, EmptyState, PageHeader, StatusBadge } from "../../components/ui";
import { date, fewerThan, isSuppressed, mean } from "../../format";
import { count, fill, plural, useT } from "../../i18n";
import { useLoad } from "../../load";
import { cycleName } from "../../names";
import { hrefFor } from "../../router";
import { api, orgIndex, partnership } from "../../session";
import { useTitle } from "../../title";
import { useCycleResults } from "../results";
import { fig, orgNameOf, people, Trend } from "../results/figures";
import { GlanceTable } from "../results/glance";
import { TrendOverview, trendUntil } from "../results/trend-view";
import { useTrends } from "../results/trends-screen";

type Results = Schemas["Results"];
type PrincipleResult = Schemas["PrincipleResult"];

export function ReportScreen(props: { pid: string; cycle: string | null }) {
  const name = partnership.value?.settings.name ?? "";
  const all = useT();
  const t = all.insights.report;
  useTitle(all.results.report, name);
  const cycles = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params: { partnershipId: props.pid }, signal }),
    [props.pid],
  );
  return (
    <Async value={cycles.value} onRetry={cycles.reload} label={t.loading}>
      {({ cycles: list }) => {
        const closed = list.filter((c) => c.status === "closed" && c.kind === "assessment");
        const chosen = props.cycle ? closed.find((c) => c.id === props.cycle) : closed[0];
        if (!chosen) {
          return (
            <>
              <PageHeader title={all.results.report} />
              <EmptyState
                title={props.cycle ? t.noReport : t.noAssessment}
                action={
                  <a class="btn" href={hrefFor(props.pid, "results")}>
                    {t.toResults}
                  </a>
                }
              >
                <p>{t.madeFor}</p>
              </EmptyState>
            </>
          );
        }
        return <Report pid={props.pid} cycleId={chosen.id} />;
      }}
    </Async>
  );
}

function Report(props: { pid: string; cycleId: string }) {
  const results = useCycleResults(props.pid, props.cycleId);
  const trends = useTrends(props.pid);
  const actions = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/actions", { params: { partnershipId: props.pid }, signal }),
    [props.pid],
  );
  const all = useT();
  const t = all.insights.report;
  return (
    <Async value={results.value} onRetry={results.reload} label={t.loading}>
      {(r) => (
        <article class="report">
          <PageHeader
            eyebrow={`${all.results.report} · ${partnership.value?.settings.name ?? ""}`}
            title={cycleName(r.cycle)}
            lead={plural(t.lead, r.k, { from: date(r.cycle.opensAt), to: date(r.cycle.closesAt) })}
            actions={
              <span class="no-print report-buttons">
                <a class="btn" href={hrefFor(props.pid, "results", undefined, { cycle: r.cycle.id })}>
                  {all.insights.results.back}
                </a>
                <button type="button" class="btn btn-primary" onClick={() => window.print()}>
                  {t.print}
                </button>
              </span>
            }
          />
          <ReportBody pid={props.pid} results={r} />
          <section class="report-section report-break" aria-labelledby="report-trends">
            <h2 id="report-trends">{all.results.trends}</h2>
            <p class="small muted">{t.trendsLead}</p>
            <Async value={trends.value} onRetry={trends.reload} label={all.insights.trends.loading}>
              {(loaded) => (
                <TrendOverview pid={props.pid} trends={trendUntil(loaded, r.cycle.closesAt)} links={false} />
              )}
            </Async>
          </section>
          <section class="report-section report-break" aria-labelledby="report-actions">
            <h2 id="report-actions">{t.actions}</h2>
            <Async value={actions.value} onRetry={actions.reload} label={all.actions.loading}>
              {({ actions: list }) => <ActionsTable results={r} actions={list} />}
            </Async>
          </section>
        </article>
      )}
    </Async>
  );
}

function ReportBody(props: { pid: string; results: Results }) {
  const r = props.results;
  const k = r.k;
  const principles = r.principles ?? [];
  const mark = (id: string) => String(principles.findIndex((p) => p.principleId === id) + 1);
  const byId = new Map(principles.map((p) => [p.principleId, p]));
  const pick = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => byId.get(id)).filter((p): p is PrincipleResult => !!p);
  const strengths = pick(r.strengths);
  const challenges = pick(r.challenges);
  const gaps = principles.filter((p) => p.perceptionGapFlagged === true);
  const all = useT();
  const t = all.insights.report;
  if (!r.published) return <p>{t.stillOpen}</p>;
  return (
    <>
      <section class="report-section" aria-labelledby="report-participation">
        <h2 id="report-participation">{t.participation}</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on small screens; keyboard users must reach it */}
        <section class="table-wrap" tabIndex={0} aria-label={t.participationTable}>
          <table class="table report-table">
            <caption class="sr-only">{all.participation.label}</caption>
            <thead>
              <tr>
                <th scope="col">{all.shell.organization}</th>
                <th scope="col" class="num">
                  {t.responded}
                </th>
                <th scope="col" class="num">
                  {t.invited}
                </th>
                <th scope="col" class="num">
                  {t.rate}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.participation.map((o) => (
                <tr key={o.organizationId}>
                  <th scope="row">
                    <span class={`swatch s${orgIndex(o.organizationId)}`} aria-hidden="true" />
                    {orgNameOf(r, o.organizationId)}
                  </th>
                  <td class="num">
                    {o.responded === null ? fill(all.published.fewerThan, { k }) : people(o.responded)}
                  </td>
                  <td class="num">{people(o.invited)}</td>
                  <td class="num">
                    {o.responded === null || o.invited === 0
                      ? "—"
                      : fill(t.percent, { n: count(Math.round((o.responded / o.invited) * 100)) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <div class="report-columns">
        <section class="report-section" aria-labelledby="report-strengths">
          <h2 id="report-strengths">{all.published.strengths}</h2>
          <p class="small muted">{all.published.strengthsLead}</p>
          {strengths.length ? (
            <ol class="report-list">
              {strengths.map((p) => (
                <li key={p.principleId} data-insight={`strength:${p.principleId}`}>
                  <strong>{p.title}</strong>
                  <span class="small">
                    {" "}
                    {fill(t.score, { score: fig(p.score, k) })} <Trend value={p.trend} k={k} />
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">{all.published.noStrengths}</p>
          )}
        </section>
        <section class="report-section" aria-labelledby="report-challenges">
          <h2 id="report-challenges">{all.published.challenges}</h2>
          <p class="small muted">{fill(t.challengesLead, { quadrant: quadrantName("concentrate") })}</p>
          {challenges.length ? (
            <ol class="report-list">
              {challenges.map((p) => (
                <li key={p.principleId} data-insight={`challenge:${p.principleId}`}>
                  <strong>{p.title}</strong>
                  <span class="small">
                    {" "}
                    {fill(t.challengeFigures, {
                      priority: fig(p.priority, k),
                      gap: fig(p.gap, k),
                      score: fig(p.score, k),
                    })}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">{all.published.noChallenges}</p>
          )}
        </section>
      </div>

      <section class="report-section" aria-labelledby="report-perception">
        <h2 id="report-perception">{t.perception}</h2>
        <p class="small muted">{t.perceptionLead}</p>
        {gaps.length ? (
          <ul class="report-list">
            {gaps.map((p) => (
              <li key={p.principleId}>
                <strong>{p.title}</strong>
                <span class="small">
                  {" "}
                  · {fill(t.perceptionGap, { gap: fig(p.perceptionGap, k) })} ·{" "}
                  {p.organizations
                    .map(
                      (o) =>
                        `${orgNameOf(r, o.organizationId)} ${isSuppressed(o.performance) ? fewerThan(k) : mean(o.performance)}`,
                    )
                    .join(", ")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t.noPerception}</p>
        )}
      </section>

      <section class="report-section" aria-labelledby="report-principles">
        <h2 id="report-principles">{all.insights.results.everyPrinciple}</h2>
        <GlanceTable results={r} mark={mark} links={false} />
      </section>
    </>
  );
}

function ActionsTable(props: { results: Results; actions: Schemas["Action"][] }) {
  const titles = new Map((props.results.principles ?? []).map((p) => [p.principleId, p.title]));
  const list = props.actions;
  const all = useT();
  const t = all.insights.report;
  if (!list.length) return <p class="muted">{all.actions.noneYet}</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on small screens; keyboard users must reach it
    <section class="table-wrap" tabIndex={0} aria-label={t.actionsTable}>
      <table class="table report-table">
        <caption class="sr-only">{t.actionsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{all.action.title}</th>
            <th scope="col">{all.fields.principleId}</th>
            <th scope="col">{all.fields.ownerId}</th>
            <th scope="col">{all.action.due}</th>
            <th scope="col">{all.fields.status}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.title}
                <span class="muted small">
                  {" "}
                  · {all.insights.results.kind[a.kind === "celebrate" ? "celebrate" : "improve"]}
                </span>
              </th>
              <td>{a.principleId ? (titles.get(a.principleId) ?? t.anotherPrinciple) : "—"}</td>
              <td>{a.owner ? `${a.owner.name}` : all.insights.actionForm.noOwner}</td>
              <td>
                {a.dueOn ? date(a.dueOn) : "—"}
                {a.overdue && <span class="badge badge-danger">{all.todo.overdue}</span>}
              </td>
              <td>
                <StatusBadge status={a.status} context="action" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
