/**
 * Nudges: a facilitator connects their organization's channel for the partnership (Slack, Teams or
 * a signed webhook), sends a test message, and follows the delivery log. The URL is never shown
 * again after it is saved: only its host and last characters.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { RadioGroup, TextField } from "../../components/fields";
import { fillNodes } from "../../components/fill-nodes";
import { Async, Badge, ConfirmButton, CopyField, ErrorNote, Notice, PageHeader, Section } from "../../components/ui";
import { dateTime } from "../../format";
import { fill, useT } from "../../i18n";
import { useAction, useLoad } from "../../load";
import { api, type Me, partnership } from "../../session";
import { useTitle } from "../../title";

type Channel = Schemas["Channel"];
type Delivery = Schemas["ChannelDelivery"];
type Kind = Channel["kind"];

const KINDS: readonly Kind[] = ["slack", "teams", "webhook"];

/** Delivery statuses' badge tones; their words are in the catalogue. */
const TONES: Record<Delivery["status"], string> = {
  queued: "neutral",
  sending: "info",
  retrying: "warning",
  delivered: "success",
  failed: "danger",
};

/** The signature header and what it signs, shown as code. */
const SIGNATURE_HEADER = "Accord-Signature";
const SIGNED_PART = "timestamp.body";

export function ChannelsScreen(props: { pid: string; me: Me }) {
  const all = useT();
  const t = all.admin.channels;
  useTitle(all.shell.nav.channels, partnership.value?.settings.name);
  const params = { partnershipId: props.pid };
  const org = props.me.organization.name;
  const channel = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/channel", { params, signal }),
    [props.pid],
  );
  const log = useLoad(
    (signal) => api("get", "/api/v1/partnerships/{partnershipId}/channel/deliveries", { params, signal }),
    [props.pid],
    { pollMs: 4000 },
  );
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const changed = () => {
    channel.reload();
    log.reload();
  };
  return (
    <>
      <PageHeader title={all.shell.nav.channels} lead={fill(t.lead, { organization: org })} />
      <Section
        title={fill(t.channel, { organization: org })}
        id="channel"
        lead={fill(t.channelLead, { organization: org })}
      >
        {secret && (
          <div class="card card-highlight" aria-live="polite">
            <h3>{t.secretTitle}</h3>
            <p>
              {fillNodes(t.secretBody, {
                header: <code>{SIGNATURE_HEADER}</code>,
                signed: <code>{SIGNED_PART}</code>,
              })}
            </p>
            <CopyField label={t.secret} value={secret} />
            <button type="button" class="btn btn-small" onClick={() => setSecret(null)}>
              {t.stored}
            </button>
          </div>
        )}
        <ErrorNote error={action.error} title={t.notChanged} />
        <Async value={channel.value} onRetry={channel.reload} label={t.loading}>
          {({ channel: c }) =>
            c && !editing ? (
              <div class="card">
                <p class="row-title">
                  {t.kindNames[c.kind]} {c.signed && <Badge tone="neutral">{t.signed}</Badge>}
                </p>
                <p class="muted small">
                  {fillNodes(t.postsTo, { target: <code class="mono">{c.target}</code>, at: dateTime(c.connectedAt) })}
                  {c.updatedAt !== c.connectedAt && fill(t.changedAt, { at: dateTime(c.updatedAt) })}
                </p>
                <div class="button-row">
                  <button
                    type="button"
                    class="btn btn-primary"
                    disabled={action.busy}
                    onClick={async () => {
                      const r = await action.run(() =>
                        api("post", "/api/v1/partnerships/{partnershipId}/channel/test", { params }),
                      );
                      if (r.ok) log.reload();
                    }}
                  >
                    {t.test}
                  </button>
                  <button type="button" class="btn" onClick={() => setEditing(true)}>
                    {t.replace}
                  </button>
                  <ConfirmButton
                    tone="danger"
                    label={t.remove}
                    confirm={t.removeConfirm}
                    busy={action.busy}
                    onConfirm={async () => {
                      const r = await action.run(() =>
                        api("delete", "/api/v1/partnerships/{partnershipId}/channel", { params }),
                      );
                      if (r.ok) {
                        setSecret(null);
                        changed();
                      }
                    }}
                  />
                </div>
              </div>
            ) : (
              <ConnectForm
                replacing={c !== null}
                busy={action.busy}
                onCancel={c ? () => setEditing(false) : undefined}
                onConnect={async (kind, url) => {
                  const r = await action.run(() =>
                    api("put", "/api/v1/partnerships/{partnershipId}/channel", { params, body: { kind, url } }),
                  );
                  if (r.ok) {
                    setSecret(r.value.secret);
                    setEditing(false);
                    changed();
                  }
                  return r.ok;
                }}
              />
            )
          }
        </Async>
      </Section>
      <Section title={t.log} id="deliveries" lead={t.logLead}>
        <Async value={log.value} onRetry={log.reload} label={t.loadingLog}>
          {({ deliveries }) => <DeliveryLog deliveries={deliveries} />}
        </Async>
      </Section>
    </>
  );
}

function ConnectForm(props: {
  replacing: boolean;
  busy: boolean;
  onCancel: (() => void) | undefined;
  onConnect: (kind: Kind, url: string) => Promise<boolean>;
}) {
  const [kind, setKind] = useState<Kind>("slack");
  const [url, setUrl] = useState("");
  const all = useT();
  const t = all.admin.channels;
  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await props.onConnect(kind, url.trim())) setUrl("");
      }}
    >
      <RadioGroup
        legend={t.where}
        name="channel-kind"
        value={kind}
        choices={KINDS.map((k) => [k, t.kinds[k]] as const)}
        onValue={setKind}
      />
      <TextField
        label={all.fields.url}
        hint={fill(t.urlHint, { how: t.hints[kind] })}
        type="url"
        required
        maxLength={2048}
        autoComplete="off"
        spellcheck={false}
        value={url}
        onValue={setUrl}
      />
      <div class="button-row">
        <button type="submit" class="btn btn-primary" disabled={props.busy || url.trim() === ""}>
          {props.replacing ? t.replaceChannel : t.connect}
        </button>
        {props.onCancel && (
          <button type="button" class="btn" onClick={props.onCancel}>
            {all.common.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

function DeliveryLog(props: { deliveries: Delivery[] }) {
  const t = useT().admin.channels;
  // Typed by the API's enums, so a new event or reason fails the type check here.
  const events: Record<Delivery["type"], string> = t.events;
  const reasons: Record<NonNullable<Delivery["lastError"]>, string> = t.reasons;
  if (props.deliveries.length === 0) {
    return <Notice title={t.nothingSent}>{t.nothingSentDetail}</Notice>;
  }
  return (
    <table class="table delivery-log">
      <thead>
        <tr>
          <th scope="col">{t.time}</th>
          <th scope="col">{t.event}</th>
          <th scope="col">{t.status}</th>
          <th scope="col">{t.attempts}</th>
        </tr>
      </thead>
      <tbody>
        {props.deliveries.map((d) => (
          <tr key={d.id}>
            <td>{dateTime(d.createdAt)}</td>
            <td>{events[d.type]}</td>
            <td>
              <Badge tone={TONES[d.status]}>{t.statuses[d.status]}</Badge>
              {d.lastError && d.status !== "delivered" && (
                <span class="muted small">
                  {" "}
                  {reasons[d.lastError]}
                  {d.lastStatus ? fill(t.httpStatus, { status: d.lastStatus }) : ""}
                </span>
              )}
            </td>
            <td>{d.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
