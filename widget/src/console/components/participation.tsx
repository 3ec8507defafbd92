import { Meter } from "../charts";
import { fill, useT } from "../i18n";
import { orgIndex, orgName } from "../session";

/**
 * Responded / invited per organization: the only figures visible while a cycle is open. Below k the
 * API hides the count itself (a count of 1 or 2 would say who answered), and so does this list.
 */
export function Participation(props: {
  k: number | null;
  participation: { organizationId: string; invited: number; responded: number | null; fewerThanK?: boolean }[];
}) {
  const k = props.k;
  const t = useT().participation;
  return (
    <ul class="participation" aria-label={t.label}>
      {props.participation.map((o) => {
        const name = orgName(o.organizationId);
        const few = fill(t.few, { k: k ?? "k" });
        return (
          <li key={o.organizationId} class="participation-row">
            <span class="participation-org">
              <span class={`swatch s${orgIndex(o.organizationId)}`} aria-hidden="true" />
              {name}
            </span>
            {o.responded === null ? (
              // An empty track where the meter would be: the figure beside it says why.
              <span class="participation-hidden" aria-hidden="true" />
            ) : (
              <Meter
                value={o.responded}
                max={Math.max(o.invited, 1)}
                series={orgIndex(o.organizationId)}
                label={fill(t.meter, { name, responded: o.responded, invited: o.invited })}
              />
            )}
            <span class="participation-figure">
              {o.responded === null ? (
                <>
                  {few}
                  <span class="participation-of muted small">
                    <span class="participation-sep"> · </span>
                    {fill(t.invited, { n: o.invited })}
                  </span>
                </>
              ) : (
                <>
                  {fill(t.of, { responded: o.responded, invited: o.invited })}
                  <span class="muted">{t.responded}</span>
                  {o.fewerThanK && <span class="muted small"> · {fill(t.hidden, { few })}</span>}
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
