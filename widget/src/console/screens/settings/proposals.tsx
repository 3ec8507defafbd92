/** Proposals to lower the anonymity settings: each organization's approval, approve or reject, past ones. */
import type { Ok, Op } from "../../../api";
import { ConfirmButton, ErrorNote, Section } from "../../components/ui";
import { date, dateTime } from "../../format";
import { type Loaded, useAction } from "../../load";
import { changedKeys, describeChanges, type SettingsProposal } from "../../names";
import { api, isFacilitator, loadPartnership, type Me, orgName, partnership } from "../../session";

type Proposals = Ok<Op<"/api/v1/partnerships/{partnershipId}/settings-proposals", "get">>;

/** Open proposals to lower the anonymity settings, each organization's approval, and past ones. */
export function ProposalsSection(props: { pid: string; me: Me; proposals: Loaded<Proposals> }) {
  const v = props.proposals.value;
  // Before the list loads, or when there is nothing to show, the section stays out of the way.
  if (v.state === "loading") return null;
  if (v.state === "error")
    return <ErrorNote error={v.error} title="Settings proposals not loaded" onRetry={props.proposals.reload} />;
  const open = v.data.proposals.filter((p) => p.status === "open");
  const past = v.data.proposals.filter((p) => p.status !== "open");
  if (open.length === 0 && past.length === 0) return null;
  return (
    <Section
      title="Proposed changes"
      id="proposals"
      lead="Lowering k or the comment threshold applies only when a facilitator of every organization approved it, and only to cycles that open afterwards."
    >
      {open.length === 0 && <p class="muted">No open proposals.</p>}
      {open.map((p) => (
        <ProposalCard key={p.id} pid={props.pid} me={props.me} proposal={p} onChanged={props.proposals.reload} />
      ))}
      {past.length > 0 && (
        <details class="revoked">
          <summary>{past.length} decided</summary>
          <ul class="row-list">
            {past.map((p) => (
              <li key={p.id} class="row-item">
                <span>
                  Lower {describeChanges(p.changes, null)} · proposed by {p.createdBy.name} on {date(p.createdAt)}
                </span>
                <span class={`badge ${p.status === "applied" ? "badge-success" : "badge-neutral"}`}>
                  {p.status === "applied" ? "Applied" : "Rejected"}
                  {p.decidedAt ? ` ${date(p.decidedAt)}` : ""}
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
        <h3 id={headingId}>Lower the anonymity settings</h3>
        <span class="badge badge-warning">Awaiting {p.awaiting.map(orgName).join(", ") || "nobody"}</span>
      </div>
      <ul class="proposal-changes">
        {changedKeys(p.changes).map((key) => (
          <li key={key}>
            <span class="proposal-what">
              {key === "k" ? "Minimum responses to show a figure (k)" : "Minimum commenters to show comments"}
            </span>{" "}
            <span class="proposal-values">
              {s ? <del>{s[key]}</del> : null}
              {s ? " → " : ""}
              <ins>{p.changes[key]}</ins>
            </span>
          </li>
        ))}
      </ul>
      <p class="muted small">
        Proposed by {p.createdBy.name} on {dateTime(p.createdAt)}
        {p.note ? ":" : "."}
      </p>
      {p.note && <blockquote class="proposal-note">{p.note}</blockquote>}
      <ul class="proposal-orgs" aria-label="Approvals per organization">
        {(partnership.value?.organizations ?? []).map((o) => {
          const approval = p.approvals.find((a) => a.organizationId === o.id);
          return (
            <li key={o.id}>
              <strong>{o.name}</strong>:{" "}
              {approval ? (
                <span class="text-success">
                  approved by {approval.person.name} on {date(approval.at)}
                </span>
              ) : p.awaiting.includes(o.id) ? (
                <span>awaiting a facilitator's approval</span>
              ) : (
                <span class="muted">no approval needed</span>
              )}
            </li>
          );
        })}
      </ul>
      {canDecide && (
        <div class="button-row">
          <button type="button" class="btn btn-primary" disabled={action.busy} onClick={() => decide("approve")}>
            Approve for {props.me.organization.name}
          </button>
          <ConfirmButton
            label="Reject"
            confirm="Reject it? The settings stay as they are."
            tone="danger"
            busy={action.busy}
            onConfirm={() => decide("reject")}
          />
        </div>
      )}
      {!canDecide && p.awaiting.length > 0 && (
        <p class="muted small">
          {p.awaiting.includes(mine)
            ? "A facilitator of your organization approves or rejects it."
            : `Waiting for ${p.awaiting.map(orgName).join(" and ")}.`}
        </p>
      )}
      <ErrorNote error={action.error} title="Not decided" />
    </article>
  );
}
