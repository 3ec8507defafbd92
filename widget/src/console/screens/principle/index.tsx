/**
 * One principle: its wording in force, the open proposal with each organization's stance (and the
 * difference a new version makes), endorse or object for your organization, propose new wording or
 * retirement, comments, and the full version history.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { FormActions, SHORT_NOTE, TextAreaField } from "../../components/fields";
import { type Wording, WordingDiff, WordingForm, wordingOf } from "../../components/principle-bits";
import { Async, ErrorNote, PageHeader, StatusBadge } from "../../components/ui";
import { fill, useT } from "../../i18n";
import { all, useAction, useLoad } from "../../load";
import { hrefFor } from "../../router";
import { api, type Me, partnership } from "../../session";
import { useTitle } from "../../title";
import { type Comment, Comments } from "./comments";
import { type Detail, History } from "./history";
import { Stances } from "./stances";

type Principle = Schemas["Principle"];

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
  const title = data.value.state === "ready" ? data.value.data[0].current.title : useT().fields.principleId;
  useTitle(title, partnership.value?.settings.name);
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefFor(props.pid, "principles")}>← {useT().principles.all}</a>
      </p>
      <Async value={data.value} onRetry={data.reload} label={useT().principle.loading}>
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

  const t = useT().principle;
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            {fill(useT().principles.version, { n: p.current.number })}
            {p.latestVersion.number !== p.current.number
              ? fill(useT().principles.versionProposed, { n: p.latestVersion.number })
              : ""}
          </>
        }
        title={p.current.title}
        actions={<StatusBadge status={p.status} />}
      />
      <div class="two-col">
        <div class="col-main">
          <section class="card" aria-labelledby="wording-title">
            <h2 id="wording-title" class="small-heading">
              {p.status === "agreed" ? t.agreedWording : p.status === "retired" ? t.lastWording : t.proposedWording}
            </h2>
            <p class="wording">{p.current.description}</p>
            {p.current.origin && (
              <div class="origin">
                <h3 class="small-heading">{t.issue}</h3>
                <p>{p.current.origin}</p>
              </div>
            )}
          </section>

          {changesAgreed && proposedVersion && (
            <section class="card card-highlight" aria-labelledby="change-title">
              <h2 id="change-title">{fill(t.proposedNew, { n: proposedVersion.number })}</h2>
              <p class="muted small">{t.staysInForceThis}</p>
              <WordingDiff before={wordingOf(changesAgreed)} after={wordingOf(proposedVersion)} />
            </section>
          )}

          {editing ? (
            <section class="card" aria-labelledby="edit-title">
              <h2 id="edit-title">{t.proposeNew}</h2>
              <p class="muted small">
                {fill(t.becomes, { n: p.latestVersion.number + 1 })} {p.status === "agreed" ? t.staysInForce : ""}
              </p>
              <WordingForm
                initial={wordingOf(p.latestVersion)}
                compareTo={wordingOf(p.latestVersion)}
                submitLabel={t.proposeThis}
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
                  {t.proposeNew}
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

        <aside class="col-side" aria-label={t.agreement}>
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
        {useT().insights.history.proposeRetiring}
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
      <TextAreaField
        label={useT().principle.whyRetire}
        {...SHORT_NOTE}
        hint={useT().principle.retireHint}
        value={note}
        onValue={setNote}
      />
      <ErrorNote
        error={action.error}
        title={useT().principle.notProposed}
        fields={{ note: useT().principle.whyRetire }}
      />
      <FormActions
        busy={action.busy}
        busyLabel={useT().principle.proposeRetirement}
        label={useT().principle.proposeRetirement}
        tone="danger"
        onCancel={() => setOpen(false)}
      />
    </form>
  );
}
