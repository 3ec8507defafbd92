/**
 * Account: who you are, pairing the browser extension or another device with a sign-in code you
 * issue yourself, and the devices signed in as you (revoke any of them).
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../api";
import { LanguageMenu } from "../components/language-menu";
import { Async, ConfirmButton, CopyField, ErrorNote, PageHeader, Section } from "../components/ui";
import { date, dateTime, fromNow } from "../format";
import { fill, type Messages, messages, useT } from "../i18n";
import { en } from "../i18n/en";
import { useAction, useLoad } from "../load";
import { navigate } from "../router";
import { api, type Me, session } from "../session";
import { useTitle } from "../title";

export function AccountScreen(props: { me: Me }) {
  const t = useT().account;
  const common = useT().common;
  useTitle(t.title);
  const me = props.me;
  return (
    <>
      <PageHeader
        title={me.person.name}
        eyebrow={t.title}
        lead={`${me.organization.name}${me.person.admin ? t.admin : ""}${me.person.externalId ? ` · ${me.person.externalId}` : ""}`}
      />
      {me.recoveries.length > 0 && (
        <Section title={t.recoveries} id="recoveries" lead={t.recoveriesLead}>
          <ul class="row-list">
            {me.recoveries.map((r) => (
              <li key={r.at} class="row-item">
                <span>
                  {fill(t.recoveryBy, { name: r.issuedBy ? r.issuedBy.name : t.operator })}
                  <time dateTime={r.at} title={dateTime(r.at)}>
                    {date(r.at)}
                  </time>
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t.partnerships} id="my-partnerships">
        {me.partnerships.length ? (
          <ul class="row-list">
            {me.partnerships.map((p) => (
              <li key={p.id} class="row-item">
                <a class="row-title" href={`/p/${encodeURIComponent(p.id)}`}>
                  {p.name}
                </a>
                <span class="muted small">
                  {p.role === "facilitator" ? common.facilitator : common.member}
                  {p.archived ? ` · ${common.archived}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t.noneYet}</p>
        )}
      </Section>
      <Section title={useT().language.label} id="language" lead={t.languageLead}>
        <LanguageMenu />
      </Section>
      <Pairing />
      <Tokens />
    </>
  );
}

function Pairing() {
  const [code, setCode] = useState<{ signInCode: string; expiresAt: string } | null>(null);
  const action = useAction();
  const t = useT().account;
  const issue = async () => {
    const r = await action.run(() => api("post", "/api/v1/me/sign-in-codes"));
    if (r.ok) setCode(r.value);
  };
  return (
    <Section title={t.pairing} id="pairing" lead={t.pairingLead}>
      <div class="cards-2">
        <div class="card">
          <h3>{t.extension}</h3>
          <ol class="steps-plain">
            {t.extensionSteps.map((step) => (
              <li key={step}>{withCode(step, "{origin}", location.origin)}</li>
            ))}
          </ol>
        </div>
        <div class="card">
          <h3>{t.device}</h3>
          <ol class="steps-plain">
            {t.deviceSteps.map((step) => (
              <li key={step}>{withCode(step, "{address}", `${location.origin}/sign-in`)}</li>
            ))}
          </ol>
        </div>
      </div>
      {code ? (
        <div class="card card-highlight" aria-live="polite">
          <CopyField
            label={t.yourCode}
            value={code.signInCode}
            hint={fill(t.expires, { when: fromNow(code.expiresAt), at: dateTime(code.expiresAt) })}
          />
          <button type="button" class="btn btn-small" onClick={issue} disabled={action.busy}>
            {t.newCode}
          </button>
        </div>
      ) : (
        <button type="button" class="btn btn-primary" onClick={issue} disabled={action.busy}>
          {action.busy ? t.issuing : t.issue}
        </button>
      )}
      <ErrorNote error={action.error} title={t.noCode} />
    </Section>
  );
}

function Tokens() {
  const tokens = useLoad((signal) => api("get", "/api/v1/me/tokens", { signal }), []);
  const action = useAction();
  const t = useT().account;
  return (
    <Section title={t.devices} id="tokens" lead={t.devicesLead}>
      <ErrorNote error={action.error} title={t.notRevoked} />
      <Async value={tokens.value} onRetry={tokens.reload} label={t.loadingDevices}>
        {({ tokens: list }) => {
          const active = list.filter((t) => !t.revokedAt);
          return active.length === 0 ? (
            <p class="muted">{t.noDevices}</p>
          ) : (
            <ul class="row-list">
              {active.map((token) => (
                <li key={token.id} class="row-item">
                  <div>
                    <p class="row-title">
                      {tokenName(token)}
                      {token.current && <span class="badge badge-accent">{t.thisBrowser}</span>}
                    </p>
                    <p class="muted small">
                      {fill(t.signedIn, { at: dateTime(token.createdAt) })} ·{" "}
                      {token.lastUsedAt ? fill(t.lastUsed, { when: fromNow(token.lastUsedAt) }) : t.neverUsed}
                    </p>
                  </div>
                  <ConfirmButton
                    small
                    tone="danger"
                    label={token.current ? t.signOutHere : t.revoke}
                    confirm={token.current ? t.confirmSignOut : t.confirmRevoke}
                    busy={action.busy}
                    onConfirm={async () => {
                      const r = await action.run(() =>
                        api("delete", "/api/v1/me/tokens/{tokenId}", { params: { tokenId: token.id } }),
                      );
                      if (!r.ok) return;
                      if (token.current) {
                        session.value = { status: "signed-out", reason: messages.value.shell.signedOut };
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

/** A step with its address set as code ("Open {address} there."). */
function withCode(step: string, placeholder: string, code: string) {
  const [before, after] = step.split(placeholder);
  return after === undefined ? (
    step
  ) : (
    <>
      {before}
      <code class="mono">{code}</code>
      {after}
    </>
  );
}

/** What a sign-in is called: the console's own sessions by their device ("Chrome on Linux"), others by label. */
export function tokenName(token: Schemas["PersonalToken"], t: Messages["account"] = messages.value.account): string {
  const d = token.device;
  const device = d
    ? fill(t.deviceName, { browser: d.browser || t.unknownBrowser, system: d.system || t.unknownSystem })
    : null;
  // The API labels the console's own sessions with these English words, whatever the reader's language.
  if (token.label === en.account.consoleSession) return device ? `${t.consoleSession} · ${device}` : t.consoleSession;
  return device ? `${token.label} · ${device}` : token.label;
}
