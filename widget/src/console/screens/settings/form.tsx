/** The partnership's settings form: name and purpose, anonymity thresholds (lowering them is proposed), cadences, reminder sites. */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { FormActions, SelectField, SHORT_NOTE, TextAreaField, TextField } from "../../components/fields";
import { ErrorNote, Notice } from "../../components/ui";
import { fill, messages, useT } from "../../i18n";
import { useAction } from "../../load";
import { describeChanges, type SettingsProposal } from "../../names";
import { api, loadMe, partnership } from "../../session";

type Settings = Schemas["Settings"];

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

export function SettingsForm(props: {
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
      const words = messages.value.admin.settings;
      const proposed = fill(words.proposed, { changes: describeChanges(r.value.changes, current) });
      setSaved(changed ? `${words.saved} ${proposed}` : proposed);
      return;
    }
    setSaved(messages.value.admin.settings.saved);
  };
  const lowering =
    !props.solo &&
    (Number(draft.k) < props.settings.k || Number(draft.commentThreshold) < props.settings.commentThreshold);

  // Each control of the draft: its value and how it changes.
  const bind = (key: keyof Draft) => ({ value: draft[key], onValue: (v: string) => set(key, v) });
  const count = { type: "number", inputMode: "numeric", min: 3, max: 100, required: true } as const;
  // The form's labels, by the API's field names (so a refused value names the field as labelled here).
  const FIELD_NAMES = useT().fields;
  const t = useT().settings;
  const words = useT().admin.settings;

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="settings-general">
      <fieldset disabled={props.disabled} class="plain">
        <h2 id="settings-general">{t.general}</h2>
        <div class="grid-2">
          <TextField label={FIELD_NAMES.name} required maxLength={120} {...bind("name")} />
          <TextField
            label={FIELD_NAMES.cadenceStart}
            hint={t.cadenceStartHint}
            type="date"
            required
            {...bind("cadenceStart")}
          />
        </div>
        <TextAreaField label={FIELD_NAMES.purpose} optional rows={3} maxLength={1000} {...bind("purpose")} />

        <h3>{t.anonymity}</h3>
        <p class="muted small" id="anonymity-hint">
          {t.anonymityHint} {props.solo ? t.solo : t.several}
        </p>
        <div class="grid-2">
          <TextField label={FIELD_NAMES.k} {...count} {...bind("k")} />
          <TextField label={FIELD_NAMES.commentThreshold} {...count} {...bind("commentThreshold")} />
        </div>

        {lowering && (
          <div class="note note-warning lowering-note">
            <p class="note-title">{words.loweringTitle}</p>
            <p>
              {fill(props.pending ? words.loweringPending : words.lowering, {
                k: props.settings.k,
                threshold: props.settings.commentThreshold,
              })}
              {props.pending && words.alreadyOpen}
            </p>
            <TextAreaField
              label={words.whyLower}
              {...SHORT_NOTE}
              hint={words.whyLowerHint}
              value={note}
              onValue={setNote}
            />
          </div>
        )}

        <h3>{t.cadence}</h3>
        <div class="grid-3">
          <SelectField
            label={t.assessments}
            options={cadenceOptions(ASSESSMENT_CADENCES)}
            {...bind("assessmentCadence")}
          />
          <TextField
            label={FIELD_NAMES.assessmentWindowDays}
            {...count}
            min={1}
            max={90}
            {...bind("assessmentWindowDays")}
          />
          <SelectField label={t.pulses} options={cadenceOptions(PULSE_CADENCES)} {...bind("pulseCadence")} />
        </div>

        <h3>{FIELD_NAMES.reminderSites}</h3>
        <TextAreaField
          label={t.reminderLabel}
          optional
          hint={words.reminderHint}
          rows={3}
          class="mono"
          spellcheck={false}
          {...bind("reminderSites")}
        />
      </fieldset>
      <ErrorNote error={action.error} fields={FIELD_NAMES} title={t.notSaved} />
      {saved && <Notice tone="success">{saved}</Notice>}
      {!props.disabled && <FormActions busy={action.busy} label={lowering ? t.saveAndPropose : t.save} />}
    </form>
  );
}

const ASSESSMENT_CADENCES = ["annual", "semiannual", "quarterly"] as const;
const PULSE_CADENCES = ["weekly", "biweekly", "monthly", "off"] as const;

/** [value, label] of each cadence, labelled in the current language ("Once a year"). */
const cadenceOptions = (keys: readonly string[]) =>
  keys.map((k) => [k, messages.value.settings.cadences[k] ?? k] as const);
