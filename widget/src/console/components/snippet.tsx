/**
 * The copy-paste snippet for an intranet page: the content-hashed script URL with its integrity
 * hash and crossorigin, and the elements of one partnership.
 */
import { useState } from "preact/hooks";
import { ok } from "../../api";
import { useT } from "../i18n";
import { useLoad } from "../load";
import { Check, SelectField, TextField } from "./fields";
import { fillNodes } from "./fill-nodes";
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

/** The elements a snippet may hold, each with its label and hint in the catalogue. */
const ELEMENTS = [
  { tag: "accord-survey", label: "survey", hint: "surveyHint" },
  { tag: "accord-pulse", label: "pulse", hint: "pulseHint" },
  { tag: "accord-principles", label: "principles", hint: "principlesHint" },
  { tag: "accord-results", label: "results", hint: "resultsHint" },
] as const;

/** The embed token's claims, shown as code in the how-to; the audience is the literal "accord". */
const CLAIMS = ["iss", "sub", "aud", "exp", "name"] as const;
const AUDIENCE = '"accord"';

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
  const all = useT();
  const t = all.admin.snippet;
  const code = {
    ...Object.fromEntries(CLAIMS.map((claim) => [claim, <code>{claim}</code>])),
    accord: <code>{AUDIENCE}</code>,
  };
  return (
    <>
      {props.onPick && (
        <SelectField
          label={all.shell.partnership}
          hint={t.partnershipHint}
          value={pid ?? ""}
          disabled={list.length === 0}
          onValue={(v) => props.onPick?.(v)}
          empty={list.length === 0 ? t.noPartnership : undefined}
          options={list.map((p) => [p.id, p.name] as const)}
        />
      )}
      <fieldset class="choice-group choice-inline">
        <legend>{t.elements}</legend>
        {ELEMENTS.map((e) => (
          <Check
            key={e.tag}
            label={
              <>
                {t[e.label]} <span class="muted small">({t[e.hint]})</span>
              </>
            }
            checked={chosen.includes(e.tag)}
            onValue={(on) => setChosen(on ? [...chosen, e.tag] : chosen.filter((t) => t !== e.tag))}
          />
        ))}
      </fieldset>
      <TextField label={t.tokenUrl} hint={t.tokenUrlHint} class="mono" value={tokenUrl} onValue={setTokenUrl} />
      {!pid ? null : manifest.value.state === "loading" ? (
        <p class="muted">{t.lookingUp}</p>
      ) : !script ? (
        <Notice tone="warning" title={t.notBuilt}>
          <p>{t.build}</p>
        </Notice>
      ) : (
        <CopyField label={all.embed.snippet} value={snippet} multiline />
      )}
      <details class="howto">
        <summary>{t.howTo}</summary>
        <p>{fillNodes(t.howToBody, code)}</p>
      </details>
    </>
  );
}
