/** Each organization's stance on a principle's open proposal, and endorsing or objecting for yours. */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { SHORT_NOTE, TextAreaField } from "../../components/fields";
import { ErrorNote } from "../../components/ui";
import { fromNow } from "../../format";
import { useAction } from "../../load";
import { api, isFacilitator, type Me, orgIndex, orgName, partnership } from "../../session";

type Principle = Schemas["Principle"];

export function Stances(props: {
  pid: string;
  me: Me;
  principle: Principle;
  onChanged: () => void;
  archived: boolean;
}) {
  const p = props.principle;
  const proposal = p.proposal;
  const orgs = partnership.value?.organizations ?? [];
  const myOrg = props.me.organization.id;
  const mine = proposal?.stances.find((s) => s.organizationId === myOrg);
  const canStand =
    isFacilitator.value && !props.archived && p.status !== "retired" && (proposal || p.status === "agreed");
  return (
    <section class="card" aria-labelledby="stances-title">
      <h2 id="stances-title">
        {proposal
          ? proposal.kind === "retire"
            ? "Retiring it"
            : `Agreement on version ${proposal.version?.number ?? ""}`
          : "Agreement"}
      </h2>
      {!proposal && p.status === "agreed" && (
        <p class="muted small">Every organization endorsed the wording in force.</p>
      )}
      {proposal && (
        <p class="muted small">
          Proposed {fromNow(proposal.createdAt)}.{" "}
          {proposal.awaiting.length ? `Awaiting ${proposal.awaiting.map(orgName).join(" and ")}.` : ""}
        </p>
      )}
      <ul class="stance-cards">
        {orgs.map((o) => {
          const s = proposal?.stances.find((x) => x.organizationId === o.id);
          const state = proposal ? (s ? s.stance : "awaiting") : p.status === "agreed" ? "endorse" : "awaiting";
          return (
            <li key={o.id} class={`stance-card stance-${state}`}>
              <div class="stance-card-head">
                <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
                <span class="stance-org">{o.name}</span>
                <span class="stance-word">
                  {state === "endorse"
                    ? proposal
                      ? "Endorsed"
                      : "Agreed"
                    : state === "object"
                      ? "Objected"
                      : "Awaiting"}
                </span>
              </div>
              {s && (
                <p class="muted small">
                  {s.by.name}, {fromNow(s.at)}
                </p>
              )}
              {s?.note && <blockquote class="stance-note">{s.note}</blockquote>}
            </li>
          );
        })}
      </ul>
      {canStand && (
        <StanceForm pid={props.pid} principle={p} current={mine?.stance ?? null} onChanged={props.onChanged} />
      )}
      {!isFacilitator.value && proposal && (
        <p class="muted small">
          Your organization's facilitators endorse or object on its behalf. You can comment below.
        </p>
      )}
    </section>
  );
}

function StanceForm(props: {
  pid: string;
  principle: Principle;
  current: "endorse" | "object" | null;
  onChanged: () => void;
}) {
  const [note, setNote] = useState("");
  const action = useAction();
  const proposal = props.principle.proposal;
  const reopen = !proposal;
  const send = async (stance: "endorse" | "object") => {
    const r = await action.run(() =>
      api("put", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/stance", {
        params: { partnershipId: props.pid, principleId: props.principle.id },
        body: {
          stance,
          ...(proposal ? { proposalId: proposal.id } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      }),
    );
    if (r.ok) {
      setNote("");
      props.onChanged();
    }
  };
  return (
    <form class="form stance-form" onSubmit={(e) => e.preventDefault()}>
      <h3 class="small-heading">
        {reopen
          ? "Your organization's view"
          : props.current
            ? "Change your organization's stance"
            : "Your organization's stance"}
      </h3>
      {reopen && (
        <p class="muted small">Objecting reopens this agreed principle until every organization endorses it again.</p>
      )}
      <TextAreaField
        label="Note"
        {...SHORT_NOTE}
        hint="Why you endorse or what would make it work for you."
        value={note}
        onValue={setNote}
      />
      <ErrorNote error={action.error} title="Stance not recorded" />
      <div class="form-actions">
        {!reopen && (
          <button
            type="button"
            class="btn btn-primary"
            disabled={action.busy || props.current === "endorse"}
            onClick={() => send("endorse")}
          >
            {props.current === "endorse" ? "Endorsed" : "Endorse"}
          </button>
        )}
        <button
          type="button"
          class="btn btn-danger-quiet"
          disabled={action.busy || props.current === "object"}
          onClick={() => send("object")}
        >
          {props.current === "object" ? "Objected" : "Object"}
        </button>
      </div>
    </form>
  );
}
