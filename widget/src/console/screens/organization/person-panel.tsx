/** Everything an admin does to one person: details, admin rights, removal and restoring, a recovery code. */
import { useState } from "preact/hooks";
import { FormActions, TextField } from "../../components/fields";
import { ConfirmButton, ErrorNote, Notice, SignInCode } from "../../components/ui";
import { date, dateTime, fromNow } from "../../format";
import { fill, useT } from "../../i18n";
import { useAction } from "../../load";
import { api, loadMe } from "../../session";
import type { OrgPerson } from "./types";

export function PersonPanel(props: {
  orgId: string;
  person: OrgPerson;
  isMe: boolean;
  onChanged: (p: OrgPerson) => void;
  /** A write that changes nobody's details but is audited (a recovery code). */
  onAudited: () => void;
}) {
  const p = props.person;
  const params = { organizationId: props.orgId, personId: p.id };
  const [name, setName] = useState(p.name);
  const [externalId, setExternalId] = useState(p.externalId ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<{ signInCode: string; expiresAt: string } | null>(null);
  const action = useAction();
  const t = useT().admin.personPanel;
  const named = (template: string) => fill(template, { name: p.name });
  const done = (r: { ok: true; value: OrgPerson }, message: string) => {
    props.onChanged(r.value);
    setSaved(message);
    // Your own admin rights or name show in the navigation.
    if (props.isMe) loadMe();
  };
  const patch = async (body: { name?: string; externalId?: string | null; admin?: boolean }, message: string) => {
    setSaved(null);
    const r = await action.run(() =>
      api("patch", "/api/v1/organizations/{organizationId}/people/{personId}", { params, body }),
    );
    if (r.ok) done(r, message);
  };
  const move = async (to: "remove" | "restore") => {
    setSaved(null);
    const r = await action.run(() =>
      api(
        "post",
        to === "remove"
          ? "/api/v1/organizations/{organizationId}/people/{personId}/remove"
          : "/api/v1/organizations/{organizationId}/people/{personId}/restore",
        { params },
      ),
    );
    if (r.ok) done(r, named(to === "remove" ? t.removedDone : t.restoredDone));
  };
  const recover = async () => {
    setSaved(null);
    const r = await action.run(() =>
      api("post", "/api/v1/organizations/{organizationId}/people/{personId}/recovery-code", { params }),
    );
    if (!r.ok) return;
    setRecovery(r.value);
    props.onAudited();
  };
  const removed = !!p.removedAt;
  return (
    <div class="person-panel">
      <p class="muted small">
        {removed
          ? fill(t.removedAt, { at: dateTime(p.removedAt) })
          : p.signedInAt
            ? fill(t.firstSignedIn, { date: date(p.signedInAt) })
            : t.notSignedIn}
        {" · "}
        {fill(t.inDirectory, { date: date(p.createdAt) })}
      </p>
      {saved && <Notice tone="success">{saved}</Notice>}
      <ErrorNote error={action.error} title={named(t.notChanged)} />
      {!removed && (
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            const body: { name?: string; externalId?: string | null } = {};
            if (name.trim() !== p.name) body.name = name.trim();
            if (externalId.trim() !== (p.externalId ?? "")) body.externalId = externalId.trim() || null;
            if (Object.keys(body).length) patch(body, t.detailsSaved);
          }}
        >
          <TextField label={useT().fields.name} required maxLength={120} value={name} onValue={setName} />
          <TextField
            label={useT().fields.externalId}
            optional
            hint={t.externalIdHint}
            maxLength={200}
            class="mono"
            value={externalId}
            onValue={setExternalId}
          />
          <FormActions
            busy={action.busy}
            busyLabel={t.saveDetails}
            label={t.saveDetails}
            disabled={!name.trim() || (name.trim() === p.name && externalId.trim() === (p.externalId ?? ""))}
          />
        </form>
      )}
      {!removed && (
        <div class="person-panel-part">
          <h3>{t.admin}</h3>
          <p class="muted small">
            {p.admin ? named(t.isAdmin) : t.adminsDo} {t.keepsOne}
          </p>
          {p.admin ? (
            <ConfirmButton
              small
              label={t.removeAdmin}
              confirm={props.isMe ? t.removeOwnAdmin : named(t.removeTheirAdmin)}
              busy={action.busy}
              onConfirm={() => patch({ admin: false }, named(t.noLongerAdmin))}
            />
          ) : (
            <button
              type="button"
              class="btn btn-small"
              disabled={action.busy}
              onClick={() => patch({ admin: true }, named(t.nowAdmin))}
            >
              {t.makeAdmin}
            </button>
          )}
        </div>
      )}
      {!removed && (
        <div class="person-panel-part">
          <h3>{t.recovery}</h3>
          <p class="muted small">{named(t.recoveryLead)}</p>
          {recovery ? (
            <div class="card card-highlight" aria-live="polite">
              <p>
                {fill(t.handOver, {
                  name: p.name,
                  when: fromNow(recovery.expiresAt),
                  at: dateTime(recovery.expiresAt),
                })}
              </p>
              <SignInCode label={t.recoveryCode} code={recovery.signInCode} />
            </div>
          ) : (
            <ConfirmButton
              small
              label={t.issueRecovery}
              confirm={named(t.signsOut)}
              busy={action.busy}
              onConfirm={recover}
            />
          )}
        </div>
      )}
      <div class="person-panel-part">
        <h3>{removed ? t.restore : t.remove}</h3>
        <p class="muted small">{named(removed ? t.restoreLead : t.removeLead)}</p>
        {removed ? (
          <button type="button" class="btn btn-small" disabled={action.busy} onClick={() => move("restore")}>
            {named(t.restoreName)}
          </button>
        ) : (
          <ConfirmButton
            small
            tone="danger"
            label={t.removeFromOrganization}
            confirm={props.isMe ? t.removeYourself : named(t.removeName)}
            busy={action.busy}
            onConfirm={() => move("remove")}
          />
        )}
      </div>
    </div>
  );
}
