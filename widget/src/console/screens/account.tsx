/**
 * Account: who you are, pairing the browser extension or another device with a sign-in code you
 * issue yourself, and the devices signed in as you (revoke any of them).
 */
import { useState } from "preact/hooks";
import { Async, ConfirmButton, CopyField, ErrorNote, PageHeader, Section } from "../components/ui";
import { date, dateTime, fromNow } from "../format";
import { useAction, useLoad } from "../load";
import { navigate } from "../router";
import { api, type Me, session } from "../session";
import { useTitle } from "../title";

export function AccountScreen(props: { me: Me }) {
  useTitle("Account");
  const me = props.me;
  return (
    <>
      <PageHeader
        title={me.person.name}
        eyebrow="Account"
        lead={`${me.organization.name}${me.person.admin ? " · admin" : ""}${me.person.externalId ? ` · ${me.person.externalId}` : ""}`}
      />
      {me.recoveries.length > 0 && (
        <Section
          title="Account recoveries"
          id="recoveries"
          lead="An admin of your organization issued a sign-in code for you, which signed you out everywhere else. If you did not ask for it, tell your organization's admins."
        >
          <ul class="row-list">
            {me.recoveries.map((r) => (
              <li key={r.at} class="row-item">
                <span>
                  Recovery code issued by {r.issuedBy ? r.issuedBy.name : "Accord's operator"} on{" "}
                  <time dateTime={r.at} title={dateTime(r.at)}>
                    {date(r.at)}
                  </time>
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Your partnerships" id="my-partnerships">
        {me.partnerships.length ? (
          <ul class="row-list">
            {me.partnerships.map((p) => (
              <li key={p.id} class="row-item">
                <a class="row-title" href={`/p/${encodeURIComponent(p.id)}`}>
                  {p.name}
                </a>
                <span class="muted small">
                  {p.role === "facilitator" ? "Facilitator" : "Member"}
                  {p.archived ? " · archived" : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None yet.</p>
        )}
      </Section>
      <Pairing />
      <Tokens />
    </>
  );
}

function Pairing() {
  const [code, setCode] = useState<{ signInCode: string; expiresAt: string } | null>(null);
  const action = useAction();
  const issue = async () => {
    const r = await action.run(() => api("post", "/api/v1/me/sign-in-codes"));
    if (r.ok) setCode(r.value);
  };
  return (
    <Section
      title="Pair the browser extension or another device"
      id="pairing"
      lead="Issue a one-time code for yourself. It works once, within 10 minutes."
    >
      <div class="cards-2">
        <div class="card">
          <h3>Browser extension</h3>
          <ol class="steps-plain">
            <li>Open the Accord extension's options (right-click its toolbar icon → Options).</li>
            <li>
              Enter the API address <code class="mono">{location.origin}</code> and allow access when asked.
            </li>
            <li>Paste the code below and choose Sign in.</li>
          </ol>
        </div>
        <div class="card">
          <h3>Another browser or device</h3>
          <ol class="steps-plain">
            <li>
              Open <code class="mono">{location.origin}/sign-in</code> there.
            </li>
            <li>Enter the code below.</li>
            <li>You can revoke that device below at any time.</li>
          </ol>
        </div>
      </div>
      {code ? (
        <div class="card card-highlight" aria-live="polite">
          <CopyField
            label="Your sign-in code"
            value={code.signInCode}
            hint={`Expires ${fromNow(code.expiresAt)} (${dateTime(code.expiresAt)}).`}
          />
          <button type="button" class="btn btn-small" onClick={issue} disabled={action.busy}>
            Issue a new code
          </button>
        </div>
      ) : (
        <button type="button" class="btn btn-primary" onClick={issue} disabled={action.busy}>
          {action.busy ? "Issuing…" : "Issue a sign-in code"}
        </button>
      )}
      <ErrorNote error={action.error} title="No code issued" />
    </Section>
  );
}

function Tokens() {
  const tokens = useLoad((signal) => api("get", "/api/v1/me/tokens", { signal }), []);
  const action = useAction();
  return (
    <Section
      title="Signed-in devices"
      id="tokens"
      lead="Every browser, extension and script signed in as you. Revoke one you no longer use or have lost."
    >
      <ErrorNote error={action.error} title="Not revoked" />
      <Async value={tokens.value} onRetry={tokens.reload} label="Loading devices…">
        {({ tokens: list }) => {
          const active = list.filter((t) => !t.revokedAt);
          return active.length === 0 ? (
            <p class="muted">No active sign-ins.</p>
          ) : (
            <ul class="row-list">
              {active.map((t) => (
                <li key={t.id} class="row-item">
                  <div>
                    <p class="row-title">
                      {t.label}
                      {t.current && <span class="badge badge-accent">This browser</span>}
                    </p>
                    <p class="muted small">
                      Signed in {dateTime(t.createdAt)} ·{" "}
                      {t.lastUsedAt ? `last used ${fromNow(t.lastUsedAt)}` : "never used"}
                    </p>
                  </div>
                  <ConfirmButton
                    small
                    tone="danger"
                    label={t.current ? "Sign out here" : "Revoke"}
                    confirm={t.current ? "Sign this browser out?" : "Revoke this sign-in?"}
                    busy={action.busy}
                    onConfirm={async () => {
                      const r = await action.run(() =>
                        api("delete", "/api/v1/me/tokens/{tokenId}", { params: { tokenId: t.id } }),
                      );
                      if (!r.ok) return;
                      if (t.current) {
                        session.value = { status: "signed-out", reason: "You are signed out." };
                        navigate("/sign-in", { replace: true });
                      } else tokens.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </Section>
  );
}
