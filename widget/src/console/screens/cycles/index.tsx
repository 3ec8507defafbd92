/**
 * Steps 2 and 4, cycles: schedule an assessment or a pulse, open it early, follow participation per
 * organization while it is open, close it to publish the results.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { Participation } from "../../components/participation";
import { Async, EmptyState, PageHeader, Section } from "../../components/ui";
import { date, plural } from "../../format";
import { all, useLoad } from "../../load";
import { cycleName } from "../../names";
import { hrefFor, navigate } from "../../router";
import { api, isFacilitator, partnership } from "../../session";
import { useTitle } from "../../title";
import { CycleButtons, CycleHead, CycleThresholds } from "./parts";
import { ScheduleForm } from "./schedule-form";

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
