/** The audit log (facilitators): every change to principles, cycles, settings and memberships, newest first. */
import { useState } from "preact/hooks";
import type { Failure, Schemas } from "../../api";
import { EmptyState, ErrorNote, Loading, Notice, PageHeader } from "../components/ui";
import { dateTime } from "../format";
import { useLoad } from "../load";
import { hrefFor } from "../router";
import { api, isFacilitator, orgIndex, orgName, partnership } from "../session";
import { useTitle } from "../title";
import { cycleName } from "./home";

type Entry = Schemas["AuditEntry"];

const VERBS: Record<string, string> = {
  "partnership.created": "created the partnership",
  "settings.updated": "changed settings",
  "partnership.archived": "archived the partnership",
  "partnership.restored": "restored the partnership",
  "organization.invited": "invited an organization",
  "organization.origins_updated": "changed allowed origins",
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
  "person.invited": "invited",
  "person.removed": "removed",
  "person.role_changed": "changed the role of",
  "action.created": "created an action",
  "action.updated": "updated an action",
  "action.noted": "added a progress note",
  "embed_key.created": "created an embed key",
  "embed_key.rotated": "rotated an embed key",
  "embed_key.revoked": "revoked an embed key",
};

/** Words for an action code we do not know yet: "thing.done_now" → "thing done now". */
const verb = (action: string) => VERBS[action] ?? action.replace(/[._]/g, " ");

export function AuditScreen(props: { pid: string }) {
  useTitle("Audit log", partnership.value?.settings.name);
  const [pages, setPages] = useState<Entry[][]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [moreError, setMoreError] = useState<Failure | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Entries name what they touched by id: look the current names up once, to say “which” in words.
  const names = useLoad(
    async (signal) => {
      const params = { partnershipId: props.pid };
      const [principles, cycles, actions] = await Promise.all([
        api("get", "/api/v1/partnerships/{partnershipId}/principles", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/actions", { params, signal }),
      ]);
      const map = new Map<string, string>();
      if (principles.ok) for (const p of principles.value.principles) map.set(p.id, p.current.title);
      if (cycles.ok) for (const c of cycles.value.cycles) map.set(c.id, cycleName(c));
      if (actions.ok) for (const a of actions.value.actions) map.set(a.id, a.title);
      return { ok: true as const, value: map, status: 200, headers: new Headers() };
    },
    [props.pid],
  );
  const known = names.value.state === "ready" ? names.value.data : new Map<string, string>();
  const first = useLoad(
    async (signal) => {
      const r = await api("get", "/api/v1/partnerships/{partnershipId}/audit", {
        params: { partnershipId: props.pid },
        query: { limit: 50 },
        signal,
      });
      if (r.ok) {
        setPages([r.value.entries]);
        setNext(r.value.next);
      }
      return r;
    },
    [props.pid],
  );
  if (!isFacilitator.value) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Notice>The audit log is for facilitators.</Notice>
      </>
    );
  }
  const entries = pages.flat();
  const more = async () => {
    if (next === null) return;
    setLoadingMore(true);
    const r = await api("get", "/api/v1/partnerships/{partnershipId}/audit", {
      params: { partnershipId: props.pid },
      query: { before: next, limit: 50 },
    });
    setLoadingMore(false);
    if (!r.ok) return setMoreError(r.error);
    setMoreError(null);
    setPages((ps) => [...ps, r.value.entries]);
    setNext(r.value.next);
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        lead="Who changed what, and when: principles, cycles, settings and people. Facilitators of every organization see the same record."
      />
      {first.value.state === "loading" && <Loading label="Loading the audit log…" />}
      {first.value.state === "error" && <ErrorNote error={first.value.error} onRetry={first.reload} />}
      {first.value.state === "ready" &&
        (entries.length === 0 ? (
          <EmptyState title="Nothing recorded yet." />
        ) : (
          <>
            <ol class="audit">
              {entries.map((e) => (
                <li key={e.id} class="audit-item">
                  <time class="audit-time muted small" dateTime={e.at}>
                    {dateTime(e.at)}
                  </time>
                  <p class="audit-text">
                    {e.actor ? (
                      <>
                        <span class={`swatch s${orgIndex(e.actor.organizationId)}`} aria-hidden="true" />
                        <strong>{e.actor.name}</strong> <span class="muted">({orgName(e.actor.organizationId)})</span>
                      </>
                    ) : (
                      <strong>Accord</strong>
                    )}{" "}
                    {verb(e.action)} <Target pid={props.pid} entry={e} known={known} />
                  </p>
                  <Detail entry={e} />
                </li>
              ))}
            </ol>
            <ErrorNote error={moreError} onRetry={more} />
            {next !== null && (
              <button type="button" class="btn" onClick={more} disabled={loadingMore}>
                {loadingMore ? "Loading…" : "Show older entries"}
              </button>
            )}
          </>
        ))}
    </>
  );
}

function Target(props: { pid: string; entry: Entry; known: Map<string, string> }) {
  const e = props.entry;
  const d = e.detail as Record<string, unknown>;
  const title = props.known.get(e.targetId) ?? (typeof d.title === "string" ? d.title : null);
  const name = typeof d.name === "string" ? d.name : null;
  switch (e.targetType) {
    case "principle":
      return <a href={hrefFor(props.pid, "principles", e.targetId)}>{title ? `“${title}”` : "a principle"}</a>;
    case "cycle":
      return (
        <a href={hrefFor(props.pid, "cycles", e.targetId)}>
          {title ? `“${title}”` : d.kind === "pulse" ? "(pulse)" : "(assessment)"}
        </a>
      );
    case "action":
      return <a href={hrefFor(props.pid, "actions", e.targetId)}>{title ? `“${title}”` : "(an action)"}</a>;
    case "person":
      return <span>{name ?? ""}</span>;
    case "organization":
      return <span>{name ?? ""}</span>;
    default:
      return null;
  }
}

/** The change in words, when the entry carries one (settings from → to, notes, roles). */
function Detail(props: { entry: Entry }) {
  const d = props.entry.detail as Record<string, unknown>;
  const lines: string[] = [];
  if (d.changes && typeof d.changes === "object") {
    for (const [k, v] of Object.entries(d.changes as Record<string, { from: unknown; to: unknown }>)) {
      lines.push(`${k}: ${show(v?.from)} → ${show(v?.to)}`);
    }
  }
  if (typeof d.note === "string" && d.note) lines.push(`Note: “${d.note}”`);
  if (typeof d.role === "string") lines.push(`Role: ${d.role}`);
  if (typeof d.from === "string" && typeof d.to === "string") lines.push(`${d.from} → ${d.to}`);
  if (Array.isArray(d.origins)) lines.push(`Origins: ${d.origins.join(", ") || "none"}`);
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
  if (v === null || v === undefined || v === "") return "—";
  return String(v);
}
