/** The toolbar popup: partnership switcher, pulse, surveys, principles and actions, from the cache at once. */
import { browser } from "wxt/browser";
import { visiblePending } from "@/utils/badge/visible";
import { fill, noticeText, resolveLanguage, type Words, wordsFor } from "@/utils/i18n";
import { currentPartnershipItem, type Notice } from "@/utils/storage";
import { shownIds } from "@/utils/sync/shown";
import { ago } from "../shared/format";
import { LanguageSelect, withPart } from "../shared/language";
import { Logo } from "../shared/logo";
import { PulseCard } from "./pulse";
import { Actions, Principles, Surveys } from "./sections";
import type { PopupState } from "./state";

/** The words the popup speaks now: the person's choice, else the browser's language. */
export const popupWords = (state: PopupState): Words => wordsFor(resolveLanguage(state.language.value));

export function Popup({ state, refreshing }: { state: PopupState; refreshing: boolean }) {
  const t = popupWords(state);
  const me = state.me.value;
  const connection = state.connection.value;
  if (!me) return <SignedOut t={t} notice={connection.notice} />;

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
            <span class="visually-hidden">{t.partnership}</span>
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
            {t.offline}
          </p>
        )}
        {connection.notice && (
          <p class="banner banner-error" role="alert">
            {noticeText(t, connection.notice)}
          </p>
        )}
        {ids.length === 0 ? (
          <p class="empty">{withPart(t.noneShown, "settings", <OptionsLink label={t.settingsLink} />)}</p>
        ) : !view ? (
          <p class="empty" role="status">
            {fill(t.loadingPartnership, {
              name: me.partnerships.find((p) => p.id === currentId)?.name ?? t.yourPartnership,
            })}
          </p>
        ) : (
          <>
            <PulseCard t={t} view={view} queue={queue} offline={connection.offline} />
            <Surveys t={t} items={pending} />
            <Principles t={t} principles={view.principles} />
            <Actions t={t} actions={view.actions} />
          </>
        )}
      </main>
      <footer class="bottom">
        <span class="small muted" role="status">
          {refreshing ? t.updating : view ? fill(t.updated, { ago: ago(t.lang, t.justNow, view.fetchedAt) }) : ""}
        </span>
        <LanguageSelect t={t} hideLabel />
        <OptionsLink label={t.settings} />
      </footer>
    </div>
  );
}

function OptionsLink({ label }: { label: string }) {
  return (
    <button type="button" class="btn-link" onClick={() => void browser.runtime.openOptionsPage()}>
      {label}
    </button>
  );
}

function SignedOut({ t, notice }: { t: Words; notice: Notice | null }) {
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
            {noticeText(t, notice)}
          </p>
        )}
        <h1 class="hero-title">{t.heroTitle}</h1>
        <p class="muted">{t.heroText}</p>
        <button type="button" class="btn btn-primary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t.pair}
        </button>
      </main>
      <footer class="bottom">
        <LanguageSelect t={t} />
      </footer>
    </div>
  );
}
