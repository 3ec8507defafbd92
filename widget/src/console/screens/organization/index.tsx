/**
 * The Organization screen, for its admins: the directory (names, externalIds, admins, removal and
 * account recovery), embed keys, the origins allowed to embed the widget, intranet provisioning,
 * the copy-paste snippet and the organization's audit log. Everyone else gets the API's 403.
 */
import { useMemo, useState } from "preact/hooks";
import { AuditLog } from "../../components/audit-log";
import { NotFoundScreen } from "../../components/not-found";
import { Snippet } from "../../components/snippet";
import { Async, ErrorNote, PageHeader, Section } from "../../components/ui";
import { fill, useT } from "../../i18n";
import { useLoad } from "../../load";
import { api, type Me, partnership } from "../../session";
import { useTitle } from "../../title";
import { Keys } from "./keys";
import { Origins, Provisioning } from "./origins";
import { People } from "./people";
import type { OrgDetail, OrgPerson } from "./types";

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
  const t = useT().organization;
  useTitle(t.title, name);
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
        <PageHeader title={t.title} eyebrow={name} />
        <ErrorNote error={v.error} title={`Only ${name}'s admins manage the organization`} />
        <p class="muted">
          Ask one of your organization's admins to change people, embed keys or allowed origins for you.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader eyebrow={t.title} title={name} lead={fill(t.lead, { name })} />
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
