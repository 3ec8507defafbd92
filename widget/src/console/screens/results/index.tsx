/**
 * Steps 2–4, the results dashboard: strengths and challenges, every principle's figures per
 * organization and for the partnership (gap, priority, perception gap, trend), importance versus
 * performance, a radar per organization, distributions, comments within the threshold, and the
 * actions linked to each principle with how it moved since they began. Hidden figures read
 * "fewer than k responses", never 0.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { ActionCreated } from "../../components/action-created";
import { SelectField } from "../../components/fields";
import { Participation } from "../../components/participation";
import { Async, EmptyState, Notice, PageHeader, Section } from "../../components/ui";
import { useT } from "../../i18n";
import { useLoad } from "../../load";
import { cycleName } from "../../names";
import { hrefFor, navigate } from "../../router";
import { api, isFacilitator, type Me, partnership } from "../../session";
import { useTitle } from "../../title";
import { PlanAction } from "./plan-action";
import { Published } from "./published";

type Cycle = Schemas["Cycle"];
type PrincipleResult = Schemas["PrincipleResult"];

export function ResultsScreen(props: { pid: string; cycle: string | null; me: Me }) {
  const t = useT().results;
  useTitle(t.title, partnership.value?.settings.name);
  const params = { partnershipId: props.pid };
  const cycles = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }),
    [props.pid],
  );
  return (
    <>
      <PageHeader eyebrow={t.steps} title={t.title} lead={t.lead} />
      <Async value={cycles.value} onRetry={cycles.reload} label={useT().cycles.loading}>
        {({ cycles: list }) => {
          const closed = list.filter((c) => c.status === "closed");
          const chosen = props.cycle
            ? list.find((c) => c.id === props.cycle)
            : (closed.find((c) => c.kind === "assessment") ?? closed[0]);
          if (!chosen) {
            return (
              <EmptyState
                title={props.cycle ? t.noCycle : t.noneYet}
                action={
                  <a class="btn" href={hrefFor(props.pid, "cycles")}>
                    {t.toCycles}
                  </a>
                }
              >
                <p>{t.publishedWhen}</p>
              </EmptyState>
            );
          }
          return <CycleResults pid={props.pid} cycle={chosen} cycles={list} me={props.me} />;
        }}
      </Async>
    </>
  );
}

/** A closed cycle's results (the results screen and the report read the same figures). */
export function useCycleResults(pid: string, cycleId: string) {
  return useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/results", {
        params: { partnershipId: pid, cycleId },
        signal,
      }),
    [pid, cycleId],
  );
}

function CycleResults(props: { pid: string; cycle: Cycle; cycles: Cycle[]; me: Me }) {
  const c = props.cycle;
  const results = useCycleResults(props.pid, c.id);
  const [planning, setPlanning] = useState<{ principle: PrincipleResult; kind: "improve" | "celebrate" } | null>(null);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const choosable = props.cycles.filter((x) => x.status !== "scheduled");
  const t = useT().results;
  return (
    <>
      <div class="toolbar">
        <SelectField
          label={t.cycle}
          id="results-cycle"
          layout="inline"
          options={choosable.map((x) => [x.id, `${cycleName(x)}${x.status === "open" ? t.openSuffix : ""}`] as const)}
          value={c.id}
          onValue={(cycle) => navigate(hrefFor(props.pid, "results", undefined, { cycle }))}
        />
        <a class="btn" href={hrefFor(props.pid, "trends")}>
          {t.trends}
        </a>
        {c.status === "closed" && c.kind === "assessment" && (
          <a class="btn" href={hrefFor(props.pid, "report", c.id)}>
            {t.report}
          </a>
        )}
        {isFacilitator.value && c.status === "closed" && (
          <a
            class="btn"
            href={`/api/v1/partnerships/${encodeURIComponent(props.pid)}/cycles/${encodeURIComponent(c.id)}/results.csv`}
            download
          >
            {t.csv}
          </a>
        )}
      </div>
      {created && (
        <ActionCreated pid={props.pid} action={created} onDismiss={() => setCreated(null)} key={created.id} />
      )}
      <Async value={results.value} onRetry={results.reload} label={t.loading}>
        {(r) =>
          r.published && r.principles ? (
            <Published pid={props.pid} results={r} onPlan={(principle, kind) => setPlanning({ principle, kind })} />
          ) : (
            <>
              <Notice tone="info" title={t.whenCloses}>
                <p>{t.whileOpen}</p>
              </Notice>
              <Section title={t.participation} id="participation">
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
          onCreated={(action) => {
            setPlanning(null);
            setCreated(action);
            results.reload();
          }}
        />
      )}
    </>
  );
}
