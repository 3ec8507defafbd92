/** Sign in with a one-time code: an invite from a facilitator, or one issued on another signed-in device. */
import { useState } from "preact/hooks";
import type { Failure } from "../../api";
import { TextField } from "../components/fields";
import { LanguageMenu } from "../components/language-menu";
import { ErrorNote, Notice } from "../components/ui";
import { fill, useT } from "../i18n";
import { navigate, route } from "../router";
import { type Me, signIn } from "../session";
import { useTitle } from "../title";

export function SignInScreen(props: { code: string; reason?: string | undefined; signedInAs?: Me }) {
  const t = useT().signIn;
  useTitle(t.title);
  const [code, setCode] = useState(props.code);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!code.trim()) {
      setError({ status: 400, code: "invalid_request", message: t.enterCode });
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
          {t.title}
        </h1>
        <p class="lead">{t.lead}</p>
        {props.reason && <Notice>{props.reason}</Notice>}
        {props.signedInAs && (
          <Notice tone="warning">
            {fill(t.signedInAs, {
              name: props.signedInAs.person.name,
              organization: props.signedInAs.organization.name,
            })}
          </Notice>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            label={useT().common.signInCode}
            hint={t.hint}
            invalid={!!error}
            class="mono code-input"
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellcheck={false}
            value={code}
            onValue={setCode}
          />
          <ErrorNote error={error} title={t.failed} />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
            {busy ? t.busy : t.title}
          </button>
        </form>
        <p class="auth-foot muted small">{t.foot}</p>
        <LanguageMenu class="auth-language" />
      </div>
    </main>
  );
}
