/**
 * Steps 2–4, the results dashboard: strengths and challenges, every principle's figures per
 * organization and for the partnership (gap, priority, perception gap, trend), importance versus
 * performance, a radar per organization, distributions, comments within the threshold, and the
 * actions linked to each principle with how it moved since they began. Hidden figures read
 * "fewer than k responses", never 0.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { DistributionBar, DistributionLegend, NumbersTable, QuadrantChart, Radar, ScaleBar } from "../charts";
import { type ActionDraft, ActionForm, actionBody } from "../components/action-form";
import { Async, Dialog, EmptyState, Notice, PageHeader, Section, StatusBadge } from "../components/ui";
import { date, fewerThan, isSuppressed, mean, PERFORMANCE_LABELS, signed, value } from "../format";
import { useAction, useLoad } from "../load";
import { hrefFor, navigate } from "../router";
import { api, isFacilitator, type Me, orgIndex, partnership } from "../session";
import { useTitle } from "../title";
import { Participation } from "./cycles";
import { cycleName } from "./home";

type Cycle = Schemas["Cycle"];
type Results = Schemas["Results"];
type PrincipleResult = Schemas["PrincipleResult"];
type Member = Schemas["Member"];

export function ResultsScreen(props: { pid: string; cycle: string | null; me: Me }) {
  useTitle("Results", partnership.value?.settings.name);
  const params = { partnershipId: props.pid };
  const cycles = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }),
    [props.pid],
  );
  return (
    <>
      <PageHeader
        eyebrow="Steps 2–4"
        title="Results"
        lead="How the principles are lived, where the gaps are, and where the partners see things differently."
      />
      <Async value={cycles.value} onRetry={cycles.reload} label="Loading cycles…">
        {({ cycles: list }) => {
          const closed = list.filter((c) => c.status === "closed");
          const chosen = props.cycle
            ? list.find((c) => c.id === props.cycle)
            : (closed.find((c) => c.kind === "assessment") ?? closed[0]);
          if (!chosen) {
            return (
              <EmptyState
                title={props.cycle ? "This cycle is not here." : "No results yet."}
                action={
                  <a class="btn" href={hrefFor(props.pid, "cycles")}>
                    Go to cycles
                  </a>
                }
              >
                <p>Results are published when an assessment or pulse closes.</p>
              </EmptyState>
            );
          }
          return <CycleResults pid={props.pid} cycle={chosen} cycles={list} me={props.me} />;
        }}
      </Async>
    </>
  );
}

function CycleResults(props: { pid: string; cycle: Cycle; cycles: Cycle[]; me: Me }) {
  const c = props.cycle;
  const results = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/results", {
        params: { partnershipId: props.pid, cycleId: c.id },
        signal,
      }),
    [props.pid, c.id],
  );
  const [planning, setPlanning] = useState<{ principle: PrincipleResult; kind: "improve" | "celebrate" } | null>(null);
  const choosable = props.cycles.filter((x) => x.status !== "scheduled");
  return (
    <>
      <div class="toolbar">
        <div class="field field-inline">
          <label for="results-cycle">Cycle</label>
          <select
            id="results-cycle"
            value={c.id}
            onChange={(e) =>
              navigate(hrefFor(props.pid, "results", undefined, { cycle: (e.target as HTMLSelectElement).value }))
            }
          >
            {choosable.map((x) => (
              <option key={x.id} value={x.id}>
                {cycleName(x)} ({x.kind === "pulse" ? "pulse" : "assessment"}
                {x.status === "open" ? ", open" : `, closed ${date(x.closesAt)}`})
              </option>
            ))}
          </select>
        </div>
        {isFacilitator.value && c.status === "closed" && (
          <a
            class="btn"
            href={`/api/v1/partnerships/${encodeURIComponent(props.pid)}/cycles/${encodeURIComponent(c.id)}/results.csv`}
            download
          >
            Export CSV
          </a>
        )}
      </div>
      <Async value={results.value} onRetry={results.reload} label="Loading results…">
        {(r) =>
          r.published && r.principles ? (
            <Published pid={props.pid} results={r} onPlan={(principle, kind) => setPlanning({ principle, kind })} />
          ) : (
            <>
              <Notice tone="info" title="Results are published when the cycle closes">
                <p>While it is open only participation is visible, so nobody can follow answers as they come in.</p>
              </Notice>
              <Section title="Participation so far" id="participation">
                <Participation k={r.k} participation={r.participation} />
              </Section>
            </>
          )
        }
      </Async>
      {planning && (
        <PlanAction
          pid={props.pid}
          cycle={c}
          principle={planning.principle}
          kind={planning.kind}
          onClose={() => setPlanning(null)}
          onCreated={() => {
            setPlanning(null);
            results.reload();
          }}
        />
      )}
    </>
  );
}

function Published(props: {
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

  return (
    <>
      <p class="results-meta">
        {assessment ? "Assessment" : "Pulse"} · {date(r.cycle.opensAt)} – {date(r.cycle.closesAt)} ·{" "}
        <strong>
          {responded} of {invited}
        </strong>{" "}
        responded (
        {r.participation
          .map((o) => `${orgNameOf(r, o.organizationId)} ${o.responded ?? `fewer than ${k}`}/${o.invited}`)
          .join(", ")}
        ) · figures about fewer than {k} people are hidden
      </p>

      <div class="cards-2">
        <section class="card insight insight-strength" aria-labelledby="strengths-title">
          <h2 id="strengths-title">Strengths</h2>
          <p class="muted small">Lived best: a partnership score of 4.0 or more.</p>
          {strengths.length ? (
            <ol class="insight-list">
              {strengths.map((p) => (
                <li key={p.principleId}>
                  <div class="insight-text">
                    <a href={`#principle-${p.principleId}`} class="insight-title">
                      <span class="mark" aria-hidden="true">
                        {mark(p.principleId)}
                      </span>
                      {p.title}
                    </a>
                    <p class="small">
                      Score <strong>{fig(p.score, k)}</strong> <Trend value={p.trend} k={k} />
                    </p>
                  </div>
                  {canPlan && (
                    <button type="button" class="btn btn-small" onClick={() => props.onPlan(p, "celebrate")}>
                      Celebrate<span class="sr-only"> “{p.title}”</span>
                    </button>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">No principle reached 4.0 with every group large enough to show.</p>
          )}
        </section>
        <section class="card insight insight-challenge" aria-labelledby="challenges-title">
          <h2 id="challenges-title">Challenges</h2>
          <p class="muted small">
            {assessment
              ? "Highest priority: importance × the gap between importance and performance."
              : "Lowest scores."}
          </p>
          {challenges.length ? (
            <ol class="insight-list">
              {challenges.map((p) => (
                <li key={p.principleId}>
                  <div class="insight-text">
                    <a href={`#principle-${p.principleId}`} class="insight-title">
                      <span class="mark" aria-hidden="true">
                        {mark(p.principleId)}
                      </span>
                      {p.title}
                    </a>
                    <p class="small">
                      {assessment ? (
                        <>
                          Priority <strong>{fig(p.priority, k)}</strong> · gap {fig(p.gap, k)} · score {fig(p.score, k)}
                        </>
                      ) : (
                        <>
                          Score <strong>{fig(p.score, k)}</strong>
                        </>
                      )}{" "}
                      <Trend value={p.trend} k={k} />
                    </p>
                  </div>
                  {canPlan && (
                    <button type="button" class="btn btn-small btn-primary" onClick={() => props.onPlan(p, "improve")}>
                      Plan an action<span class="sr-only"> on “{p.title}”</span>
                    </button>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">No challenge stands out, or the groups were too small to show.</p>
          )}
        </section>
      </div>

      <Section
        title="At a glance"
        id="glance"
        lead={`Performance means per organization, 1 (${PERFORMANCE_LABELS[0].toLowerCase()}) to 5 (${PERFORMANCE_LABELS[4].toLowerCase()}).`}
      >
        <GlanceTable results={r} mark={mark} />
      </Section>

      {assessment && (
        <Section
          title="Importance versus performance"
          id="quadrant"
          lead="Top left is where to concentrate: important, but not lived well enough. Lines at 3, the middle of the scale."
        >
          <QuadrantBlock results={r} mark={mark} />
        </Section>
      )}

      <Section
        title="Each organization's view"
        id="radars"
        lead={assessment ? "Performance (filled) and importance (dashed) per principle." : "Performance per principle."}
      >
        <div class="radars">
          {r.organizations.map((o) => (
            <div key={o.id} class="card radar-card">
              <h3 class="radar-title">
                <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
                {o.name}
              </h3>
              <Radar
                title={`${o.name}: performance${assessment ? " and importance" : ""} per principle`}
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
                hiddenNote={`Hidden, ${fewerThan(k)}`}
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

      <Section title="Principle by principle" id="principles-detail">
        <DistributionLegend labels={PERFORMANCE_LABELS} />
        <NumbersTable
          table={{
            caption: "How people answered: counts of each performance rating per organization",
            columns: ["Principle", "Organization", ...PERFORMANCE_LABELS.map((l, i) => `${i + 1} ${l}`)],
            rows: principles.flatMap((p) =>
              p.organizations.map((o) => [
                `${mark(p.principleId)}. ${p.title}`,
                orgNameOf(r, o.organizationId),
                ...(isSuppressed(o.distribution)
                  ? PERFORMANCE_LABELS.map(() => fewerThan(k))
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

function orgNameOf(r: Results, id: string) {
  return r.organizations.find((o) => o.id === id)?.name ?? "Organization";
}

/** A figure with one decimal, or the reason it is hidden. */
function fig(v: number | { suppressed: true } | null | undefined, k: number, digits = 1) {
  if (v === null || v === undefined) return "—";
  if (isSuppressed(v)) return fewerThan(k);
  return mean(v, digits);
}

/** ▲ +0.4 / ▼ −0.3 / ► ±0.0 against the previous cycle; says so in words for screen readers. */
function Trend(props: { value: number | { suppressed: true } | null; k: number; label?: string; compact?: boolean }) {
  const v = props.value;
  if (v === null) {
    return props.compact ? (
      <span class="trend trend-none" title="No earlier cycle to compare with">
        <span aria-hidden="true">—</span>
        <span class="sr-only">no earlier cycle</span>
      </span>
    ) : (
      <span class="trend trend-none">no earlier cycle</span>
    );
  }
  if (isSuppressed(v)) return <span class="trend trend-none">{props.compact ? "hidden" : "trend hidden"}</span>;
  const dir = v >= 0.05 ? "up" : v <= -0.05 ? "down" : "flat";
  const arrow = dir === "up" ? "▲" : dir === "down" ? "▼" : "►";
  const words = dir === "up" ? "up" : dir === "down" ? "down" : "unchanged,";
  return (
    <span class={`trend trend-${dir}`} data-trend={dir}>
      <span aria-hidden="true">{arrow} </span>
      <span class="sr-only">{words} </span>
      {signed(v)}
      <span class="sr-only"> {props.label ?? "since the previous cycle"}</span>
    </span>
  );
}

function GlanceTable(props: { results: Results; mark: (id: string) => string }) {
  const r = props.results;
  const k = r.k;
  const assessment = r.cycle.kind === "assessment";
  const principles = r.principles ?? [];
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on small screens; keyboard users must reach it
    <section class="table-wrap" tabIndex={0} aria-label="Results per principle (scrolls sideways on small screens)">
      <table class="table results-table">
        <caption class="sr-only">
          Results per principle: organization means, partnership score, gap, priority, perception gap and trend
        </caption>
        <thead>
          <tr>
            <th scope="col">Principle</th>
            {r.organizations.map((o) => (
              <th scope="col" key={o.id} class="num">
                <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
                {o.name}
              </th>
            ))}
            <th scope="col" class="num">
              Partnership
            </th>
            {assessment && (
              <>
                <th scope="col" class="num">
                  <abbr title="Importance minus performance">Gap</abbr>
                </th>
                <th scope="col" class="num">
                  <abbr title="Importance × gap">Priority</abbr>
                </th>
              </>
            )}
            <th scope="col" class="num">
              <abbr title="Highest organization mean minus lowest">Perception gap</abbr>
            </th>
            <th scope="col" class="num">
              Trend
            </th>
          </tr>
        </thead>
        <tbody>
          {principles.map((p) => (
            <tr key={p.principleId}>
              <th scope="row">
                <a href={`#principle-${p.principleId}`} class="glance-title">
                  <span class="mark" aria-hidden="true">
                    {props.mark(p.principleId)}
                  </span>
                  {p.title}
                </a>
              </th>
              {r.organizations.map((o) => {
                const cell = p.organizations.find((x) => x.organizationId === o.id);
                const perf = cell?.performance;
                return (
                  <td key={o.id} class="num">
                    {perf === undefined || isSuppressed(perf) ? (
                      <span class="suppressed">{fewerThan(k)}</span>
                    ) : (
                      <>
                        <strong>{mean(perf)}</strong>
                        <span class="muted small"> n={value(cell?.n)}</span>
                      </>
                    )}
                  </td>
                );
              })}
              <td class="num">{isSuppressed(p.score) ? <Hidden k={k} /> : <strong>{mean(p.score)}</strong>}</td>
              {assessment && (
                <>
                  <td class="num">{isSuppressed(p.gap) ? <Hidden k={k} /> : fig(p.gap, k)}</td>
                  <td class="num">{isSuppressed(p.priority) ? <Hidden k={k} /> : fig(p.priority, k)}</td>
                </>
              )}
              <td class="num">
                {isSuppressed(p.perceptionGap) ? (
                  <Hidden k={k} />
                ) : (
                  <>
                    {mean(p.perceptionGap)}
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

/** A partnership-wide figure hidden because one organization's group is below k. */
function Hidden(props: { k: number }) {
  return (
    <span
      class="suppressed"
      title={`Hidden: one organization has ${fewerThan(props.k)} here, and this figure would reveal it`}
    >
      hidden
    </span>
  );
}

function Flag() {
  return (
    <span class="flag" title="The organizations' means differ by 1.0 or more">
      <span aria-hidden="true"> ⚑</span> partners differ
    </span>
  );
}

function QuadrantBlock(props: { results: Results; mark: (id: string) => string }) {
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

function PrincipleCard(props: {
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
                        labels={PERFORMANCE_LABELS}
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
            {props.strength ? "Plan a celebration" : "Plan an action"}
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

/** The dialog that plans an action from a challenge or strength: principle and cycle are filled in. */
function PlanAction(props: {
  pid: string;
  cycle: Cycle;
  principle: PrincipleResult;
  kind: "improve" | "celebrate";
  onClose: () => void;
  onCreated: () => void;
}) {
  const people = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/people", { params: { partnershipId: props.pid }, signal }),
    [props.pid],
  );
  const action = useAction();
  const initial: ActionDraft = {
    kind: props.kind,
    title:
      props.kind === "improve" ? `Close the gap on “${props.principle.title}”` : `Celebrate “${props.principle.title}”`,
    detail: "",
    principleId: props.principle.principleId,
    cycleId: props.cycle.id,
    ownerId: "",
    dueOn: "",
  };
  const submit = async (d: ActionDraft) => {
    const r = await action.run(() =>
      api("post", "/api/v1/partnerships/{partnershipId}/actions", {
        params: { partnershipId: props.pid },
        body: actionBody(d),
      }),
    );
    if (r.ok) props.onCreated();
  };
  return (
    <Dialog open title={props.kind === "improve" ? "Plan an action" : "Plan a celebration"} onClose={props.onClose}>
      <Async value={people.value} onRetry={people.reload} label="Loading people…">
        {({ people: list }: { people: Member[] }) => (
          <ActionForm
            initial={initial}
            people={list}
            principles={[]}
            cycles={[]}
            fixedSource={{ principle: props.principle.title, cycle: cycleName(props.cycle) }}
            submitLabel="Create action"
            busy={action.busy}
            error={action.error}
            onSubmit={submit}
            onCancel={props.onClose}
          />
        )}
      </Async>
    </Dialog>
  );
}
