/**
 * A word diff for principle wording: the longest common subsequence of words, so an edit shows
 * as a few struck and inserted words rather than two whole paragraphs. Principle texts are at most
 * 600 characters (~100 words), so the quadratic table stays tiny.
 */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Words and the whitespace after them, so joining the parts gives back the original texts. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** The difference from `before` to `after`, word by word, with neighbouring parts of a kind merged. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  const key = (t: string) => t.trim();
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      const next = lcs[i + 1] as number[];
      row[j] =
        key(a[i] as string) === key(b[j] as string)
          ? (next[j + 1] as number) + 1
          : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i] as string) === key(b[j] as string)) {
      push("same", b[j] as string);
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      push("removed", a[i++] as string);
    } else {
      push("added", b[j++] as string);
    }
  }
  while (i < a.length) push("removed", a[i++] as string);
  while (j < b.length) push("added", b[j++] as string);
  return parts;
}

/** Whether two wordings differ in anything but spacing. */
export function changed(before: string, after: string) {
  return before.trim().split(/\s+/).join(" ") !== after.trim().split(/\s+/).join(" ");
}
