/**
 * API validation messages in the form's own words. The API names a field by its path
 * (`Invalid "origins.2": Invalid URL`); a person reads the field as the form labels it
 * ("Allowed origin: this value is not valid"), and never sees an internal path.
 */
import type { Failure } from "../../api";
import { fill, type Messages, messages, plural } from ".";

/** Labels of the fields a form sends, by the API's field name (the path's first part). */
export type FieldLabels = Record<string, string>;

/** `Invalid "origins.2": Invalid URL`: a field's path, then the reason. */
const PATH = /^Invalid "([^"]+)": ?(.*)$/s;
/** `"commentThreshold" must be at least k (5)`: a sentence about a field. */
const SENTENCE = /^"([^"]+)" (must be at least .+)$/s;
const UNKNOWN = /^Unknown field |^Invalid (body|query|param|header)/;

/** The problem in plain words: the API's reason when it is already plain, else a short general one. */
function problem(reason: string, t: Messages): string {
  if (/must be after opensAt/.test(reason)) return t.errors.afterOpens;
  if (/must be in the future/.test(reason)) return t.errors.future;
  const days = /at most (\d+) days/.exec(reason);
  if (days) return plural(t.errors.maxDays, Number(days[1]));
  const long = /too big.*<=\s*(\d+)\s*characters/i.exec(reason);
  if (long) return plural(t.errors.tooLong, Number(long[1]));
  const short = /too small.*>=\s*(\d+)\s*characters/i.exec(reason);
  if (short) return Number(short[1]) <= 1 ? t.errors.required : plural(t.errors.tooShort, Number(short[1]));
  const big = /too big.*<=\s*(\d+)/i.exec(reason);
  if (big) return fill(t.errors.tooBig, { n: big[1] ?? "" });
  const small = /too small.*>=\s*(\d+)/i.exec(reason);
  if (small) return fill(t.errors.tooSmall, { n: small[1] ?? "" });
  if (/required|expected .*, received undefined/i.test(reason)) return t.errors.required;
  // A reason that names the API's own words (camelCase fields, types, quotes, paths) is not for people.
  if (!reason || /[a-z][A-Z]|"|_[a-z]/.test(reason) || /expected|invalid|pattern/i.test(reason))
    return t.errors.notValid;
  return reason;
}

/** A failure's message for people: field paths become the form's labels. */
export function humanMessage(error: Pick<Failure, "message">, labels: FieldLabels = {}, t = messages.value): string {
  const text = error.message;
  if (UNKNOWN.test(text)) return t.errors.unknownField;
  const all: FieldLabels = { ...t.fields, ...labels };
  const label = (path: string) => {
    const parts = path.split(".");
    return (
      all[path] ?? all[parts.filter((p) => !/^\d+$/.test(p)).join(".")] ?? all[parts[0] ?? ""] ?? t.errors.someField
    );
  };
  const sentence = SENTENCE.exec(text);
  if (sentence) {
    const least = /^must be at least (.+)$/.exec(sentence[2] ?? "");
    return fill(t.errors.fieldSentence, {
      field: label(sentence[1] ?? ""),
      problem: least ? fill(t.errors.mustBeAtLeast, { n: least[1] ?? "" }) : t.errors.notValid,
    });
  }
  const m = PATH.exec(text);
  if (!m) return text;
  return fill(t.errors.field, { field: label(m[1] ?? ""), problem: problem(m[2] ?? "", t) });
}
