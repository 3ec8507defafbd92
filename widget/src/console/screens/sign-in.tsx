/** Sign in with a one-time code: an invite from a facilitator, or one issued on another signed-in device. */
import { useState } from "preact/hooks";
import type { Failure } from "../../api";
import { TextField } from "../components/fields";
import { ErrorNote, Notice } from "../components/ui";
import { navigate, route } from "../router";
import { type Me, signIn } from "../session";
import { useTitle } from "../title";

export function SignInScreen(props: { code: string; reason?: string | undefined; signedInAs?: Me }) {
  useTitle("Sign in");
  const [code, setCode] = useState(props.code);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!code.trim()) {
      setError({ status: 400, code: "invalid_request", message: "Enter the sign-in code you were given." });
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await signIn(code);
    setBusy(false);
    if (failure) {
      setError(failure);
      return;
    }
    // Stay on the page that was asked for (a deep link), except the sign-in page itself.
    if (route.value.name === "sign-in") navigate("/", { replace: true });
  };

  return (
    <main id="main" class="auth-page">
      <div class="auth-card">
        <div class="auth-brand">
          <span class="brand-mark" aria-hidden="true" />
          <span>Accord</span>
        </div>
        <h1 tabIndex={-1} data-page-heading>
          Sign in
        </h1>
        <p class="lead">Run your partnership on the principles you agreed together.</p>
        {props.reason && <Notice>{props.reason}</Notice>}
        {props.signedInAs && (
          <Notice tone="warning">
            You are signed in as {props.signedInAs.person.name} ({props.signedInAs.organization.name}). Signing in with
            this code switches this browser to the person it was issued for.
          </Notice>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            label="Sign-in code"
            hint="A facilitator gives you a code when they invite you. Already signed in elsewhere? Issue a code under Account on that device."
            invalid={!!error}
            class="mono code-input"
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellcheck={false}
            value={code}
            onValue={setCode}
          />
          <ErrorNote error={error} title="Could not sign in" />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p class="auth-foot muted small">
          Codes work once and expire. Your session stays in this browser until you sign out.
        </p>
      </div>
    </main>
  );
}
