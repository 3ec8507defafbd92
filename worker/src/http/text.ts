import { z } from "@hono/zod-openapi";

// Characters that render as nothing: zero-width and format characters, soft hyphen, Hangul fillers,
// Mongolian separators, variation selectors, braille blank and tag characters. Text made only of
// these (and whitespace) would pass `min(1)` while looking empty.
const INVISIBLE: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x2800, 0x2800],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];
const isInvisible = (cp: number) => INVISIBLE.some(([from, to]) => cp >= from && cp <= to);

/** What is wrong with already-trimmed text, or null. */
function problemWith(s: string, multiline: boolean): string | null {
  let visible = false;
  // Iterating by code point yields an unpaired surrogate as itself, so one pass finds those too.
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) {
      if (!(multiline && (cp === 0x09 || cp === 0x0a))) return "must not contain control characters";
    } else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      // Embeddings, overrides and isolates make text read differently from how it is stored
      // ("Trojan Source"). The plain marks U+200E, U+200F and U+061C only nudge neutral characters
      // and are ordinary in right-to-left writing, so they stay.
      return "must not contain bidirectional override characters";
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      return "must not contain unpaired surrogate characters";
    } else if (!visible && !/\s/.test(ch) && !isInvisible(cp)) {
      visible = true;
    }
  }
  return s === "" || visible ? null : "must contain visible text";
}

/**
 * A trimmed text field of at most `max` characters (at least `min`, default 1) that refuses control,
 * bidirectional-override and unpaired surrogate characters, and text with nothing visible in it.
 * `multiline` allows newlines (CRLF becomes LF) and tabs.
 */
export function text(opts: { max: number; min?: number; multiline?: boolean }) {
  const { max, min = 1, multiline = false } = opts;
  let schema = z.string().trim();
  if (multiline) schema = schema.overwrite((s) => s.replace(/\r\n?/g, "\n"));
  return schema
    .superRefine((s, ctx) => {
      const problem = problemWith(s, multiline);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .min(min)
    .max(max);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180 quoting). A text cell a spreadsheet would read as a formula gets a leading
 * `'`, so an exported name like `=HYPERLINK(…)` stays text; numbers are written as they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let cell = String(value);
  if (typeof value === "string" && FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
