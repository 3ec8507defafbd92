/** Each organization's stance on a principle's open proposal, and endorsing or objecting for yours. */
import { signal } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { SHORT_NOTE, TextAreaField } from "../../components/fields";
import { ErrorNote } from "../../components/ui";
import { fromNow } from "../../format";
import { fill, locale, useT } from "../../i18n";
import { useAction } from "../../load";
import { api, isFacilitator, type Me, orgIndex, orgName, partnership } from "../../session";

type Principle = Schemas["Principle"];

/** The principle whose wording the last endorsement just agreed (outlives the reload that follows). */
const justAgreed = signal<string | null>(null);

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
  const t = useT().principle;
  const canStand =
    isFacilitator.value && !props.archived && p.status !== "retired" && (proposal || p.status === "agreed");
  return (
    <section class="card" aria-labelledby="stances-title">
      <h2 id="stances-title">
        {proposal
          ? proposal.kind === "retire"
            ? t.retiring
            : fill(t.agreementOn, { n: proposal.version?.number ?? "" })
          : t.agreement}
      </h2>
      {justAgreed.value === p.id && p.status === "agreed" && !proposal && <AgreedMoment title={p.current.title} />}
      {!proposal && p.status === "agreed" && <p class="muted small">{t.everyEndorsed}</p>}
      {proposal && (
        <p class="muted small">
          {fill(t.proposedWhen, { when: fromNow(proposal.createdAt) })}{" "}
          {proposal.awaiting.length
            ? fill(t.awaitingOrgs, {
                organizations: new Intl.ListFormat(locale()).format(proposal.awaiting.map(orgName)),
              })
            : ""}
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
                      ? t.endorsed
                      : t.agreedWord
                    : state === "object"
                      ? t.objected
                      : t.awaitingWord}
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
      {!isFacilitator.value && proposal && <p class="muted small">{t.facilitatorsDecide}</p>}
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
  const t = useT().principle;
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
      // This endorsement was the last one: the wording is now every organization's.
      const agreedNow =
        stance === "endorse" && proposal?.kind !== "retire" && r.value.status === "agreed" && !r.value.proposal;
      justAgreed.value = agreedNow ? props.principle.id : null;
      props.onChanged();
    }
  };
  return (
    <form class="form stance-form" onSubmit={(e) => e.preventDefault()}>
      <h3 class="small-heading">{reopen ? t.yourView : props.current ? t.changeStance : t.yourStance}</h3>
      {reopen && <p class="muted small">{t.objectReopens}</p>}
      <TextAreaField label={t.note} {...SHORT_NOTE} hint={t.noteHint} value={note} onValue={setNote} />
      <ErrorNote error={action.error} fields={{ note: t.note }} title={t.notRecorded} />
      <div class="form-actions">
        {!reopen && (
          <button
            type="button"
            class="btn btn-primary"
            disabled={action.busy || props.current === "endorse"}
            onClick={() => send("endorse")}
          >
            {props.current === "endorse" ? t.endorsed : t.endorse}
          </button>
        )}
        <button
          type="button"
          class="btn btn-danger-quiet"
          disabled={action.busy || props.current === "object"}
          onClick={() => send("object")}
        >
          {props.current === "object" ? t.objected : t.object}
        </button>
      </div>
    </form>
  );
}

/** The moment a principle becomes agreed: said out loud (a status) and shown, not passed over. */
function AgreedMoment(props: { title: string }) {
  const t = useT().principles;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} class="note note-success agreed-moment" role="status">
      <p class="note-title">
        <span aria-hidden="true">✓ </span>
        {t.agreedMoment}
      </p>
      <p>{fill(t.agreedMomentDetail, { title: props.title })}</p>
    </div>
  );
}
