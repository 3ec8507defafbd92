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
  return (
    <Section
      title="Export"
      id="export"
      lead="Everything this partnership holds (people, principles and their history, cycles, published results, actions, audit log) as one JSON file. Ratings appear only as the published figures, never as individual answers. Each cycle's results also export as CSV from the results page."
    >
      <a
        class="btn"
        href={`/api/v1/partnerships/${encodeURIComponent(props.pid)}/export`}
        download={`accord-${props.pid}.json`}
      >
        Download the partnership's data
      </a>
    </Section>
  );
}

function Archive(props: { pid: string; archived: boolean }) {
  const action = useAction();
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
      title={props.archived ? "Restore" : "Archive"}
      id="archive"
      lead={
        props.archived
          ? "Restoring lets people propose, rate and act again."
          : "Archiving keeps everything readable and stops all changes. You can restore it later."
      }
    >
      <ErrorNote error={action.error} />
      <ConfirmButton
        label={props.archived ? "Restore partnership" : "Archive partnership"}
        confirm={props.archived ? "Restore this partnership?" : "Archive this partnership?"}
        tone={props.archived ? undefined : "danger"}
        busy={action.busy}
        onConfirm={run}
      />
    </Section>
  );
}
