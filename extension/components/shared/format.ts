/** Dates and times as the person reads them. */

// Creating a formatter is the costly part (tens of milliseconds the first time in a fresh
// extension process), so each is made once and reused.
const formats = new Map<boolean, Intl.DateTimeFormat>();
const dateFormat = (withYear: boolean) => {
  let format = formats.get(withYear);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      day: "numeric",
      month: "short",
      ...(withYear ? { year: "numeric" } : {}),
    });
    formats.set(withYear, format);
  }
  return format;
};

/** "14 Mar" (with the year when it is not this year). */
export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return dateFormat(date.getFullYear() !== now.getFullYear()).format(date);
}

/** "just now", "5 min ago", "3 h ago", or a date. */
export function ago(time: number, now = Date.now()): string {
  const minutes = Math.round((now - time) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return shortDate(new Date(time).toISOString());
}
