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

/** The page's sections, by their ids (links like #keys) and their titles in the catalogue. */
const SECTIONS = [
  { id: "people", label: "people" },
  { id: "keys", label: "keys" },
  { id: "origins", label: "origins" },
  { id: "provisioning", label: "provisioning" },
  { id: "snippet", label: "snippet" },
  { id: "org-audit", label: "audit" },
] as const;

export function OrganizationScreen(props: { me: Me }) {
  const orgId = props.me.organization.id;
  const name = props.me.organization.name;
  const t = useT().organization;
  const words = useT().admin.organization;
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
        <ErrorNote error={v.error} title={fill(words.onlyAdmins, { organization: name })} />
        <p class="muted">{words.askAdmins}</p>
      </>
    );
  }
  return (
    <>
      <PageHeader eyebrow={t.title} title={name} lead={fill(t.lead, { name })} />
      <nav class="page-toc" aria-label={words.onThisPage}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} data-external>
                {words.sections[s.label]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Async value={v} onRetry={org.reload} label={words.loading}>
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
  const t = useT().admin.organization;
  return (
    <Section title={t.sections.snippet} id="snippet" lead={t.snippetLead}>
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
  const t = useT().admin.organization;
  return (
    <Section
      title={t.sections.audit}
      id="org-audit"
      lead={fill(t.auditLead, { organization: props.me.organization.name })}
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
