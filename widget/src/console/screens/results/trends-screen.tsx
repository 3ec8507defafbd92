/**
 * Step 4, "did our actions move it?": every principle's trend across the closed assessments and
 * pulse rounds as small multiples, and one principle's trend in full, per organization, with
 * markers where its actions began and were done. Hidden rounds are gaps, never zeros.
 */
import { Async, PageHeader, Section } from "../../components/ui";
import { mean, value } from "../../format";
import { useT } from "../../i18n";
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
    <Async value={trends.value} onRetry={trends.reload} label="Loading trends…">
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
  const t = useT().results;
  useTitle(t.trends, partnership.value?.settings.name);
  return (
    <>
      <PageHeader
        eyebrow={t.step4}
        title={t.trends}
        lead={t.trendsLead}
        actions={
          <a class="btn" href={hrefFor(props.pid, "results")}>
            Back to results
          </a>
        }
      />
      <Section
        title="Every principle"
        id="trend-overview"
        lead="Triangles mark when a linked action began, squares when it was done. Open a principle for each organization's line."
      >
        <TrendOverview pid={props.pid} trends={props.trends} />
      </Section>
    </>
  );
}

function OnePrinciple(props: { pid: string; trends: Trends; id: string }) {
  const t = props.trends;
  const index = t.principles.findIndex((p) => p.principleId === props.id);
  const p = t.principles[index];
  useTitle(p ? `Trend: ${p.title}` : "Trend", partnership.value?.settings.name);
  if (!p) {
    return (
      <>
        <PageHeader title="No trend for this principle" />
        <p>It has not been asked in a closed assessment or pulse yet.</p>
        <a class="btn" href={hrefFor(props.pid, "trends")}>
          All trends
        </a>
      </>
    );
  }
  return (
    <>
      <PageHeader
        eyebrow="Trend"
        title={p.title}
        lead="The partnership's score (the mean of the organizations' means) and each organization's, per published round."
        actions={
          <>
            <a class="btn" href={hrefFor(props.pid, "trends")}>
              All trends
            </a>
            <a class="btn" href={hrefFor(props.pid, "principles", p.principleId)}>
              The principle
            </a>
          </>
        }
      />
      <div class="card">
        <PrincipleTrendChart trends={t} principle={p} mark={String(index + 1)} />
      </div>
      <Section title="Did the actions move it?" id="moved">
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
  if (!first) return <p class="muted small">No action is linked yet, so there is nothing to compare.</p>;
  const closes = new Map(props.trends.cycles.map((c) => [c.id, c.closesAt]));
  const shown = p.points.flatMap((x) => {
    const v = value(x.score);
    const at = closes.get(x.cycleId);
    return v === null || !at ? [] : [{ v, at }];
  });
  const before = shown.filter((s) => s.at <= first.createdAt).at(-1);
  const latest = shown.at(-1);
  if (!before || !latest || latest.at <= first.createdAt) {
    return <p class="small">No shown score on both sides of the first action yet.</p>;
  }
  const change = latest.v - before.v;
  return (
    <p class="small">
      Before the first action: <strong>{mean(before.v)}</strong>; latest: <strong>{mean(latest.v)}</strong> (
      {change >= 0 ? "+" : "−"}
      {mean(Math.abs(change))}).
    </p>
  );
}
