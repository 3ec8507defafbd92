/** The origins allowed to embed the widget, and whether the intranet creates people on first use. */
import { useState } from "preact/hooks";
import { Check, TextField } from "../../components/fields";
import { ErrorNote, Notice, Section } from "../../components/ui";
import { fill, useT } from "../../i18n";
import { useAction } from "../../load";
import { api } from "../../session";
import type { OrgDetail } from "./types";

export function Origins(props: { orgId: string; origins: string[]; onSaved: (origins: string[]) => void }) {
  const [draft, setDraft] = useState("");
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const origins = props.origins;
  const words = useT().admin;
  const t = words.origins;
  const save = async (next: string[]) => {
    setSaved(false);
    const r = await action.run(() =>
      api("put", "/api/v1/organizations/{organizationId}/allowed-origins", {
        params: { organizationId: props.orgId },
        body: { origins: next },
      }),
    );
    if (!r.ok) return false;
    props.onSaved(r.value.origins);
    setSaved(true);
    return true;
  };
  return (
    <Section title={words.organization.sections.origins} id="origins" lead={t.lead}>
      {origins.length ? (
        <ul class="row-list" aria-label={words.organization.sections.origins}>
          {origins.map((o) => (
            <li key={o} class="row-item">
              <code class="mono">{o}</code>
              <button
                type="button"
                class="btn btn-small btn-danger-quiet"
                disabled={action.busy}
                onClick={() => save(origins.filter((x) => x !== o))}
              >
                {t.remove}
                <span class="sr-only"> {o}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t.none}</p>
      )}
      <form
        class="form inline-add"
        onSubmit={async (e) => {
          e.preventDefault();
          const value = draft.trim().replace(/\/+$/, "");
          if (!value) return;
          if (await save([...origins.filter((o) => o !== value), value])) setDraft("");
        }}
      >
        <TextField
          label={t.add}
          hint={t.addHint}
          class="mono"
          inputMode="url"
          placeholder={t.example}
          value={draft}
          onValue={(v) => {
            setDraft(v);
            action.clear();
          }}
        />
        <button type="submit" class="btn" disabled={action.busy || !draft.trim()}>
          {t.addButton}
        </button>
      </form>
      <ErrorNote
        error={action.error}
        fields={{ origins: draft.trim() ? fill(t.quoted, { origin: draft.trim() }) : t.theOrigin }}
        title={t.notSaved}
      />
      {saved && <Notice tone="success">{t.saved}</Notice>}
    </Section>
  );
}

export function Provisioning(props: { orgId: string; detail: OrgDetail; onSaved: (d: OrgDetail) => void }) {
  const action = useAction();
  const [saved, setSaved] = useState<boolean | null>(null);
  // Shown as chosen while it saves, and put back if the save fails.
  const [on, setOn] = useState(props.detail.provisioning);
  const words = useT().admin;
  const t = words.provisioning;
  const set = async (provisioning: boolean) => {
    setSaved(null);
    setOn(provisioning);
    const r = await action.run(() =>
      api("patch", "/api/v1/organizations/{organizationId}", {
        params: { organizationId: props.orgId },
        body: { provisioning },
      }),
    );
    if (r.ok) {
      props.onSaved(r.value);
      setOn(r.value.provisioning);
      setSaved(r.value.provisioning);
    } else setOn(!provisioning);
  };
  return (
    <Section title={words.organization.sections.provisioning} id="provisioning" lead={t.lead}>
      <div class="card">
        <Check
          class="provisioning-check"
          label={t.check}
          checked={on}
          disabled={action.busy}
          describedBy="provisioning-hint"
          onValue={set}
        />
        <p class="hint" id="provisioning-hint">
          {on ? t.onHint : t.offHint}
        </p>
      </div>
      <ErrorNote error={action.error} title={t.notChanged} />
      {saved !== null && <Notice tone="success">{saved ? t.on : t.off}</Notice>}
    </Section>
  );
}
