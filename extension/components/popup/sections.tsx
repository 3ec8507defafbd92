/** The popup's lists: surveys waiting for the person, the agreed principles, their open actions. */
import { browser } from "wxt/browser";
import type { ActionView, PendingItem, PrincipleText } from "@/utils/storage";
import { shortDate } from "../shared/format";

/** Opens a survey in an extension page, where the widget's survey runs on the extension's sign-in. */
function openSurvey(item: PendingItem) {
  const query = new URLSearchParams({ partnership: item.partnershipId, cycle: item.cycleId });
  void browser.tabs.create({ url: browser.runtime.getURL(`/survey.html?${query}`) });
  window.close();
}

export function Surveys({ items }: { items: PendingItem[] }) {
  if (items.length === 0) return null;
  return (
    <section class="card" aria-labelledby="surveys-heading">
      <div class="card-head">
        <h2 id="surveys-heading" class="card-title">
          Surveys for you
        </h2>
        <span class="tag tag-accent">{items.length}</span>
      </div>
      <ul class="rows">
        {items.map((item) => (
          <li key={item.cycleId} class="row">
            <div class="row-main">
              <p id={`survey-${item.cycleId}`} class="row-title">
                {item.title}
              </p>
              <p class="small muted">
                {item.answered} of {item.total} answered · open until {shortDate(item.closesAt)}
              </p>
            </div>
            <button
              type="button"
              class="btn btn-primary btn-small"
              aria-describedby={`survey-${item.cycleId}`}
              onClick={() => openSurvey(item)}
            >
              {item.answered > 0 ? "Continue" : "Rate now"}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Principles({ principles }: { principles: PrincipleText[] }) {
  return (
    <section class="card" aria-labelledby="principles-heading">
      <div class="card-head">
        <h2 id="principles-heading" class="card-title">
          Our principles
        </h2>
        <span class="small muted">{principles.length} agreed</span>
      </div>
      {principles.length === 0 ? (
        <p class="muted">No principles are agreed yet.</p>
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

const STATUS: Record<ActionView["status"], string> = { open: "Open", in_progress: "In progress" };

export function Actions({ actions }: { actions: ActionView[] }) {
  return (
    <section class="card" aria-labelledby="actions-heading">
      <div class="card-head">
        <h2 id="actions-heading" class="card-title">
          My open actions
        </h2>
        <span class="small muted">{actions.length}</span>
      </div>
      {actions.length === 0 ? (
        <p class="muted">Nothing assigned to you.</p>
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
                  {a.kind === "celebrate" ? "Celebrate" : "Improve"} · {STATUS[a.status]}
                  {a.dueOn && !a.overdue ? ` · due ${shortDate(a.dueOn)}` : ""}
                </p>
              </div>
              {a.overdue && a.dueOn && <span class="tag tag-warn">Overdue since {shortDate(a.dueOn)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
