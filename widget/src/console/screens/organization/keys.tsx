/** The organization's embed keys: create one (its secret shown once), revoke one. */
import { useState } from "preact/hooks";
import { TextField } from "../../components/fields";
import { Async, ConfirmButton, CopyField, ErrorNote, Section } from "../../components/ui";
import { dateTime, fromNow } from "../../format";
import { fill, plural, useT } from "../../i18n";
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
  const all = useT();
  const t = all.admin.keys;
  const show = (key: NewEmbedKey, rotatedFrom?: string) => {
    setFresh({ key, ...(rotatedFrom ? { rotatedFrom } : {}) });
    keys.reload();
    props.onChanged();
  };
  return (
    <Section title={all.admin.organization.sections.keys} id="keys" lead={t.lead}>
      {fresh && (
        <div class="card card-highlight" aria-live="polite">
          <h3>{fresh.rotatedFrom ? t.rotated : t.fresh}</h3>
          <p>
            {t.onlyTime}
            {fresh.rotatedFrom && t.switchServer}
          </p>
          <CopyField label={t.keyId} value={fresh.key.id} />
          <CopyField label={t.secret} value={fresh.key.secret} />
          <button type="button" class="btn btn-small" onClick={() => setFresh(null)}>
            {t.stored}
          </button>
        </div>
      )}
      <ErrorNote error={action.error} title={t.notChanged} fields={{ label: t.label }} />
      <Async value={keys.value} onRetry={keys.reload} label={t.loading}>
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
        <TextField label={t.label} optional hint={t.labelHint} maxLength={80} value={label} onValue={setLabel} />
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {t.create}
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
  const all = useT();
  const t = all.admin.keys;
  if (props.keys.length === 0) return <p class="muted">{t.none}</p>;
  return (
    <>
      <ul class="row-list" aria-label={t.active}>
        {active.map((k) => (
          <li key={k.id} class="row-item">
            <div>
              <p class="row-title">{k.label || t.unlabelled}</p>
              <p class="muted small">
                <code class="mono">{k.id}</code> · {fill(t.created, { at: dateTime(k.createdAt) })} ·{" "}
                {k.lastUsedAt ? fill(all.account.lastUsed, { when: fromNow(k.lastUsedAt) }) : all.account.neverUsed}
              </p>
            </div>
            <div class="button-row">
              <button type="button" class="btn btn-small" disabled={props.busy} onClick={() => props.onRotate(k)}>
                {t.rotate}
                <span class="sr-only"> {k.label || k.id}</span>
              </button>
              <ConfirmButton
                small
                tone="danger"
                label={t.revoke}
                confirm={t.revokeConfirm}
                busy={props.busy}
                onConfirm={() => props.onRevoke(k)}
              />
            </div>
          </li>
        ))}
      </ul>
      {active.length === 0 && <p class="muted">{t.allRevoked}</p>}
      {revoked.length > 0 && (
        <details class="revoked">
          <summary>{plural(t.revokedCount, revoked.length)}</summary>
          <ul class="row-list">
            {revoked.map((k) => (
              <li key={k.id} class="row-item muted">
                <span>
                  {k.label || t.unlabelled} · <code class="mono">{k.id}</code>
                </span>
                <span class="small">{fill(t.revokedAt, { at: dateTime(k.revokedAt) })}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
