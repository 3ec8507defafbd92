/**
 * An audit log, newest first, paged with "Show older entries": the partnership's log and the
 * organization's log share the entry shape and the words for each action.
 */
import { useState } from "preact/hooks";
import type { Failure, Result, Schemas } from "../../api";
import { date, dateTime } from "../format";
import { useLoad } from "../load";
import { hrefFor } from "../router";
import { EmptyState, ErrorNote, Loading } from "./ui";

/** An entry of a partnership's or an organization's audit log (one shape for both). */
type AuditEntry = Schemas["AuditEntry"];

/** Every audit action the API can write (the schema's enum): a new one fails the type check here. */
const VERBS: Record<AuditEntry["action"], string> = {
  "partnership.created": "created the partnership",
  "settings.updated": "changed settings",
  "settings.proposed": "proposed lowering the anonymity settings",
  "settings.approved": "approved lowering the anonymity settings",
  "settings.rejected": "rejected lowering the anonymity settings",
  "settings.applied": "completed agreement on lowering the anonymity settings",
  "partnership.archived": "archived the partnership",
  "partnership.restored": "restored the partnership",
  "organization.invited": "invited an organization",
  "organization.origins_updated": "changed the allowed origins of",
  "organization.provisioning_changed": "changed intranet provisioning for",
  "principle.proposed": "proposed a principle",
  "principle.version_proposed": "proposed new wording",
  "principle.retirement_proposed": "proposed retiring a principle",
  "principle.endorsed": "endorsed",
  "principle.objected": "objected to",
  "principle.agreed": "completed agreement on",
  "principle.retired": "completed retiring",
  "principle.commented": "commented on",
  "cycle.scheduled": "scheduled a cycle",
  "cycle.opened": "opened a cycle",
  "cycle.closed": "closed a cycle and published its results",
  "cycle.reopened": "reopened a cycle",
  "person.invited": "invited",
  "person.updated": "updated the details of",
  "person.removed": "removed",
  "person.restored": "restored",
  "person.recovery_issued": "issued an account recovery code for",
  "person.provisioned": "added from the intranet",
  "person.role_changed": "changed the role of",
  "action.created": "created an action",
  "action.updated": "updated an action",
  "action.noted": "added a progress note",
  "embed_key.created": "created an embed key",
  "embed_key.rotated": "rotated an embed key",
  "embed_key.revoked": "revoked an embed key",
  "channel.connected": "connected a channel for nudges",
  "channel.replaced": "replaced a channel for nudges",
  "channel.removed": "removed a channel for nudges",
};

const auditVerb = (action: AuditEntry["action"]) => VERBS[action];

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
  if (first.value.state === "loading") return <Loading label="Loading the audit log…" />;
  if (first.value.state === "error") return <ErrorNote error={first.value.error} onRetry={first.reload} />;
  const entries = pages.flat();
  if (entries.length === 0) return <EmptyState title={props.empty ?? "Nothing recorded yet."} />;
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
          {loadingMore ? "Loading…" : "Show older entries"}
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
        {auditVerb(e.action)} <Target pid={props.pid} entry={e} known={props.known} />
      </p>
      <Detail entry={e} />
    </li>
  );
}

function Target(props: { pid: string | null; entry: AuditEntry; known: Map<string, string> | undefined }) {
  const e = props.entry;
  const d = e.detail as Record<string, unknown>;
  const title = props.known?.get(e.targetId) ?? (typeof d.title === "string" ? d.title : null);
  const name = typeof d.name === "string" ? d.name : null;
  const pid = props.pid;
  switch (e.targetType) {
    case "principle":
      return pid ? (
        <a href={hrefFor(pid, "principles", e.targetId)}>{title ? `“${title}”` : "a principle"}</a>
      ) : (
        <span>{title ? `“${title}”` : ""}</span>
      );
    case "cycle": {
      const words = title ? `“${title}”` : d.kind === "pulse" ? "(pulse)" : "(assessment)";
      return pid ? <a href={hrefFor(pid, "cycles", e.targetId)}>{words}</a> : <span>{words}</span>;
    }
    case "action":
      return pid ? (
        <a href={hrefFor(pid, "actions", e.targetId)}>{title ? `“${title}”` : "(an action)"}</a>
      ) : (
        <span>{title ? `“${title}”` : ""}</span>
      );
    case "embed_key": {
      const label = typeof d.label === "string" && d.label ? d.label : null;
      return label ? <span>“{label}”</span> : <code class="mono">{e.targetId}</code>;
    }
    case "person":
    case "organization":
      return <span>{name ?? props.known?.get(e.targetId) ?? ""}</span>;
    default:
      return null;
  }
}

const SETTING_NAMES: Record<string, string> = {
  k: "k",
  commentThreshold: "comment threshold",
  externalId: "e-mail or intranet id",
  admin: "admin",
  name: "name",
  provisioning: "intranet provisioning",
};

/** The change in words, when the entry carries one (settings from → to, notes, roles). */
function Detail(props: { entry: AuditEntry }) {
  const d = props.entry.detail as Record<string, unknown>;
  const lines: string[] = [];
  if (d.changes && typeof d.changes === "object") {
    for (const [k, v] of Object.entries(d.changes as Record<string, unknown>)) {
      const label = SETTING_NAMES[k] ?? k;
      // A proposal names only the new values; an applied change names both.
      if (v && typeof v === "object" && "to" in v) {
        const c = v as { from?: unknown; to: unknown };
        lines.push(`${label}: ${show(c.from)} → ${show(c.to)}`);
      } else lines.push(`${label} → ${show(v)}`);
    }
  }
  if (typeof d.note === "string" && d.note) lines.push(`Note: “${d.note}”`);
  if (typeof d.role === "string") lines.push(`Role: ${d.role}`);
  if (d.from !== undefined && d.to !== undefined && typeof d.from !== "object") {
    lines.push(`${show(d.from)} → ${show(d.to)}`);
  }
  if (typeof d.provisioning === "boolean") lines.push(`Intranet provisioning: ${show(d.provisioning)}`);
  if (Array.isArray(d.origins)) lines.push(`Origins: ${d.origins.join(", ") || "none"}`);
  if (Array.isArray(d.added) && d.added.length) lines.push(`Added: ${d.added.join(", ")}`);
  if (Array.isArray(d.removed) && d.removed.length) lines.push(`Removed: ${d.removed.join(", ")}`);
  if (typeof d.expiresAt === "string") lines.push(`Code valid until ${date(d.expiresAt)}`);
  if (lines.length === 0) return null;
  return (
    <ul class="audit-detail small">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.join(", ") || "none";
  if (v === true) return "on";
  if (v === false) return "off";
  if (v === null || v === undefined || v === "") return "—";
  return String(v);
}
