/** The options page: account, partnerships shown, reminder sites and frequency. */
import { noticeText, resolveLanguage, type Words, wordsFor } from "@/utils/i18n";
import { shownIds } from "@/utils/sync/shown";
import { LanguageSelect } from "../shared/language";
import { Logo } from "../shared/logo";
import { Account } from "./account";
import { PartnershipChoice } from "./partnerships";
import { Reminders } from "./reminders";
import type { OptionsState } from "./state";

/** The words the options page speaks now: the person's choice, else the browser's language. */
export const optionsWords = (state: OptionsState): Words => wordsFor(resolveLanguage(state.language.signal.value));

export function Options({ state }: { state: OptionsState }) {
  const t = optionsWords(state);
  const me = state.me.signal.value;
  const address = state.apiAddress.signal.value;
  const views = state.partnerships.signal.value;
  const notice = state.connection.signal.value.notice;
  const shown = me ? shownIds(me, state.shown.signal.value) : [];
  return (
    <div class="options">
      <header class="options-top">
        <div class="brand brand-large">
          <Logo size={28} />
          <span>Accord</span>
        </div>
        <p class="muted">{t.optionsSubtitle}</p>
        <LanguageSelect t={t} />
      </header>
      <main class="options-main">
        <h1 class="visually-hidden">{t.optionsHeading}</h1>
        {notice && !me && (
          <p class="banner banner-error" role="alert">
            {noticeText(t, notice)}
          </p>
        )}
        <Account t={t} me={me} address={address} />
        {me && <PartnershipChoice t={t} me={me} shown={state.shown.signal.value} />}
        {me && (
          <Reminders
            t={t}
            views={shown.map((id) => views[id]).filter((v) => v !== undefined)}
            settings={state.reminders.signal.value}
            apiAddress={address}
          />
        )}
        <p class="small muted privacy">{t.privacy}</p>
      </main>
    </div>
  );
}
