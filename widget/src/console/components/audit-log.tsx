/**
 * An audit log, newest first, paged with "Show older entries": the partnership's log and the
 * organization's log share the entry shape and the words for each action.
 */
import { useState } from "preact/hooks";
import type { Failure, Result, Schemas } from "../../api";
import { date, dateTime } from "../format";
import { fill, type Messages, messages, useT } from "../i18n";
import { useLoad } from "../load";
import { hrefFor } from "../router";
import { fillNodes } from "./fill-nodes";
import { EmptyState, ErrorNote, Loading } from "./ui";

/** An entry of a partnership's or an organization's audit log (one shape for both). */
type AuditEntry = Schemas["AuditEntry"];

/** What each audit action says, in the current language: a new action fails the type check here. */
const sentences = (): Record<AuditEntry["action"], string> => messages.value.admin.audit.actions;

interface Page {
  entries: AuditEntry[];
  next?: number | null;
}

/**
 * The entries of a log, loaded page by page. `load(before)` fetches the entries older than
 * `before` (the newest when undefined); a log that does not say where the next page starts is
 * paged from its oldest entry until a page comes back empty.
 */
export function AuditLog(props: {
  deps: readonly unknown[];
  load: (before: number | undefined, signal?: AbortSignal) => Promise<Result<Page>>;
  pid: string | null;
  known?: Map<string, string>;
  orgLabel: (id: string) => string | null;
  orgSeries?: (id: string) => number;
  empty?: string;
}) {
  const [pages, setPages] = useState<AuditEntry[][]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [moreError, setMoreError] = useState<Failure | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const nextOf = (p: Page) =>
    p.next !== undefined ? p.next : p.entries.length > 0 ? (p.entries[p.entries.length - 1]?.id ?? null) : null;
  const first = useLoad(async (signal) => {
    const r = await props.load(undefined, signal);
    if (r.ok) {
      setPages([r.value.entries]);
      setNext(nextOf(r.value));
    }
    return r;
  }, props.deps);
  const more = async () => {
    if (next === null) return;
    setLoadingMore(true);
    const r = await props.load(next);
    setLoadingMore(false);
    if (!r.ok) return setMoreError(r.error);
    setMoreError(null);
    setPages((ps) => [...ps, r.value.entries]);
    setNext(nextOf(r.value));
  };
  const t = useT();
  if (first.value.state === "loading") return <Loading label={t.admin.audit.loading} />;
  if (first.value.state === "error") return <ErrorNote error={first.value.error} onRetry={first.reload} />;
  const entries = pages.flat();
  if (entries.length === 0) return <EmptyState title={props.empty ?? t.admin.audit.empty} />;
  return (
    <>
      <ol class="audit">
        {entries.map((e) => (
          <AuditItem
            key={e.id}
            entry={e}
            pid={props.pid}
            known={props.known}
            orgLabel={props.orgLabel}
            orgSeries={props.orgSeries}
          />
        ))}
      </ol>
      <ErrorNote error={moreError} onRetry={more} />
      {next !== null && (
        <button type="button" class="btn" onClick={more} disabled={loadingMore}>
          {loadingMore ? t.common.loading : t.admin.audit.older}
        </button>
      )}
    </>
  );
}

function AuditItem(props: {
  entry: AuditEntry;
  pid: string | null;
  known: Map<string, string> | undefined;
  orgLabel: (id: string) => string | null;
  orgSeries: ((id: string) => number) | undefined;
}) {
  const e = props.entry;
  const orgId = e.actor?.organizationId;
  const org = orgId ? props.orgLabel(orgId) : null;
  return (
    <li class="audit-item">
      <time class="audit-time muted small" dateTime={e.at}>
        {dateTime(e.at)}
      </time>
      <p class="audit-text">
        {e.actor ? (
          <>
            {props.orgSeries && orgId && <span class={`swatch s${props.orgSeries(orgId)}`} aria-hidden="true" />}
            <strong>{e.actor.name}</strong>
            {org && <span class="muted"> ({org})</span>}
          </>
        ) : (
          <strong>Accord</strong>
        )}{" "}
        {fillNodes(sentences()[e.action], { target: <Target pid={props.pid} entry={e} known={props.known} /> })}
      </p>
      <Detail entry={e} />
    </li>
  );
}

function Target(props: { pid: string | null; entry: AuditEntry; known: Map<string, string> | undefined }) {
  const t = useT().admin.audit;
  const e = props.entry;
  const d = e.detail as Record<string, unknown>;
  const title = props.known?.get(e.targetId) ?? (typeof d.title === "string" ? d.title : null);
  const quoted = title ? fill(t.quoted, { title }) : null;
  const name = typeof d.name === "string" ? d.name : null;
  const pid = props.pid;
  switch (e.targetType) {
    case "principle":
      return pid ? (
        <a href={hrefFor(pid, "principles", e.targetId)}>{quoted ?? t.aPrinciple}</a>
      ) : (
        <span>{quoted ?? ""}</span>
      );
    case "cycle": {
      const words = quoted ?? (d.kind === "pulse" ? t.aPulse : t.anAssessment);
      return pid ? <a href={hrefFor(pid, "cycles", e.targetId)}>{words}</a> : <span>{words}</span>;
    }
    case "action":
      return pid ? (
        <a href={hrefFor(pid, "actions", e.targetId)}>{quoted ?? t.anAction}</a>
      ) : (
        <span>{quoted ?? ""}</span>
      );
    case "embed_key": {
      const label = typeof d.label === "string" && d.label ? d.label : null;
      return label ? <span>{fill(t.quoted, { title: label })}</span> : <code class="mono">{e.targetId}</code>;
    }
    case "person":
    case "organization":
      return <span>{name ?? props.known?.get(e.targetId) ?? ""}</span>;
    default:
      return null;
  }
}

/** The change in words, when the entry carries one (settings from → to, notes, roles). */
function Detail(props: { entry: AuditEntry }) {
  const t = useT().admin.audit;
  const d = props.entry.detail as Record<string, unknown>;
  const show = (v: unknown) => shown(v, t);
  const lines: string[] = [];
  if (d.changes && typeof d.changes === "object") {
    for (const [k, v] of Object.entries(d.changes as Record<string, unknown>)) {
      const label = t.settingNames[k] ?? k;
      // A proposal names only the new values; an applied change names both.
      if (v && typeof v === "object" && "to" in v) {
        const c = v as { from?: unknown; to: unknown };
        lines.push(`${label}: ${show(c.from)} → ${show(c.to)}`);
      } else lines.push(`${label} → ${show(v)}`);
    }
  }
  if (typeof d.note === "string" && d.note) lines.push(fill(t.note, { note: d.note }));
  if (typeof d.role === "string") lines.push(fill(t.role, { role: t.roles[d.role] ?? d.role }));
  if (d.from !== undefined && d.to !== undefined && typeof d.from !== "object") {
    lines.push(`${show(d.from)} → ${show(d.to)}`);
  }
  if (typeof d.provisioning === "boolean") lines.push(fill(t.provisioning, { value: show(d.provisioning) }));
  if (Array.isArray(d.origins)) lines.push(fill(t.origins, { list: d.origins.join(", ") || t.none }));
  if (Array.isArray(d.added) && d.added.length) lines.push(fill(t.added, { list: d.added.join(", ") }));
  if (Array.isArray(d.removed) && d.removed.length) lines.push(fill(t.removed, { list: d.removed.join(", ") }));
  if (typeof d.expiresAt === "string") lines.push(fill(t.codeValid, { date: date(d.expiresAt) }));
  if (lines.length === 0) return null;
  return (
    <ul class="audit-detail small">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/** A value of a change in words: lists, on/off, a role by its name, "—" for nothing. */
function shown(v: unknown, t: Messages["admin"]["audit"]): string {
  if (Array.isArray(v)) return v.join(", ") || t.none;
  if (v === true) return t.on;
  if (v === false) return t.off;
  if (v === null || v === undefined || v === "") return "—";
  // A role change's from and to are the API's role names.
  if (typeof v === "string" && Object.hasOwn(t.roles, v)) return t.roles[v] ?? v;
  return String(v);
}
