/** Scheduling a cycle by hand: an assessment or a pulse, opening now or at a set time. */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { FormActions, RadioGroup, SelectField, TextField } from "../../components/fields";
import { ErrorNote, Notice } from "../../components/ui";
import { toLocalInput } from "../../format";
import { messages, plural } from "../../i18n";
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

  if (props.principles.length === 0) {
    return (
      <Notice tone="warning" title="Agree a principle first">
        <p>
          A cycle asks about agreed principles. <a href={hrefFor(props.pid, "principles")}>Go to principles</a>.
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
      <h2 id="schedule-title">Schedule a cycle</h2>
      <RadioGroup
        legend="Kind"
        name="kind"
        value={kind}
        onValue={setKind}
        choices={[
          [
            "assessment",
            <>
              <strong>Assessment</strong>
              <span class="muted small">
                {" "}
                every agreed principle ({props.principles.length}), performance and importance
              </span>
            </>,
          ],
          [
            "pulse",
            <>
              <strong>Pulse</strong>
              <span class="muted small"> one principle, one click</span>
            </>,
          ],
        ]}
      />
      <TextField
        label="Title"
        optional
        hint="e.g. “Spring 2026 assessment”."
        maxLength={120}
        value={title}
        onValue={setTitle}
      />
      {kind === "pulse" && (
        <SelectField
          label="Principle"
          empty="The one with the largest gap last time"
          options={props.principles.map((p) => [p.id, p.current.title] as const)}
          value={principleId}
          onValue={setPrincipleId}
        />
      )}
      <RadioGroup
        legend="Opens"
        name="when"
        value={when}
        onValue={setWhen}
        choices={[
          ["later", "At a set time"],
          ["now", "Right away"],
        ]}
      />
      <div class="grid-2">
        {when === "later" && (
          <TextField label="Opens at" type="datetime-local" required value={opensAt} onValue={setOpensAt} />
        )}
        <TextField
          label="Closes at"
          hint={`Default: ${plural(messages.value.counts.day, days)} after it opens.`}
          type="datetime-local"
          value={closesAt || defaultClose}
          onValue={setClosesAt}
        />
      </div>
      <ErrorNote error={action.error} title="Not scheduled" />
      <FormActions
        busy={action.busy}
        busyLabel="Scheduling…"
        label={when === "now" ? "Open it now" : "Schedule"}
        onCancel={props.onCancel}
      />
    </form>
  );
}
