/** A cycle's heading line, its fixed anonymity settings and its buttons (open, close, reopen), on the list and on its page. */
import type { Schemas } from "../../../api";
import { ConfirmButton, ErrorNote, StatusBadge } from "../../components/ui";
import { date, dateTime, fromNow } from "../../format";
import { fill, locale, messages, useT } from "../../i18n";
import { useAction } from "../../load";
import { cycleName } from "../../names";
import { hrefFor, surveysHref } from "../../router";
import { api, orgName, partnership } from "../../session";

type Cycle = Schemas["Cycle"];
type CycleDetail = Schemas["CycleDetail"];

export function CycleHead(props: { pid: string; cycle: Cycle }) {
  const c = props.cycle;
  const all = useT();
  const t = all.cycle;
  return (
    <div class="cycle-head">
      <div>
        <a class="row-title" href={hrefFor(props.pid, "cycles", c.id)}>
          {cycleName(c)}
        </a>
        <p class="muted small">
          {c.kind === "pulse" ? all.common.pulse : all.common.assessment} ·{" "}
          {c.source === "cadence" ? t.onCadence : t.byHand} ·{" "}
          {c.status === "scheduled"
            ? fill(t.opens, { at: dateTime(c.opensAt) })
            : c.status === "open"
              ? fill(t.closes, { when: fromNow(c.closesAt), at: dateTime(c.closesAt) })
              : fill(t.closed, { date: date(c.closesAt) })}
        </p>
      </div>
      <StatusBadge status={c.status} />
    </div>
  );
}

/** "k = 5, fixed when it opened": a cycle keeps the anonymity settings it opened with. */
export function CycleThresholds(props: { cycle: CycleDetail }) {
  const c = props.cycle;
  if (c.k === null) {
    return <p class="muted small cycle-k">{fill(useT().cycle.kLater, { k: partnership.value?.settings.k ?? 5 })}</p>;
  }
  return (
    <p class="muted small cycle-k">
      {fill(useT().cycle.kFixed, { k: c.k })}
      {c.commentThreshold !== null ? fill(useT().cycle.commentsFrom, { n: c.commentThreshold }) : ""}
    </p>
  );
}

const MOVES = {
  open: "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/open",
  close: "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/close",
  reopen: "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/reopen",
} as const;

export function CycleButtons(props: {
  pid: string;
  cycle: Cycle | CycleDetail;
  facilitator: boolean;
  onChanged: (c: CycleDetail) => void;
}) {
  const c = props.cycle;
  const detail = "closeEarly" in c ? c : null;
  const action = useAction();
  const params = { partnershipId: props.pid, cycleId: c.id };
  const move = async (to: keyof typeof MOVES) => {
    const r = await action.run(() => api("post", MOVES[to], { params }));
    if (r.ok) props.onChanged(r.value);
  };
  const short = detail && !detail.closeEarly.allowed ? detail.closeEarly.short : [];
  const whyId = `close-why-${c.id}`;
  const t = useT().cycle;
  return (
    <>
      <div class="button-row">
        {c.status === "open" && (
          <a class="btn" href={surveysHref(props.pid, c.id)}>
            {t.answer}
          </a>
        )}
        {props.facilitator && c.status === "scheduled" && (
          <button type="button" class="btn btn-primary" disabled={action.busy} onClick={() => move("open")}>
            {t.openNow}
          </button>
        )}
        {props.facilitator && c.status === "open" && short.length === 0 && (
          <ConfirmButton label={t.close} confirm={t.closeConfirm} busy={action.busy} onConfirm={() => move("close")} />
        )}
        {props.facilitator && c.status === "open" && short.length > 0 && (
          <button type="button" class="btn" disabled aria-describedby={whyId}>
            {t.close}
          </button>
        )}
        {c.status === "closed" && (
          <a class="btn btn-primary" href={hrefFor(props.pid, "results", undefined, { cycle: c.id })}>
            {t.viewResults}
          </a>
        )}
        {props.facilitator && c.status === "closed" && detail?.reopenable && (
          <ConfirmButton
            label={t.reopen}
            confirm={fill(t.reopenConfirm, { at: dateTime(detail.plannedClosesAt) })}
            busy={action.busy}
            onConfirm={() => move("reopen")}
          />
        )}
      </div>
      {props.facilitator && c.status === "open" && short.length > 0 && detail && (
        <p class="close-why small" id={whyId}>
          {closeWhy(short, detail.k)} {fill(t.closesItself, { when: fromNow(c.closesAt), at: dateTime(c.closesAt) })}
        </p>
      )}
      <ErrorNote error={action.error} />
    </>
  );
}

/** Why an open cycle cannot close early, in words: "Northwind Retail has fewer than 5 respondents; …". */
function closeWhy(short: string[], k: number | null) {
  const names = short.map(orgName);
  const t = messages.value.cycle;
  return fill(names.length === 1 ? t.whyOne : t.whyMany, {
    organizations: new Intl.ListFormat(locale()).format(names),
    k: k ?? "k",
  });
}
