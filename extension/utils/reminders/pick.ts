/** Which principle a reminder site shows in a period: pure and import-free, so tests can predict it. */

const pad = (n: number) => String(n).padStart(2, "0");
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The person's current day ("2025-03-04"), or the Monday starting their current week. */
export function periodKey(frequency: "daily" | "weekly", now = Date.now()): string {
  const d = new Date(now);
  if (frequency === "weekly") d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return localDate(d);
}

/** FNV-1a: a small stable hash, so a site keeps its principle all day and sites differ. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The principle a site shows in a period: stable for the period, independent of the list's order. */
export function principleFor<P extends { id: string }>(principles: P[], site: string, period: string): P | undefined {
  if (principles.length === 0) return undefined;
  const sorted = [...principles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted[hash(`${site}|${period}`) % sorted.length];
}
