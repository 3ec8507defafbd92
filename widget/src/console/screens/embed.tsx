/**
 * Embed settings (facilitators): the origins allowed to embed the widget for your organization,
 * embed keys (create, rotate, revoke; a secret is shown once) and the copy-paste snippet with the
 * content-hashed script URL, its integrity hash and crossorigin.
 */
import { useEffect, useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { Async, ConfirmButton, CopyField, ErrorNote, Field, Notice, PageHeader, Section } from "../components/ui";
import { dateTime, fromNow } from "../format";
import { useAction, useLoad } from "../load";
import { api, isFacilitator, type Me, partnership } from "../session";
import { useTitle } from "../title";

type EmbedKey = Schemas["EmbedKey"];
type NewEmbedKey = Schemas["NewEmbedKey"];

export function EmbedScreen(props: { pid: string; me: Me }) {
  useTitle("Embed", partnership.value?.settings.name);
  if (!isFacilitator.value) {
    return (
      <>
        <PageHeader title="Embed on your intranet" />
        <Notice>Only facilitators manage embedding. Ask one of your organization's facilitators.</Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Embed on your intranet"
        lead={`Put Accord's rating widget on ${props.me.organization.name}'s intranet: allow its address, create a key for your intranet server, and paste the snippet.`}
      />
      <Origins pid={props.pid} me={props.me} />
      <Keys pid={props.pid} />
      <Snippet pid={props.pid} />
    </>
  );
}

function Origins(props: { pid: string; me: Me }) {
  const org = partnership.value?.organizations.find((o) => o.id === props.me.organization.id);
  const [origins, setOrigins] = useState<string[]>(org?.allowedOrigins ?? []);
  const [draft, setDraft] = useState("");
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const archived = partnership.value?.archived ?? false;
  const save = async (next: string[]) => {
    setSaved(false);
    const r = await action.run(() =>
      api("put", "/api/v1/partnerships/{partnershipId}/organizations/{organizationId}/allowed-origins", {
        params: { partnershipId: props.pid, organizationId: props.me.organization.id },
        body: { origins: next },
      }),
    );
    if (!r.ok) return false;
    setOrigins(r.value.origins);
    setSaved(true);
    const p = partnership.value;
    if (p) {
      partnership.value = {
        ...p,
        organizations: p.organizations.map((o) =>
          o.id === props.me.organization.id ? { ...o, allowedOrigins: r.value.origins } : o,
        ),
      };
    }
    return true;
  };
  return (
    <Section
      title="1. Allowed origins"
      id="origins"
      lead="The intranet addresses that may show the widget for your organization. Requests from anywhere else are refused."
    >
      {origins.length ? (
        <ul class="row-list">
          {origins.map((o) => (
            <li key={o} class="row-item">
              <code class="mono">{o}</code>
              {!archived && (
                <button
                  type="button"
                  class="btn btn-small btn-danger-quiet"
                  disabled={action.busy}
                  onClick={() => save(origins.filter((x) => x !== o))}
                >
                  Remove<span class="sr-only"> {o}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No origins yet: the widget works nowhere until you add one.</p>
      )}
      {!archived && (
        <form
          class="form inline-add"
          onSubmit={async (e) => {
            e.preventDefault();
            const value = draft.trim().replace(/\/+$/, "");
            if (!value) return;
            if (await save([...origins.filter((o) => o !== value), value])) setDraft("");
          }}
        >
          <Field label="Add an origin" hint="Scheme and host, with a port if any, e.g. https://intranet.example.com">
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                class="mono"
                inputMode="url"
                placeholder="https://intranet.example.com"
                value={draft}
                onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <button type="submit" class="btn" disabled={action.busy || !draft.trim()}>
            Add origin
          </button>
        </form>
      )}
      <ErrorNote error={action.error} title="Origins not saved" />
      {saved && <Notice tone="success">Allowed origins saved.</Notice>}
    </Section>
  );
}

function Keys(props: { pid: string }) {
  const params = { partnershipId: props.pid };
  const keys = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/embed-keys", { params, signal }),
    [props.pid],
  );
  const [label, setLabel] = useState("");
  const [fresh, setFresh] = useState<{ key: NewEmbedKey; rotatedFrom?: string } | null>(null);
  const action = useAction();
  const archived = partnership.value?.archived ?? false;
  const show = (key: NewEmbedKey, rotatedFrom?: string) => {
    setFresh({ key, ...(rotatedFrom ? { rotatedFrom } : {}) });
    keys.reload();
  };
  return (
    <Section
      title="2. Embed keys"
      id="keys"
      lead="Your intranet server signs a short-lived token for each signed-in employee with a key's secret. Rotate keys regularly: the old key keeps working until you revoke it."
    >
      {fresh && (
        <div class="card card-highlight" aria-live="polite">
          <h3>{fresh.rotatedFrom ? "New key from rotation" : "New key"}: copy the secret now</h3>
          <p>
            This is the only time Accord shows it. Store it in your intranet server's secrets.
            {fresh.rotatedFrom && " Switch your server to the new key, then revoke the old one."}
          </p>
          <CopyField label="Key id (the token's “iss”)" value={fresh.key.id} />
          <CopyField label="Secret (HS256)" value={fresh.key.secret} />
          <button type="button" class="btn btn-small" onClick={() => setFresh(null)}>
            I've stored it
          </button>
        </div>
      )}
      <ErrorNote error={action.error} title="Key not changed" />
      <Async value={keys.value} onRetry={keys.reload} label="Loading keys…">
        {({ keys: list }) => (
          <KeyList
            keys={list}
            archived={archived}
            busy={action.busy}
            onRotate={async (k) => {
              const r = await action.run(() =>
                api("post", "/api/v1/partnerships/{partnershipId}/embed-keys/{keyId}/rotate", {
                  params: { ...params, keyId: k.id },
                }),
              );
              if (r.ok) show(r.value, k.id);
            }}
            onRevoke={async (k) => {
              const r = await action.run(() =>
                api("delete", "/api/v1/partnerships/{partnershipId}/embed-keys/{keyId}", {
                  params: { ...params, keyId: k.id },
                }),
              );
              if (r.ok) {
                if (fresh?.key.id === k.id) setFresh(null);
                keys.reload();
              }
            }}
          />
        )}
      </Async>
      {!archived && (
        <form
          class="form inline-add"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await action.run(() =>
              api("post", "/api/v1/partnerships/{partnershipId}/embed-keys", {
                params,
                body: label.trim() ? { label: label.trim() } : {},
              }),
            );
            if (r.ok) {
              setLabel("");
              show(r.value);
            }
          }}
        >
          <Field label="Label for a new key" optional hint="Where it is used, e.g. “Intranet production”.">
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                maxLength={80}
                value={label}
                onInput={(e) => setLabel((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <button type="submit" class="btn btn-primary" disabled={action.busy}>
            Create key
          </button>
        </form>
      )}
    </Section>
  );
}

function KeyList(props: {
  keys: EmbedKey[];
  archived: boolean;
  busy: boolean;
  onRotate: (k: EmbedKey) => void;
  onRevoke: (k: EmbedKey) => void;
}) {
  const active = props.keys.filter((k) => !k.revokedAt);
  const revoked = props.keys.filter((k) => k.revokedAt);
  if (props.keys.length === 0) return <p class="muted">No keys yet.</p>;
  return (
    <>
      <ul class="row-list">
        {active.map((k) => (
          <li key={k.id} class="row-item">
            <div>
              <p class="row-title">{k.label || "Unlabelled key"}</p>
              <p class="muted small">
                <code class="mono">{k.id}</code> · created {dateTime(k.createdAt)} ·{" "}
                {k.lastUsedAt ? `last used ${fromNow(k.lastUsedAt)}` : "never used"}
              </p>
            </div>
            {!props.archived && (
              <div class="button-row">
                <button type="button" class="btn btn-small" disabled={props.busy} onClick={() => props.onRotate(k)}>
                  Rotate<span class="sr-only"> {k.label || k.id}</span>
                </button>
                <ConfirmButton
                  small
                  tone="danger"
                  label="Revoke"
                  confirm="Revoke it? Tokens it signed stop working at once."
                  busy={props.busy}
                  onConfirm={() => props.onRevoke(k)}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {revoked.length > 0 && (
        <details class="revoked">
          <summary>{revoked.length} revoked</summary>
          <ul class="row-list">
            {revoked.map((k) => (
              <li key={k.id} class="row-item muted">
                <span>
                  {k.label || "Unlabelled key"} · <code class="mono">{k.id}</code>
                </span>
                <span class="small">revoked {dateTime(k.revokedAt)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** The embed script's content-hashed file and its SRI hash, from the build's manifest. */
export interface EmbedScript {
  src: string;
  integrity: string;
}

/** Reads the manifest the widget build writes next to the script (tolerant of its exact field names). */
export function parseManifest(json: unknown, origin: string): EmbedScript | null {
  if (!json || typeof json !== "object") return null;
  const m = json as Record<string, unknown>;
  const pick = (...keys: string[]) =>
    keys.map((k) => m[k]).find((v): v is string => typeof v === "string" && v.length > 0);
  const file = pick("src", "url", "script", "file", "path", "hashed");
  const integrity = pick("integrity", "sri");
  if (!file || !integrity) return null;
  const src = /^https?:\/\//.test(file)
    ? file
    : new URL(file.startsWith("/") ? file : `/embed/v1/${file}`, origin).href;
  return { src, integrity };
}

const ELEMENTS = [
  { tag: "accord-survey", label: "Survey", hint: "the open assessment" },
  { tag: "accord-pulse", label: "Pulse", hint: "one question, one click" },
  { tag: "accord-principles", label: "Principles", hint: "the agreed principles" },
  { tag: "accord-results", label: "Results", hint: "latest published results" },
] as const;

function Snippet(props: { pid: string }) {
  const [script, setScript] = useState<EmbedScript | null | "loading" | "missing">("loading");
  const [chosen, setChosen] = useState<string[]>(["accord-pulse", "accord-survey"]);
  const [tokenUrl, setTokenUrl] = useState("/accord/token");
  useEffect(() => {
    const controller = new AbortController();
    fetch("/embed/v1/manifest.json", { signal: controller.signal, credentials: "omit" })
      .then((r) => (r.ok ? r.json() : null))
      .then((json) => setScript(parseManifest(json, location.origin) ?? "missing"))
      .catch(() => !controller.signal.aborted && setScript("missing"));
    return () => controller.abort();
  }, []);
  const tags = ELEMENTS.filter((e) => chosen.includes(e.tag))
    .map(
      (e) =>
        `<${e.tag} partnership="${props.pid}" token-url="${tokenUrl}"${e.tag === "accord-results" ? ' cycle="latest"' : ""}></${e.tag}>`,
    )
    .join("\n");
  const snippet =
    script && typeof script === "object"
      ? `<script src="${script.src}"\n        integrity="${script.integrity}"\n        crossorigin="anonymous" defer></script>\n${tags}`
      : "";
  return (
    <Section
      title="3. Snippet"
      id="snippet"
      lead="Paste it into the intranet page. The script URL is content-hashed and checked by its integrity hash."
    >
      <fieldset class="choice-group choice-inline">
        <legend>Elements</legend>
        {ELEMENTS.map((e) => (
          <label key={e.tag} class="check">
            <input
              type="checkbox"
              checked={chosen.includes(e.tag)}
              onChange={(ev) =>
                setChosen(
                  (ev.target as HTMLInputElement).checked ? [...chosen, e.tag] : chosen.filter((t) => t !== e.tag),
                )
              }
            />
            {e.label} <span class="muted small">({e.hint})</span>
          </label>
        ))}
      </fieldset>
      <Field
        label="Token URL on your intranet"
        hint="Same-origin address on your intranet that returns a fresh embed token for the signed-in employee."
      >
        {({ id, describedBy }) => (
          <input
            id={id}
            aria-describedby={describedBy}
            class="mono"
            value={tokenUrl}
            onInput={(e) => setTokenUrl((e.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      {script === "loading" ? (
        <p class="muted">Looking up the current script…</p>
      ) : script === "missing" || script === null ? (
        <Notice tone="warning" title="The embed script is not built on this server">
          <p>Build the UI (npm run build:ui) and reload this page to get the snippet.</p>
        </Notice>
      ) : (
        <CopyField label="Snippet" value={snippet} multiline />
      )}
      <details class="howto">
        <summary>How your intranet server signs the token</summary>
        <p>
          Return a JWT signed with HS256 using the key's secret, with <code>iss</code> = the key id, <code>sub</code> =
          the employee's e-mail or intranet id, <code>aud</code> = <code>"accord"</code>, <code>exp</code> at most one
          hour ahead, and optionally <code>name</code>. Accord creates the person in your organization on first use.
        </p>
      </details>
    </Section>
  );
}
