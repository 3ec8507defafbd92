/**
 * The extension's languages: English and German, as the widget speaks them. The person's choice is
 * kept in storage (languageItem); until they choose, the browser's language decides.
 */
import { fill, type Strings, en as widgetEn } from "@accord/widget/i18n";
import { de as widgetDe } from "@accord/widget/i18n/de";
import { languageItem, type Notice } from "../storage";
import { de } from "./de";
import { en, type Words } from "./en";
import { isLanguage, LANGUAGES, type Language } from "./languages";

export { fill, type Plural, plural } from "@accord/widget/i18n";
export type { Words };
export { isLanguage, LANGUAGES, type Language };

const WORDS: Record<Language, Words> = { en, de };
const WIDGET: Record<Language, Strings> = { en: widgetEn, de: widgetDe };

/** The browser's preferred languages (none in a context without navigator, e.g. Node). */
const preferred = (): readonly string[] => globalThis.navigator?.languages ?? [];

/** The language to speak: the person's choice, else the first of the browser's we have, else English. */
export function resolveLanguage(choice: Language | null, languages: readonly string[] = preferred()): Language {
  if (choice) return choice;
  for (const tag of languages) {
    const primary = tag.split("-")[0]?.toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return "en";
}

/** The extension's words in a language. */
export const wordsFor = (lang: Language): Words => WORDS[lang];

/** The widget's words in a language (the survey page runs the widget's views). */
export const widgetStringsFor = (lang: Language): Strings => WIDGET[lang];

/** The language to speak now, read from storage (for the background and the pages' first render). */
export async function currentLanguage(): Promise<Language> {
  return resolveLanguage(await languageItem.getValue());
}

/** A notice from the background (Connection.notice) in words. */
export function noticeText(t: Words, notice: Notice): string {
  return notice.code === "refused" ? fill(t.notices.refused, { reason: notice.reason }) : t.notices[notice.code];
}
