/**
 * Trends as the console shows them: the API's trend points turned into chart lines (partnership
 * and each organization where shown; a hidden point stays null, a gap), action markers, one
 * principle's trend, and the overview of every principle as small multiples.
 */
import type { Schemas } from "../../../api";
import { TrendChart, TrendLegend, type TrendLine, type TrendMarker, type TrendRound, trendDate } from "../../charts";
import { StatusBadge } from "../../components/ui";
import { fewerThan, mean, value } from "../../format";
import { fill, messages, plural, useT } from "../../i18n";
import { cycleName } from "../../names";
import { hrefFor } from "../../router";
import { orgIndex } from "../../session";

export type Trends = Schemas["Trends"];
export type PrincipleTrend = Trends["principles"][number];

/** The API answer for a trends view, with the rounds after `until` (an ISO time) left out. */
export function trendUntil(t: Trends, until?: string): Trends {
  if (!until) return t;
  const kept = new Set(t.cycles.filter((c) => c.closesAt <= until).map((c) => c.id));
  return {
    ...t,
    cycles: t.cycles.filter((c) => kept.has(c.id)),
    principles: t.principles
      .map((p) => ({
        ...p,
        points: p.points.filter((x) => kept.has(x.cycleId)),
        actions: p.actions.filter((a) => a.createdAt <= until),
      }))
      .filter((p) => p.points.length > 0),
  };
}

/** Rounds, lines and markers of one principle's trend chart. */
export function chartOf(t: Trends, p: PrincipleTrend, options: { organizations?: boolean } = {}) {
  const byId = new Map(t.cycles.map((c) => [c.id, c]));
  const rounds: TrendRound[] = p.points.flatMap((x) => {
    const c = byId.get(x.cycleId);
    return c ? [{ id: c.id, at: c.closesAt, kind: c.kind, label: cycleName(c) }] : [];
  });
  const lines: TrendLine[] = [
    { id: "partnership", label: messages.value.shell.partnership, values: p.points.map((x) => value(x.score)) },
    ...(options.organizations === false
      ? []
      : t.organizations.map((o) => ({
          id: o.id,
          label: o.name,
          series: orgIndex(o.id),
          values: p.points.map((x) => value(x.organizations.find((c) => c.organizationId === o.id)?.performance)),
        }))),
  ];
  const markers: TrendMarker[] = p.actions.flatMap((a) => [
    { id: a.id, at: a.createdAt, kind: "began" as const, label: a.title },
    ...(a.doneAt ? [{ id: a.id, at: a.doneAt, kind: "done" as const, label: a.title }] : []),
  ]);
  const hidden = p.points.some((x) => value(x.score) === null);
  return { rounds, lines, markers, hidden };
}

/** The smallest k of the rounds drawn, for "fewer than k responses". */
export const trendK = (t: Trends) => Math.min(...t.cycles.map((c) => c.k), 5);

/** One principle's trend, large: every group's line, action markers, a key and the numbers. */
export function PrincipleTrendChart(props: { trends: Trends; principle: PrincipleTrend; mark?: string }) {
  const { rounds, lines, markers, hidden } = chartOf(props.trends, props.principle);
  const p = props.principle;
  const t = useT().insights.trends;
  return (
    <div class="trend-block" data-trend-principle={p.principleId}>
      <TrendChart
        title={fill(t.chartTitle, { title: `${props.mark ? `${props.mark}. ` : ""}${p.title}` })}
        rounds={rounds}
        lines={lines}
        markers={markers}
        hiddenNote={fill(t.hiddenNote, { few: fewerThan(trendK(props.trends)) })}
      />
      <TrendLegend lines={lines} markers={markers.length > 0} hidden={hidden} />
    </div>
  );
}

/** The actions linked to a principle, with when they began and were done. */
export function TrendActions(props: { pid: string; principle: PrincipleTrend; links?: boolean }) {
  const actions = props.principle.actions;
  const t = useT().insights.trends;
  if (!actions.length) return <p class="muted small">{t.noActions}</p>;
  return (
    <ul class="linked-actions trend-actions">
      {actions.map((a) => (
        <li key={a.id}>
          {props.links === false ? a.title : <a href={hrefFor(props.pid, "actions", a.id)}>{a.title}</a>}{" "}
          <StatusBadge status={a.status} context="action" />
          <span class="muted small">
            {" "}
            · {fill(t.began, { date: trendDate(a.createdAt) })}
            {a.doneAt ? ` · ${fill(t.done, { date: trendDate(a.doneAt) })}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Every principle's trend as small multiples, each linking to its own trend. */
export function TrendOverview(props: { pid: string; trends: Trends; links?: boolean }) {
  const t = props.trends;
  const words = useT().insights.trends;
  if (!t.principles.length) return <p class="muted">{words.noneYet}</p>;
  return (
    <ol class="trend-grid">
      {t.principles.map((p, i) => {
        const { rounds, lines, markers } = chartOf(t, p, { organizations: false });
        const shown = p.points.map((x) => value(x.score)).filter((v): v is number => v !== null);
        const latest = shown[shown.length - 1];
        return (
          <li key={p.principleId} class="card trend-card" data-trend-principle={p.principleId}>
            <h3 class="trend-card-title">
              <span class="mark" aria-hidden="true">
                {i + 1}
              </span>
              {props.links === false ? p.title : <a href={hrefFor(props.pid, "trends", p.principleId)}>{p.title}</a>}
            </h3>
            <p class="small muted trend-card-meta">
              {latest === undefined ? words.noScore : fill(words.latest, { score: mean(latest) })} ·{" "}
              {plural(words.actions, p.actions.length)}
            </p>
            <TrendChart
              compact
              title={fill(words.overviewChartTitle, { title: p.title })}
              rounds={rounds}
              lines={lines}
              markers={markers}
              hiddenNote={fill(words.hiddenNote, { few: fewerThan(trendK(t)) })}
            />
          </li>
        );
      })}
    </ol>
  );
}
