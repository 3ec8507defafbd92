/** The audit log (facilitators): every change to principles, cycles, settings and memberships, newest first. */

import { ok } from "../../api";
import { AuditLog } from "../components/audit-log";
import { Notice, PageHeader } from "../components/ui";
import { useT } from "../i18n";
import { useLoad } from "../load";
import { cycleName } from "../names";
import { api, isFacilitator, orgIndex, orgName, partnership } from "../session";
import { useTitle } from "../title";

export function AuditScreen(props: { pid: string }) {
  const t = useT().audit;
  useTitle(t.title, partnership.value?.settings.name);
  // Entries name what they touched by id: look the current names up once, to say “which” in words.
  const names = useLoad(
    async (signal) => {
      const params = { partnershipId: props.pid };
      const [principles, cycles, actions] = await Promise.all([
        api("get", "/api/v1/partnerships/{partnershipId}/principles", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/actions", { params, signal }),
      ]);
      const map = new Map<string, string>(partnership.value?.organizations.map((o) => [o.id, o.name]) ?? []);
      if (principles.ok) for (const p of principles.value.principles) map.set(p.id, p.current.title);
      if (cycles.ok) for (const c of cycles.value.cycles) map.set(c.id, cycleName(c));
      if (actions.ok) for (const a of actions.value.actions) map.set(a.id, a.title);
      return ok(map);
    },
    [props.pid],
  );
  const known = names.value.state === "ready" ? names.value.data : new Map<string, string>();
  if (!isFacilitator.value) {
    return (
      <>
        <PageHeader title={t.title} />
        <Notice>{t.facilitatorsOnly}</Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t.title} lead={t.lead} />
      <AuditLog
        deps={[props.pid]}
        pid={props.pid}
        known={known}
        orgLabel={orgName}
        orgSeries={orgIndex}
        load={(before, signal) =>
          api("get", "/api/v1/partnerships/{partnershipId}/audit", {
            params: { partnershipId: props.pid },
            query: before === undefined ? { limit: 50 } : { before, limit: 50 },
            ...(signal ? { signal } : {}),
          })
        }
      />
    </>
  );
}
