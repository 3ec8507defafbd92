/**
 * One principle: its wording in force, the open proposal with each organization's stance (and the
 * difference a new version makes), endorse or object for your organization, propose new wording or
 * retirement, comments, and the full version history.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { type Wording, WordingDiff, WordingForm, wordingOf } from "../components/principle-bits";
import { Async, ErrorNote, Field, Notice, PageHeader, Section, StatusBadge } from "../components/ui";
import { dateTime, fromNow } from "../format";
import { all, useAction, useLoad } from "../load";
import { hrefFor } from "../router";
import { api, isFacilitator, type Me, orgIndex, orgName, partnership } from "../session";
import { useTitle } from "../title";

type Principle = Schemas["Principle"];
type Detail = Principle & { history: Schemas["PrincipleHistory"] };
type Comment = Schemas["PrincipleComment"];

export function PrincipleScreen(props: { pid: string; id: string; me: Me }) {
  const params = { partnershipId: props.pid, principleId: props.id };
  const data = useLoad(
    (signal) =>
      all<[Detail, { comments: Comment[] }]>([
        api("get", "/api/v1/partnerships/{partnershipId}/principles/{principleId}", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/comments", { params, signal }),
      ]),
    [props.pid, props.id],
  );
  const title = data.value.state === "ready" ? data.value.data[0].current.title : "Principle";
  useTitle(title, partnership.value?.settings.name);
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefFor(props.pid, "principles")}>← All principles</a>
      </p>
      <Async value={data.value} onRetry={data.reload} label="Loading the principle…">
        {([p, { comments }]) => (
          <PrincipleView
            pid={props.pid}
            me={props.me}
            principle={p}
            comments={comments}
            onChanged={data.reload}
            onComment={(c) => data.set(([d, cs]) => [d, { comments: [...cs.comments, c] }])}
          />
        )}
      </Async>
    </>
  );
}

function PrincipleView(props: {
  pid: string;
  me: Me;
  principle: Detail;
  comments: Comment[];
  onChanged: () => void;
  onComment: (c: Comment) => void;
}) {
  const p = props.principle;
  const [editing, setEditing] = useState(false);
  const edit = useAction();
  const archived = partnership.value?.archived ?? false;
  const params = { partnershipId: props.pid, principleId: p.id };
  const proposal = p.proposal;
  const proposedVersion = proposal?.kind === "adopt" ? proposal.version : null;
  // A new wording for an agreed principle: show what it changes against the wording in force.
  const changesAgreed =
    proposedVersion && p.agreedVersion && proposedVersion.id !== p.agreedVersion.id ? p.agreedVersion : null;

  const proposeVersion = async (w: Wording) => {
    const r = await edit.run(() =>
      api("post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/versions", {
        params,
        body: { title: w.title, description: w.description, ...(w.origin ? { origin: w.origin } : {}) },
      }),
    );
    if (r.ok) {
      setEditing(false);
      props.onChanged();
    }
  };

  return (
    <>
      <PageHeader
        eyebrow={
          <>
            Principle · version {p.current.number}
            {p.latestVersion.number !== p.current.number ? ` (version ${p.latestVersion.number} proposed)` : ""}
          </>
        }
        title={p.current.title}
        actions={<StatusBadge status={p.status} />}
      />
      <div class="two-col">
        <div class="col-main">
          <section class="card" aria-labelledby="wording-title">
            <h2 id="wording-title" class="small-heading">
              {p.status === "agreed" ? "Agreed wording" : p.status === "retired" ? "Last wording" : "Proposed wording"}
            </h2>
            <p class="wording">{p.current.description}</p>
            {p.current.origin && (
              <div class="origin">
                <h3 class="small-heading">The issue it turns around</h3>
                <p>{p.current.origin}</p>
              </div>
            )}
          </section>

          {changesAgreed && proposedVersion && (
            <section class="card card-highlight" aria-labelledby="change-title">
              <h2 id="change-title">Proposed new wording (version {proposedVersion.number})</h2>
              <p class="muted small">The agreed wording stays in force until every organization endorses this one.</p>
              <WordingDiff before={wordingOf(changesAgreed)} after={wordingOf(proposedVersion)} />
            </section>
          )}

          {editing ? (
            <section class="card" aria-labelledby="edit-title">
              <h2 id="edit-title">Propose new wording</h2>
              <p class="muted small">
                This becomes version {p.latestVersion.number + 1}.{" "}
                {p.status === "agreed"
                  ? "The agreed wording stays in force until every organization endorses the new one."
                  : ""}
              </p>
              <WordingForm
                initial={wordingOf(p.latestVersion)}
                compareTo={wordingOf(p.latestVersion)}
                submitLabel="Propose this wording"
                busy={edit.busy}
                error={edit.error}
                onSubmit={proposeVersion}
                onCancel={() => setEditing(false)}
              />
            </section>
          ) : (
            !archived &&
            p.status !== "retired" && (
              <div class="button-row">
                <button type="button" class="btn" onClick={() => setEditing(true)}>
                  Propose new wording
                </button>
                {p.status === "agreed" && proposal?.kind !== "retire" && (
                  <RetireButton pid={props.pid} principle={p} onDone={props.onChanged} />
                )}
              </div>
            )
          )}

          <Comments
            pid={props.pid}
            principle={p}
            comments={props.comments}
            onComment={props.onComment}
            archived={archived}
          />
        </div>

        <aside class="col-side" aria-label="Agreement">
          <Stances pid={props.pid} me={props.me} principle={p} onChanged={props.onChanged} archived={archived} />
          <History principle={p} />
        </aside>
      </div>
    </>
  );
}

function RetireButton(props: { pid: string; principle: Principle; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const action = useAction();
  if (!open) {
    return (
      <button type="button" class="btn btn-danger-quiet" onClick={() => setOpen(true)}>
        Propose retiring it
      </button>
    );
  }
  return (
    <form
      class="card form inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await action.run(() =>
          api("post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/retire", {
            params: { partnershipId: props.pid, principleId: props.principle.id },
            body: note.trim() ? { note: note.trim() } : {},
          }),
        );
        if (r.ok) {
          setOpen(false);
          props.onDone();
        }
      }}
    >
      <Field label="Why retire it?" optional hint="It retires once every organization endorses retiring it.">
        {({ id, describedBy }) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            rows={2}
            maxLength={600}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <ErrorNote error={action.error} title="Not proposed" />
      <div class="form-actions">
        <button type="submit" class="btn btn-danger" disabled={action.busy}>
          Propose retirement
        </button>
        <button type="button" class="btn btn-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Stances(props: { pid: string; me: Me; principle: Principle; onChanged: () => void; archived: boolean }) {
  const p = props.principle;
  const proposal = p.proposal;
  const orgs = partnership.value?.organizations ?? [];
  const myOrg = props.me.organization.id;
  const mine = proposal?.stances.find((s) => s.organizationId === myOrg);
  const canStand =
    isFacilitator.value && !props.archived && p.status !== "retired" && (proposal || p.status === "agreed");
  return (
    <section class="card" aria-labelledby="stances-title">
      <h2 id="stances-title">
        {proposal
          ? proposal.kind === "retire"
            ? "Retiring it"
            : `Agreement on version ${proposal.version?.number ?? ""}`
          : "Agreement"}
      </h2>
      {!proposal && p.status === "agreed" && (
        <p class="muted small">Every organization endorsed the wording in force.</p>
      )}
      {proposal && (
        <p class="muted small">
          Proposed {fromNow(proposal.createdAt)}.{" "}
          {proposal.awaiting.length ? `Awaiting ${proposal.awaiting.map(orgName).join(" and ")}.` : ""}
        </p>
      )}
      <ul class="stance-cards">
        {orgs.map((o) => {
          const s = proposal?.stances.find((x) => x.organizationId === o.id);
          const state = proposal ? (s ? s.stance : "awaiting") : p.status === "agreed" ? "endorse" : "awaiting";
          return (
            <li key={o.id} class={`stance-card stance-${state}`}>
              <div class="stance-card-head">
                <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
                <span class="stance-org">{o.name}</span>
                <span class="stance-word">
                  {state === "endorse"
                    ? proposal
                      ? "Endorsed"
                      : "Agreed"
                    : state === "object"
                      ? "Objected"
                      : "Awaiting"}
                </span>
              </div>
              {s && (
                <p class="muted small">
                  {s.by.name}, {fromNow(s.at)}
                </p>
              )}
              {s?.note && <blockquote class="stance-note">{s.note}</blockquote>}
            </li>
          );
        })}
      </ul>
      {canStand && (
        <StanceForm pid={props.pid} principle={p} current={mine?.stance ?? null} onChanged={props.onChanged} />
      )}
      {!isFacilitator.value && proposal && (
        <p class="muted small">
          Your organization's facilitators endorse or object on its behalf. You can comment below.
        </p>
      )}
    </section>
  );
}

function StanceForm(props: {
  pid: string;
  principle: Principle;
  current: "endorse" | "object" | null;
  onChanged: () => void;
}) {
  const [note, setNote] = useState("");
  const action = useAction();
  const proposal = props.principle.proposal;
  const reopen = !proposal;
  const send = async (stance: "endorse" | "object") => {
    const r = await action.run(() =>
      api("put", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/stance", {
        params: { partnershipId: props.pid, principleId: props.principle.id },
        body: {
          stance,
          ...(proposal ? { proposalId: proposal.id } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      }),
    );
    if (r.ok) {
      setNote("");
      props.onChanged();
    }
  };
  return (
    <form class="form stance-form" onSubmit={(e) => e.preventDefault()}>
      <h3 class="small-heading">
        {reopen
          ? "Your organization's view"
          : props.current
            ? "Change your organization's stance"
            : "Your organization's stance"}
      </h3>
      {reopen && (
        <p class="muted small">Objecting reopens this agreed principle until every organization endorses it again.</p>
      )}
      <Field label="Note" optional hint="Why you endorse or what would make it work for you.">
        {({ id, describedBy }) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            rows={2}
            maxLength={600}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <ErrorNote error={action.error} title="Stance not recorded" />
      <div class="form-actions">
        {!reopen && (
          <button
            type="button"
            class="btn btn-primary"
            disabled={action.busy || props.current === "endorse"}
            onClick={() => send("endorse")}
          >
            {props.current === "endorse" ? "Endorsed" : "Endorse"}
          </button>
        )}
        <button
          type="button"
          class="btn btn-danger-quiet"
          disabled={action.busy || props.current === "object"}
          onClick={() => send("object")}
        >
          {props.current === "object" ? "Objected" : "Object"}
        </button>
      </div>
    </form>
  );
}

function Comments(props: {
  pid: string;
  principle: Principle;
  comments: Comment[];
  onComment: (c: Comment) => void;
  archived: boolean;
}) {
  const [body, setBody] = useState("");
  const action = useAction();
  return (
    <Section title={`Comments (${props.comments.length})`} id="comments">
      {props.comments.length === 0 ? (
        <p class="muted">No comments yet. Anyone in the partnership can comment.</p>
      ) : (
        <ol class="comments">
          {props.comments.map((c) => (
            <li key={c.id} class="comment">
              <p class="comment-meta">
                <span class={`swatch s${orgIndex(c.author.organizationId)}`} aria-hidden="true" />
                <strong>{c.author.name}</strong>{" "}
                <span class="muted">
                  · {orgName(c.author.organizationId)} · {dateTime(c.createdAt)}
                </span>
              </p>
              <p class="comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {!props.archived && (
        <form
          class="form"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await action.run(() =>
              api("post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/comments", {
                params: { partnershipId: props.pid, principleId: props.principle.id },
                body: { body: body.trim() },
              }),
            );
            if (r.ok) {
              setBody("");
              props.onComment(r.value);
            }
          }}
        >
          <Field label="Add a comment">
            {({ id }) => (
              <textarea
                id={id}
                rows={3}
                maxLength={2000}
                value={body}
                onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
              />
            )}
          </Field>
          <ErrorNote error={action.error} title="Comment not posted" />
          <div class="form-actions">
            <button type="submit" class="btn" disabled={action.busy || !body.trim()}>
              {action.busy ? "Posting…" : "Post comment"}
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

function History(props: { principle: Detail }) {
  const { versions, proposals } = props.principle.history;
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol class="history">
        {newestFirst.map((v) => {
          const previous = versions.find((x) => x.number === v.number - 1);
          const decided = proposals.filter((x) => x.versionNumber === v.number);
          const accepted = decided.find((x) => x.status === "accepted");
          return (
            <li key={v.id} class="history-item">
              <p class="history-head">
                <strong>Version {v.number}</strong>{" "}
                <span class="muted small">
                  {dateTime(v.createdAt)}
                  {accepted ? ` · agreed ${dateTime(accepted.decidedAt)}` : ""}
                </span>
              </p>
              {previous ? (
                <details>
                  <summary>What changed from version {previous.number}</summary>
                  <WordingDiff before={wordingOf(previous)} after={wordingOf(v)} />
                </details>
              ) : (
                <p class="small">{v.title}</p>
              )}
              {decided.map((d) => (
                <ul class="history-stances" key={d.id} aria-label={`Stances on version ${v.number}`}>
                  {d.stances.map((s) => (
                    <li key={`${d.id}-${s.organizationId}-${s.at}`} class="small">
                      <span class={s.stance === "endorse" ? "text-success" : "text-danger"}>
                        {s.stance === "endorse" ? "Endorsed" : "Objected"}
                      </span>{" "}
                      by {orgName(s.organizationId)} ({s.by.name}){s.note ? `: “${s.note}”` : ""}
                    </li>
                  ))}
                </ul>
              ))}
            </li>
          );
        })}
        {proposals
          .filter((x) => x.kind === "retire")
          .map((x) => (
            <li key={x.id} class="history-item">
              <p class="history-head">
                <strong>
                  Retirement {x.status === "accepted" ? "agreed" : x.status === "open" ? "proposed" : "withdrawn"}
                </strong>{" "}
                <span class="muted small">{dateTime(x.decidedAt ?? x.createdAt)}</span>
              </p>
            </li>
          ))}
      </ol>
      {props.principle.status === "proposed" && props.principle.agreedVersion === null && (
        <Notice>Not agreed yet: it is not asked about in assessments until every organization endorses it.</Notice>
      )}
    </section>
  );
}
