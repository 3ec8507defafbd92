/**
 * Steps 2–4, the results dashboard: strengths and challenges, every principle's figures per
 * organization and for the partnership (gap, priority, perception gap, trend), importance versus
 * performance, a radar per organization, distributions, comments within the threshold, and the
 * actions linked to each principle with how it moved since they began. Hidden figures read
 * "fewer than k responses", never 0.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { SelectField } from "../../components/fields";
import { Participation } from "../../components/participation";
import { Async, EmptyState, Notice, PageHeader, Section } from "../../components/ui";
import { date } from "../../format";
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
        <SelectField
          label="Cycle"
          id="results-cycle"
          layout="inline"
          options={choosable.map(
            (x) =>
              [
                x.id,
                `${cycleName(x)} (${x.kind === "pulse" ? "pulse" : "assessment"}${x.status === "open" ? ", open" : `, closed ${date(x.closesAt)}`})`,
              ] as const,
          )}
          value={c.id}
          onValue={(cycle) => navigate(hrefFor(props.pid, "results", undefined, { cycle }))}
        />
        <a class="btn" href={hrefFor(props.pid, "trends")}>
          Trends
        </a>
        {c.status === "closed" && c.kind === "assessment" && (
          <a class="btn" href={hrefFor(props.pid, "report", c.id)}>
            Partnership report
          </a>
        )}
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
