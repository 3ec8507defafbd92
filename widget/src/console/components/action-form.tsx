/** The action form: used on the actions board and, prefilled from a challenge or strength, on the results. */
import { useState } from "preact/hooks";
import type { Failure, Schemas } from "../../api";
import { useT } from "../i18n";
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
    <SelectField
      label={props.label}
      hint={props.hint}
      value={props.value}
      onValue={props.onValue}
      empty={useT().insights.actionForm.noOwnerYet}
    >
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
  const all = useT();
  const t = all.insights.actionForm;
  const kinds = [
    ["improve", all.actions.improve],
    ["celebrate", all.actions.celebrate],
  ] as const;
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
          <span class="muted">{all.action.from}</span> <strong>{props.fixedSource.principle}</strong>{" "}
          <span class="muted">· {props.fixedSource.cycle}</span>
        </p>
      )}
      <RadioGroup
        legend={all.fields.kind}
        name="action-kind"
        inline
        value={d.kind}
        choices={kinds}
        onValue={(kind) => setD({ ...d, kind })}
      />
      <TextField label={t.what} required maxLength={200} {...bind("title")} />
      <TextAreaField label={all.fields.detail} optional rows={3} maxLength={4000} {...bind("detail")} />
      <div class="grid-2">
        <OwnerField label={all.fields.ownerId} hint={t.ownerHint} people={props.people} {...bind("ownerId")} />
        <TextField label={all.fields.dueOn} optional type="date" {...bind("dueOn")} />
      </div>
      {!props.fixedSource && (
        <div class="grid-2">
          <SelectField
            label={all.fields.principleId}
            optional
            empty={t.noPrinciple}
            options={props.principles.map((p) => [p.id, p.title] as const)}
            {...bind("principleId")}
          />
          <SelectField
            label={all.fields.cycleId}
            optional
            empty={t.noCycle}
            options={props.cycles.map((c) => [c.id, c.name] as const)}
            {...bind("cycleId")}
          />
        </div>
      )}
      <ErrorNote error={props.error} fields={{ title: t.what }} title={t.notSaved} />
      <FormActions busy={props.busy} label={props.submitLabel} disabled={!d.title.trim()} onCancel={props.onCancel} />
    </form>
  );
}

/** "Maya Lindqvist (Northwind Retail)" with the organization's colour. */
export function OwnerName(props: { owner: { name: string; organizationId: string } | null; compact?: boolean }) {
  if (!props.owner) return <span class="muted">{useT().insights.actionForm.noOwner}</span>;
  const org = partnership.value?.organizations.find((o) => o.id === props.owner?.organizationId);
  return (
    <span class="owner" title={org?.name}>
      <span class={`swatch s${orgIndex(props.owner.organizationId)}`} aria-hidden="true" />
      {props.owner.name}
      {org && <span class={props.compact ? "sr-only" : "muted"}> · {org.name}</span>}
    </span>
  );
}
