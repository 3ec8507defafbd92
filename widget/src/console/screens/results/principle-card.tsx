/** One principle's results: figures per organization, distributions, comments, and its actions since. */
import type { Schemas } from "../../../api";
import { DistributionBar, ScaleBar } from "../../charts";
import { StatusBadge } from "../../components/ui";
import { date, fewerThan, isSuppressed, mean, performanceLabels, value } from "../../format";
import { count, fill, plural, useT } from "../../i18n";
import { hrefFor } from "../../router";
import { orgIndex } from "../../session";
import { fig, orgNameOf, Trend } from "./figures";

type Results = Schemas["Results"];
type PrincipleResult = Schemas["PrincipleResult"];

export function PrincipleCard(props: {
  pid: string;
  results: Results;
  principle: PrincipleResult;
  mark: string;
  strength: boolean;
  challenge: boolean;
  onPlan?: ((p: PrincipleResult, kind: "improve" | "celebrate") => void) | undefined;
}) {
  const r = props.results;
  const p = props.principle;
  const k = r.k;
  const assessment = r.cycle.kind === "assessment";
  const headingId = `principle-${p.principleId}-title`;
  const all = useT();
  const t = all.insights.card;
  const words = all.insights.results;
  return (
    <li class="card result-card" id={`principle-${p.principleId}`} aria-labelledby={headingId}>
      <div class="result-head">
        <span class="mark mark-lg" aria-hidden="true">
          {props.mark}
        </span>
        <div class="result-head-text">
          <h3 id={headingId}>
            <a href={hrefFor(props.pid, "principles", p.principleId)}>{p.title}</a>
          </h3>
          <div class="chips">
            {props.strength && <span class="badge badge-success">{t.strength}</span>}
            {props.challenge && <span class="badge badge-warning">{t.challenge}</span>}
            {p.perceptionGapFlagged === true && <span class="badge badge-danger">{t.seeItDifferently}</span>}
          </div>
        </div>
        <div class="result-score">
          <span class="score-label">{all.shell.partnership}</span>
          {isSuppressed(p.score) ? (
            <span class="suppressed">{words.hidden}</span>
          ) : (
            <span class="score">{mean(p.score)}</span>
          )}
          <Trend value={p.trend} k={k} />
        </div>
      </div>

      <div class="org-rows">
        {p.organizations.map((o) => {
          const name = orgNameOf(r, o.organizationId);
          const perf = value(o.performance);
          const imp = value(o.importance);
          return (
            <div key={o.organizationId} class="org-row">
              <span class="org-row-name">
                <span class={`swatch s${orgIndex(o.organizationId)}`} aria-hidden="true" />
                {name}
              </span>
              {perf === null ? (
                <span class="org-row-hidden suppressed">{fewerThan(k)}</span>
              ) : (
                <>
                  <span class="org-row-bar">
                    <ScaleBar
                      value={perf}
                      series={orgIndex(o.organizationId)}
                      label={fill(t.performanceOf, { name, value: mean(perf) })}
                    />
                  </span>
                  <span class="org-row-figures">
                    <strong>{mean(perf)}</strong>
                    {imp !== null && <span class="muted"> · {fill(t.importance, { value: mean(imp) })}</span>}
                    <span class="muted"> · n={value(o.n)}</span>
                  </span>
                  {!isSuppressed(o.distribution) && (
                    <span class="org-row-dist">
                      <DistributionBar
                        counts={o.distribution}
                        labels={performanceLabels()}
                        name={fill(t.howAnswered, { name })}
                      />
                    </span>
                  )}
                </>
              )}
            </div>
          );
        })}
      </div>

      <dl class="figures">
        {assessment && (
          <>
            <div>
              <dt>{words.gap}</dt>
              <dd>{isSuppressed(p.gap) ? words.hidden : fig(p.gap, k)}</dd>
            </div>
            <div>
              <dt>{all.published.priority}</dt>
              <dd>{isSuppressed(p.priority) ? words.hidden : fig(p.priority, k)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>{words.perceptionGap}</dt>
          <dd>{isSuppressed(p.perceptionGap) ? words.hidden : fig(p.perceptionGap, k)}</dd>
        </div>
        <div>
          <dt>{words.responses}</dt>
          <dd>{isSuppressed(p.n) ? words.hidden : count(p.n)}</dd>
        </div>
      </dl>
      {isSuppressed(p.score) && <p class="muted small">{fill(t.hiddenBecause, { few: fewerThan(k) })}</p>}

      <Comments results={r} principle={p} />

      <div class="result-actions">
        <h4 class="small-heading">{all.actions.title}</h4>
        {p.sinceActions && <SinceActions since={p.sinceActions} k={k} />}
        {p.actions.length ? (
          <ul class="linked-actions">
            {p.actions.map((a) => (
              <li key={a.id}>
                <a href={hrefFor(props.pid, "actions", a.id)}>{a.title}</a>{" "}
                <StatusBadge status={a.status} context="action" />
                <span class="muted small">
                  {" "}
                  · {words.kind[a.kind === "celebrate" ? "celebrate" : "improve"]} ·{" "}
                  {fill(t.since, { date: date(a.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted small">{t.noActions}</p>
        )}
        {props.onPlan && (
          <button
            type="button"
            class="btn btn-small"
            onClick={() => props.onPlan?.(p, props.strength ? "celebrate" : "improve")}
          >
            {props.strength ? all.published.planCelebration : all.published.planAction}
            <span class="sr-only"> {fill(t.planFor, { title: p.title })}</span>
          </button>
        )}
      </div>
    </li>
  );
}

function SinceActions(props: { since: NonNullable<PrincipleResult["sinceActions"]>; k: number }) {
  const s = props.since;
  const t = useT().insights.card;
  if (isSuppressed(s.change) || isSuppressed(s.baseline) || isSuppressed(s.current)) {
    return <p class="since small">{fill(t.sinceActionsHidden, { date: date(s.since), few: fewerThan(props.k) })}</p>;
  }
  return (
    <p class="since small">
      {fill(t.sinceActions, { date: date(s.since) })} {mean(s.baseline)} → <strong>{mean(s.current)}</strong>{" "}
      <Trend value={s.change} k={props.k} label={t.sinceActionsBegan} />
    </p>
  );
}

function Comments(props: { results: Results; principle: PrincipleResult }) {
  const r = props.results;
  const p = props.principle;
  const t = useT().insights.card;
  if (r.cycle.kind !== "assessment") return null;
  return (
    <div class="result-comments">
      <h4 class="small-heading">{t.comments}</h4>
      {p.comments.map((c) => {
        const name = orgNameOf(r, c.organizationId);
        return (
          <div key={c.organizationId} class="comment-group">
            <p class="comment-group-head">
              <span class={`swatch s${orgIndex(c.organizationId)}`} aria-hidden="true" />
              {name}
            </p>
            {isSuppressed(c.texts) ? (
              <p class="muted small">{plural(t.commentsHidden, r.commentThreshold)}</p>
            ) : c.texts.length ? (
              <ul class="quote-list">
                {c.texts.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            ) : (
              <p class="muted small">{t.noComments}</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
