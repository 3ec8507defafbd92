/** A closed cycle's published results: strengths and challenges, the table at a glance, the charts and each principle. */
import type { ComponentChildren } from "preact";
import type { Schemas } from "../../../api";
import { DistributionLegend, NumbersTable, Radar } from "../../charts";
import { Async, Section } from "../../components/ui";
import { date, fewerThan, isSuppressed, performanceLabels, value } from "../../format";
import { fill, useT } from "../../i18n";
import { hrefFor } from "../../router";
import { orgIndex, partnership } from "../../session";
import { fig, orgNameOf, Trend } from "./figures";
import { GlanceTable } from "./glance";
import { PrincipleCard } from "./principle-card";
import { QuadrantBlock } from "./quadrant";
import { PrincipleTrendChart, TrendOverview, trendUntil } from "./trend-view";
import { useTrends } from "./trends-screen";

type Results = Schemas["Results"];
type PrincipleResult = Schemas["PrincipleResult"];

export function Published(props: {
  pid: string;
  results: Results;
  onPlan: (p: PrincipleResult, kind: "improve" | "celebrate") => void;
}) {
  const r = props.results;
  const principles = r.principles ?? [];
  const k = r.k;
  const mark = (id: string) => String(principles.findIndex((p) => p.principleId === id) + 1);
  const byId = new Map(principles.map((p) => [p.principleId, p]));
  const strengths = (r.strengths ?? []).map((id) => byId.get(id)).filter((p): p is PrincipleResult => !!p);
  const challenges = (r.challenges ?? []).map((id) => byId.get(id)).filter((p): p is PrincipleResult => !!p);
  const responded = r.participation.reduce((a, o) => a + (o.responded ?? 0), 0);
  const invited = r.participation.reduce((a, o) => a + o.invited, 0);
  const assessment = r.cycle.kind === "assessment";
  const canPlan = !partnership.value?.archived;
  const all = useT();
  const t = all.published;
  const words = all.insights.results;

  return (
    <>
      <p class="results-meta">
        {assessment ? all.common.assessment : all.common.pulse} · {date(r.cycle.opensAt)} – {date(r.cycle.closesAt)} ·{" "}
        <strong>{fill(all.participation.of, { responded, invited })}</strong>
        {all.participation.responded} (
        {r.participation
          .map((o) => `${orgNameOf(r, o.organizationId)} ${o.responded ?? fill(t.fewerThan, { k })}/${o.invited}`)
          .join(", ")}
        ) · {fill(t.hiddenBelow, { k })}
      </p>

      <div class="cards-2">
        <Insights
          kind="strength"
          title={t.strengths}
          lead={t.strengthsLead}
          items={strengths}
          mark={mark}
          empty={t.noStrengths}
          figures={(p) => (
            <>
              {t.score} <strong>{fig(p.score, k)}</strong>
            </>
          )}
          k={k}
          plan={canPlan && { label: t.celebrate, about: "", onPlan: (p) => props.onPlan(p, "celebrate") }}
        />
        <Insights
          kind="challenge"
          title={t.challenges}
          lead={assessment ? t.challengesLead : t.lowestScores}
          items={challenges}
          mark={mark}
          empty={t.noChallenges}
          figures={(p) =>
            assessment ? (
              <>
                {t.priority} <strong>{fig(p.priority, k)}</strong> · {t.gapWord} {fig(p.gap, k)} · {t.scoreWord}{" "}
                {fig(p.score, k)}
              </>
            ) : (
              <>
                {t.score} <strong>{fig(p.score, k)}</strong>
              </>
            )
          }
          k={k}
          plan={
            canPlan && {
              label: t.planAction,
              about: t.planAbout,
              primary: true,
              onPlan: (p) => props.onPlan(p, "improve"),
            }
          }
        />
      </div>

      <Section
        title={t.glance}
        id="glance"
        lead={fill(t.glanceLead, {
          low: performanceLabels()[0]?.toLowerCase() ?? "",
          high: performanceLabels()[4]?.toLowerCase() ?? "",
        })}
      >
        <GlanceTable results={r} mark={mark} />
      </Section>

      {assessment && (
        <Section title={t.quadrant} id="quadrant" lead={t.quadrantLead}>
          <QuadrantBlock results={r} mark={mark} />
        </Section>
      )}

      <TrendsSection pid={props.pid} results={r} />

      {assessment && (
        <Section title={t.radars} id="radars" lead={assessment ? t.radarsLead : t.radarsLeadPulse}>
          <div class="radars">
            {r.organizations.map((o) => (
              <div key={o.id} class="card radar-card">
                <h3 class="radar-title">
                  <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
                  {o.name}
                </h3>
                <Radar
                  title={fill(assessment ? words.radarTitle : words.radarTitlePulse, { name: o.name })}
                  axes={principles.map((p) => ({ id: p.principleId, mark: mark(p.principleId), name: p.title }))}
                  performance={principles.map((p) =>
                    value(p.organizations.find((x) => x.organizationId === o.id)?.performance),
                  )}
                  importance={
                    assessment
                      ? principles.map((p) => value(p.organizations.find((x) => x.organizationId === o.id)?.importance))
                      : undefined
                  }
                  series={orgIndex(o.id)}
                  hiddenNote={fill(words.hiddenNote, { few: fewerThan(k) })}
                />
              </div>
            ))}
          </div>
          <ol class="legend-list">
            {principles.map((p) => (
              <li key={p.principleId}>
                <span class="mark" aria-hidden="true">
                  {mark(p.principleId)}
                </span>
                {p.title}
              </li>
            ))}
          </ol>
        </Section>
      )}

      <Section title={t.detail} id="principles-detail">
        <DistributionLegend labels={performanceLabels()} />
        <NumbersTable
          table={{
            caption: words.distributionCaption,
            columns: [
              all.fields.principleId,
              all.shell.organization,
              ...performanceLabels().map((l, i) => `${i + 1} ${l}`),
            ],
            rows: principles.flatMap((p) =>
              p.organizations.map((o) => [
                `${mark(p.principleId)}. ${p.title}`,
                orgNameOf(r, o.organizationId),
                ...(isSuppressed(o.distribution)
                  ? performanceLabels().map(() => fewerThan(k))
                  : o.distribution.map(String)),
              ]),
            ),
          }}
        />
        <ol class="result-cards">
          {principles.map((p) => (
            <PrincipleCard
              key={p.principleId}
              pid={props.pid}
              results={r}
              principle={p}
              mark={mark(p.principleId)}
              strength={strengths.includes(p)}
              challenge={challenges.includes(p)}
              onPlan={canPlan ? props.onPlan : undefined}
            />
          ))}
        </ol>
      </Section>
    </>
  );
}

/** Strengths or challenges: each principle with its figures, its trend and, for facilitators, a button to act. */
function Insights(props: {
  kind: "strength" | "challenge";
  title: string;
  lead: string;
  items: PrincipleResult[];
  mark: (id: string) => string;
  empty: string;
  k: number;
  figures: (p: PrincipleResult) => ComponentChildren;
  /** The button each principle gets (for facilitators); its name says which principle, after `about`. */
  plan: false | { label: string; about: string; primary?: boolean; onPlan: (p: PrincipleResult) => void };
}) {
  const headingId = `${props.kind}s-title`;
  const plan = props.plan;
  const quoted = useT().insights.results.quoted;
  return (
    <section class={`card insight insight-${props.kind}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      <p class="muted small">{props.lead}</p>
      {props.items.length ? (
        <ol class="insight-list">
          {props.items.map((p) => (
            <li key={p.principleId} data-insight={`${props.kind}:${p.principleId}`}>
              <div class="insight-text">
                <a href={`#principle-${p.principleId}`} class="insight-title">
                  <span class="mark" aria-hidden="true">
                    {props.mark(p.principleId)}
                  </span>
                  {p.title}
                </a>
                <p class="small">
                  {props.figures(p)} <Trend value={p.trend} k={props.k} />
                </p>
              </div>
              {plan && (
                <button
                  type="button"
                  class={`btn btn-small${plan.primary ? " btn-primary" : ""}`}
                  onClick={() => plan.onPlan(p)}
                >
                  {plan.label}
                  <span class="sr-only">
                    {plan.about} {fill(quoted, { title: p.title })}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{props.empty}</p>
      )}
    </section>
  );
}

/**
 * Change over time up to this cycle: for an assessment, every principle's trend as small
 * multiples; for a pulse, the asked principle's line across the pulses and assessments.
 */
function TrendsSection(props: { pid: string; results: Results }) {
  const r = props.results;
  const trends = useTrends(props.pid);
  const pulse = r.cycle.kind === "pulse";
  const asked = new Set((r.principles ?? []).map((p) => p.principleId));
  const all = useT();
  const words = all.insights.results;
  return (
    <Section
      title={pulse ? words.pulseTrend : all.results.trends}
      id="trends"
      lead={pulse ? words.pulseTrendLead : words.trendsLead}
      actions={
        <a class="btn btn-small" href={hrefFor(props.pid, "trends")}>
          {all.insights.trends.all}
        </a>
      }
    >
      <Async value={trends.value} onRetry={trends.reload} label={all.insights.trends.loading}>
        {(loaded) => {
          const t = trendUntil(loaded, r.cycle.closesAt);
          if (!pulse) return <TrendOverview pid={props.pid} trends={t} />;
          const lines = t.principles.filter((p) => asked.has(p.principleId));
          return (
            <div class="pulse-trend">
              {lines.map((p) => (
                <div key={p.principleId} class="card">
                  <PrincipleTrendChart trends={t} principle={p} />
                </div>
              ))}
            </div>
          );
        }}
      </Async>
    </Section>
  );
}
