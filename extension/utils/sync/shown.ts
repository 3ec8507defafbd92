/** Which partnerships the popup and the badge show. */

/** Partnerships the person chose to show (all active ones until they choose). */
export function shownIds(me: { partnerships: { id: string; archived: boolean }[] }, shown: string[] | null): string[] {
  const active = me.partnerships.filter((p) => !p.archived).map((p) => p.id);
  return shown === null ? active : active.filter((id) => shown.includes(id));
}
