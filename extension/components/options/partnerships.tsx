/** Which partnerships the popup and the badge show. */
import { type Me, shownPartnershipsItem } from "@/utils/storage";

export function PartnershipChoice({ me, shown }: { me: Me; shown: string[] | null }) {
  const active = me.partnerships.filter((p) => !p.archived);
  const isShown = (id: string) => shown === null || shown.includes(id);
  const toggle = (id: string, on: boolean) => {
    const next = active.map((p) => p.id).filter((pid) => (pid === id ? on : isShown(pid)));
    // All of them: store "all", so a partnership joined later shows up too.
    void shownPartnershipsItem.setValue(next.length === active.length ? null : next);
  };
  return (
    <section class="panel" aria-labelledby="partnerships-heading">
      <h2 id="partnerships-heading">Partnerships</h2>
      {active.length === 0 ? (
        <p class="muted">You are not in any active partnership yet.</p>
      ) : (
        <fieldset class="choices">
          <legend>Show in the toolbar</legend>
          {active.map((p) => (
            <label key={p.id} class="choice">
              <input
                type="checkbox"
                checked={isShown(p.id)}
                onChange={(e) => toggle(p.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span>
                {p.name} <span class="tag">{p.role === "facilitator" ? "Facilitator" : "Member"}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
