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
  const title = data.value.state === "ready" ? cycleName(data.value.data) : "Cycle";
  useTitle(title, partnership.value?.settings.name);
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefFor(props.pid, "cycles")}>← {useT().cycles.all}</a>
      </p>
      <Async value={data.value} onRetry={data.reload} label="Loading the cycle…">
        {(c) => (
          <>
            <PageHeader
              eyebrow={c.kind === "pulse" ? useT().common.pulse : useT().common.assessment}
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
            <Section
              title={fill(useT().cycles.asks, {
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
