/** One principle's results: figures per organization, distributions, comments, and its actions since. */
import type { Schemas } from "../../../api";
import { DistributionBar, ScaleBar } from "../../charts";
import { StatusBadge } from "../../components/ui";
import { date, fewerThan, isSuppressed, mean, performanceLabels, value } from "../../format";
import { useT } from "../../i18n";
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
            {props.strength && <span class="badge badge-success">Strength</span>}
            {props.challenge && <span class="badge badge-warning">Challenge</span>}
            {p.perceptionGapFlagged === true && <span class="badge badge-danger">Partners see it differently</span>}
          </div>
        </div>
        <div class="result-score">
          <span class="score-label">Partnership</span>
          {isSuppressed(p.score) ? <span class="suppressed">hidden</span> : <span class="score">{mean(p.score)}</span>}
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
                      label={`${name}: performance ${mean(perf)} of 5`}
                    />
                  </span>
                  <span class="org-row-figures">
                    <strong>{mean(perf)}</strong>
                    {imp !== null && <span class="muted"> · importance {mean(imp)}</span>}
                    <span class="muted"> · n={value(o.n)}</span>
                  </span>
                  {!isSuppressed(o.distribution) && (
                    <span class="org-row-dist">
                      <DistributionBar
                        counts={o.distribution}
                        labels={performanceLabels()}
                        name={`How ${name} answered`}
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
              <dt>Gap</dt>
              <dd>{isSuppressed(p.gap) ? "hidden" : fig(p.gap, k)}</dd>
            </div>
            <div>
              <dt>Priority</dt>
              <dd>{isSuppressed(p.priority) ? "hidden" : fig(p.priority, k)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Perception gap</dt>
          <dd>{isSuppressed(p.perceptionGap) ? "hidden" : fig(p.perceptionGap, k)}</dd>
        </div>
        <div>
          <dt>Responses</dt>
          <dd>{isSuppressed(p.n) ? "hidden" : p.n}</dd>
        </div>
      </dl>
      {isSuppressed(p.score) && (
        <p class="muted small">
          Partnership figures are hidden because one organization has {fewerThan(k)} here: showing them would reveal its
          answers.
        </p>
      )}

      <Comments results={r} principle={p} />

      <div class="result-actions">
        <h4 class="small-heading">Actions</h4>
        {p.sinceActions && <SinceActions since={p.sinceActions} k={k} />}
        {p.actions.length ? (
          <ul class="linked-actions">
            {p.actions.map((a) => (
              <li key={a.id}>
                <a href={hrefFor(props.pid, "actions", a.id)}>{a.title}</a>{" "}
                <StatusBadge status={a.status} context="action" />
                <span class="muted small">
                  {" "}
                  · {a.kind === "celebrate" ? "celebrate" : "improve"} · since {date(a.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted small">No actions linked yet.</p>
        )}
        {props.onPlan && (
          <button
            type="button"
            class="btn btn-small"
            onClick={() => props.onPlan?.(p, props.strength ? "celebrate" : "improve")}
          >
            {props.strength ? useT().published.planCelebration : useT().published.planAction}
            <span class="sr-only"> for “{p.title}”</span>
          </button>
        )}
      </div>
    </li>
  );
}

function SinceActions(props: { since: NonNullable<PrincipleResult["sinceActions"]>; k: number }) {
  const s = props.since;
  if (isSuppressed(s.change) || isSuppressed(s.baseline) || isSuppressed(s.current)) {
    return (
      <p class="since small">
        Since actions began ({date(s.since)}): movement hidden, a group had {fewerThan(props.k)}.
      </p>
    );
  }
  return (
    <p class="since small">
      Since actions began ({date(s.since)}): {mean(s.baseline)} → <strong>{mean(s.current)}</strong>{" "}
      <Trend value={s.change} k={props.k} label="since the actions began" />
    </p>
  );
}

function Comments(props: { results: Results; principle: PrincipleResult }) {
  const r = props.results;
  const p = props.principle;
  if (r.cycle.kind !== "assessment") return null;
  return (
    <div class="result-comments">
      <h4 class="small-heading">Comments</h4>
      {p.comments.map((c) => {
        const name = orgNameOf(r, c.organizationId);
        return (
          <div key={c.organizationId} class="comment-group">
            <p class="comment-group-head">
              <span class={`swatch s${orgIndex(c.organizationId)}`} aria-hidden="true" />
              {name}
            </p>
            {isSuppressed(c.texts) ? (
              <p class="muted small">Not shown: fewer than {r.commentThreshold} people commented.</p>
            ) : c.texts.length ? (
              <ul class="quote-list">
                {c.texts.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            ) : (
              <p class="muted small">No comments.</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
