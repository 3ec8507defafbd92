/** The options page: account, partnerships shown, reminder sites and frequency. */
import { shownIds } from "@/utils/sync/shown";
import { Logo } from "../shared/logo";
import { Account } from "./account";
import { PartnershipChoice } from "./partnerships";
import { Reminders } from "./reminders";
import type { OptionsState } from "./state";

export function Options({ state }: { state: OptionsState }) {
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
        <p class="muted">Extension settings</p>
      </header>
      <main class="options-main">
        <h1 class="visually-hidden">Accord extension settings</h1>
        {notice && !me && (
          <p class="banner banner-error" role="alert">
            {notice}
          </p>
        )}
        <Account me={me} address={address} />
        {me && <PartnershipChoice me={me} shown={state.shown.signal.value} />}
        {me && (
          <Reminders
            views={shown.map((id) => views[id]).filter((v) => v !== undefined)}
            settings={state.reminders.signal.value}
            apiAddress={address}
          />
        )}
        <p class="small muted privacy">
          Your sign-in stays in this browser's extension storage and goes only to your Accord. Reminder cards are shown
          by the extension itself: the sites you visit learn nothing, and Accord learns nothing about them.
        </p>
      </main>
    </div>
  );
}
