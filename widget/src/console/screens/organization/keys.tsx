/** The organization's embed keys: create one (its secret shown once), revoke one. */
import { useState } from "preact/hooks";
import { TextField } from "../../components/fields";
import { Async, ConfirmButton, CopyField, ErrorNote, Section } from "../../components/ui";
import { dateTime, fromNow } from "../../format";
import { useAction, useLoad } from "../../load";
import { api } from "../../session";
import type { EmbedKey, NewEmbedKey } from "./types";

export function Keys(props: { orgId: string; onChanged: () => void }) {
  const params = { organizationId: props.orgId };
  const keys = useLoad(
    (signal) => api("get", "/api/v1/organizations/{organizationId}/embed-keys", { params, signal }),
    [props.orgId],
  );
  const [label, setLabel] = useState("");
  const [fresh, setFresh] = useState<{ key: NewEmbedKey; rotatedFrom?: string } | null>(null);
  const action = useAction();
  const show = (key: NewEmbedKey, rotatedFrom?: string) => {
    setFresh({ key, ...(rotatedFrom ? { rotatedFrom } : {}) });
    keys.reload();
    props.onChanged();
  };
  return (
    <Section
      title="Embed keys"
      id="keys"
      lead="Your intranet server signs a short-lived token for each signed-in employee with a key's secret. Rotate keys regularly: the old key keeps working until you revoke it."
    >
      {fresh && (
        <div class="card card-highlight" aria-live="polite">
          <h3>{fresh.rotatedFrom ? "New key from rotation" : "New key"}: copy the secret now</h3>
          <p>
            This is the only time Accord shows it. Store it in your intranet server's secrets.
            {fresh.rotatedFrom && " Switch your server to the new key, then revoke the old one."}
          </p>
          <CopyField label="Key id (the token's “iss”)" value={fresh.key.id} />
          <CopyField label="Secret (HS256)" value={fresh.key.secret} />
          <button type="button" class="btn btn-small" onClick={() => setFresh(null)}>
            I've stored it
          </button>
        </div>
      )}
      <ErrorNote error={action.error} title="Key not changed" />
      <Async value={keys.value} onRetry={keys.reload} label="Loading keys…">
        {({ keys: list }) => (
          <KeyList
            keys={list}
            busy={action.busy}
            onRotate={async (k) => {
              const r = await action.run(() =>
                api("post", "/api/v1/organizations/{organizationId}/embed-keys/{keyId}/rotate", {
                  params: { ...params, keyId: k.id },
                }),
              );
              if (r.ok) show(r.value, k.id);
            }}
            onRevoke={async (k) => {
              const r = await action.run(() =>
                api("delete", "/api/v1/organizations/{organizationId}/embed-keys/{keyId}", {
                  params: { ...params, keyId: k.id },
                }),
              );
              if (r.ok) {
                if (fresh?.key.id === k.id) setFresh(null);
                keys.reload();
                props.onChanged();
              }
            }}
          />
        )}
      </Async>
      <form
        class="form inline-add"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await action.run(() =>
            api("post", "/api/v1/organizations/{organizationId}/embed-keys", {
              params,
              body: label.trim() ? { label: label.trim() } : {},
            }),
          );
          if (r.ok) {
            setLabel("");
            show(r.value);
          }
        }}
      >
        <TextField
          label="Label for a new key"
          optional
          hint="Where it is used, e.g. “Intranet production”."
          maxLength={80}
          value={label}
          onValue={setLabel}
        />
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          Create key
        </button>
      </form>
    </Section>
  );
}

function KeyList(props: {
  keys: EmbedKey[];
  busy: boolean;
  onRotate: (k: EmbedKey) => void;
  onRevoke: (k: EmbedKey) => void;
}) {
  const active = props.keys.filter((k) => !k.revokedAt);
  const revoked = props.keys.filter((k) => k.revokedAt);
  if (props.keys.length === 0) return <p class="muted">No keys yet: the widget works nowhere until you create one.</p>;
  return (
    <>
      <ul class="row-list" aria-label="Active embed keys">
        {active.map((k) => (
          <li key={k.id} class="row-item">
            <div>
              <p class="row-title">{k.label || "Unlabelled key"}</p>
              <p class="muted small">
                <code class="mono">{k.id}</code> · created {dateTime(k.createdAt)} ·{" "}
                {k.lastUsedAt ? `last used ${fromNow(k.lastUsedAt)}` : "never used"}
              </p>
            </div>
            <div class="button-row">
              <button type="button" class="btn btn-small" disabled={props.busy} onClick={() => props.onRotate(k)}>
                Rotate<span class="sr-only"> {k.label || k.id}</span>
              </button>
              <ConfirmButton
                small
                tone="danger"
                label="Revoke"
                confirm="Revoke it? Tokens it signed stop working at once."
                busy={props.busy}
                onConfirm={() => props.onRevoke(k)}
              />
            </div>
          </li>
        ))}
      </ul>
      {active.length === 0 && <p class="muted">Every key is revoked: create a new one.</p>}
      {revoked.length > 0 && (
        <details class="revoked">
          <summary>{revoked.length} revoked</summary>
          <ul class="row-list">
            {revoked.map((k) => (
              <li key={k.id} class="row-item muted">
                <span>
                  {k.label || "Unlabelled key"} · <code class="mono">{k.id}</code>
                </span>
                <span class="small">revoked {dateTime(k.revokedAt)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
