/** How the console writes numbers, figures and dates. */
import type { Schemas } from "../api";

type Suppressed = Schemas["Suppressed"];
type Figure<T> = T | Suppressed;

export const isSuppressed = (v: unknown): v is Suppressed =>
  typeof v === "object" && v !== null && (v as Suppressed).suppressed === true;

/** The number of a figure, or null when it is suppressed or absent. */
export function value<T>(v: Figure<T> | null | undefined): T | null {
  return v === null || v === undefined || isSuppressed(v) ? null : v;
}

/** A mean, score or gap: "3.4", "−0.3" (a true minus sign reads better than a hyphen). */
export const mean = (n: number, digits = 1) =>
  n
    .toFixed(digits)
    .replace(/^-/, "−")
    .replace(/^−(0\.0+)$/, "$1");

/** A signed change: "+0.4", "−0.3", "±0.0" (a true minus sign reads better than a hyphen). */
export function signed(n: number, digits = 1) {
  const r = Number(n.toFixed(digits));
  if (r === 0) return `±${(0).toFixed(digits)}`;
  return r > 0 ? `+${r.toFixed(digits)}` : `−${Math.abs(r).toFixed(digits)}`;
}

/** "fewer than 5 responses": what the console says instead of a hidden figure. */
export const fewerThan = (k: number) => `fewer than ${k} responses`;

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "4 Mar 2026". */
export function date(iso: string | null | undefined) {
  if (!iso) return "";
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** "4 Mar 2026, 14:05". */
export function dateTime(iso: string | null | undefined) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "in 3 days", "2 hours ago". */
export function fromNow(iso: string, now = Date.now()) {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
  ];
  for (const [unit, ms] of units) if (abs >= ms) return relative.format(Math.round(diff / ms), unit);
  return diff >= 0 ? "in a moment" : "just now";
}

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

/** "1 principle", "3 principles". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const PERFORMANCE_LABELS = ["Rarely", "Sometimes", "Often", "Usually", "Consistently"] as const;
