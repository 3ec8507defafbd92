/** Adding a note to a thread (a principle's comments, an action's progress notes). */
import { useState } from "preact/hooks";
import type { Result } from "../../api";
import { useAction } from "../load";
import { FormActions, TextAreaField } from "./fields";
import { ErrorNote } from "./ui";

export function NoteForm<T>(props: {
  label: string;
  submitLabel: string;
  busyLabel: string;
  errorTitle: string;
  send: (body: string) => Promise<Result<T>>;
  onSent: (value: T) => void;
}) {
  const [body, setBody] = useState("");
  const action = useAction();
  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await action.run(() => props.send(body.trim()));
        if (r.ok) {
          setBody("");
          props.onSent(r.value);
        }
      }}
    >
      <TextAreaField label={props.label} rows={3} maxLength={2000} value={body} onValue={setBody} />
      <ErrorNote error={action.error} fields={{ body: props.label, note: props.label }} title={props.errorTitle} />
      <FormActions
        busy={action.busy}
        busyLabel={props.busyLabel}
        label={props.submitLabel}
        disabled={!body.trim()}
        tone="plain"
      />
    </form>
  );
}
