/** Signing in with a code (asking for the API address's host permission in the same click) and out. */
import { useSignal } from "@preact/signals";
import { browser } from "wxt/browser";
import { apiOrigin, originPattern } from "@/utils/api/client";
import { send } from "@/utils/messages/types";
import type { Me } from "@/utils/storage";

export function Account({ me, address }: { me: Me | null; address: string }) {
  return (
    <section class="panel" aria-labelledby="account-heading">
      <h2 id="account-heading">Account</h2>
      {me ? <SignedIn me={me} address={address} /> : <SignInForm address={address} />}
    </section>
  );
}

function SignedIn({ me, address }: { me: Me; address: string }) {
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
          Signed in as <strong>{me.person.name}</strong> · {me.organization.name}
        </p>
        <p class="small muted">Accord at {address}</p>
      </div>
      <button type="button" class="btn" disabled={busy.value} onClick={() => void signOut()}>
        Sign out
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

function SignInForm({ address: saved }: { address: string }) {
  const address = useSignal(saved);
  const code = useSignal("");
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const submit = (event: Event) => {
    event.preventDefault();
    const origin = apiOrigin(address.value);
    if (!origin) {
      error.value =
        "Enter your Accord's API address, like https://accord.example.com (plain http only for 127.0.0.1 or localhost).";
      return;
    }
    if (code.value.trim().length < 4) {
      error.value = "Enter the sign-in code Accord showed you.";
      return;
    }
    error.value = null;
    busy.value = true;
    // Asked right here, in the click: browsers grant host access only during a user's gesture.
    browser.permissions
      .request({ origins: [originPattern(origin)] })
      .then(async (granted) => {
        if (!granted) {
          error.value = `The extension needs access to ${origin} to talk to Accord. Allow it when your browser asks.`;
          return;
        }
        const reply = await send({ type: "sign-in", apiAddress: origin, code: code.value.trim() });
        if (!reply) error.value = "The extension did not answer. Reload this page and try again.";
        else if (!reply.ok) error.value = reply.message;
        else code.value = "";
      })
      .catch(() => {
        error.value = "Your browser refused to ask for access. Try again.";
      })
      .finally(() => {
        busy.value = false;
      });
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <p class="muted">
        In the Accord console, open <strong>Account → Pair the browser extension</strong> and issue a sign-in code, or
        use the code a facilitator gave you. A code works once, within 10 minutes.
      </p>
      <div class="field">
        <label for="api-address">API address</label>
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
          Your Accord's address, as the console shows it. The browser asks you to let the extension reach this address,
          and only this one.
        </p>
      </div>
      <div class="field">
        <label for="sign-in-code">Sign-in code</label>
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
          {busy.value ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}
