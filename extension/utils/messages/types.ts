/**
 * The messages pages and the reminder script send to the background, and what each answers.
 * The background validates every one (./validate.ts); these types are what the senders write.
 */
import { browser } from "wxt/browser";
import type { Language } from "../i18n/languages";
import type { SignInProblem } from "../session/session";
import type { PrincipleText } from "../storage";

export type Performance = 1 | 2 | 3 | 4 | 5;
export type RelayMethod = "get" | "post";

/** From the extension's own pages (popup, options, survey). */
export type PageMessage =
  | { type: "refresh" }
  | { type: "sign-in"; apiAddress: string; code: string }
  | { type: "sign-out" }
  | { type: "rate"; partnershipId: string; cycleId: string; principleId: string; performance: Performance }
  | { type: "undo"; key: string }
  | {
      type: "api";
      method: RelayMethod;
      path: string;
      query?: Record<string, string>;
      body?: unknown;
      idempotencyKey?: string;
    };

/** From the reminder script: no data at all, the background knows the site from the sender. */
export type ContentMessage =
  | { type: "reminder:get" }
  | { type: "reminder:dismiss" }
  | { type: "reminder:snooze" }
  | { type: "reminder:rate" };

type Message = PageMessage | ContentMessage;

/** The reminder card's own words, in the person's language (the content script has no catalogue). */
export interface CardWords {
  eyebrow: string;
  rate: string;
  snooze: string;
  dismiss: string;
}

/** What the reminder card shows: the principle's text, whose it is and the card's words, nothing else. */
export interface ReminderCard {
  partnershipName: string;
  principle: Pick<PrincipleText, "title" | "description">;
  lang: Language;
  words: CardWords;
}

export interface RelayReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface Replies {
  refresh: { ok: boolean };
  "sign-in": { ok: true; name: string } | { ok: false; problem: SignInProblem; message: string };
  "sign-out": { ok: true };
  rate: { key: string; sendAt: number };
  undo: { undone: boolean };
  api: RelayReply;
  "reminder:get": { card: ReminderCard | null };
  "reminder:dismiss": { ok: true };
  "reminder:snooze": { ok: true };
  "reminder:rate": { ok: true };
}

/** Sends one message to the background; undefined when nobody answered (or it was refused). */
export async function send<M extends Message>(
  message: M,
  runtime: Pick<typeof browser.runtime, "sendMessage"> = browser.runtime,
): Promise<Replies[M["type"]] | undefined> {
  try {
    return (await runtime.sendMessage(message)) as Replies[M["type"]] | undefined;
  } catch {
    return undefined;
  }
}
