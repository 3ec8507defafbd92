/**
 * The partnership report of a closed assessment, for the steering meeting: participation per
 * organization, strengths, challenges, perception gaps, every principle's figures, trends, and the
 * actions with their status. It reads the same results as the results screen (so it shows the same
 * figures, hidden ones as "hidden") and prints to PDF from the browser: the print stylesheet drops
 * the navigation and buttons and starts the trends and actions on new pages.
 */
import type { Schemas } from "../../../api";
import { Async, EmptyState, PageHeader, StatusBadge } from "../../components/ui";
import { date, fewerThan, isSuppressed, mean } from "../../format";
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
  useTitle("Partnership report", name);
  const cycles = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params: { partnershipId: props.pid }, signal }),
    [props.pid],
  );
  return (
    <Async value={cycles.value} onRetry={cycles.reload} label="Loading the report…">
      {({ cycles: list }) => {
        const closed = list.filter((c) => c.status === "closed" && c.kind === "assessment");
        const chosen = props.cycle ? closed.find((c) => c.id === props.cycle) : closed[0];
        if (!chosen) {
          return (
            <>
              <PageHeader title="Partnership report" />
              <EmptyState
                title={props.cycle ? "There is no report for this cycle." : "No closed assessment yet."}
                action={
                  <a class="btn" href={hrefFor(props.pid, "results")}>
                    Go to results
                  </a>
                }
              >
                <p>A report is made for each closed assessment.</p>
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
  return (
    <Async value={results.value} onRetry={results.reload} label="Loading the report…">
      {(r) => (
        <article class="report">
          <PageHeader
            eyebrow={`Partnership report · ${partnership.value?.settings.name ?? ""}`}
            title={cycleName(r.cycle)}
            lead={`Assessment ${date(r.cycle.opensAt)} – ${date(r.cycle.closesAt)}. Figures about fewer than ${r.k} people are hidden.`}
            actions={
              <span class="no-print report-buttons">
                <a class="btn" href={hrefFor(props.pid, "results", undefined, { cycle: r.cycle.id })}>
                  Back to results
                </a>
                <button type="button" class="btn btn-primary" onClick={() => window.print()}>
                  Print or save as PDF
                </button>
              </span>
            }
          />
          <ReportBody pid={props.pid} results={r} />
          <section class="report-section report-break" aria-labelledby="report-trends">
            <h2 id="report-trends">Trends</h2>
            <p class="small muted">
              Partnership score per principle across the closed assessments and pulse rounds up to this assessment.
              Hidden rounds are gaps; markers show when linked actions began (triangle) and were done (square).
            </p>
            <Async value={trends.value} onRetry={trends.reload} label="Loading trends…">
              {(t) => <TrendOverview pid={props.pid} trends={trendUntil(t, r.cycle.closesAt)} links={false} />}
            </Async>
          </section>
          <section class="report-section report-break" aria-labelledby="report-actions">
            <h2 id="report-actions">Actions and their status</h2>
            <Async value={actions.value} onRetry={actions.reload} label="Loading actions…">
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
  if (!r.published) return <p>This assessment is still open: its results are published when it closes.</p>;
  return (
    <>
      <section class="report-section" aria-labelledby="report-participation">
        <h2 id="report-participation">Participation</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on small screens; keyboard users must reach it */}
        <section class="table-wrap" tabIndex={0} aria-label="Participation (scrolls sideways on small screens)">
          <table class="table report-table">
            <caption class="sr-only">Participation per organization</caption>
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col" class="num">
                  Responded
                </th>
                <th scope="col" class="num">
                  Invited
                </th>
                <th scope="col" class="num">
                  Rate
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
                  <td class="num">{o.responded === null ? `fewer than ${k}` : people(o.responded)}</td>
                  <td class="num">{people(o.invited)}</td>
                  <td class="num">
                    {o.responded === null || o.invited === 0 ? "—" : `${Math.round((o.responded / o.invited) * 100)} %`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <div class="report-columns">
        <section class="report-section" aria-labelledby="report-strengths">
          <h2 id="report-strengths">Strengths</h2>
          <p class="small muted">Lived best: a partnership score of 4.0 or more.</p>
          {strengths.length ? (
            <ol class="report-list">
              {strengths.map((p) => (
                <li key={p.principleId} data-insight={`strength:${p.principleId}`}>
                  <strong>{p.title}</strong>
                  <span class="small">
                    {" "}
                    · score {fig(p.score, k)} <Trend value={p.trend} k={k} />
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">No principle reached 4.0 with every group large enough to show.</p>
          )}
        </section>
        <section class="report-section" aria-labelledby="report-challenges">
          <h2 id="report-challenges">Challenges</h2>
          <p class="small muted">Highest priority among the principles in “Concentrate here”.</p>
          {challenges.length ? (
            <ol class="report-list">
              {challenges.map((p) => (
                <li key={p.principleId} data-insight={`challenge:${p.principleId}`}>
                  <strong>{p.title}</strong>
                  <span class="small">
                    {" "}
                    · priority {fig(p.priority, k)} · gap {fig(p.gap, k)} · score {fig(p.score, k)}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">No challenge stands out, or the groups were too small to show.</p>
          )}
        </section>
      </div>

      <section class="report-section" aria-labelledby="report-perception">
        <h2 id="report-perception">Where the partners see things differently</h2>
        <p class="small muted">Principles whose organization means differ by 1.0 or more.</p>
        {gaps.length ? (
          <ul class="report-list">
            {gaps.map((p) => (
              <li key={p.principleId}>
                <strong>{p.title}</strong>
                <span class="small">
                  {" "}
                  · perception gap {fig(p.perceptionGap, k)} ·{" "}
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
          <p class="muted">No principle with a perception gap of 1.0 or more among those shown.</p>
        )}
      </section>

      <section class="report-section" aria-labelledby="report-principles">
        <h2 id="report-principles">Every principle</h2>
        <GlanceTable results={r} mark={mark} links={false} />
      </section>
    </>
  );
}

function ActionsTable(props: { results: Results; actions: Schemas["Action"][] }) {
  const titles = new Map((props.results.principles ?? []).map((p) => [p.principleId, p.title]));
  const list = props.actions;
  if (!list.length) return <p class="muted">No actions yet.</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on small screens; keyboard users must reach it
    <section class="table-wrap" tabIndex={0} aria-label="Actions (scrolls sideways on small screens)">
      <table class="table report-table">
        <caption class="sr-only">Actions, their principle, owner, due date and status</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Principle</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.title}
                <span class="muted small"> · {a.kind === "celebrate" ? "celebrate" : "improve"}</span>
              </th>
              <td>{a.principleId ? (titles.get(a.principleId) ?? "Another principle") : "—"}</td>
              <td>{a.owner ? `${a.owner.name}` : "No owner"}</td>
              <td>
                {a.dueOn ? date(a.dueOn) : "—"}
                {a.overdue && <span class="badge badge-danger">Overdue</span>}
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
