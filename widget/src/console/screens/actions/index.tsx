/**
 * Step 3, the actions board: what each organization will do about the gaps (and to keep the
 * strengths), who owns it, by when, and how it is going. Filters live in the URL.
 */
import { useState } from "preact/hooks";
import { ActionCreated } from "../../components/action-created";
import { type ActionDraft, ActionForm, actionBody, emptyAction, OwnerName } from "../../components/action-form";
import { Check, SelectField } from "../../components/fields";
import { Async, EmptyState, ErrorNote, PageHeader } from "../../components/ui";
import { date } from "../../format";
import { fill, useT } from "../../i18n";
import { useAction, useLoad } from "../../load";
import { hrefFor, navigate } from "../../router";
import { api, type Me, partnership } from "../../session";
import { useTitle } from "../../title";
import {
  type Action,
  type Context,
  cycleChoices,
  principleChoices,
  type Status,
  statuses,
  useContext,
} from "./context";

const statusOptions = () => statuses().map((s) => [s.key, s.label] as const);

export function ActionsScreen(props: { pid: string; query: URLSearchParams; me: Me }) {
  const t = useT().actions;
  useTitle(t.title, partnership.value?.settings.name);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const q = props.query;
  const filters = {
    mine: q.get("mine") === "true",
    overdue: q.get("overdue") === "true",
    principleId: q.get("principle") ?? "",
    status: (q.get("status") ?? "") as Status | "",
  };
  const [creating, setCreating] = useState(q.has("new"));
  const context = useContext(props.pid);
  const list = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/actions", {
        params: { partnershipId: props.pid },
        query: {
          ...(filters.mine ? { mine: "true" as const } : {}),
          ...(filters.overdue ? { overdue: "true" as const } : {}),
          ...(filters.principleId ? { principleId: filters.principleId } : {}),
          ...(filters.status ? { status: filters.status } : {}),
        },
        signal,
      }),
    [props.pid, filters],
  );
  const create = useAction();
  const setFilter = (patch: Partial<typeof filters>) => {
    const next = { ...filters, ...patch };
    navigate(
      hrefFor(props.pid, "actions", undefined, {
        mine: next.mine ? "true" : undefined,
        overdue: next.overdue ? "true" : undefined,
        principle: next.principleId || undefined,
        status: next.status || undefined,
      }),
      { replace: true },
    );
  };
  const archived = partnership.value?.archived ?? false;

  return (
    <>
      <PageHeader
        eyebrow={t.step}
        title={t.title}
        lead={t.lead}
        primary={!archived && !creating && { label: t.new, onClick: () => setCreating(true) }}
      />
      {created && (
        <ActionCreated pid={props.pid} action={created} onDismiss={() => setCreated(null)} key={created.id} />
      )}
      <Async value={context.value} onRetry={context.reload}>
        {(ctx) => (
          <>
            {creating && (
              <section class="card" aria-labelledby="new-action-title">
                <h2 id="new-action-title">{t.new}</h2>
                <ActionForm
                  initial={emptyAction}
                  people={ctx.people}
                  principles={principleChoices(ctx)}
                  cycles={cycleChoices(ctx)}
                  submitLabel={t.create}
                  busy={create.busy}
                  error={create.error}
                  onSubmit={async (d: ActionDraft) => {
                    const r = await create.run(() =>
                      api("post", "/api/v1/partnerships/{partnershipId}/actions", {
                        params: { partnershipId: props.pid },
                        body: actionBody(d),
                      }),
                    );
                    if (r.ok) {
                      setCreating(false);
                      setCreated({ id: r.value.id, title: r.value.title });
                      list.reload();
                    }
                  }}
                  onCancel={() => setCreating(false)}
                />
              </section>
            )}
            <fieldset class="filters">
              <legend class="sr-only">{t.filter}</legend>
              <Check label={t.mine} checked={filters.mine} onValue={(mine) => setFilter({ mine })} />
              <Check
                label={useT().todo.overdue}
                checked={filters.overdue}
                onValue={(overdue) => setFilter({ overdue })}
              />
              <SelectField
                label={useT().fields.principleId}
                id="filter-principle"
                layout="inline"
                empty={t.allPrinciples}
                options={principleChoices(ctx).map((p) => [p.id, p.title] as const)}
                value={filters.principleId}
                onValue={(principleId) => setFilter({ principleId })}
              />
              <SelectField
                label={useT().fields.status}
                id="filter-status"
                layout="inline"
                empty={t.anyStatus}
                options={statusOptions()}
                value={filters.status}
                onValue={(status) => setFilter({ status: status as Status | "" })}
              />
            </fieldset>
            <Async value={list.value} onRetry={list.reload} label={t.loading}>
              {({ actions }) =>
                actions.length === 0 ? (
                  <EmptyState
                    title={
                      filters.mine || filters.overdue || filters.principleId || filters.status ? t.noMatch : t.noneYet
                    }
                  >
                    <p>
                      {t.emptyBefore}
                      <a href={hrefFor(props.pid, "results")}>{t.emptyLink}</a>
                      {t.emptyAfter}
                    </p>
                  </EmptyState>
                ) : (
                  <Board
                    pid={props.pid}
                    actions={actions}
                    ctx={ctx}
                    onChanged={list.reload}
                    onlyStatus={filters.status || null}
                  />
                )
              }
            </Async>
          </>
        )}
      </Async>
    </>
  );
}

function Board(props: {
  pid: string;
  actions: Action[];
  ctx: Context;
  onChanged: () => void;
  onlyStatus: Status | null;
}) {
  const columns = props.onlyStatus ? statuses().filter((s) => s.key === props.onlyStatus) : statuses();
  return (
    <div class={`board ${columns.length === 1 ? "board-single" : "cols-4"}`}>
      {columns.map((col) => {
        const items = props.actions.filter((a) => a.status === col.key);
        return (
          <section key={col.key} class={`board-col board-${col.key}`} aria-labelledby={`col-${col.key}`}>
            <h2 id={`col-${col.key}`} class="board-col-title">
              {col.label} <span class="tab-count">{items.length}</span>
            </h2>
            {items.length === 0 ? (
              <p class="muted small board-empty">{useT().common.none}</p>
            ) : (
              <ul class="board-list">
                {items.map((a) => (
                  <ActionCard key={a.id} pid={props.pid} action={a} ctx={props.ctx} onChanged={props.onChanged} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function ActionCard(props: { pid: string; action: Action; ctx: Context; onChanged: () => void }) {
  const a = props.action;
  const principle = props.ctx.principles.find((p) => p.id === a.principleId);
  const move = useAction();
  return (
    <li class={`card action-card${a.overdue ? " action-overdue" : ""}`}>
      <div class="action-card-head">
        <span class={`badge ${a.kind === "celebrate" ? "badge-success" : "badge-info"}`}>
          {a.kind === "celebrate" ? useT().actions.celebrateShort : useT().actions.improveShort}
        </span>
        {a.overdue && <span class="badge badge-danger">{useT().todo.overdue}</span>}
      </div>
      <a class="action-title" href={hrefFor(props.pid, "actions", a.id)}>
        {a.title}
      </a>
      {principle && <p class="small muted action-principle">{principle.current.title}</p>}
      <p class="small">
        <OwnerName owner={a.owner} compact />
      </p>
      <p class={`small${a.overdue ? " text-danger" : " muted"}`}>
        {a.dueOn ? fill(useT().todo.due, { date: date(a.dueOn) }) : useT().todo.noDueDate}
      </p>
      {!partnership.value?.archived && (
        <SelectField
          label={useT().fields.status}
          id={`status-${a.id}`}
          layout="compact"
          options={statusOptions()}
          value={a.status}
          disabled={move.busy}
          onValue={async (status) => {
            const r = await move.run(() =>
              api("patch", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", {
                params: { partnershipId: props.pid, actionId: a.id },
                body: { status: status as Status },
              }),
            );
            if (r.ok) props.onChanged();
          }}
        />
      )}
      <ErrorNote error={move.error} />
    </li>
  );
}
