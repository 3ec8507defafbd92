/** The confirmation after an action is created: what was created and the link to it. */
import { useEffect, useRef } from "preact/hooks";
import { fill, useT } from "../i18n";
import { hrefFor } from "../router";

/** Says the action was created, with the link to it; focus moves here so the dialog's closing is not silent. */
export function ActionCreated(props: { pid: string; action: { id: string; title: string }; onDismiss: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} class="note note-success action-created" role="status">
      <p class="note-title">{t.actions.created}</p>
      <p>
        {fill(t.actions.createdDetail, { title: props.action.title })}{" "}
        <a href={hrefFor(props.pid, "actions", props.action.id)}>{t.actions.open}</a>
      </p>
      <button type="button" class="btn btn-small btn-ghost" onClick={props.onDismiss}>
        {t.common.close}
      </button>
    </div>
  );
}
