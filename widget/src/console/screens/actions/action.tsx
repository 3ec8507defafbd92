/** One action: what it is about, who owns it and by when, its progress notes and its status. */
import { useState } from "preact/hooks";
import { ActionForm, actionBody, OwnerName } from "../../components/action-form";
import { NoteForm } from "../../components/note-form";
import { Async, ErrorNote, PageHeader, Section, StatusBadge } from "../../components/ui";
import { date, dateTime } from "../../format";
import { fill, useT } from "../../i18n";
import { useAction, useLoad } from "../../load";
import { cycleName } from "../../names";
import { hrefFor } from "../../router";
import { api, type Me, partnership } from "../../session";
import { useTitle } from "../../title";
import { type Action, cycleChoices, principleChoices, type Status, useContext } from "./context";

export function ActionScreen(props: { pid: string; id: string; me: Me }) {
  const params = { partnershipId: props.pid, actionId: props.id };
  const action = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/actions/{actionId}", { params, signal }),
    [props.pid, props.id],
  );
  const context = useContext(props.pid);
  useTitle(
    action.value.state === "ready" ? action.value.data.title : useT().action.title,
    partnership.value?.settings.name,
  );
  const [editing, setEditing] = useState(false);
  const save = useAction();
  const archived = partnership.value?.archived ?? false;
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefFor(props.pid, "actions")}>← {useT().action.all}</a>
      </p>
      <Async value={action.value} onRetry={action.reload} label={useT().action.loading}>
        {(a) => (
          <Async value={context.value} onRetry={context.reload}>
            {(ctx) => {
              const principle = ctx.principles.find((p) => p.id === a.principleId);
              const cycle = ctx.cycles.find((c) => c.id === a.cycleId);
              const creator = ctx.people.find((p) => p.id === a.createdBy);
              return (
                <>
                  <PageHeader
                    eyebrow={a.kind === "celebrate" ? useT().actions.celebrate : useT().actions.improve}
                    title={a.title}
                    actions={
                      <>
                        {a.overdue && <span class="badge badge-danger">{useT().todo.overdue}</span>}
                        <StatusBadge status={a.status} context="action" />
                      </>
                    }
                  />
                  <div class="two-col">
                    <div class="col-main">
                      {editing ? (
                        <section class="card" aria-labelledby="edit-action">
                          <h2 id="edit-action">{useT().action.edit}</h2>
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
                            submitLabel={useT().action.save}
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
                            {useT().action.about}
                          </h2>
                          {a.detail ? (
                            <p class="wording">{a.detail}</p>
                          ) : (
                            <p class="muted">{useT().action.noDetails}</p>
                          )}
                          <dl class="facts">
                            <div>
                              <dt>{useT().fields.ownerId}</dt>
                              <dd>
                                <OwnerName owner={a.owner} />
                              </dd>
                            </div>
                            <div>
                              <dt>{useT().action.due}</dt>
                              <dd class={a.overdue ? "text-danger" : undefined}>
                                {a.dueOn ? date(a.dueOn) : useT().todo.noDueDate}
                              </dd>
                            </div>
                            <div>
                              <dt>{useT().fields.principleId}</dt>
                              <dd>
                                {principle ? (
                                  <a href={hrefFor(props.pid, "principles", principle.id)}>{principle.current.title}</a>
                                ) : (
                                  "—"
                                )}
                              </dd>
                            </div>
                            <div>
                              <dt>{useT().action.from}</dt>
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
                              <dt>{useT().action.created}</dt>
                              <dd>
                                {date(a.createdAt)}
                                {creator ? ` by ${creator.name}` : ""}
                              </dd>
                            </div>
                          </dl>
                          {!archived && (
                            <div class="button-row">
                              <button type="button" class="btn" onClick={() => setEditing(true)}>
                                {useT().action.editButton}
                              </button>
                            </div>
                          )}
                        </section>
                      )}
                      <Section title={`Progress notes (${a.notes.length})`} id="notes">
                        {a.notes.length === 0 ? (
                          <p class="muted">{useT().action.noNotes}</p>
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
                          <NoteForm
                            label={useT().action.addNote}
                            submitLabel={useT().action.addNoteButton}
                            busyLabel={useT().action.adding}
                            errorTitle={useT().action.noteNotAdded}
                            send={(body) =>
                              api("post", "/api/v1/partnerships/{partnershipId}/actions/{actionId}/notes", {
                                params,
                                body: { body },
                              })
                            }
                            onSent={(added) => action.set((x) => ({ ...x, notes: [...x.notes, added] }))}
                          />
                        )}
                      </Section>
                    </div>
                    <aside class="col-side" aria-label={useT().fields.status}>
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
  const t = useT().action;
  const next: { to: Status; label: string; primary?: boolean }[] =
    a.status === "open"
      ? [
          { to: "in_progress", label: t.start, primary: true },
          { to: "done", label: t.markDone },
          { to: "dropped", label: t.drop },
        ]
      : a.status === "in_progress"
        ? [
            { to: "done", label: t.markDone, primary: true },
            { to: "dropped", label: t.drop },
          ]
        : [{ to: "open", label: t.reopen }];
  if (partnership.value?.archived) return null;
  return (
    <section class="card" aria-labelledby="status-title">
      <h2 id="status-title">{useT().fields.status}</h2>
      <p>
        <StatusBadge status={a.status} context="action" />
        {a.updatedAt && <span class="muted small">{fill(t.updated, { date: date(a.updatedAt) })}</span>}
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
      <p class="muted small">{t.flow}</p>
    </section>
  );
}
