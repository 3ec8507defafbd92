/** The toolbar popup: partnership switcher, pulse, surveys, principles and actions, from the cache at once. */
import { browser } from "wxt/browser";
import { visiblePending } from "@/utils/badge/visible";
import { currentPartnershipItem } from "@/utils/storage";
import { shownIds } from "@/utils/sync/shown";
import { ago } from "../shared/format";
import { Logo } from "../shared/logo";
import { PulseCard } from "./pulse";
import { Actions, Principles, Surveys } from "./sections";
import type { PopupState } from "./state";

export function Popup({ state, refreshing }: { state: PopupState; refreshing: boolean }) {
  const me = state.me.value;
  const connection = state.connection.value;
  if (!me) return <SignedOut notice={connection.notice} />;

  const views = state.partnerships.value;
  const ids = shownIds(me, state.shown.value);
  const currentId = ids.find((id) => id === state.current.value) ?? ids[0];
  const view = currentId ? views[currentId] : undefined;
  const queue = state.queue.value;
  const pending = visiblePending(state.pending.value?.items ?? [], ids, queue).filter(
    (item) => item.partnershipId === currentId && item.kind === "assessment",
  );

  return (
    <div class="popup">
      <header class="top">
        <h1 class="brand">
          <Logo />
          <span>Accord</span>
        </h1>
        {ids.length > 1 ? (
          <label class="switcher">
            <span class="visually-hidden">Partnership</span>
            <select
              value={currentId}
              onChange={(e) => void currentPartnershipItem.setValue((e.currentTarget as HTMLSelectElement).value)}
            >
              {ids.map((id) => (
                <option key={id} value={id}>
                  {views[id]?.name ?? me.partnerships.find((p) => p.id === id)?.name ?? id}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p class="single-partnership">{view?.name ?? me.partnerships[0]?.name}</p>
        )}
      </header>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus when nothing inside can (e.g. a pulse not theirs to answer), or the keyboard cannot scroll it (axe: scrollable-region-focusable). */}
      <main class="content" tabIndex={0}>
        {connection.offline && (
          <p class="banner" role="status">
            You're offline. Showing what Accord last sent; ratings are kept and sent when you're back.
          </p>
        )}
        {connection.notice && (
          <p class="banner banner-error" role="alert">
            {connection.notice}
          </p>
        )}
        {ids.length === 0 ? (
          <p class="empty">
            No partnership is shown. Choose some in the <OptionsLink />.
          </p>
        ) : !view ? (
          <p class="empty" role="status">
            Loading {me.partnerships.find((p) => p.id === currentId)?.name ?? "your partnership"}…
          </p>
        ) : (
          <>
            <PulseCard view={view} queue={queue} offline={connection.offline} />
            <Surveys items={pending} />
            <Principles principles={view.principles} />
            <Actions actions={view.actions} />
          </>
        )}
      </main>
      <footer class="bottom">
        <span class="small muted" role="status">
          {refreshing ? "Updating…" : view ? `Updated ${ago(view.fetchedAt)}` : ""}
        </span>
        <OptionsLink label="Settings" />
      </footer>
    </div>
  );
}

function OptionsLink({ label = "settings" }: { label?: string }) {
  return (
    <button type="button" class="btn-link" onClick={() => void browser.runtime.openOptionsPage()}>
      {label}
    </button>
  );
}

function SignedOut({ notice }: { notice: string | null }) {
  return (
    <div class="popup">
      <header class="top">
        <p class="brand">
          <Logo />
          <span>Accord</span>
        </p>
      </header>
      <main class="content signed-out">
        {notice && (
          <p class="banner banner-error" role="alert">
            {notice}
          </p>
        )}
        <h1 class="hero-title">Keep your partnership's principles in view</h1>
        <p class="muted">
          Pair this browser with Accord to see your principles, answer pulses in one click and get gentle reminders in
          the tools you share.
        </p>
        <button type="button" class="btn btn-primary" onClick={() => void browser.runtime.openOptionsPage()}>
          Pair with Accord
        </button>
      </main>
    </div>
  );
}
