/** One cycle: its dates, participation per organization (live while open), and the principles it asks about. */
import { Participation } from "../../components/participation";
import { Async, PageHeader, Section, StatusBadge } from "../../components/ui";
import { dateTime } from "../../format";
import { fill, messages, plural, useT } from "../../i18n";
import { useLoad } from "../../load";
import { cycleName } from "../../names";
import { hrefFor } from "../../router";
import { api, isFacilitator, partnership } from "../../session";
import { useTitle } from "../../title";
import { CycleButtons, CycleThresholds } from "./parts";

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
  const all = useT();
  const t = all.insights.cycles;
  const title = data.value.state === "ready" ? cycleName(data.value.data) : all.results.cycle;
  useTitle(title, partnership.value?.settings.name);
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefFor(props.pid, "cycles")}>← {all.cycles.all}</a>
      </p>
      <Async value={data.value} onRetry={data.reload} label={t.loading}>
        {(c) => (
          <>
            <PageHeader
              eyebrow={c.kind === "pulse" ? all.common.pulse : all.common.assessment}
              title={cycleName(c)}
              lead={`${dateTime(c.opensAt)} – ${dateTime(c.closesAt)}`}
              actions={<StatusBadge status={c.status} />}
            />
            <div class="card">
              <CycleThresholds cycle={c} />
              <CycleButtons pid={props.pid} cycle={c} facilitator={facilitator} onChanged={(d) => data.set(() => d)} />
            </div>
            <Section
              title={t.participation}
              id="participation"
              lead={
                c.status === "open"
                  ? fill(t.whileOpen, { k: c.k ?? "k" })
                  : c.status === "scheduled"
                    ? t.whileScheduled
                    : t.final
              }
            >
              <Participation k={c.k} participation={c.participation} />
            </Section>
            <Section
              title={fill(all.cycles.asks, {
                principles: plural(messages.value.counts.principle, c.principles.length),
              })}
              id="asked"
            >
              <ol class="asked-list">
                {c.principles.map((p) => (
                  <li key={p.versionId}>
                    <a href={hrefFor(props.pid, "principles", p.principleId)} class="row-title">
                      {p.title}
                    </a>
                    <span class="muted small"> · {fill(t.version, { n: p.number })}</span>
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
