/** Numbers, dates and times as the person reads them, in the extension's language. */
import type { Language } from "@/utils/i18n";

// Creating a formatter is the costly part (tens of milliseconds the first time in a fresh
// extension process), so each is made once per language and reused.
const formats = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
  key: string,
  make: () => F,
): F {
  let format = formats.get(key) as F | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** "14 Mar", "14. März" (with the year when it is not this year): the one date format of each language. */
export function shortDate(lang: Language, iso: string, now = new Date()): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  const withYear = date.getFullYear() !== now.getFullYear();
  return cached(
    `date:${lang}:${withYear}`,
    () => new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", ...(withYear ? { year: "numeric" } : {}) }),
  ).format(date);
}

/** A count ("1,234", "1.234"). */
export function count(lang: Language, n: number): string {
  return cached(`number:${lang}`, () => new Intl.NumberFormat(lang)).format(n);
}

/** Seconds left, as a countdown ("3s", "3 s"). */
export function seconds(lang: Language, n: number): string {
  return cached(
    `seconds:${lang}`,
    () => new Intl.NumberFormat(lang, { style: "unit", unit: "second", unitDisplay: "narrow" }),
  ).format(n);
}

/** `justNow` under a minute, then "5 minutes ago", "3 hours ago", "yesterday", "4 days ago" in the language. */
export function ago(lang: Language, justNow: string, time: number, now = Date.now()): string {
  const minutes = Math.round((now - time) / 60_000);
  if (minutes < 1) return justNow;
  const relative = cached(`relative:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: "auto" }));
  if (minutes < 60) return relative.format(-minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, "hour");
  return relative.format(-Math.round(hours / 24), "day");
}
