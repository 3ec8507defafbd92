/** Which partnerships the popup and the badge show. */
import type { Words } from "@/utils/i18n";
import { type Me, shownPartnershipsItem } from "@/utils/storage";

export function PartnershipChoice({ t, me, shown }: { t: Words; me: Me; shown: string[] | null }) {
  const active = me.partnerships.filter((p) => !p.archived);
  const isShown = (id: string) => shown === null || shown.includes(id);
  const toggle = (id: string, on: boolean) => {
    const next = active.map((p) => p.id).filter((pid) => (pid === id ? on : isShown(pid)));
    // All of them: store "all", so a partnership joined later shows up too.
    void shownPartnershipsItem.setValue(next.length === active.length ? null : next);
  };
  return (
    <section class="panel" aria-labelledby="partnerships-heading">
      <h2 id="partnerships-heading">{t.partnerships}</h2>
      {active.length === 0 ? (
        <p class="muted">{t.noPartnerships}</p>
      ) : (
        <fieldset class="choices">
          <legend>{t.showInToolbar}</legend>
          {active.map((p) => (
            <label key={p.id} class="choice">
              <input
                type="checkbox"
                checked={isShown(p.id)}
                onChange={(e) => toggle(p.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span>
                {p.name} <span class="tag">{t.roles[p.role]}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
