/** The partner organizations of a partnership, and inviting a new one (a sign-in code for its first facilitator). */
import { useState } from "preact/hooks";
import { FormActions, TextField } from "../../components/fields";
import { ErrorNote, Section, SignInCode } from "../../components/ui";
import { date } from "../../format";
import { fill, useT } from "../../i18n";
import { useAction } from "../../load";
import { api, isFacilitator, type Me, partnership } from "../../session";

export function Organizations(props: { pid: string; me: Me }) {
  const p = partnership.value;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [person, setPerson] = useState("");
  const [externalId, setExternalId] = useState("");
  const [issued, setIssued] = useState<{ org: string; person: string; code: string; expiresAt: string } | null>(null);
  const action = useAction();
  const all = useT();
  const t = all.admin.organizations;
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
      title={t.title}
      id="organizations"
      lead={t.lead}
      actions={
        facilitator && !open ? (
          <button type="button" class="btn" onClick={() => setOpen(true)}>
            {t.invite}
          </button>
        ) : undefined
      }
    >
      <ul class="org-list">
        {p.organizations.map((o, i) => (
          <li key={o.id} class="org-item">
            <span class={`swatch s${i}`} aria-hidden="true" />
            <span class="org-name">{o.name}</span>
            {o.id === props.me.organization.id && <span class="badge badge-neutral">{all.shell.yourOrganization}</span>}
            <span class="muted small">{fill(t.joined, { date: date(o.joinedAt) })}</span>
          </li>
        ))}
      </ul>
      {issued && (
        <div class="card card-highlight" aria-live="polite">
          <h3>{fill(t.handCode, { name: issued.person })}</h3>
          <p>{fill(t.issued, { organization: issued.org, name: issued.person, date: date(issued.expiresAt) })}</p>
          <SignInCode code={issued.code} />
        </div>
      )}
      {open && (
        <form class="card form" onSubmit={submit} aria-labelledby="invite-org-title">
          <h3 id="invite-org-title">{t.invite}</h3>
          <p class="muted small">{t.inviteLead}</p>
          <div class="grid-2">
            <TextField label={t.name} required maxLength={120} value={name} onValue={setName} />
            <TextField label={t.facilitatorName} required maxLength={120} value={person} onValue={setPerson} />
          </div>
          <TextField
            label={t.facilitatorId}
            optional
            hint={t.facilitatorIdHint}
            maxLength={200}
            value={externalId}
            onValue={setExternalId}
          />
          <ErrorNote
            error={action.error}
            fields={{
              name: t.name,
              "facilitator.name": t.facilitatorName,
              "facilitator.externalId": t.facilitatorId,
            }}
            title={t.failed}
          />
          <FormActions
            busy={action.busy}
            busyLabel={t.inviting}
            label={t.submit}
            disabled={!name.trim() || !person.trim()}
            onCancel={() => setOpen(false)}
          />
        </form>
      )}
    </Section>
  );
}
