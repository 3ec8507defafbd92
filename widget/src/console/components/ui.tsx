/** The console's building blocks: page header, states (loading, empty, error), badges, copy, dialogs. */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { Failure, Schemas } from "../../api";
import { fill, language, useT } from "../i18n";
import { type FieldLabels, humanMessage } from "../i18n/field-errors";
import type { Loadable } from "../load";
import { Field } from "./fields";

export function PageHeader(props: {
  title: string;
  lead?: ComponentChildren;
  eyebrow?: ComponentChildren;
  actions?: ComponentChildren;
  /** The screen's primary action (new, propose, invite, schedule): a button, when one applies. */
  primary?: { label: string; onClick: () => void } | false;
}) {
  const { primary } = props;
  const actions = primary ? (
    <button type="button" class="btn btn-primary" onClick={primary.onClick}>
      {primary.label}
    </button>
  ) : (
    props.actions
  );
  return (
    <header class="page-header">
      <div class="page-header-text">
        {props.eyebrow && <p class="eyebrow">{props.eyebrow}</p>}
        <h1 tabIndex={-1} data-page-heading>
          {props.title}
        </h1>
        {props.lead && <p class="lead">{props.lead}</p>}
      </div>
      {actions && <div class="page-header-actions">{actions}</div>}
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
      <span>{props.label ?? useT().common.loading}</span>
    </div>
  );
}

/** A readable API failure; says what to do for the common cases. */
export function ErrorNote(props: {
  error: Failure | null;
  onRetry?: (() => void) | undefined;
  title?: string;
  /** The form's labels by API field name, so a validation error names the field as the form does. */
  fields?: FieldLabels;
}) {
  const t = useT();
  if (!props.error) return null;
  const e = props.error;
  const hint =
    e.status === 0
      ? t.errors.checkConnection
      : e.code === "rate_limited"
        ? fill(t.errors.rateLimited, { seconds: e.retryAfter ?? 60 })
        : e.status === 404
          ? t.errors.gone
          : null;
  return (
    <div class="note note-error" role="alert">
      <p class="note-title">{props.title ?? (e.status === 0 ? t.errors.offline : t.errors.failed)}</p>
      <p>{humanMessage(e, props.fields, t)}</p>
      {hint && <p class="muted">{hint}</p>}
      {props.onRetry && (
        <button type="button" class="btn btn-small" onClick={props.onRetry}>
          {t.common.tryAgain}
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

export function StatusBadge(props: { status: Status; context?: "action" }) {
  const tone = props.context === "action" && props.status === "open" ? "info" : STATUS_TONES[props.status];
  const label = useT().common.status[props.status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** A secret or code shown once, with a copy button that says when it copied. */
export function CopyField(props: { label: string; value: string; multiline?: boolean; hint?: ComponentChildren }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const t = useT();
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
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
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
            {t.common.copy}
          </button>
          <span class="copy-status" role="status">
            {copied === "yes" ? t.common.copied : copied === "no" ? t.common.copySelected : ""}
          </span>
        </div>
      )}
    </Field>
  );
}

/** A one-time sign-in code to hand over, with the link that signs in with it. */
export function SignInCode(props: { code: string; label?: string }) {
  const t = useT();
  return (
    <>
      <CopyField label={props.label ?? t.common.signInCode} value={props.code} />
      <CopyField
        label={t.common.signInLink}
        value={`${location.origin}/sign-in?code=${encodeURIComponent(props.code)}`}
      />
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
            <button
              type="button"
              class="btn btn-ghost btn-icon"
              onClick={props.onClose}
              aria-label={useT().common.close}
            >
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
        {fill(useT().common.yes, { action: language.value === "de" ? props.label : props.label.toLowerCase() })}
      </button>
      <button type="button" class={`btn${size} btn-ghost`} onClick={() => ask(false)}>
        {useT().common.cancel}
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
