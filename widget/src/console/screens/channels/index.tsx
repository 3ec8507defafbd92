/**
 * Nudges: a facilitator connects their organization's channel for the partnership (Slack, Teams or
 * a signed webhook), sends a test message, and follows the delivery log. The URL is never shown
 * again after it is saved: only its host and last characters.
 */
import { useState } from "preact/hooks";
import type { Schemas } from "../../../api";
import { RadioGroup, TextField } from "../../components/fields";
import { Async, Badge, ConfirmButton, CopyField, ErrorNote, Notice, PageHeader, Section } from "../../components/ui";
import { dateTime } from "../../format";
import { useAction, useLoad } from "../../load";
import { api, type Me, partnership } from "../../session";
import { useTitle } from "../../title";

type Channel = Schemas["Channel"];
type Delivery = Schemas["ChannelDelivery"];
type Kind = Channel["kind"];

const KINDS: readonly (readonly [Kind, string])[] = [
  ["slack", "Slack (incoming webhook)"],
  ["teams", "Microsoft Teams (Workflows webhook)"],
  ["webhook", "Generic webhook (signed JSON)"],
];
const KIND_NAMES: Record<Kind, string> = { slack: "Slack", teams: "Microsoft Teams", webhook: "Generic webhook" };

/** What each event is called in the log. */
const EVENT_NAMES: Record<Delivery["type"], string> = {
  "cycle.opened": "Cycle opened",
  "cycle.closing_soon": "Closing in 48 hours",
  "results.published": "Results published",
  "principle.awaiting_stance": "Principle awaits your stance",
  "settings.awaiting_approval": "Settings proposal awaits approval",
  "action.due_soon": "Action due soon",
  "action.overdue": "Action overdue",
  "channel.test": "Test message",
};

const STATUS: Record<Delivery["status"], { label: string; tone: string }> = {
  queued: { label: "Queued", tone: "neutral" },
  sending: { label: "Sending", tone: "info" },
  retrying: { label: "Retrying", tone: "warning" },
  delivered: { label: "Delivered", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

const REASONS: Record<NonNullable<Delivery["lastError"]>, string> = {
  http_error: "the receiver answered with an error",
  timeout: "no answer within 5 seconds",
  network: "could not connect",
  redirect: "the receiver answered with a redirect (not followed)",
  refused_target: "the address is not allowed",
  channel_removed: "the channel was removed",
  unreadable: "the stored address could not be read",
  gave_up: "gave up after every retry",
};

export function ChannelsScreen(props: { pid: string; me: Me }) {
  useTitle("Nudges", partnership.value?.settings.name);
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
      <PageHeader
        title="Nudges"
        lead={`Reminders where ${org}'s people already talk: a cycle to answer, results to read, a principle or proposal awaiting ${org}, actions coming due.`}
      />
      <Section
        title={`${org}'s channel`}
        id="channel"
        lead={`Each organization connects its own channel. ${org}'s channel gets only what ${org}'s people may see in Accord: never a rating, never a name.`}
      >
        {secret && (
          <div class="card card-highlight" aria-live="polite">
            <h3>Signing secret: copy it now</h3>
            <p>
              This is the only time Accord shows it. Your receiver checks the <code>Accord-Signature</code> header with
              it (HMAC-SHA256 over <code>timestamp.body</code>).
            </p>
            <CopyField label="Signing secret" value={secret} />
            <button type="button" class="btn btn-small" onClick={() => setSecret(null)}>
              I've stored it
            </button>
          </div>
        )}
        <ErrorNote error={action.error} title="Channel not changed" />
        <Async value={channel.value} onRetry={channel.reload} label="Loading the channel…">
          {({ channel: c }) =>
            c && !editing ? (
              <div class="card">
                <p class="row-title">
                  {KIND_NAMES[c.kind]} {c.signed && <Badge tone="neutral">signed</Badge>}
                </p>
                <p class="muted small">
                  Posts to <code class="mono">{c.target}</code> · connected {dateTime(c.connectedAt)}
                  {c.updatedAt !== c.connectedAt && ` · changed ${dateTime(c.updatedAt)}`}
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
                    Send a test message
                  </button>
                  <button type="button" class="btn" onClick={() => setEditing(true)}>
                    Replace
                  </button>
                  <ConfirmButton
                    tone="danger"
                    label="Remove"
                    confirm="Remove this channel and its delivery log? Nudges stop at once."
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
      <Section
        title="Delivery log"
        id="deliveries"
        lead="The latest nudges to this channel. Failed deliveries are retried with growing pauses."
      >
        <Async value={log.value} onRetry={log.reload} label="Loading the delivery log…">
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
  const hint: Record<Kind, string> = {
    slack:
      "In Slack: create an app with Incoming Webhooks, add one to the channel, copy its https://hooks.slack.com/services/… URL.",
    teams:
      "In Teams: the channel's Workflows → “Post to a channel when a webhook request is received”, then copy the workflow's URL.",
    webhook: "Any https endpoint. Accord posts JSON {id, type, time, data} signed with a secret shown once.",
  };
  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await props.onConnect(kind, url.trim())) setUrl("");
      }}
    >
      <RadioGroup legend="Where nudges go" name="channel-kind" value={kind} choices={KINDS} onValue={setKind} />
      <TextField
        label="Webhook URL"
        hint={`${hint[kind]} Kept sealed; Accord shows only its host and last characters afterwards.`}
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
          {props.replacing ? "Replace channel" : "Connect channel"}
        </button>
        {props.onCancel && (
          <button type="button" class="btn" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function DeliveryLog(props: { deliveries: Delivery[] }) {
  if (props.deliveries.length === 0) {
    return <Notice title="Nothing sent yet">Connect a channel and send a test message to see it here.</Notice>;
  }
  return (
    <table class="table delivery-log">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
        </tr>
      </thead>
      <tbody>
        {props.deliveries.map((d) => (
          <tr key={d.id}>
            <td>{dateTime(d.createdAt)}</td>
            <td>{EVENT_NAMES[d.type]}</td>
            <td>
              <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>
              {d.lastError && d.status !== "delivered" && (
                <span class="muted small">
                  {" "}
                  {REASONS[d.lastError]}
                  {d.lastStatus ? ` (HTTP ${d.lastStatus})` : ""}
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
