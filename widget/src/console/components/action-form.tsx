/** The action form: used on the actions board and, prefilled from a challenge or strength, on the results. */
import { useState } from "preact/hooks";
import type { Failure, Schemas } from "../../api";
import { orgIndex, partnership } from "../session";
import { ErrorNote, Field } from "./ui";

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

/** Owners from either organization, grouped by organization. */
export function OwnerSelect(props: {
  id: string;
  value: string;
  people: Member[];
  onChange: (v: string) => void;
  describedBy?: string | undefined;
}) {
  const orgs = partnership.value?.organizations ?? [];
  return (
    <select
      id={props.id}
      aria-describedby={props.describedBy}
      value={props.value}
      onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
    >
      <option value="">No owner yet</option>
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
    </select>
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
  const set = (key: keyof ActionDraft) => (e: Event) => setD({ ...d, [key]: (e.target as HTMLInputElement).value });
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
      <fieldset class="choice-group choice-inline">
        <legend>Kind</legend>
        <label class="choice">
          <input
            type="radio"
            name="action-kind"
            value="improve"
            checked={d.kind === "improve"}
            onChange={() => setD({ ...d, kind: "improve" })}
          />
          <span>Improve a gap</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="action-kind"
            value="celebrate"
            checked={d.kind === "celebrate"}
            onChange={() => setD({ ...d, kind: "celebrate" })}
          />
          <span>Celebrate a strength</span>
        </label>
      </fieldset>
      <Field label="What will be done">
        {({ id }) => <input id={id} required maxLength={200} value={d.title} onInput={set("title")} />}
      </Field>
      <Field label="Details" optional>
        {({ id }) => <textarea id={id} rows={3} maxLength={4000} value={d.detail} onInput={set("detail")} />}
      </Field>
      <div class="grid-2">
        <Field label="Owner" hint="Anyone in either organization.">
          {({ id, describedBy }) => (
            <OwnerSelect
              id={id}
              describedBy={describedBy}
              value={d.ownerId}
              people={props.people}
              onChange={(v) => setD({ ...d, ownerId: v })}
            />
          )}
        </Field>
        <Field label="Due date" optional>
          {({ id }) => <input id={id} type="date" value={d.dueOn} onInput={set("dueOn")} />}
        </Field>
      </div>
      {!props.fixedSource && (
        <div class="grid-2">
          <Field label="Principle" optional>
            {({ id }) => (
              <select id={id} value={d.principleId} onChange={set("principleId")}>
                <option value="">Not linked to a principle</option>
                {props.principles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="From cycle" optional>
            {({ id }) => (
              <select id={id} value={d.cycleId} onChange={set("cycleId")}>
                <option value="">Not from a cycle</option>
                {props.cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      <ErrorNote error={props.error} title="Action not saved" />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={props.busy || !d.title.trim()}>
          {props.busy ? "Saving…" : props.submitLabel}
        </button>
        <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
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
