/** The partner organizations of a partnership, and inviting a new one (a sign-in code for its first facilitator). */
import { useState } from "preact/hooks";
import { FormActions, TextField } from "../../components/fields";
import { ErrorNote, Section, SignInCode } from "../../components/ui";
import { date } from "../../format";
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
          <SignInCode code={issued.code} />
        </div>
      )}
      {open && (
        <form class="card form" onSubmit={submit} aria-labelledby="invite-org-title">
          <h3 id="invite-org-title">Invite an organization</h3>
          <p class="muted small">
            You get a one-time sign-in code for their first facilitator, who can then invite their own people.
          </p>
          <div class="grid-2">
            <TextField label="Organization name" required maxLength={120} value={name} onValue={setName} />
            <TextField label="Their facilitator's name" required maxLength={120} value={person} onValue={setPerson} />
          </div>
          <TextField
            label="Their facilitator's e-mail or intranet id"
            optional
            hint="Lets their intranet's widget recognise the same person."
            maxLength={200}
            value={externalId}
            onValue={setExternalId}
          />
          <ErrorNote
            error={action.error}
            fields={{
              name: "Organization name",
              "facilitator.name": "Their facilitator's name",
              "facilitator.externalId": "Their facilitator's e-mail or intranet id",
            }}
            title="Could not invite the organization"
          />
          <FormActions
            busy={action.busy}
            busyLabel="Inviting…"
            label="Invite and get a code"
            disabled={!name.trim() || !person.trim()}
            onCancel={() => setOpen(false)}
          />
        </form>
      )}
    </Section>
  );
}
