/**
 * Form building blocks: a labelled control with its hint (and, when its value is refused, an error
 * line), radio and check choices, and the row of form buttons. The label's `for`, the hint's and
 * error's ids in `aria-describedby` and `aria-invalid` are wired here once, so every form reads the
 * same to a screen reader.
 */
import type {
  ComponentChildren,
  InputHTMLAttributes,
  SelectHTMLAttributes,
  TargetedEvent,
  TextareaHTMLAttributes,
} from "preact";
import { useId } from "preact/hooks";
import { useT } from "../i18n";

interface FieldProps {
  label: string;
  hint?: ComponentChildren;
  optional?: boolean;
  /** A message about the value (shown under the control, which is then marked invalid). */
  error?: string | null | undefined;
  /** Marks the control invalid when the reason is shown elsewhere (e.g. a note under the form). */
  invalid?: boolean;
  /** A fixed id for the control (links and tests may name it); generated otherwise. */
  id?: string;
  /** "inline": label beside the control (filters); "compact": also smaller. */
  layout?: "inline" | "compact";
}

/** What a control gets from its field. */
interface ControlIds {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

/** A labelled form control; the control spreads the ids it is given. */
export function Field(props: FieldProps & { children: (ids: ControlIds) => ComponentChildren }) {
  const generated = useId();
  const id = props.id ?? generated;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const layout = props.layout === "compact" ? " field-inline field-compact" : props.layout ? " field-inline" : "";
  return (
    <div class={`field${layout}`}>
      <label for={id}>
        {props.label}
        {props.optional && <span class="optional">{useT().forms.optional}</span>}
      </label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.children({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": props.error || props.invalid ? true : undefined,
      })}
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

type Controlled = { value: string; onValue: (value: string) => void };
type Attributes<A> = Omit<A, keyof FieldProps | "value" | "onInput" | "onChange" | "children" | "label">;
const inputValue = (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
  e.currentTarget.value;

/** Splits a field's own props from the attributes meant for its control. */
function split<P extends FieldProps & Controlled>(props: P) {
  const { label, hint, optional, error, invalid, id, layout, value, onValue, ...control } = props;
  return { field: { label, hint, optional, error, invalid, id, layout }, value, onValue, control };
}

/** A labelled one-line input (text, number, date…). */
export function TextField(props: FieldProps & Controlled & Attributes<InputHTMLAttributes<HTMLInputElement>>) {
  const { field, value, onValue, control } = split(props);
  return (
    <Field {...field}>
      {(ids) => <input {...control} {...ids} value={value} onInput={(e) => onValue(inputValue(e))} />}
    </Field>
  );
}

/** A labelled multi-line input. */
export function TextAreaField(
  props: FieldProps & Controlled & Attributes<TextareaHTMLAttributes<HTMLTextAreaElement>>,
) {
  const { field, value, onValue, control } = split(props);
  return (
    <Field {...field}>
      {(ids) => <textarea {...control} {...ids} value={value} onInput={(e) => onValue(inputValue(e))} />}
    </Field>
  );
}

/** The attributes of a short optional note that goes with a decision (why retire, why lower, a stance). */
export const SHORT_NOTE = { optional: true, rows: 2, maxLength: 600 } as const;

/** [value, label] of one option. */
type Option = readonly [value: string, label: string];

/**
 * A labelled select: `empty` is a first option with the value "" (e.g. "Not linked"), then
 * `options`, then any children (optgroups).
 */
export function SelectField(
  props: FieldProps &
    Controlled &
    Attributes<SelectHTMLAttributes<HTMLSelectElement>> & {
      empty?: string;
      options?: readonly Option[];
      children?: ComponentChildren;
    },
) {
  const { empty, options, children, ...rest } = props;
  const { field, value, onValue, control } = split(rest);
  return (
    <Field {...field}>
      {(ids) => (
        <select {...control} {...ids} value={value} onChange={(e) => onValue(inputValue(e))}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options?.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
          {children}
        </select>
      )}
    </Field>
  );
}

/** A set of radio buttons under a legend; each choice's label may hold more than words. */
export function RadioGroup<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  choices: readonly (readonly [value: T, label: ComponentChildren])[];
  onValue: (value: T) => void;
  inline?: boolean;
}) {
  return (
    <fieldset class={`choice-group${props.inline ? " choice-inline" : ""}`}>
      <legend>{props.legend}</legend>
      {props.choices.map(([v, label]) => (
        <label key={v} class="choice">
          <input
            type="radio"
            name={props.name}
            value={v}
            checked={props.value === v}
            onChange={() => props.onValue(v)}
          />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A checkbox with its label beside it. */
export function Check(props: {
  label: ComponentChildren;
  checked: boolean;
  onValue: (checked: boolean) => void;
  class?: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <label class={`check${props.class ? ` ${props.class}` : ""}`}>
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onValue(e.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

/**
 * The buttons under a form: submit (saying `busyLabel` while it runs) and, when given, a way out
 * (`onCancel` as a button, or `cancelHref` as a link).
 */
export function FormActions(props: {
  label: string;
  busy: boolean;
  busyLabel?: string;
  disabled?: boolean;
  /** The submit button's look: primary unless it destroys ("danger") or is one of many ("plain"). */
  tone?: "danger" | "plain";
  onCancel?: () => void;
  cancelHref?: string;
  cancelLabel?: string;
  children?: ComponentChildren;
}) {
  const cancel = props.cancelLabel ?? useT().common.cancel;
  const tone = props.tone === "plain" ? "" : props.tone === "danger" ? " btn-danger" : " btn-primary";
  return (
    <div class="form-actions">
      <button type="submit" class={`btn${tone}`} disabled={props.busy || props.disabled}>
        {props.busy ? (props.busyLabel ?? useT().forms.saving) : props.label}
      </button>
      {props.onCancel && (
        <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
          {cancel}
        </button>
      )}
      {props.cancelHref && (
        <a class="btn btn-ghost" href={props.cancelHref}>
          {cancel}
        </a>
      )}
      {props.children}
    </div>
  );
}
