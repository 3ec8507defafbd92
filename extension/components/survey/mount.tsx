/**
 * "Rate now": the widget's own survey, in an extension page, signed in with the extension's token
 * through the background relay.
 */
import type { Client } from "@accord/widget/api";
import { Survey } from "@accord/widget/ui/survey";
import { effect } from "@preact/signals";
import { render } from "preact";
import { fill, resolveLanguage, widgetStringsFor, wordsFor } from "@/utils/i18n";
import { send } from "@/utils/messages/types";
import { relayFetch } from "@/utils/relay/page-fetch";
import { apiAddressItem, languageItem, meItem, partnershipsItem } from "@/utils/storage";
import { speak } from "../shared/language";
import { live } from "../shared/live";
import { Logo } from "../shared/logo";

export async function mountSurvey(root: HTMLElement, location: Pick<Location, "search"> = window.location) {
  const query = new URLSearchParams(location.search);
  const partnershipId = query.get("partnership") ?? "";
  // "Rate now" names the pending cycle, so the page opens exactly that one (a malformed id is ignored).
  const cycle = query.get("cycle");
  const [base, me, views, language] = await Promise.all([
    apiAddressItem.getValue(),
    meItem.getValue(),
    partnershipsItem.getValue(),
    live(languageItem),
  ]);
  const name = views[partnershipId]?.name ?? me?.partnerships.find((p) => p.id === partnershipId)?.name;
  // The session door of the client sends no token; the relay adds it in the background.
  const client: Client = { base, auth: { kind: "session" }, fetch: relayFetch() };
  const valid = me && /^prt_[a-z0-9]{1,32}$/.test(partnershipId);
  const cycleId = cycle && /^cyc_[a-z0-9]{1,32}$/.test(cycle) ? cycle : null;
  const onSubmitted = () => void send({ type: "refresh" });
  // A language chosen in another page while this one is open applies here too (the survey keeps its answers).
  effect(() => {
    const lang = resolveLanguage(language.signal.value);
    const t = wordsFor(lang);
    const strings = widgetStringsFor(lang);
    speak(t, name ? fill(t.surveyTitle, { name }) : `${t.survey} · Accord`);
    render(
      <div class="survey-page">
        <header class="survey-top">
          <div class="brand">
            <Logo size={26} />
            <span>Accord</span>
          </div>
          <div class="survey-who">
            {name && <p class="survey-partnership">{name}</p>}
            {me && <p class="small muted">{fill(t.answeringAs, { name: me.person.name })}</p>}
          </div>
        </header>
        <main class="survey-main">
          <h1 class="visually-hidden">{t.survey}</h1>
          {valid ? (
            <Survey
              client={client}
              partnershipId={partnershipId}
              cycle={cycleId}
              strings={strings}
              lang={lang}
              onSubmitted={onSubmitted}
            />
          ) : (
            <p class="banner banner-error" role="alert">
              {t.openFromToolbar}
            </p>
          )}
        </main>
      </div>,
      root,
    );
  });
}
