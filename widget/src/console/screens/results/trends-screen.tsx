/**
 * Step 4, "did our actions move it?": every principle's trend across the closed assessments and
 * pulses as small multiples, and one principle's trend in full, per organization, with
 * markers where its actions began and were done. Hidden rounds are gaps, never zeros.
 */
import { Async, PageHeader, Section } from "../../components/ui";
import { mean, value } from "../../format";
import { fill, useT } from "../../i18n";
import { useLoad } from "../../load";
import { hrefFor } from "../../router";
import { api, partnership } from "../../session";
import { useTitle } from "../../title";
import { type PrincipleTrend, PrincipleTrendChart, TrendActions, TrendOverview, type Trends } from "./trend-view";

/** Loads the partnership's trends. */
export function useTrends(pid: string) {
  return useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/trends", { params: { partnershipId: pid }, signal }),
    [pid],
  );
}

export function TrendsScreen(props: { pid: string; principle: string | null }) {
  const trends = useTrends(props.pid);
  return (
    <Async value={trends.value} onRetry={trends.reload} label={useT().insights.trends.loading}>
      {(t) =>
        props.principle ? (
          <OnePrinciple pid={props.pid} trends={t} id={props.principle} />
        ) : (
          <Overview pid={props.pid} trends={t} />
        )
      }
    </Async>
  );
}

function Overview(props: { pid: string; trends: Trends }) {
  const all = useT();
  const t = all.results;
  const words = all.insights;
  useTitle(t.trends, partnership.value?.settings.name);
  return (
    <>
      <PageHeader
        eyebrow={t.step4}
        title={t.trends}
        lead={words.trends.lead}
        actions={
          <a class="btn" href={hrefFor(props.pid, "results")}>
            {words.results.back}
          </a>
        }
      />
      <Section title={words.results.everyPrinciple} id="trend-overview" lead={words.trends.overviewLead}>
        <TrendOverview pid={props.pid} trends={props.trends} />
      </Section>
    </>
  );
}

function OnePrinciple(props: { pid: string; trends: Trends; id: string }) {
  const t = props.trends;
  const index = t.principles.findIndex((p) => p.principleId === props.id);
  const p = t.principles[index];
  const words = useT().insights;
  useTitle(p ? fill(words.trends.titleOf, { title: p.title }) : words.results.trend, partnership.value?.settings.name);
  if (!p) {
    return (
      <>
        <PageHeader title={words.trends.noTrend} />
        <p>{words.trends.notAsked}</p>
        <a class="btn" href={hrefFor(props.pid, "trends")}>
          {words.trends.all}
        </a>
      </>
    );
  }
  return (
    <>
      <PageHeader
        eyebrow={words.results.trend}
        title={p.title}
        lead={words.trends.oneLead}
        actions={
          <>
            <a class="btn" href={hrefFor(props.pid, "trends")}>
              {words.trends.all}
            </a>
            <a class="btn" href={hrefFor(props.pid, "principles", p.principleId)}>
              {words.trends.principle}
            </a>
          </>
        }
      />
      <div class="card">
        <PrincipleTrendChart trends={t} principle={p} mark={String(index + 1)} />
      </div>
      <Section title={words.trends.moved} id="moved">
        <Moved principle={p} trends={t} />
        <TrendActions pid={props.pid} principle={p} />
      </Section>
    </>
  );
}

/** The last shown score before the first action began, against the latest shown score. */
function Moved(props: { principle: PrincipleTrend; trends: Trends }) {
  const p = props.principle;
  const first = p.actions[0];
  const t = useT().insights.trends;
  if (!first) return <p class="muted small">{t.nothingToCompare}</p>;
  const closes = new Map(props.trends.cycles.map((c) => [c.id, c.closesAt]));
  const shown = p.points.flatMap((x) => {
    const v = value(x.score);
    const at = closes.get(x.cycleId);
    return v === null || !at ? [] : [{ v, at }];
  });
  const before = shown.filter((s) => s.at <= first.createdAt).at(-1);
  const latest = shown.at(-1);
  if (!before || !latest || latest.at <= first.createdAt) {
    return <p class="small">{t.noBothSides}</p>;
  }
  const change = latest.v - before.v;
  return (
    <p class="small">
      {t.before} <strong>{mean(before.v)}</strong>; {t.latestShort} <strong>{mean(latest.v)}</strong> (
      {change >= 0 ? "+" : "−"}
      {mean(Math.abs(change))}).
    </p>
  );
}
