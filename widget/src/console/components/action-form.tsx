/** The action form: used on the actions board and, prefilled from a challenge or strength, on the results. */
import { useState } from "preact/hooks";
import type { Failure, Schemas } from "../../api";
import { orgIndex, partnership } from "../session";
import { FormActions, RadioGroup, SelectField, TextAreaField, TextField } from "./fields";
import { ErrorNote } from "./ui";

type Member = Schemas["Member"];
export type ActionDraft = {
  kind: "improve" | "celebrate";
  title: string;
  detail: string;
  principleId: string;
  cycleId: string;
  ownerId: string;
  dueOn: string;
};

export const emptyAction: ActionDraft = {
  kind: "improve",
  title: "",
  detail: "",
  principleId: "",
  cycleId: "",
  ownerId: "",
  dueOn: "",
};

/** The API body for a draft: empty choices become null. */
export function actionBody(d: ActionDraft) {
  return {
    kind: d.kind,
    title: d.title.trim(),
    detail: d.detail.trim(),
    principleId: d.principleId || null,
    cycleId: d.cycleId || null,
    ownerId: d.ownerId || null,
    dueOn: d.dueOn || null,
  };
}

/** A field choosing an owner from either organization, grouped by organization. */
function OwnerField(props: {
  label: string;
  hint?: string;
  value: string;
  people: Member[];
  onValue: (v: string) => void;
}) {
  const orgs = partnership.value?.organizations ?? [];
  return (
    <SelectField label={props.label} hint={props.hint} value={props.value} onValue={props.onValue} empty="No owner yet">
      {orgs.map((o) => (
        <optgroup key={o.id} label={o.name}>
          {props.people
            .filter((p) => p.organizationId === o.id)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

const KINDS = [
  ["improve", "Improve a gap"],
  ["celebrate", "Celebrate a strength"],
] as const;

export function ActionForm(props: {
  initial: ActionDraft;
  people: Member[];
  principles: { id: string; title: string }[];
  cycles: { id: string; name: string }[];
  /** Principle and cycle are set by where the action comes from (results): shown, not chosen. */
  fixedSource?: { principle: string; cycle: string };
  submitLabel: string;
  busy: boolean;
  error: Failure | null;
  onSubmit: (d: ActionDraft) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<ActionDraft>(props.initial);
  const bind = (key: Exclude<keyof ActionDraft, "kind">) => ({
    value: d[key],
    onValue: (v: string) => setD({ ...d, [key]: v }),
  });
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(d);
      }}
    >
      {props.fixedSource && (
        <p class="source-line">
          <span class="muted">From</span> <strong>{props.fixedSource.principle}</strong>{" "}
          <span class="muted">· {props.fixedSource.cycle}</span>
        </p>
      )}
      <RadioGroup
        legend="Kind"
        name="action-kind"
        inline
        value={d.kind}
        choices={KINDS}
        onValue={(kind) => setD({ ...d, kind })}
      />
      <TextField label="What will be done" required maxLength={200} {...bind("title")} />
      <TextAreaField label="Details" optional rows={3} maxLength={4000} {...bind("detail")} />
      <div class="grid-2">
        <OwnerField label="Owner" hint="Anyone in either organization." people={props.people} {...bind("ownerId")} />
        <TextField label="Due date" optional type="date" {...bind("dueOn")} />
      </div>
      {!props.fixedSource && (
        <div class="grid-2">
          <SelectField
            label="Principle"
            optional
            empty="Not linked to a principle"
            options={props.principles.map((p) => [p.id, p.title] as const)}
            {...bind("principleId")}
          />
          <SelectField
            label="From cycle"
            optional
            empty="Not from a cycle"
            options={props.cycles.map((c) => [c.id, c.name] as const)}
            {...bind("cycleId")}
          />
        </div>
      )}
      <ErrorNote error={props.error} fields={{ title: "What will be done" }} title="Action not saved" />
      <FormActions busy={props.busy} label={props.submitLabel} disabled={!d.title.trim()} onCancel={props.onCancel} />
    </form>
  );
}

/** "Maya Lindqvist (Northwind Retail)" with the organization's colour. */
export function OwnerName(props: { owner: { name: string; organizationId: string } | null; compact?: boolean }) {
  if (!props.owner) return <span class="muted">No owner</span>;
  const org = partnership.value?.organizations.find((o) => o.id === props.owner?.organizationId);
  return (
    <span class="owner" title={org?.name}>
      <span class={`swatch s${orgIndex(props.owner.organizationId)}`} aria-hidden="true" />
      {props.owner.name}
      {org && <span class={props.compact ? "sr-only" : "muted"}> · {org.name}</span>}
    </span>
  );
}
