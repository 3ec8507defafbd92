/**
 * Steps 2 and 4, cycles: schedule an assessment or a pulse, open it early, follow participation per
 * organization while it is open, close it to publish the results.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { Meter } from "../charts";
import {
  Async,
  ConfirmButton,
  EmptyState,
  ErrorNote,
  Field,
  Notice,
  PageHeader,
  Section,
  StatusBadge,
} from "../components/ui";
import { date, dateTime, fromNow, plural, toLocalInput } from "../format";
import { all, useAction, useLoad } from "../load";
import { hrefFor, navigate, surveysHref } from "../router";
import { api, isFacilitator, orgIndex, orgName, partnership } from "../session";
import { useTitle } from "../title";
import { cycleName } from "./home";

type Cycle = Schemas["Cycle"];
type CycleDetail = Schemas["CycleDetail"];
type Principle = Schemas["Principle"];

const CADENCE_WORDS: Record<string, string> = {
  annual: "once a year",
  semiannual: "twice a year",
  quarterly: "every quarter",
  weekly: "every week",
  biweekly: "every two weeks",
  monthly: "every month",
};

export function CyclesScreen(props: { pid: string }) {
  const p = partnership.value;
  useTitle("Cycles", p?.settings.name);
  const [scheduling, setScheduling] = useState(false);
  const params = { partnershipId: props.pid };
  const data = useLoad(
    async (signal) => {
      const r = await all<[{ cycles: Cycle[] }, { principles: Principle[] }]>([
        api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/principles", { params, query: { status: "agreed" }, signal }),
      ]);
      if (!r.ok) return r;
      const open = r.value[0].cycles.filter((c) => c.status === "open");
      const details = await all<CycleDetail[]>(
        open.map((c) =>
          api("get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", {
            params: { ...params, cycleId: c.id },
            signal,
          }),
        ),
      );
      if (!details.ok) return details;
      return { ...r, value: { cycles: r.value[0].cycles, principles: r.value[1].principles, open: details.value } };
    },
    [props.pid],
    { pollMs: 15_000 },
  );
  const facilitator = isFacilitator.value && !p?.archived;
  const s = p?.settings;
  return (
    <>
      <PageHeader
        eyebrow="Steps 2 and 4"
        title="Cycles"
        lead={
          s
            ? `Assessments run ${CADENCE_WORDS[s.assessmentCadence]} and stay open ${plural(s.assessmentWindowDays, "day")}; pulses ${
                s.pulseCadence === "off" ? "are off" : `run ${CADENCE_WORDS[s.pulseCadence]}`
              }. Accord opens and closes them on schedule; you can also schedule one by hand.`
            : undefined
        }
        actions={
          facilitator && !scheduling ? (
            <button type="button" class="btn btn-primary" onClick={() => setScheduling(true)}>
              Schedule a cycle
            </button>
          ) : undefined
        }
      />
      <Async value={data.value} onRetry={data.reload} label="Loading cycles…">
        {(d) => (
          <>
            {scheduling && (
              <ScheduleForm
                pid={props.pid}
                principles={d.principles}
                windowDays={s?.assessmentWindowDays ?? 21}
                onCancel={() => setScheduling(false)}
                onDone={(c) => navigate(hrefFor(props.pid, "cycles", c.id))}
              />
            )}
            <CycleLists
              pid={props.pid}
              cycles={d.cycles}
              open={d.open}
              hasAgreed={d.principles.length > 0}
              facilitator={facilitator}
              onChanged={data.reload}
            />
          </>
        )}
      </Async>
    </>
  );
}

function CycleLists(props: {
  pid: string;
  cycles: Cycle[];
  open: CycleDetail[];
  hasAgreed: boolean;
  facilitator: boolean;
  onChanged: () => void;
}) {
  const scheduled = props.cycles.filter((c) => c.status === "scheduled").reverse();
  const closed = props.cycles.filter((c) => c.status === "closed");
  if (props.cycles.length === 0) {
    return (
      <EmptyState
        title="No cycles yet."
        action={
          props.hasAgreed ? undefined : (
            <a class="btn" href={hrefFor(props.pid, "principles")}>
              Go to principles
            </a>
          )
        }
      >
        <p>
          {props.hasAgreed
            ? "Schedule an assessment: everyone rates how each agreed principle is lived, and how important it is."
            : "Agree at least one principle first: assessments ask about agreed principles only."}
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <Section title="Open now" id="open-cycles">
        {props.open.length === 0 ? (
          <p class="muted">Nothing is open right now.</p>
        ) : (
          <ul class="cycle-list">
            {props.open.map((c) => (
              <li key={c.id} class="card cycle-card">
                <CycleHead pid={props.pid} cycle={c} />
                <CycleThresholds cycle={c} />
                <Participation k={c.k} participation={c.participation} />
                <CycleButtons pid={props.pid} cycle={c} facilitator={props.facilitator} onChanged={props.onChanged} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      {scheduled.length > 0 && (
        <Section title="Scheduled" id="scheduled-cycles">
          <ul class="cycle-list">
            {scheduled.map((c) => (
              <li key={c.id} class="card cycle-card">
                <CycleHead pid={props.pid} cycle={c} />
                <CycleButtons pid={props.pid} cycle={c} facilitator={props.facilitator} onChanged={props.onChanged} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Closed" id="closed-cycles" lead="Results are published when a cycle closes.">
        {closed.length === 0 ? (
          <p class="muted">No closed cycles yet.</p>
        ) : (
          <ul class="row-list">
            {closed.map((c) => (
              <li key={c.id} class="row-item">
                <div>
                  <a href={hrefFor(props.pid, "cycles", c.id)} class="row-title">
                    {cycleName(c)}
                  </a>
                  <p class="muted small">
                    {c.kind === "pulse" ? "Pulse" : "Assessment"} · {date(c.opensAt)} – {date(c.closesAt)}
                  </p>
                </div>
                <a class="btn btn-small" href={hrefFor(props.pid, "results", undefined, { cycle: c.id })}>
                  Results
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function CycleHead(props: { pid: string; cycle: Cycle }) {
  const c = props.cycle;
  return (
    <div class="cycle-head">
      <div>
        <a class="row-title" href={hrefFor(props.pid, "cycles", c.id)}>
          {cycleName(c)}
        </a>
        <p class="muted small">
          {c.kind === "pulse" ? "Pulse" : "Assessment"} ·{" "}
          {c.source === "cadence" ? "on the cadence" : "scheduled by hand"} ·{" "}
          {c.status === "scheduled"
            ? `opens ${dateTime(c.opensAt)}`
            : c.status === "open"
              ? `closes ${fromNow(c.closesAt)} (${dateTime(c.closesAt)})`
              : `closed ${date(c.closesAt)}`}
        </p>
      </div>
      <StatusBadge status={c.status} />
    </div>
  );
}

/**
 * Responded / invited per organization: the only figures visible while a cycle is open. Below k the
 * API hides the count itself (a count of 1 or 2 would say who answered), and so does this list.
 */
export function Participation(props: {
  k: number | null;
  participation: { organizationId: string; invited: number; responded: number | null; fewerThanK?: boolean }[];
}) {
  const k = props.k;
  return (
    <ul class="participation" aria-label="Participation per organization">
      {props.participation.map((o) => {
        const name = orgName(o.organizationId);
        const few = `fewer than ${k ?? "k"} responded`;
        return (
          <li key={o.organizationId} class="participation-row">
            <span class="participation-org">
              <span class={`swatch s${orgIndex(o.organizationId)}`} aria-hidden="true" />
              {name}
            </span>
            {o.responded === null ? (
              // An empty track where the meter would be: the figure beside it says why.
              <span class="participation-hidden" aria-hidden="true" />
            ) : (
              <Meter
                value={o.responded}
                max={Math.max(o.invited, 1)}
                series={orgIndex(o.organizationId)}
                label={`${name}: ${o.responded} of ${o.invited} responded`}
              />
            )}
            <span class="participation-figure">
              {o.responded === null ? (
                <>
                  {few}
                  <span class="participation-of muted small">
                    <span class="participation-sep"> · </span>
                    {o.invited} invited
                  </span>
                </>
              ) : (
                <>
                  {o.responded} of {o.invited}
                  <span class="muted"> responded</span>
                  {o.fewerThanK && <span class="muted small"> · {few}: figures hidden</span>}
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** "k = 5, fixed when it opened": a cycle keeps the anonymity settings it opened with. */
function CycleThresholds(props: { cycle: CycleDetail }) {
  const c = props.cycle;
  if (c.k === null) {
    return (
      <p class="muted small cycle-k">
        k and the comment threshold are fixed when it opens (now k = {partnership.value?.settings.k ?? 5}).
      </p>
    );
  }
  return (
    <p class="muted small cycle-k">
      k = {c.k}, fixed when it opened
      {c.commentThreshold !== null ? ` · comments shown from ${c.commentThreshold} commenters` : ""}
    </p>
  );
}

const MOVES = {
  open: "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/open",
  close: "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/close",
  reopen: "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/reopen",
} as const;

function CycleButtons(props: {
  pid: string;
  cycle: Cycle | CycleDetail;
  facilitator: boolean;
  onChanged: (c: CycleDetail) => void;
}) {
  const c = props.cycle;
  const detail = "closeEarly" in c ? c : null;
  const action = useAction();
  const params = { partnershipId: props.pid, cycleId: c.id };
  const move = async (to: keyof typeof MOVES) => {
    const r = await action.run(() => api("post", MOVES[to], { params }));
    if (r.ok) props.onChanged(r.value);
  };
  const short = detail && !detail.closeEarly.allowed ? detail.closeEarly.short : [];
  const whyId = `close-why-${c.id}`;
  return (
    <>
      <div class="button-row">
        {c.status === "open" && (
          <a class="btn" href={surveysHref(props.pid, c.id)}>
            Answer it yourself
          </a>
        )}
        {props.facilitator && c.status === "scheduled" && (
          <button type="button" class="btn btn-primary" disabled={action.busy} onClick={() => move("open")}>
            Open now
          </button>
        )}
        {props.facilitator && c.status === "open" && short.length === 0 && (
          <ConfirmButton
            label="Close and publish results"
            confirm="Close it now? Nobody can answer after this."
            busy={action.busy}
            onConfirm={() => move("close")}
          />
        )}
        {props.facilitator && c.status === "open" && short.length > 0 && (
          <button type="button" class="btn" disabled aria-describedby={whyId}>
            Close and publish results
          </button>
        )}
        {c.status === "closed" && (
          <a class="btn btn-primary" href={hrefFor(props.pid, "results", undefined, { cycle: c.id })}>
            View results
          </a>
        )}
        {props.facilitator && c.status === "closed" && detail?.reopenable && (
          <ConfirmButton
            label="Reopen"
            confirm={`Reopen it until ${dateTime(detail.plannedClosesAt)}? Results are hidden again until it closes.`}
            busy={action.busy}
            onConfirm={() => move("reopen")}
          />
        )}
      </div>
      {props.facilitator && c.status === "open" && short.length > 0 && detail && (
        <p class="close-why small" id={whyId}>
          {closeWhy(short, detail.k)} It closes on its own {fromNow(c.closesAt)} ({dateTime(c.closesAt)}).
        </p>
      )}
      <ErrorNote error={action.error} />
    </>
  );
}

/** Why an open cycle cannot close early, in words: "Northwind Retail has fewer than 5 respondents; …". */
function closeWhy(short: string[], k: number | null) {
  const names = short.map(orgName);
  const who =
    names.length === 1 ? `${names[0]} has` : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} have`;
  return `${who} fewer than ${k ?? "k"} respondents; closing now would publish nothing for ${names.length === 1 ? "them" : "those organizations"}.`;
}

function ScheduleForm(props: {
  pid: string;
  principles: Principle[];
  windowDays: number;
  onCancel: () => void;
  onDone: (c: CycleDetail) => void;
}) {
  const [kind, setKind] = useState<"assessment" | "pulse">("assessment");
  const [title, setTitle] = useState("");
  const [when, setWhen] = useState<"now" | "later">("later");
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const [opensAt, setOpensAt] = useState(toLocalInput(tomorrow.getTime()));
  const [closesAt, setClosesAt] = useState("");
  const [principleId, setPrincipleId] = useState("");
  const action = useAction();
  const days = kind === "assessment" ? props.windowDays : 7;
  const start = when === "now" ? Date.now() : new Date(opensAt).getTime();
  const defaultClose = Number.isNaN(start) ? "" : toLocalInput(start + days * 86_400_000);

  if (props.principles.length === 0) {
    return (
      <Notice tone="warning" title="Agree a principle first">
        <p>
          A cycle asks about agreed principles. <a href={hrefFor(props.pid, "principles")}>Go to principles</a>.
        </p>
      </Notice>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    const close = closesAt || defaultClose;
    const r = await action.run(() =>
      api("post", "/api/v1/partnerships/{partnershipId}/cycles", {
        params: { partnershipId: props.pid },
        body: {
          kind,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(when === "later" ? { opensAt: new Date(opensAt).toISOString() } : {}),
          ...(close ? { closesAt: new Date(close).toISOString() } : {}),
          ...(kind === "pulse" && principleId ? { principleId } : {}),
        },
      }),
    );
    if (r.ok) props.onDone(r.value);
  };

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule a cycle</h2>
      <fieldset class="choice-group">
        <legend>Kind</legend>
        <label class="choice">
          <input
            type="radio"
            name="kind"
            value="assessment"
            checked={kind === "assessment"}
            onChange={() => setKind("assessment")}
          />
          <span>
            <strong>Assessment</strong>
            <span class="muted small">
              {" "}
              every agreed principle ({props.principles.length}), performance and importance
            </span>
          </span>
        </label>
        <label class="choice">
          <input type="radio" name="kind" value="pulse" checked={kind === "pulse"} onChange={() => setKind("pulse")} />
          <span>
            <strong>Pulse</strong>
            <span class="muted small"> one principle, one click</span>
          </span>
        </label>
      </fieldset>
      <Field label="Title" optional hint="e.g. “Spring 2026 assessment”.">
        {({ id, describedBy }) => (
          <input
            id={id}
            aria-describedby={describedBy}
            maxLength={120}
            value={title}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      {kind === "pulse" && (
        <Field label="Principle">
          {({ id }) => (
            <select id={id} value={principleId} onChange={(e) => setPrincipleId((e.target as HTMLSelectElement).value)}>
              <option value="">The one with the largest gap last time</option>
              {props.principles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.current.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <fieldset class="choice-group">
        <legend>Opens</legend>
        <label class="choice">
          <input type="radio" name="when" value="later" checked={when === "later"} onChange={() => setWhen("later")} />
          <span>At a set time</span>
        </label>
        <label class="choice">
          <input type="radio" name="when" value="now" checked={when === "now"} onChange={() => setWhen("now")} />
          <span>Right away</span>
        </label>
      </fieldset>
      <div class="grid-2">
        {when === "later" && (
          <Field label="Opens at">
            {({ id }) => (
              <input
                id={id}
                type="datetime-local"
                required
                value={opensAt}
                onInput={(e) => setOpensAt((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
        )}
        <Field label="Closes at" hint={`Default: ${plural(days, "day")} after it opens.`}>
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="datetime-local"
              value={closesAt || defaultClose}
              onInput={(e) => setClosesAt((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
      </div>
      <ErrorNote error={action.error} title="Not scheduled" />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Scheduling…" : when === "now" ? "Open it now" : "Schedule"}
        </button>
        <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function CycleScreen(props: { pid: string; id: string }) {
  const params = { partnershipId: props.pid, cycleId: props.id };
  const data = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", { params, signal }),
    [props.pid, props.id],
    {
      pollMs: 10_000,
    },
  );
  const facilitator = isFacilitator.value && !partnership.value?.archived;
  const title = data.value.state === "ready" ? cycleName(data.value.data) : "Cycle";
  useTitle(title, partnership.value?.settings.name);
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefFor(props.pid, "cycles")}>← All cycles</a>
      </p>
      <Async value={data.value} onRetry={data.reload} label="Loading the cycle…">
        {(c) => (
          <>
            <PageHeader
              eyebrow={c.kind === "pulse" ? "Pulse" : "Assessment"}
              title={cycleName(c)}
              lead={`${dateTime(c.opensAt)} – ${dateTime(c.closesAt)}`}
              actions={<StatusBadge status={c.status} />}
            />
            <div class="card">
              <CycleThresholds cycle={c} />
              <CycleButtons pid={props.pid} cycle={c} facilitator={facilitator} onChanged={(d) => data.set(() => d)} />
            </div>
            <Section
              title="Participation"
              id="participation"
              lead={
                c.status === "open"
                  ? `Updated live while the cycle is open. Only counts are visible until it closes, and only once an organization has ${c.k ?? "k"} respondents: nobody sees answers.`
                  : c.status === "scheduled"
                    ? "Everyone in the partnership when it opens is invited; people who join later are not."
                    : "Final participation."
              }
            >
              <Participation k={c.k} participation={c.participation} />
            </Section>
            <Section title={`Asks about ${plural(c.principles.length, "principle")}`} id="asked">
              <ol class="asked-list">
                {c.principles.map((p) => (
                  <li key={p.versionId}>
                    <a href={hrefFor(props.pid, "principles", p.principleId)} class="row-title">
                      {p.title}
                    </a>
                    <span class="muted small"> · version {p.number}</span>
                    <p class="muted small">{p.description}</p>
                  </li>
                ))}
              </ol>
            </Section>
          </>
        )}
      </Async>
    </>
  );
}
