/**
 * The copy-paste snippet for an intranet page: the content-hashed script URL with its integrity
 * hash and crossorigin, and the elements of one partnership.
 */
import { useState } from "preact/hooks";
import { ok } from "../../api";
import { useLoad } from "../load";
import { Check, SelectField, TextField } from "./fields";
import { CopyField, Notice } from "./ui";

/** The embed script's content-hashed file and its SRI hash, from the build's manifest. */
interface EmbedScript {
  src: string;
  integrity: string;
}

/** Reads the manifest the widget build writes next to the script (tolerant of its exact field names). */
function parseManifest(json: unknown, origin: string): EmbedScript | null {
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

/** The snippet builder for one partnership; `partnerships` adds a picker when there is a choice. */
export function Snippet(props: {
  pid: string | null;
  partnerships?: { id: string; name: string }[];
  onPick?: (pid: string) => void;
}) {
  // null: the server has no embed script built.
  const manifest = useLoad(
    (signal) =>
      fetch("/embed/v1/manifest.json", { signal, credentials: "omit" })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)
        .then((json) => ok(parseManifest(json, location.origin))),
    [],
  );
  const script = manifest.value.state === "ready" ? manifest.value.data : null;
  const [chosen, setChosen] = useState<string[]>(["accord-pulse", "accord-survey"]);
  const [tokenUrl, setTokenUrl] = useState("/accord/token");
  const pid = props.pid;
  const tags = ELEMENTS.filter((e) => chosen.includes(e.tag))
    .map(
      (e) =>
        `<${e.tag} partnership="${pid}" token-url="${tokenUrl}"${e.tag === "accord-results" ? ' cycle="latest"' : ""}></${e.tag}>`,
    )
    .join("\n");
  const snippet = script
    ? `<script src="${script.src}"\n        integrity="${script.integrity}"\n        crossorigin="anonymous" defer></script>\n${tags}`
    : "";
  const list = props.partnerships ?? [];
  return (
    <>
      {props.onPick && (
        <SelectField
          label="Partnership"
          hint="The elements show this partnership's principles, surveys and results."
          value={pid ?? ""}
          disabled={list.length === 0}
          onValue={(v) => props.onPick?.(v)}
          empty={list.length === 0 ? "Your organization is in no partnership yet" : undefined}
          options={list.map((p) => [p.id, p.name] as const)}
        />
      )}
      <fieldset class="choice-group choice-inline">
        <legend>Elements</legend>
        {ELEMENTS.map((e) => (
          <Check
            key={e.tag}
            label={
              <>
                {e.label} <span class="muted small">({e.hint})</span>
              </>
            }
            checked={chosen.includes(e.tag)}
            onValue={(on) => setChosen(on ? [...chosen, e.tag] : chosen.filter((t) => t !== e.tag))}
          />
        ))}
      </fieldset>
      <TextField
        label="Token URL on your intranet"
        hint="Same-origin address on your intranet that returns a fresh embed token for the signed-in employee."
        class="mono"
        value={tokenUrl}
        onValue={setTokenUrl}
      />
      {!pid ? null : manifest.value.state === "loading" ? (
        <p class="muted">Looking up the current script…</p>
      ) : !script ? (
        <Notice tone="warning" title="The embed script is not built on this server">
          <p>Build the UI (npm run build:ui) and reload this page to get the snippet.</p>
        </Notice>
      ) : (
        <CopyField label="Snippet" value={snippet} multiline />
      )}
      <details class="howto">
        <summary>How your intranet server signs the token</summary>
        <p>
          Return a JWT signed with HS256 using an embed key's secret, with <code>iss</code> = the key id,{" "}
          <code>sub</code> = the employee's e-mail or intranet id, <code>aud</code> = <code>"accord"</code>,{" "}
          <code>exp</code> at most one hour ahead, and optionally <code>name</code>. When your organization allows
          intranet provisioning, Accord creates the person on first use; otherwise only people already in your
          organization's directory get in.
        </p>
      </details>
    </>
  );
}
