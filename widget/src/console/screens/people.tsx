/**
 * People: everyone per organization with their role; a facilitator invites people of their own
 * organization (a one-time sign-in code to hand over), changes roles and removes people. Each
 * organization keeps at least one facilitator; the API says so when a change would break that.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { FormActions, SelectField, TextField } from "../components/fields";
import { fillNodes } from "../components/fill-nodes";
import { Async, ConfirmButton, ErrorNote, Notice, PageHeader, Section, SignInCode } from "../components/ui";
import { date } from "../format";
import { fill, messages, plural, useT } from "../i18n";
import { useAction, useLoad } from "../load";
import { api, isFacilitator, type Me, orgIndex, partnership } from "../session";
import { useTitle } from "../title";

type Member = Schemas["Member"];
type Invitation = Schemas["Invitation"];

export function PeopleScreen(props: { pid: string; me: Me }) {
  const t = useT().people;
  useTitle(t.title, partnership.value?.settings.name);
  const people = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/people", { params: { partnershipId: props.pid }, signal }),
    [props.pid],
  );
  const [inviting, setInviting] = useState(false);
  const facilitator = isFacilitator.value && !partnership.value?.archived;
  const orgs = partnership.value?.organizations ?? [];
  return (
    <>
      <PageHeader
        title={t.title}
        lead={t.lead}
        primary={facilitator && !inviting && { label: t.invite, onClick: () => setInviting(true) }}
      />
      {inviting && (
        <InviteForm
          pid={props.pid}
          me={props.me}
          onClose={() => setInviting(false)}
          onInvited={(m) => people.set((d) => ({ people: [...d.people.filter((p) => p.id !== m.id), m] }))}
        />
      )}
      <Async value={people.value} onRetry={people.reload} label={t.loading}>
        {({ people: list }) => (
          <>
            {orgs.map((o) => {
              const members = list
                .filter((p) => p.organizationId === o.id)
                .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === "facilitator" ? -1 : 1));
              const mine = o.id === props.me.organization.id;
              return (
                <Section
                  key={o.id}
                  id={`org-${o.id}`}
                  title={o.name}
                  lead={`${plural(messages.value.counts.person, members.length)} · ${plural(messages.value.counts.facilitator, members.filter((m) => m.role === "facilitator").length)}${mine ? t.yours : ""}`}
                >
                  <ul class="people-list">
                    {members.map((m) => (
                      <PersonRow
                        key={m.id}
                        pid={props.pid}
                        person={m}
                        series={orgIndex(o.id)}
                        manageable={facilitator && mine}
                        isMe={m.id === props.me.person.id}
                        onChanged={(updated) =>
                          people.set((d) => ({
                            people: updated
                              ? d.people.map((p) => (p.id === updated.id ? updated : p))
                              : d.people.filter((p) => p.id !== m.id),
                          }))
                        }
                      />
                    ))}
                  </ul>
                </Section>
              );
            })}
          </>
        )}
      </Async>
      <p class="muted small">
        {fillNodes(useT().admin.members.lostDevice, { account: <a href="/account">{useT().account.title}</a> })}
      </p>
    </>
  );
}

function PersonRow(props: {
  pid: string;
  person: Member;
  series: number;
  manageable: boolean;
  isMe: boolean;
  onChanged: (m: Member | null) => void;
}) {
  const m = props.person;
  const action = useAction();
  const params = { partnershipId: props.pid, personId: m.id };
  const roleId = `role-${m.id}`;
  const all = useT();
  const t = all.admin.members;
  return (
    <li class="person">
      <span class={`avatar a${props.series}`} aria-hidden="true">
        {initials(m.name)}
      </span>
      <div class="person-text">
        <p class="person-name">
          {m.name}
          {props.isMe && <span class="muted">{all.people.you}</span>}
        </p>
        <p class="muted small">
          {m.externalId ? `${m.externalId} · ` : ""}
          {fill(t.joined, { date: date(m.joinedAt) })}
        </p>
      </div>
      <div class="person-controls">
        {props.manageable ? (
          <>
            <label class="sr-only" for={roleId}>
              {fill(t.roleOf, { name: m.name })}
            </label>
            <select
              id={roleId}
              value={m.role}
              disabled={action.busy}
              onChange={async (e) => {
                const select = e.target as HTMLSelectElement;
                const role = select.value as Member["role"];
                const r = await action.run(() =>
                  api("patch", "/api/v1/partnerships/{partnershipId}/people/{personId}", { params, body: { role } }),
                );
                if (r.ok) props.onChanged(r.value);
                else select.value = m.role;
              }}
            >
              {roles().map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
            <ConfirmButton
              small
              tone="danger"
              label={t.remove}
              confirm={fill(t.removeConfirm, { name: m.name })}
              busy={action.busy}
              onConfirm={async () => {
                const r = await action.run(() =>
                  api("delete", "/api/v1/partnerships/{partnershipId}/people/{personId}", { params }),
                );
                if (r.ok) props.onChanged(null);
              }}
            />
          </>
        ) : (
          <span class={`badge ${m.role === "facilitator" ? "badge-accent" : "badge-neutral"}`}>
            {m.role === "facilitator" ? all.common.facilitator : all.common.member}
          </span>
        )}
      </div>
      {action.error && (
        <div class="person-error">
          <ErrorNote error={action.error} title={fill(t.notChanged, { name: m.name })} />
        </div>
      )}
    </li>
  );
}

function InviteForm(props: { pid: string; me: Me; onClose: () => void; onInvited: (m: Member) => void }) {
  const [name, setName] = useState("");
  const [externalId, setExternalId] = useState("");
  const [role, setRole] = useState<Member["role"]>("member");
  const [issued, setIssued] = useState<Invitation | null>(null);
  const action = useAction();
  const all = useT();
  const t = all.admin.members;
  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{fill(t.inviteFrom, { organization: props.me.organization.name })}</h2>
      {issued &&
        (issued.signInCode ? (
          <div class="card card-highlight" aria-live="polite">
            <h3>{fill(t.handCode, { name: issued.person.name })}</h3>
            <p>{fill(t.worksOnce, { date: date(issued.expiresAt) })}</p>
            <SignInCode code={issued.signInCode} />
          </div>
        ) : (
          // A code never hands over an existing account: they sign in as they always do.
          <Notice tone="success" title={fill(t.inPartnership, { name: issued.person.name })}>
            <p>{fill(t.hasAccount, { name: issued.person.name })}</p>
          </Notice>
        ))}
      <form
        class="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await action.run(() =>
            api("post", "/api/v1/partnerships/{partnershipId}/invites", {
              params: { partnershipId: props.pid },
              body: { name: name.trim(), role, ...(externalId.trim() ? { externalId: externalId.trim() } : {}) },
            }),
          );
          if (!r.ok) return;
          setIssued(r.value);
          props.onInvited(r.value.person);
          setName("");
          setExternalId("");
          setRole("member");
        }}
      >
        <div class="grid-3">
          <TextField label={all.fields.name} required maxLength={120} value={name} onValue={setName} />
          <TextField
            label={all.fields.externalId}
            optional
            hint={t.externalIdHint}
            maxLength={200}
            value={externalId}
            onValue={setExternalId}
          />
          <SelectField
            label={all.fields.role}
            options={roles()}
            value={role}
            onValue={(v) => setRole(v as Member["role"])}
          />
        </div>
        <ErrorNote error={action.error} title={t.notInvited} />
        <FormActions
          busy={action.busy}
          busyLabel={t.inviting}
          label={issued ? t.inviteAnother : t.invite}
          disabled={!name.trim()}
          onCancel={props.onClose}
          cancelLabel={t.done}
        />
      </form>
    </section>
  );
}

/** [value, label] of each role, labelled in the current language. */
const roles = () =>
  [
    ["member", messages.value.common.member],
    ["facilitator", messages.value.common.facilitator],
  ] as const;

function initials(name: string) {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}
