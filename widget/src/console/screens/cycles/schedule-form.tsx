/** Scheduling a cycle by hand: an assessment or a pulse, opening now or at a set time. */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { FormActions, RadioGroup, SelectField, TextField } from "../../components/fields";
import { ErrorNote, Notice } from "../../components/ui";
import { toLocalInput } from "../../format";
import { count, fill, plural, useT } from "../../i18n";
import { useAction } from "../../load";
import { hrefFor } from "../../router";
import { api } from "../../session";

type CycleDetail = Schemas["CycleDetail"];
type Principle = Schemas["Principle"];

export function ScheduleForm(props: {
  pid: string;
  principles: Principle[];
  windowDays: number;
  onCancel: () => void;
  onDone: (c: CycleDetail) => void;
}) {
  const [kind, setKind] = useState<"assessment" | "pulse">("assessment");
  const [title, setTitle] = useState("");
  const [when, setWhen] = useState<"now" | "later">("later");
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const [opensAt, setOpensAt] = useState(toLocalInput(tomorrow.getTime()));
  const [closesAt, setClosesAt] = useState("");
  const [principleId, setPrincipleId] = useState("");
  const action = useAction();
  const days = kind === "assessment" ? props.windowDays : 7;
  const start = when === "now" ? Date.now() : new Date(opensAt).getTime();
  const defaultClose = Number.isNaN(start) ? "" : toLocalInput(start + days * 86_400_000);
  const all = useT();
  const t = all.insights.cycles;

  if (props.principles.length === 0) {
    return (
      <Notice tone="warning" title={t.agreeFirst}>
        <p>
          {t.asksAgreed} <a href={hrefFor(props.pid, "principles")}>{all.cycles.toPrinciples}</a>.
        </p>
      </Notice>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    const close = closesAt || defaultClose;
    const r = await action.run(() =>
      api("post", "/api/v1/partnerships/{partnershipId}/cycles", {
        params: { partnershipId: props.pid },
        body: {
          kind,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(when === "later" ? { opensAt: new Date(opensAt).toISOString() } : {}),
          ...(close ? { closesAt: new Date(close).toISOString() } : {}),
          ...(kind === "pulse" && principleId ? { principleId } : {}),
        },
      }),
    );
    if (r.ok) props.onDone(r.value);
  };

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="schedule-title">
      <h2 id="schedule-title">{all.cycles.schedule}</h2>
      <RadioGroup
        legend={all.fields.kind}
        name="kind"
        value={kind}
        onValue={setKind}
        choices={[
          [
            "assessment",
            <>
              <strong>{all.common.assessment}</strong>
              <span class="muted small"> {fill(t.assessmentHint, { n: count(props.principles.length) })}</span>
            </>,
          ],
          [
            "pulse",
            <>
              <strong>{all.common.pulse}</strong>
              <span class="muted small"> {t.pulseHint}</span>
            </>,
          ],
        ]}
      />
      <TextField
        label={all.fields.title}
        optional
        hint={t.titleHint}
        maxLength={120}
        value={title}
        onValue={setTitle}
      />
      {kind === "pulse" && (
        <SelectField
          label={all.fields.principleId}
          empty={t.largestGap}
          options={props.principles.map((p) => [p.id, p.current.title] as const)}
          value={principleId}
          onValue={setPrincipleId}
        />
      )}
      <RadioGroup
        legend={t.opens}
        name="when"
        value={when}
        onValue={setWhen}
        choices={[
          ["later", t.later],
          ["now", t.now],
        ]}
      />
      <div class="grid-2">
        {when === "later" && (
          <TextField label={all.fields.opensAt} type="datetime-local" required value={opensAt} onValue={setOpensAt} />
        )}
        <TextField
          label={all.fields.closesAt}
          hint={fill(t.defaultClose, { days: plural(all.counts.day, days) })}
          type="datetime-local"
          value={closesAt || defaultClose}
          onValue={setClosesAt}
        />
      </div>
      <ErrorNote error={action.error} title={t.notScheduled} />
      <FormActions
        busy={action.busy}
        busyLabel={t.scheduling}
        label={when === "now" ? t.openNow : t.schedule}
        onCancel={props.onCancel}
      />
    </form>
  );
}
