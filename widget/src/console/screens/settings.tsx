/**
 * Partnership settings (facilitators): name, purpose, anonymity thresholds, cadences and reminder
 * sites; the partner organizations and inviting a new one; archiving.
 */
import { useState } from "preact/hooks";
import type { Ok, Op, Schemas } from "../../api";
import { ConfirmButton, CopyField, ErrorNote, Field, Notice, PageHeader, Section } from "../components/ui";
import { date, dateTime } from "../format";
import { type Loaded, useAction, useLoad } from "../load";
import { api, isFacilitator, loadMe, loadPartnership, type Me, orgName, partnership } from "../session";
import { useTitle } from "../title";

type Settings = Schemas["Settings"];
type Proposals = Ok<Op<"/api/v1/partnerships/{partnershipId}/settings-proposals", "get">>;
export type SettingsProposal = Proposals["proposals"][number];

export function SettingsScreen(props: { pid: string; me: Me }) {
  const p = partnership.value;
  useTitle("Settings", p?.settings.name);
  const proposals = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: { partnershipId: props.pid },
        signal,
      }),
    [props.pid],
  );
  // Kept here: the form restarts (remounts) from the saved settings, and the message must survive it.
  const [saved, setSaved] = useState<string | null>(null);
  if (!p) return null;
  const open =
    proposals.value.state === "ready" ? proposals.value.data.proposals.filter((x) => x.status === "open") : [];
  return (
    <>
      <PageHeader title="Settings" lead="How this partnership runs. Every change is recorded in the audit log." />
      {!isFacilitator.value && (
        <Notice tone="info">Only facilitators can change settings. You can see them here.</Notice>
      )}
      <ProposalsSection pid={props.pid} me={props.me} proposals={proposals} />
      <SettingsForm
        // A change that lands (saved here, or a proposal every organization approved) restarts the form from it.
        key={JSON.stringify(p.settings)}
        pid={props.pid}
        settings={p.settings}
        solo={p.organizations.length <= 1}
        pending={open[0] ?? null}
        disabled={!isFacilitator.value || p.archived}
        onProposed={proposals.reload}
        saved={saved}
        onSaved={setSaved}
      />
      <Organizations pid={props.pid} me={props.me} />
      {isFacilitator.value && <DataExport pid={props.pid} />}
      {isFacilitator.value && <Archive pid={props.pid} archived={p.archived} />}
    </>
  );
}

type Draft = Omit<Settings, "reminderSites" | "k" | "commentThreshold" | "assessmentWindowDays"> & {
  k: string;
  commentThreshold: string;
  assessmentWindowDays: string;
  reminderSites: string;
};

const toDraft = (s: Settings): Draft => ({
  ...s,
  k: String(s.k),
  commentThreshold: String(s.commentThreshold),
  assessmentWindowDays: String(s.assessmentWindowDays),
  reminderSites: s.reminderSites.join("\n"),
});

function SettingsForm(props: {
  pid: string;
  settings: Settings;
  /** The caller's organization is the only party: lowering applies at once. */
  solo: boolean;
  pending: SettingsProposal | null;
  disabled: boolean;
  onProposed: () => void;
  saved: string | null;
  onSaved: (message: string | null) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(props.settings));
  const [note, setNote] = useState("");
  const { saved, onSaved: setSaved } = props;
  const action = useAction();
  const set = <K extends keyof Draft>(key: K, v: Draft[K]) => {
    setSaved(null);
    setDraft((d) => ({ ...d, [key]: v }));
  };
  const input = (key: keyof Draft) => (e: Event) => set(key, (e.target as HTMLInputElement).value);

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      name: draft.name.trim(),
      purpose: draft.purpose.trim(),
      k: Number(draft.k),
      commentThreshold: Number(draft.commentThreshold),
      assessmentCadence: draft.assessmentCadence,
      assessmentWindowDays: Number(draft.assessmentWindowDays),
      pulseCadence: draft.pulseCadence,
      cadenceStart: draft.cadenceStart,
      reminderSites: draft.reminderSites
        .split(/\s+/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    const current = props.settings;
    // Lowering k or the comment threshold needs every organization's consent: it becomes a proposal.
    const lowered: { k?: number; commentThreshold?: number } = {};
    if (!props.solo && body.k < current.k) lowered.k = body.k;
    if (!props.solo && body.commentThreshold < current.commentThreshold)
      lowered.commentThreshold = body.commentThreshold;
    const rest: Partial<typeof body> = { ...body };
    if (lowered.k !== undefined) rest.k = current.k;
    if (lowered.commentThreshold !== undefined) rest.commentThreshold = current.commentThreshold;
    const changed = (Object.keys(rest) as (keyof typeof body)[]).some(
      (key) => JSON.stringify(rest[key]) !== JSON.stringify(current[key]),
    );
    const proposing = Object.keys(lowered).length > 0;
    if (changed || !proposing) {
      const r = await action.run(() =>
        api("patch", "/api/v1/partnerships/{partnershipId}", { params: { partnershipId: props.pid }, body: rest }),
      );
      if (!r.ok) return;
      partnership.value = r.value;
      loadMe();
    }
    if (proposing) {
      const r = await action.run(() =>
        api("post", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
          params: { partnershipId: props.pid },
          body: { ...lowered, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      if (!r.ok) return;
      props.onProposed();
      setNote("");
      setDraft((d) => ({ ...d, k: String(current.k), commentThreshold: String(current.commentThreshold) }));
      setSaved(
        `${changed ? "Settings saved. " : ""}Lowering ${describeChanges(r.value.changes, current)} is proposed to the other organizations: it applies once a facilitator of each approved.`,
      );
      return;
    }
    setSaved("Settings saved.");
  };
  const lowering =
    !props.solo &&
    (Number(draft.k) < props.settings.k || Number(draft.commentThreshold) < props.settings.commentThreshold);

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="settings-general">
      <fieldset disabled={props.disabled} class="plain">
        <h2 id="settings-general">General</h2>
        <div class="grid-2">
          <Field label="Name">
            {({ id }) => <input id={id} required maxLength={120} value={draft.name} onInput={input("name")} />}
          </Field>
          <Field label="Cadence start" hint="Assessment and pulse periods are counted from this date (UTC).">
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="date"
                required
                value={draft.cadenceStart}
                onInput={input("cadenceStart")}
              />
            )}
          </Field>
        </div>
        <Field label="Purpose" optional>
          {({ id }) => <textarea id={id} rows={3} maxLength={1000} value={draft.purpose} onInput={input("purpose")} />}
        </Field>

        <h3>Anonymity</h3>
        <p class="muted small" id="anonymity-hint">
          Figures about fewer than k people are never shown, and no combination of shown figures reveals them. k is at
          least 3; comments need at least as many commenters as k. A change applies to cycles that open afterwards: each
          cycle keeps the values it opened with.{" "}
          {props.solo
            ? "Raising or lowering applies at once while your organization is the only party."
            : "Raising applies at once; lowering is proposed to the other organizations and applies when a facilitator of each approved."}
        </p>
        <div class="grid-2">
          <Field label="Minimum responses to show a figure (k)">
            {({ id }) => (
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={3}
                max={100}
                required
                value={draft.k}
                onInput={input("k")}
              />
            )}
          </Field>
          <Field label="Minimum commenters to show comments">
            {({ id }) => (
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={3}
                max={100}
                required
                value={draft.commentThreshold}
                onInput={input("commentThreshold")}
              />
            )}
          </Field>
        </div>

        {lowering && (
          <div class="note note-warning lowering-note">
            <p class="note-title">Lowering needs every organization's approval</p>
            <p>
              Saving proposes {props.pending ? "it" : "the lower value"} to the other organizations; until each
              approves, k stays {props.settings.k} and the comment threshold {props.settings.commentThreshold}.
              {props.pending && " There is already an open proposal: approve or reject it first."}
            </p>
            <Field label="Why lower it?" optional hint="Shown to the other organizations with the proposal.">
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
          </div>
        )}

        <h3>Check-in cadence</h3>
        <div class="grid-3">
          <Field label="Assessments">
            {({ id }) => (
              <select id={id} value={draft.assessmentCadence} onChange={input("assessmentCadence")}>
                <option value="annual">Once a year</option>
                <option value="semiannual">Twice a year</option>
                <option value="quarterly">Every quarter</option>
              </select>
            )}
          </Field>
          <Field label="Days each assessment stays open">
            {({ id }) => (
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={1}
                max={90}
                required
                value={draft.assessmentWindowDays}
                onInput={input("assessmentWindowDays")}
              />
            )}
          </Field>
          <Field label="Pulses">
            {({ id }) => (
              <select id={id} value={draft.pulseCadence} onChange={input("pulseCadence")}>
                <option value="weekly">Every week</option>
                <option value="biweekly">Every two weeks</option>
                <option value="monthly">Every month</option>
                <option value="off">Off</option>
              </select>
            )}
          </Field>
        </div>

        <h3>Reminder sites</h3>
        <Field
          label="Shared tools where the extension reminds people of a principle"
          optional
          hint="One match pattern per line, e.g. https://*.atlassian.net/* or https://app.slack.com/*. Each person still chooses whether to allow them."
        >
          {({ id, describedBy }) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              rows={3}
              class="mono"
              spellcheck={false}
              value={draft.reminderSites}
              onInput={input("reminderSites")}
            />
          )}
        </Field>
      </fieldset>
      <ErrorNote
        error={action.error && { ...action.error, message: readable(action.error.message) }}
        title="Settings not saved"
      />
      {saved && <Notice tone="success">{saved}</Notice>}
      {!props.disabled && (
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy}>
            {action.busy ? "Saving…" : lowering ? "Save and propose" : "Save settings"}
          </button>
        </div>
      )}
    </form>
  );
}

function Organizations(props: { pid: string; me: Me }) {
  const p = partnership.value;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [person, setPerson] = useState("");
  const [externalId, setExternalId] = useState("");
  const [issued, setIssued] = useState<{ org: string; person: string; code: string; expiresAt: string } | null>(null);
  const action = useAction();
  if (!p) return null;
  const facilitator = isFacilitator.value && !p.archived;

  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await action.run(() =>
      api("post", "/api/v1/partnerships/{partnershipId}/organizations", {
        params: { partnershipId: props.pid },
        body: {
          name: name.trim(),
          facilitator: { name: person.trim(), ...(externalId.trim() ? { externalId: externalId.trim() } : {}) },
        },
      }),
    );
    if (!r.ok) return;
    setIssued({
      org: r.value.organization.name,
      person: r.value.person.name,
      code: r.value.signInCode,
      expiresAt: r.value.expiresAt,
    });
    setName("");
    setPerson("");
    setExternalId("");
    setOpen(false);
    partnership.value = { ...p, organizations: [...p.organizations, r.value.organization] };
  };

  return (
    <Section
      title="Organizations"
      id="organizations"
      lead="Every principle is agreed only when each organization endorses the same wording."
      actions={
        facilitator && !open ? (
          <button type="button" class="btn" onClick={() => setOpen(true)}>
            Invite an organization
          </button>
        ) : undefined
      }
    >
      <ul class="org-list">
        {p.organizations.map((o, i) => (
          <li key={o.id} class="org-item">
            <span class={`swatch s${i}`} aria-hidden="true" />
            <span class="org-name">{o.name}</span>
            {o.id === props.me.organization.id && <span class="badge badge-neutral">Your organization</span>}
            <span class="muted small">joined {date(o.joinedAt)}</span>
          </li>
        ))}
      </ul>
      {issued && (
        <div class="card card-highlight" aria-live="polite">
          <h3>Hand this code to {issued.person}</h3>
          <p>
            {issued.org} is now part of the partnership, with {issued.person} as its first facilitator. Send them the
            code or the link below (by a channel you trust); it works once and expires on {date(issued.expiresAt)}.
          </p>
          <CopyField label="Sign-in code" value={issued.code} />
          <CopyField
            label="Sign-in link"
            value={`${location.origin}/sign-in?code=${encodeURIComponent(issued.code)}`}
          />
        </div>
      )}
      {open && (
        <form class="card form" onSubmit={submit} aria-labelledby="invite-org-title">
          <h3 id="invite-org-title">Invite an organization</h3>
          <p class="muted small">
            You get a one-time sign-in code for their first facilitator, who can then invite their own people.
          </p>
          <div class="grid-2">
            <Field label="Organization name">
              {({ id }) => (
                <input
                  id={id}
                  required
                  maxLength={120}
                  value={name}
                  onInput={(e) => setName((e.target as HTMLInputElement).value)}
                />
              )}
            </Field>
            <Field label="Their facilitator's name">
              {({ id }) => (
                <input
                  id={id}
                  required
                  maxLength={120}
                  value={person}
                  onInput={(e) => setPerson((e.target as HTMLInputElement).value)}
                />
              )}
            </Field>
          </div>
          <Field
            label="Their facilitator's e-mail or intranet id"
            optional
            hint="Lets their intranet's widget recognise the same person."
          >
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                maxLength={200}
                value={externalId}
                onInput={(e) => setExternalId((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <ErrorNote error={action.error} title="Could not invite the organization" />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={action.busy || !name.trim() || !person.trim()}>
              {action.busy ? "Inviting…" : "Invite and get a code"}
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

function DataExport(props: { pid: string }) {
  return (
    <Section
      title="Export"
      id="export"
      lead="Everything this partnership holds (people, principles and their history, cycles, published results, actions, audit log) as one JSON file. Ratings appear only as the published figures, never as individual answers. Each cycle's results also export as CSV from the results page."
    >
      <a
        class="btn"
        href={`/api/v1/partnerships/${encodeURIComponent(props.pid)}/export`}
        download={`accord-${props.pid}.json`}
      >
        Download the partnership's data
      </a>
    </Section>
  );
}

function Archive(props: { pid: string; archived: boolean }) {
  const action = useAction();
  const run = () =>
    action
      .run(() =>
        api(
          "post",
          props.archived
            ? "/api/v1/partnerships/{partnershipId}/restore"
            : "/api/v1/partnerships/{partnershipId}/archive",
          {
            params: { partnershipId: props.pid },
          },
        ),
      )
      .then((r) => {
        if (r.ok) {
          partnership.value = r.value;
          loadMe();
        }
      });
  return (
    <Section
      title={props.archived ? "Restore" : "Archive"}
      id="archive"
      lead={
        props.archived
          ? "Restoring lets people propose, rate and act again."
          : "Archiving keeps everything readable and stops all changes. You can restore it later."
      }
    >
      <ErrorNote error={action.error} />
      <ConfirmButton
        label={props.archived ? "Restore partnership" : "Archive partnership"}
        confirm={props.archived ? "Restore this partnership?" : "Archive this partnership?"}
        tone={props.archived ? undefined : "danger"}
        busy={action.busy}
        onConfirm={run}
      />
    </Section>
  );
}

const FIELD_NAMES: Record<string, string> = {
  k: "Minimum responses to show a figure (k)",
  commentThreshold: "Minimum commenters to show comments",
  assessmentWindowDays: "Days each assessment stays open",
  cadenceStart: "Cadence start",
  reminderSites: "Reminder sites",
  name: "Name",
  purpose: "Purpose",
};

/** The API names fields by their keys ("commentThreshold"); say them as the form labels them. */
function readable(message: string) {
  return message.replace(/"([A-Za-z]+)(\.\d+)?"/g, (all, key: string) =>
    FIELD_NAMES[key] ? `“${FIELD_NAMES[key]}”` : all,
  );
}

const CHANGE_NAMES = {
  k: "k (minimum responses to show a figure)",
  commentThreshold: "the comment threshold",
} as const;

/** "k (minimum responses…) from 5 to 3 and the comment threshold from 5 to 3". */
export function describeChanges(changes: SettingsProposal["changes"], from: Settings | null) {
  return (Object.keys(CHANGE_NAMES) as (keyof typeof CHANGE_NAMES)[])
    .filter((key) => changes[key] !== undefined && changes[key] !== null)
    .map((key) => `${CHANGE_NAMES[key]}${from ? ` from ${from[key]}` : ""} to ${changes[key]}`)
    .join(" and ");
}

/** Open proposals to lower the anonymity settings, each organization's approval, and past ones. */
function ProposalsSection(props: { pid: string; me: Me; proposals: Loaded<Proposals> }) {
  const v = props.proposals.value;
  // Before the list loads, or when there is nothing to show, the section stays out of the way.
  if (v.state === "loading") return null;
  if (v.state === "error")
    return <ErrorNote error={v.error} title="Settings proposals not loaded" onRetry={props.proposals.reload} />;
  const open = v.data.proposals.filter((p) => p.status === "open");
  const past = v.data.proposals.filter((p) => p.status !== "open");
  if (open.length === 0 && past.length === 0) return null;
  return (
    <Section
      title="Proposed changes"
      id="proposals"
      lead="Lowering k or the comment threshold applies only when a facilitator of every organization approved it, and only to cycles that open afterwards."
    >
      {open.length === 0 && <p class="muted">No open proposals.</p>}
      {open.map((p) => (
        <ProposalCard key={p.id} pid={props.pid} me={props.me} proposal={p} onChanged={props.proposals.reload} />
      ))}
      {past.length > 0 && (
        <details class="revoked">
          <summary>{past.length} decided</summary>
          <ul class="row-list">
            {past.map((p) => (
              <li key={p.id} class="row-item">
                <span>
                  Lower {describeChanges(p.changes, null)} · proposed by {p.createdBy.name} on {date(p.createdAt)}
                </span>
                <span class={`badge ${p.status === "applied" ? "badge-success" : "badge-neutral"}`}>
                  {p.status === "applied" ? "Applied" : "Rejected"}
                  {p.decidedAt ? ` ${date(p.decidedAt)}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function ProposalCard(props: { pid: string; me: Me; proposal: SettingsProposal; onChanged: () => void }) {
  const p = props.proposal;
  const action = useAction();
  const s = partnership.value?.settings ?? null;
  const mine = props.me.organization.id;
  const canDecide = isFacilitator.value && !partnership.value?.archived && p.awaiting.includes(mine);
  const headingId = `proposal-${p.id}`;
  const decide = async (how: "approve" | "reject") => {
    const r = await action.run(() =>
      api(
        "post",
        how === "approve"
          ? "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/approve"
          : "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/reject",
        { params: { partnershipId: props.pid, proposalId: p.id } },
      ),
    );
    if (!r.ok) return;
    props.onChanged();
    if (r.value.status === "applied") loadPartnership(props.pid);
  };
  return (
    <article class="card proposal" aria-labelledby={headingId}>
      <div class="proposal-head">
        <h3 id={headingId}>Lower the anonymity settings</h3>
        <span class="badge badge-warning">Awaiting {p.awaiting.map(orgName).join(", ") || "nobody"}</span>
      </div>
      <ul class="proposal-changes">
        {(Object.keys(CHANGE_NAMES) as (keyof typeof CHANGE_NAMES)[])
          .filter((key) => p.changes[key] !== undefined && p.changes[key] !== null)
          .map((key) => (
            <li key={key}>
              <span class="proposal-what">
                {key === "k" ? "Minimum responses to show a figure (k)" : "Minimum commenters to show comments"}
              </span>{" "}
              <span class="proposal-values">
                {s ? <del>{s[key]}</del> : null}
                {s ? " → " : ""}
                <ins>{p.changes[key]}</ins>
              </span>
            </li>
          ))}
      </ul>
      <p class="muted small">
        Proposed by {p.createdBy.name} on {dateTime(p.createdAt)}
        {p.note ? ":" : "."}
      </p>
      {p.note && <blockquote class="proposal-note">{p.note}</blockquote>}
      <ul class="proposal-orgs" aria-label="Approvals per organization">
        {(partnership.value?.organizations ?? []).map((o) => {
          const approval = p.approvals.find((a) => a.organizationId === o.id);
          return (
            <li key={o.id}>
              <strong>{o.name}</strong>:{" "}
              {approval ? (
                <span class="text-success">
                  approved by {approval.person.name} on {date(approval.at)}
                </span>
              ) : p.awaiting.includes(o.id) ? (
                <span>awaiting a facilitator's approval</span>
              ) : (
                <span class="muted">no approval needed</span>
              )}
            </li>
          );
        })}
      </ul>
      {canDecide && (
        <div class="button-row">
          <button type="button" class="btn btn-primary" disabled={action.busy} onClick={() => decide("approve")}>
            Approve for {props.me.organization.name}
          </button>
          <ConfirmButton
            label="Reject"
            confirm="Reject it? The settings stay as they are."
            tone="danger"
            busy={action.busy}
            onConfirm={() => decide("reject")}
          />
        </div>
      )}
      {!canDecide && p.awaiting.length > 0 && (
        <p class="muted small">
          {p.awaiting.includes(mine)
            ? "A facilitator of your organization approves or rejects it."
            : `Waiting for ${p.awaiting.map(orgName).join(" and ")}.`}
        </p>
      )}
      <ErrorNote error={action.error} title="Not decided" />
    </article>
  );
}
