/** The console's building blocks: page header, states (loading, empty, error), badges, copy, dialogs. */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { Failure, Schemas } from "../../api";
import type { Loadable } from "../load";
import { Field } from "./fields";

export function PageHeader(props: {
  title: string;
  lead?: ComponentChildren;
  eyebrow?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <header class="page-header">
      <div class="page-header-text">
        {props.eyebrow && <p class="eyebrow">{props.eyebrow}</p>}
        <h1 tabIndex={-1} data-page-heading>
          {props.title}
        </h1>
        {props.lead && <p class="lead">{props.lead}</p>}
      </div>
      {props.actions && <div class="page-header-actions">{props.actions}</div>}
    </header>
  );
}

/** Renders loading, error (with retry) or the data. */
export function Async<T>(props: {
  value: Loadable<T>;
  onRetry?: () => void;
  label?: string;
  children: (data: T, refreshing: boolean) => ComponentChildren;
}) {
  const v = props.value;
  if (v.state === "loading") return <Loading label={props.label} />;
  if (v.state === "error") return <ErrorNote error={v.error} onRetry={props.onRetry} />;
  return <>{props.children(v.data, v.refreshing)}</>;
}

export function Loading(props: { label?: string | undefined }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label ?? "Loading…"}</span>
    </div>
  );
}

/** A readable API failure; says what to do for the common cases. */
export function ErrorNote(props: { error: Failure | null; onRetry?: (() => void) | undefined; title?: string }) {
  if (!props.error) return null;
  const e = props.error;
  const hint =
    e.status === 0
      ? "Check your connection and try again."
      : e.code === "rate_limited"
        ? `Too many attempts. Wait ${e.retryAfter ?? 60} seconds and try again.`
        : e.status === 404
          ? "It may have been removed, or you may not have access to it."
          : null;
  return (
    <div class="note note-error" role="alert">
      <p class="note-title">{props.title ?? (e.status === 0 ? "Could not reach Accord" : "That didn't work")}</p>
      <p>{e.message}</p>
      {hint && <p class="muted">{hint}</p>}
      {props.onRetry && (
        <button type="button" class="btn btn-small" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice(props: { children: ComponentChildren; tone?: "success" | "info" | "warning"; title?: string }) {
  return (
    <div class={`note note-${props.tone ?? "info"}`} role="status">
      {props.title && <p class="note-title">{props.title}</p>}
      {props.children}
    </div>
  );
}

export function EmptyState(props: { title: string; children?: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children && <div class="empty-body">{props.children}</div>}
      {props.action && <div class="empty-action">{props.action}</div>}
    </div>
  );
}

export function Badge(props: { tone?: string; children: ComponentChildren; title?: string }) {
  return (
    <span class={`badge badge-${props.tone ?? "neutral"}`} title={props.title}>
      {props.children}
    </span>
  );
}

/** The statuses a badge shows: principles', cycles' and actions' (the API's enums). */
type Status = Schemas["Principle"]["status"] | Schemas["Cycle"]["status"] | Schemas["Action"]["status"];

const STATUS_TONES: Record<Status, string> = {
  agreed: "success",
  proposed: "warning",
  retired: "neutral",
  scheduled: "info",
  open: "accent",
  closed: "neutral",
  in_progress: "accent",
  done: "success",
  dropped: "neutral",
};

const STATUS_LABELS: Partial<Record<Status, string>> = { in_progress: "In progress" };

export function StatusBadge(props: { status: Status; context?: "action" }) {
  const tone = props.context === "action" && props.status === "open" ? "info" : STATUS_TONES[props.status];
  const label = STATUS_LABELS[props.status] ?? props.status.charAt(0).toUpperCase() + props.status.slice(1);
  return <Badge tone={tone}>{label}</Badge>;
}

/** A secret or code shown once, with a copy button that says when it copied. */
export function CopyField(props: { label: string; value: string; multiline?: boolean; hint?: ComponentChildren }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied("yes");
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      ref.current?.select();
      setCopied("no");
    }
  };
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <Field label={props.label} hint={props.hint}>
      {(ids) => (
        <div class={`copy-field${props.multiline ? " copy-field-multi" : ""}`}>
          {props.multiline ? (
            <textarea {...ids} readOnly rows={5} value={props.value} ref={ref} />
          ) : (
            <input {...ids} readOnly value={props.value} ref={ref} class="mono" />
          )}
          <button type="button" class="btn btn-small" onClick={copy}>
            Copy
          </button>
          <span class="copy-status" role="status">
            {copied === "yes" ? "Copied" : copied === "no" ? "Selected: press Ctrl+C to copy" : ""}
          </span>
        </div>
      )}
    </Field>
  );
}

/** A one-time sign-in code to hand over, with the link that signs in with it. */
export function SignInCode(props: { code: string; label?: string }) {
  return (
    <>
      <CopyField label={props.label ?? "Sign-in code"} value={props.code} />
      <CopyField label="Sign-in link" value={`${location.origin}/sign-in?code=${encodeURIComponent(props.code)}`} />
    </>
  );
}

/** A modal dialog built on <dialog>: focus stays inside, Escape closes it. */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class={`dialog${props.wide ? " dialog-wide" : ""}`}
      aria-labelledby={titleId}
      onClose={props.onClose}
      onCancel={props.onClose}
    >
      {props.open && (
        <div class="dialog-body">
          <div class="dialog-head">
            <h2 id={titleId}>{props.title}</h2>
            <button type="button" class="btn btn-ghost btn-icon" onClick={props.onClose} aria-label="Close">
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {props.children}
        </div>
      )}
    </dialog>
  );
}

/**
 * A button that asks "Are you sure?" in place before a destructive action. Focus moves to the
 * confirming button, and back to the first button on cancel, so keyboard users never lose it.
 */
export function ConfirmButton(props: {
  label: string;
  confirm: string;
  onConfirm: () => void;
  busy?: boolean;
  tone?: "danger" | undefined;
  small?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (asking ? yes : first).current?.focus();
  }, [asking]);
  const ask = (next: boolean) => {
    moved.current = true;
    setAsking(next);
  };
  const size = props.small ? " btn-small" : "";
  if (!asking) {
    return (
      <button
        type="button"
        ref={first}
        class={`btn${size}${props.tone === "danger" ? " btn-danger-quiet" : ""}`}
        onClick={() => ask(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <span class="confirm-text">{props.confirm}</span>
      <button
        type="button"
        ref={yes}
        class={`btn${size} ${props.tone === "danger" ? "btn-danger" : "btn-primary"}`}
        disabled={props.busy}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        Yes, {props.label.toLowerCase()}
      </button>
      <button type="button" class={`btn${size} btn-ghost`} onClick={() => ask(false)}>
        Cancel
      </button>
    </span>
  );
}

/** A section of a page with its heading; `id` names the section (for links like #organizations). */
export function Section(props: {
  title: string;
  id?: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
  lead?: ComponentChildren;
}) {
  const generated = useId();
  const headingId = `${props.id ?? generated}-title`;
  return (
    <section class="section" id={props.id} aria-labelledby={headingId}>
      <div class="section-head">
        <div>
          <h2 id={headingId}>{props.title}</h2>
          {props.lead && <p class="section-lead">{props.lead}</p>}
        </div>
        {props.actions && <div class="section-actions">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}
