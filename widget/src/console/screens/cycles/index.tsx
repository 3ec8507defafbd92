/**
 * Steps 2 and 4, cycles: schedule an assessment or a pulse, open it early, follow participation per
 * organization while it is open, close it to publish the results.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { Participation } from "../../components/participation";
import { Async, EmptyState, PageHeader, Section } from "../../components/ui";
import { date } from "../../format";
import { fill, plural, useT } from "../../i18n";
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

export function CyclesScreen(props: { pid: string }) {
  const p = partnership.value;
  const t = useT().cycles;
  const cadence = useT().cadence;
  useTitle(t.title, p?.settings.name);
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
        eyebrow={t.steps}
        title={t.title}
        lead={
          s
            ? fill(t.lead, {
                cadence: cadence[s.assessmentCadence] ?? s.assessmentCadence,
                days: plural(t.days, s.assessmentWindowDays),
                pulses:
                  s.pulseCadence === "off"
                    ? t.pulsesOff
                    : fill(t.pulsesRun, { cadence: cadence[s.pulseCadence] ?? "" }),
              })
            : undefined
        }
        primary={facilitator && !scheduling && { label: t.schedule, onClick: () => setScheduling(true) }}
      />
      <Async value={data.value} onRetry={data.reload} label={t.loading}>
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
  const t = useT();
  if (props.cycles.length === 0) {
    return (
      <EmptyState
        title={t.cycles.noneYet}
        action={
          props.hasAgreed ? undefined : (
            <a class="btn" href={hrefFor(props.pid, "principles")}>
              {t.cycles.toPrinciples}
            </a>
          )
        }
      >
        <p>{props.hasAgreed ? t.cycles.scheduleFirst : t.cycles.agreeFirst}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <Section title={t.cycles.openNow} id="open-cycles">
        {props.open.length === 0 ? (
          <p class="muted">{t.cycles.nothingOpen}</p>
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
        <Section title={t.cycles.scheduled} id="scheduled-cycles">
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
      <Section title={t.cycles.closed} id="closed-cycles" lead={t.cycles.closedLead}>
        {closed.length === 0 ? (
          <p class="muted">{t.cycles.noneClosed}</p>
        ) : (
          <ul class="row-list">
            {closed.map((c) => (
              <li key={c.id} class="row-item">
                <div>
                  <a href={hrefFor(props.pid, "cycles", c.id)} class="row-title">
                    {cycleName(c)}
                  </a>
                  <p class="muted small">
                    {c.kind === "pulse" ? t.common.pulse : t.common.assessment} · {date(c.opensAt)} – {date(c.closesAt)}
                  </p>
                </div>
                <a class="btn btn-small" href={hrefFor(props.pid, "results", undefined, { cycle: c.id })}>
                  {t.cycles.results}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
