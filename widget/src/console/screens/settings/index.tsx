/**
 * Partnership settings (facilitators): name, purpose, anonymity thresholds, cadences and reminder
 * sites; the partner organizations and inviting a new one; archiving.
 */
import { useState } from "preact/hooks";
import { ConfirmButton, ErrorNote, Notice, PageHeader, Section } from "../../components/ui";
import { useT } from "../../i18n";
import { useAction, useLoad } from "../../load";
import { api, isFacilitator, loadMe, type Me, partnership } from "../../session";
import { useTitle } from "../../title";
import { SettingsForm } from "./form";
import { Organizations } from "./organizations";
import { ProposalsSection } from "./proposals";

export function SettingsScreen(props: { pid: string; me: Me }) {
  const p = partnership.value;
  const t = useT().settings;
  useTitle(t.title, p?.settings.name);
  const proposals = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/settings-proposals", {
        params: { partnershipId: props.pid },
        signal,
      }),
    [props.pid],
  );
  // Kept here: the form restarts (remounts) from the saved settings, and the message must survive it.
  const [saved, setSaved] = useState<string | null>(null);
  if (!p) return null;
  const open =
    proposals.value.state === "ready" ? proposals.value.data.proposals.filter((x) => x.status === "open") : [];
  return (
    <>
      <PageHeader title={t.title} lead={t.lead} />
      {!isFacilitator.value && <Notice tone="info">{t.readOnly}</Notice>}
      <ProposalsSection pid={props.pid} me={props.me} proposals={proposals} />
      <SettingsForm
        // A change that lands (saved here, or a proposal every organization approved) restarts the form from it.
        key={JSON.stringify(p.settings)}
        pid={props.pid}
        settings={p.settings}
        solo={p.organizations.length <= 1}
        pending={open[0] ?? null}
        disabled={!isFacilitator.value || p.archived}
        onProposed={proposals.reload}
        saved={saved}
        onSaved={setSaved}
      />
      <Organizations pid={props.pid} me={props.me} />
      {isFacilitator.value && <DataExport pid={props.pid} />}
      {isFacilitator.value && <Archive pid={props.pid} archived={p.archived} />}
    </>
  );
}

function DataExport(props: { pid: string }) {
  const t = useT().admin.settings;
  return (
    <Section title={t.export} id="export" lead={t.exportLead}>
      <a
        class="btn"
        href={`/api/v1/partnerships/${encodeURIComponent(props.pid)}/export`}
        download={`accord-${props.pid}.json`}
      >
        {t.download}
      </a>
    </Section>
  );
}

function Archive(props: { pid: string; archived: boolean }) {
  const action = useAction();
  const t = useT().admin.settings;
  const run = () =>
    action
      .run(() =>
        api(
          "post",
          props.archived
            ? "/api/v1/partnerships/{partnershipId}/restore"
            : "/api/v1/partnerships/{partnershipId}/archive",
          {
            params: { partnershipId: props.pid },
          },
        ),
      )
      .then((r) => {
        if (r.ok) {
          partnership.value = r.value;
          loadMe();
        }
      });
  return (
    <Section
      title={props.archived ? t.restore : t.archive}
      id="archive"
      lead={props.archived ? t.restoreLead : t.archiveLead}
    >
      <ErrorNote error={action.error} />
      <ConfirmButton
        label={props.archived ? t.restorePartnership : t.archivePartnership}
        confirm={props.archived ? t.restoreConfirm : t.archiveConfirm}
        tone={props.archived ? undefined : "danger"}
        busy={action.busy}
        onConfirm={run}
      />
    </Section>
  );
}
