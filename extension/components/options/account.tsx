/** Signing in with a code (asking for the API address's host permission in the same click) and out. */
import { useSignal } from "@preact/signals";
import { browser } from "wxt/browser";
import { apiOrigin, originPattern } from "@/utils/api/client";
import { fill, type Words } from "@/utils/i18n";
import { send } from "@/utils/messages/types";
import type { Me } from "@/utils/storage";
import { withPart } from "../shared/language";

export function Account({ t, me, address }: { t: Words; me: Me | null; address: string }) {
  return (
    <section class="panel" aria-labelledby="account-heading">
      <h2 id="account-heading">{t.account}</h2>
      {me ? <SignedIn t={t} me={me} address={address} /> : <SignInForm t={t} address={address} />}
    </section>
  );
}

function SignedIn({ t, me, address }: { t: Words; me: Me; address: string }) {
  const busy = useSignal(false);
  const signOut = async () => {
    busy.value = true;
    await send({ type: "sign-out" });
    busy.value = false;
  };
  return (
    <div class="signed-in">
      <div class="avatar" aria-hidden="true">
        {initials(me.person.name)}
      </div>
      <div class="signed-in-text">
        <p>
          {withPart(t.signedInAs, "name", <strong>{me.person.name}</strong>, { organization: me.organization.name })}
        </p>
        <p class="small muted">{fill(t.accordAt, { address })}</p>
      </div>
      <button type="button" class="btn" disabled={busy.value} onClick={() => void signOut()}>
        {t.signOut}
      </button>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
}

function SignInForm({ t, address: saved }: { t: Words; address: string }) {
  const problems = t.signInProblems;
  const address = useSignal(saved);
  const code = useSignal("");
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const submit = (event: Event) => {
    event.preventDefault();
    const origin = apiOrigin(address.value);
    if (!origin) {
      error.value = problems.address;
      return;
    }
    if (code.value.trim().length < 4) {
      error.value = problems.code;
      return;
    }
    error.value = null;
    busy.value = true;
    // Asked right here, in the click: browsers grant host access only during a user's gesture.
    browser.permissions
      .request({ origins: [originPattern(origin)] })
      .then(async (granted) => {
        if (!granted) {
          error.value = fill(problems.denied, { origin });
          return;
        }
        const reply = await send({ type: "sign-in", apiAddress: origin, code: code.value.trim() });
        if (!reply) error.value = problems.noAnswer;
        else if (!reply.ok)
          error.value = reply.problem === "other" ? reply.message : fill(problems[reply.problem], { origin });
        else code.value = "";
      })
      .catch(() => {
        error.value = problems.noPrompt;
      })
      .finally(() => {
        busy.value = false;
      });
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <p class="muted">{withPart(t.pairHelp, "where", <strong>{t.pairWhere}</strong>)}</p>
      <div class="field">
        <label for="api-address">{t.apiAddress}</label>
        <input
          id="api-address"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://accord.example.com"
          value={address.value}
          onInput={(e) => {
            address.value = (e.currentTarget as HTMLInputElement).value;
          }}
          aria-describedby="api-address-hint"
          required
        />
        <p id="api-address-hint" class="hint">
          {t.apiAddressHint}
        </p>
      </div>
      <div class="field">
        <label for="sign-in-code">{t.signInCode}</label>
        <input
          id="sign-in-code"
          class="code-input"
          autoComplete="one-time-code"
          spellcheck={false}
          value={code.value}
          onInput={(e) => {
            code.value = (e.currentTarget as HTMLInputElement).value;
          }}
          required
        />
      </div>
      {error.value && (
        <p class="banner banner-error" role="alert">
          {error.value}
        </p>
      )}
      <div>
        <button type="submit" class="btn btn-primary" disabled={busy.value}>
          {busy.value ? t.signingIn : t.signIn}
        </button>
      </div>
    </form>
  );
}
