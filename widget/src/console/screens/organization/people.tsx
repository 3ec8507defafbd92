/** The organization's directory: a table of people, each managed in a dialog. */
import { useState } from "preact/hooks";
import { TextField } from "../../components/fields";
import { Async, Badge, Dialog, Section } from "../../components/ui";
import { date, dateTime } from "../../format";
import { fill, messages, plural, useT } from "../../i18n";
import type { Loaded } from "../../load";
import type { Me } from "../../session";
import { PersonPanel } from "./person-panel";
import type { OrgPerson } from "./types";

export function People(props: {
  orgId: string;
  me: Me;
  people: Loaded<{ people: OrgPerson[] }>;
  onChanged: () => void;
}) {
  const people = props.people;
  const [filter, setFilter] = useState("");
  const [managing, setManaging] = useState<string | null>(null);
  const all = useT();
  const t = all.admin.people;
  const update = (p: OrgPerson) => {
    people.set((d) => ({ people: d.people.map((x) => (x.id === p.id ? p : x)) }));
    props.onChanged();
  };
  return (
    <Section title={all.admin.organization.sections.people} id="people" lead={t.lead}>
      <Async value={people.value} onRetry={people.reload} label={all.people.loading}>
        {({ people: list }) => {
          const q = filter.trim().toLowerCase();
          const shown = list
            .filter((p) => !q || p.name.toLowerCase().includes(q) || (p.externalId ?? "").toLowerCase().includes(q))
            .sort((a, b) => Number(!!a.removedAt) - Number(!!b.removedAt) || a.name.localeCompare(b.name));
          const active = list.filter((p) => !p.removedAt);
          const current = list.find((p) => p.id === managing) ?? null;
          return (
            <>
              <div class="org-people-tools">
                <p class="muted small">
                  {plural(messages.value.counts.person, active.length)} ·{" "}
                  {plural(messages.value.counts.admin, active.filter((p) => p.admin).length)}
                  {list.length > active.length ? ` · ${plural(t.removedCount, list.length - active.length)}` : ""}
                </p>
                {list.length > 8 && <TextField label={t.find} type="search" value={filter} onValue={setFilter} />}
              </div>
              <div class="table-wrap org-people-wrap">
                <table class="table org-people">
                  <caption class="sr-only">{t.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.person}</th>
                      <th scope="col">{t.admin}</th>
                      <th scope="col">{t.partnerships}</th>
                      <th scope="col">{t.signedIn}</th>
                      <th scope="col">{t.status}</th>
                      <th scope="col">
                        <span class="sr-only">{t.manage}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((p) => (
                      <PersonRow
                        key={p.id}
                        person={p}
                        isMe={p.id === props.me.person.id}
                        onManage={() => setManaging(p.id)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              {shown.length === 0 && <p class="muted">{fill(t.noMatch, { filter })}</p>}
              <PersonDialog
                orgId={props.orgId}
                person={current}
                isMe={current?.id === props.me.person.id}
                onClose={() => setManaging(null)}
                onChanged={update}
                onAudited={props.onChanged}
              />
            </>
          );
        }}
      </Async>
    </Section>
  );
}

function PersonRow(props: { person: OrgPerson; isMe: boolean; onManage: () => void }) {
  const p = props.person;
  const all = useT();
  const t = all.admin.people;
  return (
    <tr class={p.removedAt ? "is-removed" : undefined}>
      <th scope="row">
        <span class="org-person-name">
          {p.name}
          {props.isMe && <span class="muted">{all.people.you}</span>}
        </span>
        <span class="muted small org-person-id">{p.externalId ?? t.noExternalId}</span>
      </th>
      <td data-label={t.admin}>
        {p.admin ? <Badge tone="accent">{t.admin}</Badge> : <span class="muted">{t.no}</span>}
      </td>
      <td data-label={t.partnerships}>
        {p.partnerships.length === 0 ? (
          <span class="muted">{all.common.none}</span>
        ) : (
          <ul class="plain-list small">
            {p.partnerships.map((m) => (
              <li key={m.id}>
                {m.name}
                <span class="muted"> · {m.role === "facilitator" ? t.facilitator : t.member}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label={t.signedIn}>
        {p.signedInAt ? (
          <span title={dateTime(p.signedInAt)}>{date(p.signedInAt)}</span>
        ) : (
          <span class="muted">{t.notYet}</span>
        )}
      </td>
      <td data-label={t.status}>
        {p.removedAt ? (
          <Badge tone="neutral" title={fill(t.removedAt, { at: dateTime(p.removedAt) })}>
            {t.removed}
          </Badge>
        ) : (
          <Badge tone="success">{t.active}</Badge>
        )}
      </td>
      <td class="org-person-manage">
        <button type="button" class="btn btn-small" onClick={props.onManage}>
          {t.manage}
          <span class="sr-only"> {p.name}</span>
        </button>
      </td>
    </tr>
  );
}

/** Everything an admin does to one person, in a dialog that keeps the table readable at 390 px. */
function PersonDialog(props: {
  orgId: string;
  person: OrgPerson | null;
  isMe: boolean;
  onClose: () => void;
  onChanged: (p: OrgPerson) => void;
  onAudited: () => void;
}) {
  const p = props.person;
  return (
    <Dialog open={p !== null} title={p?.name ?? useT().admin.people.person} onClose={props.onClose}>
      {p && <PersonPanel key={p.id} {...props} person={p} />}
    </Dialog>
  );
}
