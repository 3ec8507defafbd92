/**
 * Home: what needs you now (a facilitator's to-do list: principles awaiting your organization's
 * stance, cycles to open or close, overdue actions; everyone's pending surveys and own actions) and
 * where the partnership stands in the four steps.
 */
import { Async, EmptyState, PageHeader } from "../../components/ui";
import { fill, useT } from "../../i18n";
import { all, mapResult, useLoad } from "../../load";
import { api, isAdmin, isFacilitator, type Me, partnership } from "../../session";
import { useTitle } from "../../title";
import type { Action, Cycle, CycleDetail, HomeData, PendingItem, Principle } from "./data";
import { Steps } from "./steps";
import { ToDo } from "./todo";

export function HomeScreen(props: { pid: string | null; me: Me }) {
  const p = partnership.value;
  useTitle(p?.settings.name ?? useT().home.title);
  if (!props.pid || !p) return <Welcome me={props.me} />;
  return <PartnershipHome pid={props.pid} me={props.me} />;
}

function Welcome(props: { me: Me }) {
  const admin = isAdmin.value;
  const t = useT().home;
  return (
    <>
      <PageHeader
        title={fill(t.welcome, { name: props.me.person.name.split(" ")[0] ?? "" })}
        lead={t.notInPartnership}
      />
      <EmptyState
        title={admin ? t.start : t.join}
        action={
          admin ? (
            <a class="btn btn-primary" href="/partnerships/new">
              {t.create}
            </a>
          ) : undefined
        }
      >
        {admin ? <p>{t.adminHelp}</p> : <p>{fill(t.memberHelp, { organization: props.me.organization.name })}</p>}
      </EmptyState>
    </>
  );
}

function PartnershipHome(props: { pid: string; me: Me }) {
  const pid = props.pid;
  const p = partnership.value;
  const facilitator = isFacilitator.value;
  const t = useT().home;
  const params = { partnershipId: pid };
  const data = useLoad<HomeData>(
    async (signal) => {
      const loaded = await all<[Principle[], Cycle[], Action[], Action[], PendingItem[]]>([
        mapResult(
          api("get", "/api/v1/partnerships/{partnershipId}/principles", { params, signal }),
          (v) => v.principles,
        ),
        mapResult(api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }), (v) => v.cycles),
        mapResult(
          api("get", "/api/v1/partnerships/{partnershipId}/actions", { params, query: { overdue: "true" }, signal }),
          (v) => v.actions,
        ),
        mapResult(
          api("get", "/api/v1/partnerships/{partnershipId}/actions", { params, query: { mine: "true" }, signal }),
          (v) => v.actions,
        ),
        mapResult(api("get", "/api/v1/me/pending", { signal }), (v) => (v ? v.items : [])),
      ]);
      if (!loaded.ok) return loaded;
      const [principles, cycles, overdue, mine, pending] = loaded.value;
      const open = cycles.filter((c) => c.status === "open");
      const details = await all<CycleDetail[]>(
        open.map((c) =>
          api("get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", {
            params: { partnershipId: pid, cycleId: c.id },
            signal,
          }),
        ),
      );
      if (!details.ok) return details;
      // Only facilitators decide proposals; the to-do list still shows if the list cannot load.
      const proposals = facilitator
        ? await api("get", "/api/v1/partnerships/{partnershipId}/settings-proposals", { params, signal })
        : null;
      return {
        ...loaded,
        value: {
          principles,
          cycles,
          openCycles: details.value,
          overdue,
          mine,
          pending: pending.filter((i) => i.partnershipId === pid),
          proposals: proposals?.ok ? proposals.value.proposals.filter((x) => x.status === "open") : [],
        },
      };
    },
    [pid, facilitator],
  );
  if (!p) return null;
  return (
    <>
      <PageHeader
        eyebrow={p.organizations.map((o) => o.name).join(" × ")}
        title={p.settings.name}
        lead={p.settings.purpose || undefined}
      />
      {p.archived && (
        <div class="note note-warning" role="status">
          <p>{t.archived}</p>
        </div>
      )}
      <Async value={data.value} onRetry={data.reload} label={t.loading}>
        {(d) => (
          <>
            <ToDo pid={pid} me={props.me} data={d} facilitator={facilitator} />
            <Steps pid={pid} data={d} />
          </>
        )}
      </Async>
    </>
  );
}
