/** How the console writes numbers, figures and dates. */
import type { Schemas } from "../api";
import { decimal, formatDate, formatDateTime, fromNow, messages, plural, signedDecimal } from "./i18n";

type Suppressed = Schemas["Suppressed"];
type Figure<T> = T | Suppressed;

export const isSuppressed = (v: unknown): v is Suppressed =>
  typeof v === "object" && v !== null && (v as Suppressed).suppressed === true;

/** The number of a figure, or null when it is suppressed or absent. */
export function value<T>(v: Figure<T> | null | undefined): T | null {
  return v === null || v === undefined || isSuppressed(v) ? null : v;
}

/** A mean, score or gap: "3.4", "−0.3", "3,4" (a true minus sign reads better than a hyphen). */
export const mean = (n: number, digits = 1) => decimal(n, digits);

/** A signed change: "+0.4", "−0.3", "±0.0". */
export const signed = (n: number, digits = 1) => signedDecimal(n, digits);

/** "fewer than 5 responses": what the console says instead of a hidden figure. */
export const fewerThan = (k: number) => plural(messages.value.common.fewerThan, k);

/** "4 March 2026" (the language's one date style). */
export const date = (iso: string | null | undefined) => formatDate(iso);

/** "4 March 2026, 14:05". */
export const dateTime = (iso: string | null | undefined) => formatDateTime(iso);

export { fromNow };

/** Today as YYYY-MM-DD in the viewer's time zone (for date inputs). */
export function today(now = new Date()) {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** A value for <input type="datetime-local"> from an ISO time, in the viewer's time zone. */
export function toLocalInput(ms: number) {
  const d = new Date(ms);
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The performance scale's labels in the current language (1 Rarely … 5 Consistently). */
export const performanceLabels = (): readonly string[] => messages.value.common.performanceScale;
