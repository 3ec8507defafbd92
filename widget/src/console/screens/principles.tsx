/** Step 1, the principles workspace: every principle, its status and each organization's stance at a glance. */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { StanceChips, WordingForm } from "../components/principle-bits";
import { Async, EmptyState, PageHeader, StatusBadge } from "../components/ui";
import { fromNow } from "../format";
import { fill, useT } from "../i18n";
import { useAction, useLoad } from "../load";
import { hrefFor, navigate } from "../router";
import { api, type Me, partnership } from "../session";
import { useTitle } from "../title";

type Principle = Schemas["Principle"];

const FILTERS = [
  { key: null, label: "all" },
  { key: "agreed", label: "agreed" },
  { key: "proposed", label: "awaiting" },
  { key: "retired", label: "retired" },
] as const;

export function PrinciplesScreen(props: { pid: string; status: string | null; propose: boolean; me: Me }) {
  const t = useT().principles;
  useTitle(t.title, partnership.value?.settings.name);
  const [proposing, setProposing] = useState(props.propose);
  const list = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/principles", { params: { partnershipId: props.pid }, signal }),
    [props.pid],
  );
  const action = useAction();
  const archived = partnership.value?.archived ?? false;

  const propose = async (w: { title: string; description: string; origin: string }) => {
    const r = await action.run(() =>
      api("post", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: props.pid },
        body: { title: w.title, description: w.description, ...(w.origin ? { origin: w.origin } : {}) },
      }),
    );
    if (r.ok) navigate(hrefFor(props.pid, "principles", r.value.id));
  };

  return (
    <>
      <PageHeader
        eyebrow={t.step}
        title={t.title}
        lead={t.lead}
        primary={!archived && !proposing && { label: t.propose, onClick: () => setProposing(true) }}
      />
      {proposing && (
        <section class="card" aria-labelledby="propose-title">
          <h2 id="propose-title">{t.propose}</h2>
          <p class="muted">{t.proposeLead}</p>
          <WordingForm
            initial={{ title: "", description: "", origin: "" }}
            submitLabel={t.proposeButton}
            busy={action.busy}
            error={action.error}
            onSubmit={propose}
            onCancel={() => setProposing(false)}
          />
        </section>
      )}
      <Async value={list.value} onRetry={list.reload} label={t.loading}>
        {({ principles }) => <PrincipleList pid={props.pid} principles={principles} status={props.status} />}
      </Async>
    </>
  );
}

function PrincipleList(props: { pid: string; principles: Principle[]; status: string | null }) {
  const counts = {
    agreed: props.principles.filter((p) => p.status === "agreed").length,
    proposed: props.principles.filter((p) => p.status === "proposed").length,
    retired: props.principles.filter((p) => p.status === "retired").length,
  };
  const shown = props.status
    ? props.principles.filter((p) => p.status === props.status)
    : props.principles.filter((p) => p.status !== "retired");
  const order = { proposed: 0, agreed: 1, retired: 2 } as const;
  const t = useT().principles;
  const sorted = [...shown].sort((a, b) => order[a.status] - order[b.status] || b.updatedAt.localeCompare(a.updatedAt));
  return (
    <>
      <nav class="tabs" aria-label={t.filter}>
        {FILTERS.map((f) => {
          const active = (props.status ?? null) === f.key;
          const n = f.key ? counts[f.key] : counts.agreed + counts.proposed;
          return (
            <a
              key={f.label}
              class={`tab${active ? " active" : ""}`}
              href={hrefFor(props.pid, "principles", undefined, { status: f.key ?? undefined })}
              aria-current={active ? "page" : undefined}
            >
              {t[f.label]} <span class="tab-count">{n}</span>
            </a>
          );
        })}
      </nav>
      {sorted.length === 0 ? (
        <EmptyState title={props.principles.length ? t.nothingHere : t.noneYet}>
          <p>{props.principles.length ? t.otherFilter : t.first}</p>
        </EmptyState>
      ) : (
        <ul class="principle-list">
          {sorted.map((p) => (
            <li key={p.id} class="principle-card card">
              <div class="principle-card-head">
                <a class="principle-title" href={hrefFor(props.pid, "principles", p.id)}>
                  {p.current.title}
                </a>
                <StatusBadge status={p.status} />
                {p.status === "agreed" && p.proposal?.kind === "adopt" && (
                  <span class="badge badge-warning">{t.newWording}</span>
                )}
                {p.proposal?.kind === "retire" && <span class="badge badge-warning">{t.retirement}</span>}
              </div>
              <p class="principle-desc">{p.current.description}</p>
              <div class="principle-card-foot">
                <StanceChips principle={p} />
                <span class="muted small">
                  {fill(t.updated, { version: p.latestVersion.number, when: fromNow(p.updatedAt) })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
