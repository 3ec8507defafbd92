/** The popup's lists: surveys waiting for the person, the agreed principles, their open actions. */
import { browser } from "wxt/browser";
import { fill, type Words } from "@/utils/i18n";
import type { ActionView, PendingItem, PrincipleText } from "@/utils/storage";
import { count, shortDate } from "../shared/format";

/** Opens a survey in an extension page, where the widget's survey runs on the extension's sign-in. */
function openSurvey(item: PendingItem) {
  const query = new URLSearchParams({ partnership: item.partnershipId, cycle: item.cycleId });
  void browser.tabs.create({ url: browser.runtime.getURL(`/survey.html?${query}`) });
  window.close();
}

export function Surveys({ t, items }: { t: Words; items: PendingItem[] }) {
  if (items.length === 0) return null;
  return (
    <section class="card" aria-labelledby="surveys-heading">
      <div class="card-head">
        <h2 id="surveys-heading" class="card-title">
          {t.surveys}
        </h2>
        <span class="tag tag-accent">{count(t.lang, items.length)}</span>
      </div>
      <ul class="rows">
        {items.map((item) => (
          <li key={item.cycleId} class="row">
            <div class="row-main">
              <p id={`survey-${item.cycleId}`} class="row-title">
                {item.title}
              </p>
              <p class="small muted">
                {fill(t.progress, { answered: count(t.lang, item.answered), total: count(t.lang, item.total) })} ·{" "}
                {fill(t.openUntil, { date: shortDate(t.lang, item.closesAt) })}
              </p>
            </div>
            <button
              type="button"
              class="btn btn-primary btn-small"
              aria-describedby={`survey-${item.cycleId}`}
              onClick={() => openSurvey(item)}
            >
              {item.answered > 0 ? t.continue : t.rateNow}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Principles({ t, principles }: { t: Words; principles: PrincipleText[] }) {
  return (
    <section class="card" aria-labelledby="principles-heading">
      <div class="card-head">
        <h2 id="principles-heading" class="card-title">
          {t.principles}
        </h2>
        <span class="small muted">{fill(t.agreed, { n: count(t.lang, principles.length) })}</span>
      </div>
      {principles.length === 0 ? (
        <p class="muted">{t.noPrinciples}</p>
      ) : (
        <ol class="principles">
          {principles.map((p) => (
            <li key={p.id} class="principle">
              <p class="principle-name">{p.title}</p>
              <p class="principle-text">{p.description}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Actions({ t, actions }: { t: Words; actions: ActionView[] }) {
  return (
    <section class="card" aria-labelledby="actions-heading">
      <div class="card-head">
        <h2 id="actions-heading" class="card-title">
          {t.actions}
        </h2>
        <span class="small muted">{count(t.lang, actions.length)}</span>
      </div>
      {actions.length === 0 ? (
        <p class="muted">{t.noActions}</p>
      ) : (
        <ul class="rows">
          {actions.map((a) => (
            <li key={a.id} class="row">
              <span class={`action-kind action-${a.kind}`} aria-hidden="true">
                {a.kind === "celebrate" ? "★" : "↗"}
              </span>
              <div class="row-main">
                <p class="row-title">{a.title}</p>
                <p class="small muted">
                  {a.kind === "celebrate" ? t.celebrate : t.improve} · {t.status[a.status]}
                  {a.dueOn && !a.overdue ? ` · ${fill(t.due, { date: shortDate(t.lang, a.dueOn) })}` : ""}
                </p>
              </div>
              {a.overdue && a.dueOn && (
                <span class="tag tag-warn">{fill(t.overdue, { date: shortDate(t.lang, a.dueOn) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
