/**
 * The Organization screen, for its admins: the directory (names, externalIds, admins, removal and
 * account recovery), embed keys, the origins allowed to embed the widget, intranet provisioning,
 * the copy-paste snippet and the organization's audit log. Everyone else gets the API's 403.
 */
import { useMemo, useState } from "preact/hooks";
import type { Failure, Ok, Op } from "../../api";
import { AuditLog } from "../components/audit-log";
import { Snippet } from "../components/snippet";
import {
  Async,
  Badge,
  ConfirmButton,
  CopyField,
  Dialog,
  ErrorNote,
  Field,
  Notice,
  PageHeader,
  Section,
} from "../components/ui";
import { date, dateTime, fromNow, plural } from "../format";
import { type Loaded, useAction, useLoad } from "../load";
import { api, loadMe, type Me, partnership } from "../session";
import { useTitle } from "../title";
import { NotFoundScreen } from "./not-found";

type OrgDetail = Ok<Op<"/api/v1/organizations/{organizationId}", "get">>;
type OrgPerson = Ok<Op<"/api/v1/organizations/{organizationId}/people", "get">>["people"][number];
type EmbedKey = Ok<Op<"/api/v1/organizations/{organizationId}/embed-keys", "get">>["keys"][number];
type NewEmbedKey = Ok<Op<"/api/v1/organizations/{organizationId}/embed-keys", "post">>;

const SECTIONS = [
  { id: "people", label: "People" },
  { id: "keys", label: "Embed keys" },
  { id: "origins", label: "Allowed origins" },
  { id: "provisioning", label: "Intranet provisioning" },
  { id: "snippet", label: "Snippet" },
  { id: "org-audit", label: "Audit log" },
] as const;

export function OrganizationScreen(props: { me: Me }) {
  const orgId = props.me.organization.id;
  const name = props.me.organization.name;
  useTitle("Organization", name);
  const org = useLoad(
    (signal) => api("get", "/api/v1/organizations/{organizationId}", { params: { organizationId: orgId }, signal }),
    [orgId],
  );
  const people = useLoad(
    (signal) =>
      api("get", "/api/v1/organizations/{organizationId}/people", { params: { organizationId: orgId }, signal }),
    [orgId],
  );
  // Every write bumps it, so the audit log shows the entry it just made.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  const v = org.value;
  if (v.state === "error" && v.error.status === 404) return <NotFoundScreen what="organization" />;
  if (v.state === "error" && v.error.status === 403) {
    return (
      <>
        <PageHeader title="Organization" eyebrow={name} />
        <ErrorNote error={v.error} title={`Only ${name}'s admins manage the organization`} />
        <p class="muted">
          Ask one of your organization's admins to change people, embed keys or allowed origins for you.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader
        eyebrow="Organization"
        title={name}
        lead={`You are an admin of ${name}: you manage its people, how its intranet embeds Accord, and you can read what its admins changed. It applies to every partnership ${name} is in.`}
      />
      <nav class="page-toc" aria-label="On this page">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} data-external>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Async value={v} onRetry={org.reload} label="Loading your organization…">
        {(detail) => (
          <>
            <People orgId={orgId} me={props.me} people={people} onChanged={changed} />
            <Keys orgId={orgId} onChanged={changed} />
            <Origins
              orgId={orgId}
              origins={detail.allowedOrigins}
              onSaved={(origins) => {
                org.set((d) => ({ ...d, allowedOrigins: origins }));
                changed();
              }}
            />
            <Provisioning
              orgId={orgId}
              detail={detail}
              onSaved={(d) => {
                org.set(() => d);
                changed();
              }}
            />
            <SnippetSection detail={detail} />
            <OrgAudit
              orgId={orgId}
              me={props.me}
              version={changes}
              people={people.value.state === "ready" ? people.value.data.people : []}
            />
          </>
        )}
      </Async>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// People

function People(props: { orgId: string; me: Me; people: Loaded<{ people: OrgPerson[] }>; onChanged: () => void }) {
  const people = props.people;
  const [filter, setFilter] = useState("");
  const [managing, setManaging] = useState<string | null>(null);
  const update = (p: OrgPerson) => {
    people.set((d) => ({ people: d.people.map((x) => (x.id === p.id ? p : x)) }));
    props.onChanged();
  };
  return (
    <Section
      title="People"
      id="people"
      lead="Everyone in your organization, whichever way they arrived (invited, or created by the intranet on first use). A removed person is remembered but can no longer sign in or come back through the intranet until you restore them."
    >
      <Async value={people.value} onRetry={people.reload} label="Loading people…">
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
                  {plural(active.length, "person", "people")} · {plural(active.filter((p) => p.admin).length, "admin")}
                  {list.length > active.length ? ` · ${list.length - active.length} removed` : ""}
                </p>
                {list.length > 8 && (
                  <Field label="Find a person">
                    {({ id }) => (
                      <input
                        id={id}
                        type="search"
                        value={filter}
                        onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
                      />
                    )}
                  </Field>
                )}
              </div>
              <div class="table-wrap org-people-wrap">
                <table class="table org-people">
                  <caption class="sr-only">People of your organization</caption>
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">Admin</th>
                      <th scope="col">Partnerships</th>
                      <th scope="col">Signed in</th>
                      <th scope="col">Status</th>
                      <th scope="col">
                        <span class="sr-only">Manage</span>
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
              {shown.length === 0 && <p class="muted">Nobody matches “{filter}”.</p>}
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
  return (
    <tr class={p.removedAt ? "is-removed" : undefined}>
      <th scope="row">
        <span class="org-person-name">
          {p.name}
          {props.isMe && <span class="muted"> (you)</span>}
        </span>
        <span class="muted small org-person-id">{p.externalId ?? "No e-mail or intranet id"}</span>
      </th>
      <td data-label="Admin">{p.admin ? <Badge tone="accent">Admin</Badge> : <span class="muted">No</span>}</td>
      <td data-label="Partnerships">
        {p.partnerships.length === 0 ? (
          <span class="muted">None</span>
        ) : (
          <ul class="plain-list small">
            {p.partnerships.map((m) => (
              <li key={m.id}>
                {m.name}
                <span class="muted"> · {m.role === "facilitator" ? "facilitator" : "member"}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Signed in">
        {p.signedInAt ? (
          <span title={dateTime(p.signedInAt)}>{date(p.signedInAt)}</span>
        ) : (
          <span class="muted">Not yet</span>
        )}
      </td>
      <td data-label="Status">
        {p.removedAt ? (
          <Badge tone="neutral" title={`Removed ${dateTime(p.removedAt)}`}>
            Removed
          </Badge>
        ) : (
          <Badge tone="success">Active</Badge>
        )}
      </td>
      <td class="org-person-manage">
        <button type="button" class="btn btn-small" onClick={props.onManage}>
          Manage<span class="sr-only"> {p.name}</span>
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
    <Dialog open={p !== null} title={p?.name ?? "Person"} onClose={props.onClose}>
      {p && <PersonPanel key={p.id} {...props} person={p} />}
    </Dialog>
  );
}

function PersonPanel(props: {
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
          <Field label="Name">
            {({ id }) => (
              <input
                id={id}
                required
                maxLength={120}
                value={name}
                onInput={(e) => setName((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <Field
            label="E-mail or intranet id"
            optional
            hint="The “sub” your intranet puts in embed tokens: the same id means the same person."
          >
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                maxLength={200}
                class="mono"
                value={externalId}
                onInput={(e) => setExternalId((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <div class="form-actions">
            <button
              type="submit"
              class="btn btn-primary"
              disabled={
                action.busy || !name.trim() || (name.trim() === p.name && externalId.trim() === (p.externalId ?? ""))
              }
            >
              Save details
            </button>
          </div>
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
              <CopyField label="Recovery sign-in code" value={recovery.signInCode} />
              <CopyField
                label="Sign-in link"
                value={`${location.origin}/sign-in?code=${encodeURIComponent(recovery.signInCode)}`}
              />
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

// ---------------------------------------------------------------------------------------------
// Embed keys

function Keys(props: { orgId: string; onChanged: () => void }) {
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
        <Field label="Label for a new key" optional hint="Where it is used, e.g. “Intranet production”.">
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              maxLength={80}
              value={label}
              onInput={(e) => setLabel((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
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

// ---------------------------------------------------------------------------------------------
// Allowed origins

function Origins(props: { orgId: string; origins: string[]; onSaved: (origins: string[]) => void }) {
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
        <Field label="Add an origin" hint="Scheme and host, with a port if any, e.g. https://intranet.example.com">
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              class="mono"
              inputMode="url"
              placeholder="https://intranet.example.com"
              value={draft}
              onInput={(e) => {
                setDraft((e.target as HTMLInputElement).value);
                action.clear();
              }}
            />
          )}
        </Field>
        <button type="submit" class="btn" disabled={action.busy || !draft.trim()}>
          Add origin
        </button>
      </form>
      <ErrorNote error={action.error && originError(action.error, draft)} title="Origins not saved" />
      {saved && <Notice tone="success">Allowed origins saved.</Notice>}
    </Section>
  );
}

/** The API names the refused entry by its index ("origins.2"); name the address instead. */
function originError(error: Failure, draft: string): Failure {
  const message = error.message.replace(/"?origins(\.\d+)?"?/g, draft.trim() ? `“${draft.trim()}”` : "the origin");
  return { ...error, message };
}

// ---------------------------------------------------------------------------------------------
// Provisioning

function Provisioning(props: { orgId: string; detail: OrgDetail; onSaved: (d: OrgDetail) => void }) {
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
        <label class="check provisioning-check">
          <input
            type="checkbox"
            checked={on}
            disabled={action.busy}
            aria-describedby="provisioning-hint"
            onChange={(e) => set((e.target as HTMLInputElement).checked)}
          />
          <span>Create people on their first visit from the intranet</span>
        </label>
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

// ---------------------------------------------------------------------------------------------
// Snippet and audit

function SnippetSection(props: { detail: OrgDetail }) {
  const list = props.detail.partnerships;
  const focus = partnership.value?.id;
  const [picked, setPicked] = useState<string | null>(null);
  const pid = picked ?? list.find((p) => p.id === focus)?.id ?? list[0]?.id ?? null;
  return (
    <Section
      title="Snippet"
      id="snippet"
      lead="Paste it into an intranet page on an allowed origin. The script URL is content-hashed and checked by its integrity hash."
    >
      <Snippet pid={pid} partnerships={list} onPick={setPicked} />
    </Section>
  );
}

function OrgAudit(props: { orgId: string; me: Me; version: number; people: OrgPerson[] }) {
  // Entries name people and the organization by id: say their current names.
  const known = useMemo(
    () => new Map([[props.orgId, props.me.organization.name], ...props.people.map((p) => [p.id, p.name] as const)]),
    [props.people, props.orgId, props.me.organization.name],
  );
  return (
    <Section
      title="Audit log"
      id="org-audit"
      lead={`What ${props.me.organization.name}'s admins changed, and who the intranet added. Each entry is also noted in the audit log of every partnership ${props.me.organization.name} is in.`}
    >
      <AuditLog
        deps={[props.orgId, props.version]}
        pid={null}
        known={known}
        orgLabel={() => null}
        load={(before, signal) =>
          api("get", "/api/v1/organizations/{organizationId}/audit", {
            params: { organizationId: props.orgId },
            ...(before === undefined ? {} : { query: { before } }),
            ...(signal ? { signal } : {}),
          })
        }
      />
    </Section>
  );
}
