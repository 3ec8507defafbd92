/**
 * "Rate now": the widget's own survey, in an extension page, signed in with the extension's token
 * through the background relay.
 */
import type { Client } from "@accord/widget/api";
import { en } from "@accord/widget/i18n";
import { Survey } from "@accord/widget/ui/survey";
import { render } from "preact";
import { send } from "@/utils/messages/types";
import { relayFetch } from "@/utils/relay/page-fetch";
import { apiAddressItem, meItem, partnershipsItem } from "@/utils/storage";
import { Logo } from "../shared/logo";

export async function mountSurvey(root: HTMLElement, location: Pick<Location, "search"> = window.location) {
  const query = new URLSearchParams(location.search);
  const partnershipId = query.get("partnership") ?? "";
  // "Rate now" names the pending cycle, so the page opens exactly that one (a malformed id is ignored).
  const cycle = query.get("cycle");
  const [base, me, views] = await Promise.all([
    apiAddressItem.getValue(),
    meItem.getValue(),
    partnershipsItem.getValue(),
  ]);
  const name = views[partnershipId]?.name ?? me?.partnerships.find((p) => p.id === partnershipId)?.name;
  // The session door of the client sends no token; the relay adds it in the background.
  const client: Client = { base, auth: { kind: "session" }, fetch: relayFetch() };
  if (name) document.title = `Survey · ${name} · Accord`;
  render(
    <div class="survey-page">
      <header class="survey-top">
        <div class="brand">
          <Logo size={26} />
          <span>Accord</span>
        </div>
        <div class="survey-who">
          {name && <p class="survey-partnership">{name}</p>}
          {me && <p class="small muted">Answering as {me.person.name}</p>}
        </div>
      </header>
      <main class="survey-main">
        <h1 class="visually-hidden">Partnership survey</h1>
        {me && /^prt_[a-z0-9]{1,32}$/.test(partnershipId) ? (
          <Survey
            client={client}
            partnershipId={partnershipId}
            cycle={cycle && /^cyc_[a-z0-9]{1,32}$/.test(cycle) ? cycle : null}
            strings={en}
            lang="en"
            onSubmitted={() => void send({ type: "refresh" })}
          />
        ) : (
          <p class="banner banner-error" role="alert">
            Open this survey from the Accord button in your toolbar, after pairing the extension.
          </p>
        )}
      </main>
    </div>,
    root,
  );
}
