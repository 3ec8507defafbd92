/**
 * Step 3, the actions board: what each organization will do about the gaps (and to keep the
 * strengths), who owns it, by when, and how it is going. Filters live in the URL.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { type ActionDraft, ActionForm, actionBody, emptyAction, OwnerName } from "../components/action-form";
import { Async, EmptyState, ErrorNote, Field, PageHeader, Section, StatusBadge } from "../components/ui";
import { date, dateTime } from "../format";
import { all, useAction, useLoad } from "../load";
import { hrefFor, navigate } from "../router";
import { api, type Me, partnership } from "../session";
import { useTitle } from "../title";
import { cycleName } from "./home";

type Action = Schemas["Action"];
type Member = Schemas["Member"];
type Principle = Schemas["Principle"];
type Cycle = Schemas["Cycle"];
type Status = Action["status"];

const STATUSES: { key: Status; label: string }[] = [
  { key: "open", label: "Open" },
  { key: "in_progress", label: "In progress" },
  { key: "done", label: "Done" },
  { key: "dropped", label: "Dropped" },
];

interface Context {
  people: Member[];
  principles: Principle[];
  cycles: Cycle[];
}

/** People, principles and cycles: what an action can point to. */
function useContext(pid: string) {
  const params = { partnershipId: pid };
  return useLoad(
    async (signal) => {
      const r = await all<[{ people: Member[] }, { principles: Principle[] }, { cycles: Cycle[] }]>([
        api("get", "/api/v1/partnerships/{partnershipId}/people", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/principles", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }),
      ]);
      return r.ok
        ? { ...r, value: { people: r.value[0].people, principles: r.value[1].principles, cycles: r.value[2].cycles } }
        : r;
    },
    [pid],
  );
}

const principleChoices = (c: Context) => c.principles.map((p) => ({ id: p.id, title: p.current.title }));
const cycleChoices = (c: Context) =>
  c.cycles.filter((x) => x.status !== "scheduled").map((x) => ({ id: x.id, name: cycleName(x) }));

export function ActionsScreen(props: { pid: string; query: URLSearchParams; me: Me }) {
  useTitle("Actions", partnership.value?.settings.name);
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
        eyebrow="Step 3"
        title="Actions"
        lead="What you will do about the biggest gaps, and to keep your strengths alive. Owners can be in either organization."
        actions={
          !archived && !creating ? (
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              New action
            </button>
          ) : undefined
        }
      />
      <Async value={context.value} onRetry={context.reload} label="Loading…">
        {(ctx) => (
          <>
            {creating && (
              <section class="card" aria-labelledby="new-action-title">
                <h2 id="new-action-title">New action</h2>
                <ActionForm
                  initial={emptyAction}
                  people={ctx.people}
                  principles={principleChoices(ctx)}
                  cycles={cycleChoices(ctx)}
                  submitLabel="Create action"
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
                      list.reload();
                    }
                  }}
                  onCancel={() => setCreating(false)}
                />
              </section>
            )}
            <fieldset class="filters">
              <legend class="sr-only">Filter actions</legend>
              <label class="check">
                <input
                  type="checkbox"
                  checked={filters.mine}
                  onChange={(e) => setFilter({ mine: (e.target as HTMLInputElement).checked })}
                />
                Mine
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  checked={filters.overdue}
                  onChange={(e) => setFilter({ overdue: (e.target as HTMLInputElement).checked })}
                />
                Overdue
              </label>
              <div class="field field-inline">
                <label for="filter-principle">Principle</label>
                <select
                  id="filter-principle"
                  value={filters.principleId}
                  onChange={(e) => setFilter({ principleId: (e.target as HTMLSelectElement).value })}
                >
                  <option value="">All principles</option>
                  {ctx.principles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.current.title}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field field-inline">
                <label for="filter-status">Status</label>
                <select
                  id="filter-status"
                  value={filters.status}
                  onChange={(e) => setFilter({ status: (e.target as HTMLSelectElement).value as Status | "" })}
                >
                  <option value="">Any status</option>
                  {STATUSES.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </div>
            </fieldset>
            <Async value={list.value} onRetry={list.reload} label="Loading actions…">
              {({ actions }) =>
                actions.length === 0 ? (
                  <EmptyState
                    title={
                      filters.mine || filters.overdue || filters.principleId || filters.status
                        ? "No actions match these filters."
                        : "No actions yet."
                    }
                  >
                    <p>
                      Open the <a href={hrefFor(props.pid, "results")}>results</a> and plan an action from a challenge
                      or a strength in one click, or create one here.
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
  const columns = props.onlyStatus ? STATUSES.filter((s) => s.key === props.onlyStatus) : STATUSES;
  return (
    <div class={`board${columns.length === 1 ? " board-single" : ""}`}>
      {columns.map((col) => {
        const items = props.actions.filter((a) => a.status === col.key);
        return (
          <section key={col.key} class={`board-col board-${col.key}`} aria-labelledby={`col-${col.key}`}>
            <h2 id={`col-${col.key}`} class="board-col-title">
              {col.label} <span class="tab-count">{items.length}</span>
            </h2>
            {items.length === 0 ? (
              <p class="muted small board-empty">None</p>
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
          {a.kind === "celebrate" ? "Celebrate" : "Improve"}
        </span>
        {a.overdue && <span class="badge badge-danger">Overdue</span>}
      </div>
      <a class="action-title" href={hrefFor(props.pid, "actions", a.id)}>
        {a.title}
      </a>
      {principle && <p class="small muted action-principle">{principle.current.title}</p>}
      <p class="small">
        <OwnerName owner={a.owner} compact />
      </p>
      <p class={`small${a.overdue ? " text-danger" : " muted"}`}>{a.dueOn ? `Due ${date(a.dueOn)}` : "No due date"}</p>
      {!partnership.value?.archived && (
        <div class="field field-inline field-compact">
          <label for={`status-${a.id}`}>Status</label>
          <select
            id={`status-${a.id}`}
            value={a.status}
            disabled={move.busy}
            onChange={async (e) => {
              const status = (e.target as HTMLSelectElement).value as Status;
              const r = await move.run(() =>
                api("patch", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", {
                  params: { partnershipId: props.pid, actionId: a.id },
                  body: { status },
                }),
              );
              if (r.ok) props.onChanged();
            }}
          >
            {STATUSES.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorNote error={move.error} />
    </li>
  );
}

export function ActionScreen(props: { pid: string; id: string; me: Me }) {
  const params = { partnershipId: props.pid, actionId: props.id };
  const action = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", { params, signal }),
    [props.pid, props.id],
  );
  const context = useContext(props.pid);
  useTitle(action.value.state === "ready" ? action.value.data.title : "Action", partnership.value?.settings.name);
  const [editing, setEditing] = useState(false);
  const save = useAction();
  const note = useAction();
  const [noteText, setNoteText] = useState("");
  const archived = partnership.value?.archived ?? false;
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefFor(props.pid, "actions")}>← All actions</a>
      </p>
      <Async value={action.value} onRetry={action.reload} label="Loading the action…">
        {(a) => (
          <Async value={context.value} onRetry={context.reload}>
            {(ctx) => {
              const principle = ctx.principles.find((p) => p.id === a.principleId);
              const cycle = ctx.cycles.find((c) => c.id === a.cycleId);
              const creator = ctx.people.find((p) => p.id === a.createdBy);
              return (
                <>
                  <PageHeader
                    eyebrow={a.kind === "celebrate" ? "Celebrate a strength" : "Improve a gap"}
                    title={a.title}
                    actions={
                      <>
                        {a.overdue && <span class="badge badge-danger">Overdue</span>}
                        <StatusBadge status={a.status} context="action" />
                      </>
                    }
                  />
                  <div class="two-col">
                    <div class="col-main">
                      {editing ? (
                        <section class="card" aria-labelledby="edit-action">
                          <h2 id="edit-action">Edit action</h2>
                          <ActionForm
                            initial={{
                              kind: a.kind,
                              title: a.title,
                              detail: a.detail,
                              principleId: a.principleId ?? "",
                              cycleId: a.cycleId ?? "",
                              ownerId: a.owner?.id ?? "",
                              dueOn: a.dueOn ?? "",
                            }}
                            people={ctx.people}
                            principles={principleChoices(ctx)}
                            cycles={cycleChoices(ctx)}
                            submitLabel="Save changes"
                            busy={save.busy}
                            error={save.error}
                            onSubmit={async (d) => {
                              const { kind: _kind, ...body } = actionBody(d);
                              const r = await save.run(() =>
                                api("patch", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", {
                                  params,
                                  body,
                                }),
                              );
                              if (r.ok) {
                                setEditing(false);
                                action.reload();
                              }
                            }}
                            onCancel={() => setEditing(false)}
                          />
                        </section>
                      ) : (
                        <section class="card" aria-labelledby="action-about">
                          <h2 id="action-about" class="small-heading">
                            About
                          </h2>
                          {a.detail ? <p class="wording">{a.detail}</p> : <p class="muted">No details yet.</p>}
                          <dl class="facts">
                            <div>
                              <dt>Owner</dt>
                              <dd>
                                <OwnerName owner={a.owner} />
                              </dd>
                            </div>
                            <div>
                              <dt>Due</dt>
                              <dd class={a.overdue ? "text-danger" : undefined}>
                                {a.dueOn ? date(a.dueOn) : "No due date"}
                              </dd>
                            </div>
                            <div>
                              <dt>Principle</dt>
                              <dd>
                                {principle ? (
                                  <a href={hrefFor(props.pid, "principles", principle.id)}>{principle.current.title}</a>
                                ) : (
                                  "—"
                                )}
                              </dd>
                            </div>
                            <div>
                              <dt>From</dt>
                              <dd>
                                {cycle ? (
                                  <a href={hrefFor(props.pid, "results", undefined, { cycle: cycle.id })}>
                                    {cycleName(cycle)}
                                  </a>
                                ) : (
                                  "—"
                                )}
                              </dd>
                            </div>
                            <div>
                              <dt>Created</dt>
                              <dd>
                                {date(a.createdAt)}
                                {creator ? ` by ${creator.name}` : ""}
                              </dd>
                            </div>
                          </dl>
                          {!archived && (
                            <div class="button-row">
                              <button type="button" class="btn" onClick={() => setEditing(true)}>
                                Edit
                              </button>
                            </div>
                          )}
                        </section>
                      )}
                      <Section title={`Progress notes (${a.notes.length})`} id="notes">
                        {a.notes.length === 0 ? (
                          <p class="muted">No notes yet. Record what happened, so the next check-in has the story.</p>
                        ) : (
                          <ol class="comments">
                            {a.notes.map((n) => (
                              <li key={n.id} class="comment">
                                <p class="comment-meta">
                                  <strong>{n.author.name}</strong> <span class="muted">· {dateTime(n.createdAt)}</span>
                                </p>
                                <p class="comment-body">{n.body}</p>
                              </li>
                            ))}
                          </ol>
                        )}
                        {!archived && (
                          <form
                            class="form"
                            onSubmit={async (e) => {
                              e.preventDefault();
                              const r = await note.run(() =>
                                api("post", "/api/v1/partnerships/{partnershipId}/actions/{actionId}/notes", {
                                  params,
                                  body: { body: noteText.trim() },
                                }),
                              );
                              if (r.ok) {
                                setNoteText("");
                                const added = r.value;
                                action.set((x) => ({ ...x, notes: [...x.notes, added] }));
                              }
                            }}
                          >
                            <Field label="Add a progress note">
                              {({ id }) => (
                                <textarea
                                  id={id}
                                  rows={3}
                                  maxLength={2000}
                                  value={noteText}
                                  onInput={(e) => setNoteText((e.target as HTMLTextAreaElement).value)}
                                />
                              )}
                            </Field>
                            <ErrorNote error={note.error} title="Note not added" />
                            <div class="form-actions">
                              <button type="submit" class="btn" disabled={note.busy || !noteText.trim()}>
                                {note.busy ? "Adding…" : "Add note"}
                              </button>
                            </div>
                          </form>
                        )}
                      </Section>
                    </div>
                    <aside class="col-side" aria-label="Status">
                      <StatusPanel pid={props.pid} action={a} onChanged={action.reload} />
                    </aside>
                  </div>
                </>
              );
            }}
          </Async>
        )}
      </Async>
    </>
  );
}

function StatusPanel(props: { pid: string; action: Action; onChanged: () => void }) {
  const a = props.action;
  const move = useAction();
  const next: { to: Status; label: string; primary?: boolean }[] =
    a.status === "open"
      ? [
          { to: "in_progress", label: "Start", primary: true },
          { to: "done", label: "Mark done" },
          { to: "dropped", label: "Drop" },
        ]
      : a.status === "in_progress"
        ? [
            { to: "done", label: "Mark done", primary: true },
            { to: "dropped", label: "Drop" },
          ]
        : [{ to: "open", label: "Reopen" }];
  if (partnership.value?.archived) return null;
  return (
    <section class="card" aria-labelledby="status-title">
      <h2 id="status-title">Status</h2>
      <p>
        <StatusBadge status={a.status} context="action" />
        {a.updatedAt && <span class="muted small"> · updated {date(a.updatedAt)}</span>}
      </p>
      <div class="button-column">
        {next.map((n) => (
          <button
            key={n.to}
            type="button"
            class={`btn${n.primary ? " btn-primary" : ""}`}
            disabled={move.busy}
            onClick={async () => {
              const r = await move.run(() =>
                api("patch", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", {
                  params: { partnershipId: props.pid, actionId: a.id },
                  body: { status: n.to },
                }),
              );
              if (r.ok) props.onChanged();
            }}
          >
            {n.label}
          </button>
        ))}
      </div>
      <ErrorNote error={move.error} />
      <p class="muted small">Open → in progress → done or dropped. Add a progress note to say why.</p>
    </section>
  );
}
