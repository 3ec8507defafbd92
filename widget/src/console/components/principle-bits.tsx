/** Pieces shared by the principles list and a principle's page: stances at a glance, the wording form, diffs. */
import { useState } from "preact/hooks";
import type { Failure, Schemas } from "../../api";
import { type DiffPart, wordDiff } from "../diff";
import { count, plural, useT } from "../i18n";
import { orgIndex, partnership } from "../session";
import { FormActions, TextAreaField, TextField } from "./fields";
import { ErrorNote } from "./ui";

type Principle = Schemas["Principle"];
export type Wording = { title: string; description: string; origin: string };

const TITLE_MAX = 80;
const DESCRIPTION_MAX = 600;
const ORIGIN_MAX = 600;

/** Each organization's stance on the open proposal, or "agreed by all" when nothing is open. */
export function StanceChips(props: { principle: Principle }) {
  const p = props.principle;
  const orgs = partnership.value?.organizations ?? [];
  const t = useT();
  if (p.status === "retired") return <p class="muted small">{t.common.status.retired}</p>;
  const proposal = p.proposal;
  if (!proposal) {
    return (
      <ul class="stances" aria-label={t.stances.label}>
        {orgs.map((o) => (
          <li key={o.id} class="stance stance-endorse">
            <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
            <span class="stance-org">{o.name}</span>
            <span class="stance-word">{t.stances.agreed}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul class="stances" aria-label={proposal.kind === "retire" ? t.stances.onRetiring : t.stances.onWording}>
      {orgs.map((o) => {
        const s = proposal.stances.find((x) => x.organizationId === o.id);
        const word = s ? (s.stance === "endorse" ? t.stances.endorsed : t.stances.objected) : t.stances.awaiting;
        return (
          <li key={o.id} class={`stance stance-${s ? s.stance : "awaiting"}`}>
            <span class={`swatch s${orgIndex(o.id)}`} aria-hidden="true" />
            <span class="stance-org">{o.name}</span>
            <span class="stance-word">
              <span aria-hidden="true">{s ? (s.stance === "endorse" ? "✓ " : "✕ ") : "… "}</span>
              {word}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A word diff: removed words struck through, added words highlighted, each announced to screen readers. */
function Diff(props: { before: string; after: string }) {
  const parts = wordDiff(props.before, props.after);
  const t = useT().insights.wording;
  return (
    <span class="diff">
      {parts.map((part: DiffPart, i) => {
        if (part.kind === "same") return <span key={i}>{part.text}</span>;
        // Mark the words only; the space after them stays plain.
        const words = part.text.trimEnd();
        const space = part.text.slice(words.length);
        return part.kind === "added" ? (
          <span key={i}>
            <ins>
              <span class="sr-only">{t.added} </span>
              {words}
            </ins>
            {space}
          </span>
        ) : (
          <span key={i}>
            <del>
              <span class="sr-only">{t.removed} </span>
              {words}
            </del>
            {space}
          </span>
        );
      })}
    </span>
  );
}

/** Before → after of a whole wording, field by field; unchanged fields are shown plainly. */
export function WordingDiff(props: { before: Wording; after: Wording }) {
  const t = useT();
  const rows: [string, keyof Wording][] = [
    [t.fields.title, "title"],
    [t.fields.description, "description"],
    [t.principle.issue, "origin"],
  ];
  return (
    <dl class="wording-diff">
      {rows.map(([label, key]) =>
        props.before[key] || props.after[key] ? (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              {props.before[key] === props.after[key] ? (
                props.after[key]
              ) : (
                <Diff before={props.before[key]} after={props.after[key]} />
              )}
            </dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

export const wordingOf = (v: { title: string; description: string; origin: string | null }): Wording => ({
  title: v.title,
  description: v.description,
  origin: v.origin ?? "",
});

/**
 * The wording form, in the order people think: the issue that hurts, then what good looks like.
 * With `compareTo`, a live diff shows what the new version changes.
 */
export function WordingForm(props: {
  initial: Wording;
  compareTo?: Wording;
  submitLabel: string;
  busy: boolean;
  error: Failure | null;
  onSubmit: (w: Wording) => void;
  onCancel: () => void;
}) {
  const [w, setW] = useState<Wording>(props.initial);
  const bind = (key: keyof Wording) => ({ value: w[key], onValue: (v: string) => setW({ ...w, [key]: v }) });
  const changedSomething =
    !props.compareTo ||
    w.title.trim() !== props.compareTo.title ||
    w.description.trim() !== props.compareTo.description ||
    w.origin.trim() !== props.compareTo.origin;
  const all = useT();
  const t = all.insights.wording;
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit({ title: w.title.trim(), description: w.description.trim(), origin: w.origin.trim() });
      }}
    >
      <TextAreaField
        label={all.fields.origin}
        optional
        hint={t.originHint}
        rows={3}
        maxLength={ORIGIN_MAX}
        {...bind("origin")}
      />
      <div class="turn" aria-hidden="true">
        ↓ {t.turned}
      </div>
      <TextField
        label={all.fields.principleId}
        hint={plural(t.titleHint, TITLE_MAX)}
        required
        maxLength={TITLE_MAX}
        {...bind("title")}
      />
      <TextAreaField
        label={all.fields.description}
        hint={t.descriptionHint}
        required
        rows={4}
        maxLength={DESCRIPTION_MAX}
        {...bind("description")}
      />
      <p class="muted small counter">{plural(t.characters, DESCRIPTION_MAX, { used: count(w.description.length) })}</p>
      {props.compareTo && changedSomething && (
        <div class="card card-quiet">
          <h3 class="small-heading">{t.changes}</h3>
          <WordingDiff
            before={props.compareTo}
            after={{ title: w.title.trim(), description: w.description.trim(), origin: w.origin.trim() }}
          />
        </div>
      )}
      <ErrorNote error={props.error} fields={{ title: all.fields.principleId }} title={t.notSaved} />
      <FormActions
        busy={props.busy}
        label={props.submitLabel}
        disabled={!w.title.trim() || !w.description.trim() || !changedSomething}
        onCancel={props.onCancel}
      />
    </form>
  );
}
