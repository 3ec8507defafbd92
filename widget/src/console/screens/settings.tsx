/**
 * Partnership settings (facilitators): name, purpose, anonymity thresholds, cadences and reminder
 * sites; the partner organizations and inviting a new one; archiving.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { ConfirmButton, CopyField, ErrorNote, Field, Notice, PageHeader, Section } from "../components/ui";
import { date } from "../format";
import { useAction } from "../load";
import { api, isFacilitator, loadMe, type Me, partnership } from "../session";
import { useTitle } from "../title";

type Settings = Schemas["Settings"];

export function SettingsScreen(props: { pid: string; me: Me }) {
  const p = partnership.value;
  useTitle("Settings", p?.settings.name);
  if (!p) return null;
  return (
    <>
      <PageHeader title="Settings" lead="How this partnership runs. Every change is recorded in the audit log." />
      {!isFacilitator.value && (
        <Notice tone="info">Only facilitators can change settings. You can see them here.</Notice>
      )}
      <SettingsForm pid={props.pid} settings={p.settings} disabled={!isFacilitator.value || p.archived} />
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

function SettingsForm(props: { pid: string; settings: Settings; disabled: boolean }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(props.settings));
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const set = <K extends keyof Draft>(key: K, v: Draft[K]) => {
    setSaved(false);
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
    const r = await action.run(() =>
      api("patch", "/api/v1/partnerships/{partnershipId}", { params: { partnershipId: props.pid }, body }),
    );
    if (!r.ok) return;
    partnership.value = r.value;
    setDraft(toDraft(r.value.settings));
    setSaved(true);
    loadMe();
  };

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
        <p class="muted small">
          Figures about fewer than k people are never shown, and no combination of shown figures reveals them. k is at
          least 3; comments need at least as many commenters as k.
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
      {saved && <Notice tone="success">Settings saved.</Notice>}
      {!props.disabled && (
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy}>
            {action.busy ? "Saving…" : "Save settings"}
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
