/**
 * The console's languages: English (bundled) and German (its own chunk, loaded only for German
 * readers). The person's choice is kept in localStorage; until they choose, the browser's
 * languages decide. Every date, number and count goes through the helpers here, so each language
 * has one date style and Intl's plural rules.
 */
import { computed, signal } from "@preact/signals";
import { fill, type Plural } from "../../i18n";
import { en, type Messages } from "./en";

export type { Messages };
export { fill, type Plural };

export const LANGUAGES = ["en", "de"] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language named in itself, for the language menus. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", de: "Deutsch" };

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The Intl locale of each language (British English: day before month, as the console always wrote). */
const LOCALES: Record<Language, string> = { en: "en-GB", de: "de-DE" };

const STORAGE_KEY = "accord.console.language";

function storage(win: Pick<Window, "localStorage"> | undefined = globalThis.window): Storage | null {
  try {
    return win?.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The language to speak: the person's choice, else the first of the browser's we speak, else English. */
export function resolveLanguage(
  choice: string | null | undefined,
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): Language {
  if (isLanguage(choice)) return choice;
  for (const tag of languages) {
    const primary = tag.split("-")[0]?.toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return "en";
}

export const language = signal<Language>(resolveLanguage(storage()?.getItem(STORAGE_KEY)));
const loaded = signal<Partial<Record<Language, Messages>>>({ en });

/** The words in the current language (English until another language's chunk has arrived). */
export const messages = computed<Messages>(() => loaded.value[language.value] ?? en);

/** The current words; reading them in a component re-renders it when the language changes. */
export const useT = (): Messages => messages.value;

/** The Intl locale of the current language. */
export const locale = (): string => LOCALES[language.value];

async function load(lang: Language): Promise<void> {
  if (loaded.value[lang]) return;
  const words = lang === "de" ? (await import("./de")).de : en;
  loaded.value = { ...loaded.value, [lang]: words };
}

/** Loads the language in use and sets <html lang> (before the first render, so nothing flashes). */
export async function startLanguage(doc: Document = document): Promise<void> {
  await load(language.value).catch(() => {
    language.value = "en";
  });
  doc.documentElement.lang = language.value;
}

/** Switches language and remembers the choice. */
export async function setLanguage(lang: Language, doc: Document = document): Promise<void> {
  try {
    storage()?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private windows may refuse storage; the choice then lasts until the page closes.
  }
  await load(lang);
  language.value = lang;
  doc.documentElement.lang = lang;
}

/** A count in words by the language's plural rules ("1 person", "2 people"); `{n}` is the count. */
export function plural(forms: Plural, n: number, values: Record<string, string | number> = {}, lang = locale()) {
  return fill(forms[new Intl.PluralRules(lang).select(n)] ?? forms.other, { ...values, n: count(n, lang) });
}

/** A whole number ("1,234", "1.234"). */
export const count = (n: number, lang = locale()) => new Intl.NumberFormat(lang).format(n);

/** A number with fixed decimals, with a true minus sign ("3.4", "−0.3", "3,4"). */
export function decimal(n: number, digits = 1, lang = locale()) {
  const text = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    Math.abs(n),
  );
  return Number(n.toFixed(digits)) < 0 ? `−${text}` : text;
}

/** A signed change: "+0.4", "−0.3", "±0.0". */
export function signedDecimal(n: number, digits = 1, lang = locale()) {
  const r = Number(n.toFixed(digits));
  if (r === 0) return `±${decimal(0, digits, lang)}`;
  return r > 0 ? `+${decimal(r, digits, lang)}` : decimal(r, digits, lang);
}

function parse(iso: string): Date {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

const DAY: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" };

/** `iso` written in `lang` with `options`; "" for none, and the text itself if it is not a date. */
function written(iso: string | null | undefined, lang: string, options: Intl.DateTimeFormatOptions): string {
  if (!iso) return "";
  const d = parse(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, options).format(d);
}

/**
 * The console's one date style per language: "16 December 2026", "16. Dezember 2026" (the widget's
 * "Open until 21 December" writes the same day the same way). Date-only values are read in UTC.
 */
export function formatDate(iso: string | null | undefined, lang = locale()): string {
  return written(iso, lang, iso?.length === 10 ? { ...DAY, timeZone: "UTC" } : DAY);
}

/** The same date with the time of day: "16 December 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined, lang = locale()): string {
  return written(iso, lang, { ...DAY, hour: "2-digit", minute: "2-digit" });
}

/** A month on a chart axis: "Dec 2026", "Dez. 2026". */
export function formatMonth(iso: string | number | Date, lang = locale()): string {
  return new Intl.DateTimeFormat(lang, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(iso));
}

/** "in 3 days", "2 hours ago", "vor 2 Stunden". */
export function fromNow(iso: string, now = Date.now(), lang = locale()): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
  ];
  for (const [unit, ms] of units) if (abs >= ms) return relative.format(Math.round(diff / ms), unit);
  return relative.format(0, "second");
}
