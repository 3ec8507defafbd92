/**
 * What each kind of channel receives for an event: Slack Block Kit, a Teams Adaptive Card (as a
 * Workflows "message" with one card attachment), or the event itself as signed JSON. Each event is
 * first put in words once (`describe`); the chat formats lay those words out.
 */
import { hmacHex } from "../auth/crypto";
import type { EventData, EventType, HeadlineItem, NudgeEvent } from "./events";

export const CHANNEL_KINDS = ["slack", "teams", "webhook"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The header carrying a generic webhook's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = "Accord-Signature";

/** An event in words: a title, a line or two, facts, and the page to act on. */
export interface Message {
  title: string;
  text: string;
  facts: [label: string, value: string][];
  link: { label: string; url: string };
}

const day = (iso: string) => iso.slice(0, 10);
const cycleName = (c: { kind: string; title: string }) =>
  c.title ? `“${c.title}”` : c.kind === "pulse" ? "This pulse" : "The assessment";
const score = (n: number) => n.toFixed(2);
const items = (list: readonly HeadlineItem[], gap: boolean) =>
  list.length
    ? list
        .map(
          (i) => `${i.principle.title}: ${score(i.score)}${gap && i.gap !== undefined ? ` (gap ${score(i.gap)})` : ""}`,
        )
        .join("\n")
    : "None this time";

/** Puts an event in words. */
export function describe(event: NudgeEvent): Message {
  const e = event as { [T in EventType]: NudgeEvent<T> }[EventType];
  const p = e.data.partnership.name;
  switch (e.type) {
    case "cycle.opened": {
      const d = e.data;
      return {
        title: d.cycle.kind === "pulse" ? `A pulse is open in ${p}` : `The assessment of ${p} is open`,
        text: d.principle
          ? `One question, one click: how well do we live “${d.principle.title}”?`
          : "Rate how well the partnership lives each principle it agreed. Answers are anonymous.",
        facts: [["Open until", day(d.cycle.closesAt)]],
        link: { label: "Answer now", url: d.url },
      };
    }
    case "cycle.closing_soon": {
      const d = e.data;
      return {
        title: `${cycleName(d.cycle)} of ${p} closes in less than 48 hours`,
        text: "There is still time to answer.",
        facts: d.participation.map((l) => [
          l.organization.name,
          l.reachedK ? `${l.responded} of ${l.invited} answered` : `fewer than ${d.k} answered so far`,
        ]),
        link: { label: "Answer now", url: d.url },
      };
    }
    case "results.published": {
      const d = e.data;
      return {
        title: `Results of ${p} are published`,
        text: `${cycleName(d.cycle)} closed on ${day(d.cycle.closesAt)}. Scores are 1–5; groups smaller than the anonymity threshold stay hidden.`,
        facts: [
          ["Strengths", items(d.strengths, false)],
          ["Challenges", items(d.challenges, true)],
        ],
        link: { label: "See the results", url: d.url },
      };
    }
    case "principle.awaiting_stance": {
      const d = e.data;
      const what = d.proposal.kind === "retire" ? "Retiring" : "The wording of";
      return {
        title: `${what} “${d.principle.title}” awaits ${d.organization.name}'s stance`,
        text: `A principle of ${p} is agreed only when every organization endorses it. A facilitator of ${d.organization.name} can endorse or object.`,
        facts: [],
        link: { label: "Review the principle", url: d.url },
      };
    }
    case "settings.awaiting_approval": {
      const d = e.data;
      const c = d.proposal.changes;
      return {
        title: `Lowering ${p}'s anonymity settings awaits ${d.organization.name}'s approval`,
        text: "It takes effect only when a facilitator of every organization approved it.",
        facts: [
          ...(c.k !== undefined ? ([["k (smallest group shown)", String(c.k)]] as [string, string][]) : []),
          ...(c.commentThreshold !== undefined
            ? ([["Comment threshold", String(c.commentThreshold)]] as [string, string][])
            : []),
        ],
        link: { label: "Review the proposal", url: d.url },
      };
    }
    case "action.due_soon":
    case "action.overdue": {
      const d = e.data;
      return {
        title: `${e.type === "action.overdue" ? "Overdue" : "Due soon"}: “${d.action.title}”`,
        text:
          e.type === "action.overdue"
            ? `An action of ${p} was due on ${d.action.dueOn} and is not done yet.`
            : `An action of ${p} is due on ${d.action.dueOn}.`,
        facts: d.action.principle ? [["Principle", d.action.principle.title]] : [],
        link: { label: "Open the action", url: d.url },
      };
    }
    case "channel.test": {
      const d = e.data;
      return {
        title: `Accord is connected to ${d.organization.name}'s channel`,
        text: d.message,
        facts: [["Partnership", p]],
        link: { label: "Open Accord", url: d.url },
      };
    }
  }
}

/** Slack incoming webhooks: Block Kit, with `text` as the notification's fallback. */
export function slackBody(m: Message) {
  return {
    text: `${m.title}: ${m.link.url}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: m.title.slice(0, 150), emoji: false } },
      { type: "section", text: { type: "plain_text", text: m.text, emoji: false } },
      ...(m.facts.length
        ? [
            {
              type: "section",
              fields: m.facts.slice(0, 10).map(([label, value]) => ({
                type: "mrkdwn",
                text: `*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`,
              })),
            },
          ]
        : []),
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: m.link.label }, url: m.link.url }],
      },
    ],
  };
}

/** Slack's mrkdwn treats &, < and > as markup: names and titles are escaped the way Slack asks. */
const escapeMrkdwn = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Teams Workflows webhooks ("post to a channel when a webhook request is received"): one Adaptive Card. */
export function teamsBody(m: Message) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: m.title, weight: "Bolder", size: "Medium", wrap: true },
            { type: "TextBlock", text: m.text, wrap: true },
            ...(m.facts.length
              ? [{ type: "FactSet", facts: m.facts.map(([title, value]) => ({ title, value })) }]
              : []),
          ],
          actions: [{ type: "Action.OpenUrl", title: m.link.label, url: m.link.url }],
        },
      },
    ],
  };
}

/**
 * The signature of a generic webhook: HMAC-SHA256 with the channel's secret over
 * `<timestamp>.<body>`, as `t=<timestamp>,v1=<hex>` (the scheme Stripe and GitHub use). Signing
 * the timestamp lets a receiver refuse old replays.
 */
export async function signature(secret: string, timestamp: number, body: string): Promise<string> {
  return `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${body}`)}`;
}

/** A request ready to send: body text and headers. */
export interface Outgoing {
  body: string;
  headers: Record<string, string>;
}

/** The request a channel of `kind` gets for an event (`secret`: a generic webhook's signing secret). */
export async function render(
  kind: ChannelKind,
  event: NudgeEvent,
  secret: string | null,
  now = Date.now(),
): Promise<Outgoing> {
  const base = { "Content-Type": "application/json", "User-Agent": "Accord-Nudges/1" };
  if (kind === "slack") return { body: JSON.stringify(slackBody(describe(event))), headers: base };
  if (kind === "teams") return { body: JSON.stringify(teamsBody(describe(event))), headers: base };
  const body = JSON.stringify(event);
  const headers: Record<string, string> = { ...base, "Accord-Event-Id": event.id, "Accord-Event-Type": event.type };
  if (secret) headers[SIGNATURE_HEADER] = await signature(secret, Math.floor(now / 1000), body);
  return { body, headers };
}

export type { EventData };
