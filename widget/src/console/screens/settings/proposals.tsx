/** Proposals to lower the anonymity settings: each organization's approval, approve or reject, past ones. */
import type { Ok, Op } from "../../../api";
import { ConfirmButton, ErrorNote, Section } from "../../components/ui";
import { date, dateTime } from "../../format";
import { fill, plural, useT } from "../../i18n";
import { type Loaded, useAction } from "../../load";
import { changedKeys, describeChanges, type SettingsProposal } from "../../names";
import { api, isFacilitator, loadPartnership, type Me, orgName, partnership } from "../../session";

type Proposals = Ok<Op<"/api/v1/partnerships/{partnershipId}/settings-proposals", "get">>;

/** Open proposals to lower the anonymity settings, each organization's approval, and past ones. */
export function ProposalsSection(props: { pid: string; me: Me; proposals: Loaded<Proposals> }) {
  const v = props.proposals.value;
  const t = useT().admin.proposals;
  // Before the list loads, or when there is nothing to show, the section stays out of the way.
  if (v.state === "loading") return null;
  if (v.state === "error") return <ErrorNote error={v.error} title={t.notLoaded} onRetry={props.proposals.reload} />;
  const open = v.data.proposals.filter((p) => p.status === "open");
  const past = v.data.proposals.filter((p) => p.status !== "open");
  if (open.length === 0 && past.length === 0) return null;
  return (
    <Section title={t.title} id="proposals" lead={t.lead}>
      {open.length === 0 && <p class="muted">{t.noneOpen}</p>}
      {open.map((p) => (
        <ProposalCard key={p.id} pid={props.pid} me={props.me} proposal={p} onChanged={props.proposals.reload} />
      ))}
      {past.length > 0 && (
        <details class="revoked">
          <summary>{plural(t.decided, past.length)}</summary>
          <ul class="row-list">
            {past.map((p) => (
              <li key={p.id} class="row-item">
                <span>
                  {fill(t.past, {
                    changes: describeChanges(p.changes, null),
                    name: p.createdBy.name,
                    date: date(p.createdAt),
                  })}
                </span>
                <span class={`badge ${p.status === "applied" ? "badge-success" : "badge-neutral"}`}>
                  {p.decidedAt
                    ? fill(p.status === "applied" ? t.appliedOn : t.rejectedOn, { date: date(p.decidedAt) })
                    : p.status === "applied"
                      ? t.applied
                      : t.rejected}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function ProposalCard(props: { pid: string; me: Me; proposal: SettingsProposal; onChanged: () => void }) {
  const p = props.proposal;
  const action = useAction();
  const s = partnership.value?.settings ?? null;
  const mine = props.me.organization.id;
  const canDecide = isFacilitator.value && !partnership.value?.archived && p.awaiting.includes(mine);
  const headingId = `proposal-${p.id}`;
  const all = useT();
  const t = all.admin.proposals;
  const decide = async (how: "approve" | "reject") => {
    const r = await action.run(() =>
      api(
        "post",
        how === "approve"
          ? "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/approve"
          : "/api/v1/partnerships/{partnershipId}/settings-proposals/{proposalId}/reject",
        { params: { partnershipId: props.pid, proposalId: p.id } },
      ),
    );
    if (!r.ok) return;
    props.onChanged();
    if (r.value.status === "applied") loadPartnership(props.pid);
  };
  return (
    <article class="card proposal" aria-labelledby={headingId}>
      <div class="proposal-head">
        <h3 id={headingId}>{t.heading}</h3>
        <span class="badge badge-warning">
          {fill(t.awaiting, { organizations: p.awaiting.map(orgName).join(", ") || t.nobody })}
        </span>
      </div>
      <ul class="proposal-changes">
        {changedKeys(p.changes).map((key) => (
          <li key={key}>
            <span class="proposal-what">{all.fields[key]}</span>{" "}
            <span class="proposal-values">
              {s ? <del>{s[key]}</del> : null}
              {s ? " → " : ""}
              <ins>{p.changes[key]}</ins>
            </span>
          </li>
        ))}
      </ul>
      <p class="muted small">
        {fill(t.proposedBy, { name: p.createdBy.name, at: dateTime(p.createdAt) })}
        {p.note ? ":" : "."}
      </p>
      {p.note && <blockquote class="proposal-note">{p.note}</blockquote>}
      <ul class="proposal-orgs" aria-label={t.approvals}>
        {(partnership.value?.organizations ?? []).map((o) => {
          const approval = p.approvals.find((a) => a.organizationId === o.id);
          return (
            <li key={o.id}>
              <strong>{o.name}</strong>:{" "}
              {approval ? (
                <span class="text-success">
                  {fill(t.approvedBy, { name: approval.person.name, date: date(approval.at) })}
                </span>
              ) : p.awaiting.includes(o.id) ? (
                <span>{t.awaitingApproval}</span>
              ) : (
                <span class="muted">{t.noApproval}</span>
              )}
            </li>
          );
        })}
      </ul>
      {canDecide && (
        <div class="button-row">
          <button type="button" class="btn btn-primary" disabled={action.busy} onClick={() => decide("approve")}>
            {fill(t.approveFor, { organization: props.me.organization.name })}
          </button>
          <ConfirmButton
            label={t.reject}
            confirm={t.rejectConfirm}
            tone="danger"
            busy={action.busy}
            onConfirm={() => decide("reject")}
          />
        </div>
      )}
      {!canDecide && p.awaiting.length > 0 && (
        <p class="muted small">
          {p.awaiting.includes(mine)
            ? t.yoursDecides
            : fill(t.waitingFor, { organizations: p.awaiting.map(orgName).join(t.and) })}
        </p>
      )}
      <ErrorNote error={action.error} title={t.notDecided} />
    </article>
  );
}
