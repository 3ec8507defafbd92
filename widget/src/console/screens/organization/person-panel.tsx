/** Everything an admin does to one person: details, admin rights, removal and restoring, a recovery code. */
import { useState } from "preact/hooks";
import { FormActions, TextField } from "../../components/fields";
import { ConfirmButton, ErrorNote, Notice, SignInCode } from "../../components/ui";
import { date, dateTime, fromNow } from "../../format";
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
    if (r.ok) done(r, to === "remove" ? `${p.name} is removed.` : `${p.name} is restored.`);
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
          ? `Removed ${dateTime(p.removedAt)}`
          : p.signedInAt
            ? `First signed in ${date(p.signedInAt)}`
            : "Has not signed in yet"}
        {" · "}in the directory since {date(p.createdAt)}
      </p>
      {saved && <Notice tone="success">{saved}</Notice>}
      <ErrorNote error={action.error} title={`Could not change ${p.name}`} />
      {!removed && (
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            const body: { name?: string; externalId?: string | null } = {};
            if (name.trim() !== p.name) body.name = name.trim();
            if (externalId.trim() !== (p.externalId ?? "")) body.externalId = externalId.trim() || null;
            if (Object.keys(body).length) patch(body, "Details saved.");
          }}
        >
          <TextField label="Name" required maxLength={120} value={name} onValue={setName} />
          <TextField
            label="E-mail or intranet id"
            optional
            hint="The “sub” your intranet puts in embed tokens: the same id means the same person."
            maxLength={200}
            class="mono"
            value={externalId}
            onValue={setExternalId}
          />
          <FormActions
            busy={action.busy}
            busyLabel="Save details"
            label="Save details"
            disabled={!name.trim() || (name.trim() === p.name && externalId.trim() === (p.externalId ?? ""))}
          />
        </form>
      )}
      {!removed && (
        <div class="person-panel-part">
          <h3>Admin</h3>
          <p class="muted small">
            {p.admin
              ? `${p.name} manages the organization's people, keys, origins and provisioning, and can create partnerships.`
              : "Admins manage the organization's people, keys, origins and provisioning, and can create partnerships."}{" "}
            Your organization keeps at least one admin.
          </p>
          {p.admin ? (
            <ConfirmButton
              small
              label="Remove admin rights"
              confirm={props.isMe ? "Remove your own admin rights?" : `Remove ${p.name}'s admin rights?`}
              busy={action.busy}
              onConfirm={() => patch({ admin: false }, `${p.name} is no longer an admin.`)}
            />
          ) : (
            <button
              type="button"
              class="btn btn-small"
              disabled={action.busy}
              onClick={() => patch({ admin: true }, `${p.name} is now an admin.`)}
            >
              Make admin
            </button>
          )}
        </div>
      )}
      {!removed && (
        <div class="person-panel-part">
          <h3>Account recovery</h3>
          <p class="muted small">
            Lost device? Issue a one-time sign-in code. It signs {p.name} out everywhere else, is recorded in the audit
            log, and shows in their account.
          </p>
          {recovery ? (
            <div class="card card-highlight" aria-live="polite">
              <p>
                Hand it to {p.name} in person or by a channel you trust. It works once and expires{" "}
                {fromNow(recovery.expiresAt)} ({dateTime(recovery.expiresAt)}).
              </p>
              <SignInCode label="Recovery sign-in code" code={recovery.signInCode} />
            </div>
          ) : (
            <ConfirmButton
              small
              label="Issue a recovery code"
              confirm={`This signs ${p.name} out everywhere.`}
              busy={action.busy}
              onConfirm={recover}
            />
          )}
        </div>
      )}
      <div class="person-panel-part">
        <h3>{removed ? "Restore" : "Remove"}</h3>
        <p class="muted small">
          {removed
            ? `${p.name} can sign in with a new code and come back through the intranet again. Their partnerships are not given back: invite them again where needed.`
            : `${p.name} loses every partnership and sign-in at once. Past ratings stay counted but can no longer be linked to anyone.`}
        </p>
        {removed ? (
          <button type="button" class="btn btn-small" disabled={action.busy} onClick={() => move("restore")}>
            Restore {p.name}
          </button>
        ) : (
          <ConfirmButton
            small
            tone="danger"
            label="Remove from organization"
            confirm={props.isMe ? "Remove yourself from the organization?" : `Remove ${p.name} from the organization?`}
            busy={action.busy}
            onConfirm={() => move("remove")}
          />
        )}
      </div>
    </div>
  );
}
