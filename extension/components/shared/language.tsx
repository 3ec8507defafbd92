/** The language menu: each language named in itself; the choice is remembered for every page. */
import type { ComponentChild } from "preact";
import { fill, isLanguage, LANGUAGES, type Words, wordsFor } from "@/utils/i18n";
import { languageItem } from "@/utils/storage";

export function LanguageSelect({ t, hideLabel = false }: { t: Words; hideLabel?: boolean }) {
  return (
    <label class="language">
      <span class={hideLabel ? "visually-hidden" : "language-label"}>{t.language}</span>
      <select
        value={t.lang}
        onChange={(e) => {
          const chosen = (e.currentTarget as HTMLSelectElement).value;
          if (isLanguage(chosen)) void languageItem.setValue(chosen);
        }}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {wordsFor(lang).name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Keeps a page's <html lang> (and, if given, its title) in the language it speaks. */
export function speak(t: Words, title?: string | null, doc: Document = document): void {
  doc.documentElement.lang = t.lang;
  if (title) doc.title = title;
}

/** A sentence with one placeholder filled by markup, e.g. "Signed in as {name}" with the name in bold. */
export function withPart(
  template: string,
  name: string,
  part: ComponentChild,
  values: Record<string, string> = {},
): ComponentChild[] {
  const [before = "", after = ""] = template.split(`{${name}}`);
  return [fill(before, values), part, fill(after, values)];
}
