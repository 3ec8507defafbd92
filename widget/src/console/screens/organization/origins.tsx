/** The origins allowed to embed the widget, and whether the intranet creates people on first use. */
import { useState } from "preact/hooks";
import { Check, TextField } from "../../components/fields";
import { ErrorNote, Notice, Section } from "../../components/ui";
import { useAction } from "../../load";
import { api } from "../../session";
import type { OrgDetail } from "./types";

export function Origins(props: { orgId: string; origins: string[]; onSaved: (origins: string[]) => void }) {
  const [draft, setDraft] = useState("");
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const origins = props.origins;
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
    <Section
      title="Allowed origins"
      id="origins"
      lead="The intranet addresses that may show the widget for your organization, in every partnership. Requests from anywhere else are refused. Use https; plain http works only for localhost while you test."
    >
      {origins.length ? (
        <ul class="row-list" aria-label="Allowed origins">
          {origins.map((o) => (
            <li key={o} class="row-item">
              <code class="mono">{o}</code>
              <button
                type="button"
                class="btn btn-small btn-danger-quiet"
                disabled={action.busy}
                onClick={() => save(origins.filter((x) => x !== o))}
              >
                Remove<span class="sr-only"> {o}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No origins yet: the widget works nowhere until you add one.</p>
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
          label="Add an origin"
          hint="Scheme and host, with a port if any, e.g. https://intranet.example.com"
          class="mono"
          inputMode="url"
          placeholder="https://intranet.example.com"
          value={draft}
          onValue={(v) => {
            setDraft(v);
            action.clear();
          }}
        />
        <button type="submit" class="btn" disabled={action.busy || !draft.trim()}>
          Add origin
        </button>
      </form>
      <ErrorNote
        error={action.error}
        fields={{ origins: draft.trim() ? `“${draft.trim()}”` : "The origin" }}
        title="Origins not saved"
      />
      {saved && <Notice tone="success">Allowed origins saved.</Notice>}
    </Section>
  );
}

export function Provisioning(props: { orgId: string; detail: OrgDetail; onSaved: (d: OrgDetail) => void }) {
  const action = useAction();
  const [saved, setSaved] = useState<boolean | null>(null);
  // Shown as chosen while it saves, and put back if the save fails.
  const [on, setOn] = useState(props.detail.provisioning);
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
    <Section
      title="Intranet provisioning"
      id="provisioning"
      lead="Whether an embed token for someone Accord does not know yet creates them in your organization on their first visit. Every person created this way is recorded in the audit log."
    >
      <div class="card">
        <Check
          class="provisioning-check"
          label="Create people on their first visit from the intranet"
          checked={on}
          disabled={action.busy}
          describedBy="provisioning-hint"
          onValue={set}
        />
        <p class="hint" id="provisioning-hint">
          {on
            ? "On: anyone your intranet signs a token for gets in, and joins a partnership when the page names one your organization is in. Removed people stay out until you restore them."
            : "Off: only people already in this directory (invited, or created earlier) get in through the intranet; others see a message to ask you."}
        </p>
      </div>
      <ErrorNote error={action.error} title="Provisioning not changed" />
      {saved !== null && (
        <Notice tone="success">{saved ? "Intranet provisioning is on." : "Intranet provisioning is off."}</Notice>
      )}
    </Section>
  );
}
