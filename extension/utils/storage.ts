/**
 * Every item the extension keeps, declared once. All live in storage.local so the popup can
 * render at once from the last known state. Only the background writes the session, the caches
 * and the queue; pages read them and ask the background (messages) for anything else.
 */
import type { Schemas } from "@accord/widget/api";
import { storage } from "wxt/utils/storage";
import type { Language } from "./i18n/languages";

/** The personal token and who it belongs to. Read by the background only. */
interface Session {
  token: string;
  tokenId: string;
  person: { id: string; name: string; organizationId: string };
}

export type Me = Schemas["Me"];
export type PendingItem = Schemas["PendingItem"];

/** What the background last learned from GET /me/pending; the ETag makes an unchanged poll a 304. */
export interface PendingCache {
  etag: string | null;
  items: PendingItem[];
  fetchedAt: number;
}

export interface PrincipleText {
  id: string;
  title: string;
  description: string;
}

/** The open pulse of a partnership: one principle, and the person's answer if they gave one. */
export interface PulseView {
  cycleId: string;
  title: string;
  closesAt: string;
  principle: PrincipleText;
  /** 1–5 once answered (a rating sent from here is recorded at once, even while queued). */
  answer: number | null;
  /** False for someone who joined after it opened: they answer from the next one (absent in older caches). */
  eligible?: boolean;
}

export interface ActionView {
  id: string;
  kind: "improve" | "celebrate";
  title: string;
  status: "open" | "in_progress";
  dueOn: string | null;
  overdue: boolean;
}

/** One partnership as the popup shows it. */
export interface PartnershipView {
  id: string;
  name: string;
  role: "facilitator" | "member";
  /** The partnership's own reminder sites (its settings); the person's edits are in reminderSettings. */
  reminderSites: string[];
  principles: PrincipleText[];
  pulse: PulseView | null;
  actions: ActionView[];
  fetchedAt: number;
}

/** A pulse rating on its way to the API, sent (and retried) with its idempotency key. */
export interface QueuedRating {
  key: string;
  personId: string;
  partnershipId: string;
  cycleId: string;
  principleId: string;
  performance: number;
  queuedAt: number;
  /** Not sent before this moment: the few seconds in which "Undo" cancels it. */
  notBefore: number;
  attempts: number;
}

/**
 * A problem worth telling the person about, as a code the pages put in words (in the language
 * chosen when they show it); `reason` is the API's own message for a rating it refused.
 */
export type Notice =
  | { code: "signedOut" }
  | { code: "pulseClosed" }
  | { code: "joinedLate" }
  | { code: "refused"; reason: string };

export interface Connection {
  /** True after a request could not reach the API; false after the next one that did. */
  offline: boolean;
  /** A problem worth telling the person about (a rating refused, the token revoked…). */
  notice: Notice | null;
}

export type ReminderFrequency = "daily" | "weekly" | "off";

export interface ReminderSettings {
  frequency: ReminderFrequency;
  /** The person's edits to each partnership's reminder sites. */
  sites: Record<string, { added: string[]; removed: string[] }>;
}

/** Per reminder site: when the card was dismissed and until when it is snoozed. */
interface ReminderSiteState {
  dismissedPeriod?: string;
  snoozedUntil?: number;
}

export const apiAddressItem = storage.defineItem<string>("local:apiAddress", { fallback: "" });
export const sessionItem = storage.defineItem<Session | null>("local:session", { fallback: null });
export const meItem = storage.defineItem<Me | null>("local:me", { fallback: null });
/** Partnership ids shown in the popup and the badge; null shows all of them. */
export const shownPartnershipsItem = storage.defineItem<string[] | null>("local:shownPartnerships", {
  fallback: null,
});
export const currentPartnershipItem = storage.defineItem<string | null>("local:currentPartnership", {
  fallback: null,
});
export const partnershipsItem = storage.defineItem<Record<string, PartnershipView>>("local:partnerships", {
  fallback: {},
});
export const pendingItem = storage.defineItem<PendingCache | null>("local:pending", { fallback: null });
export const ratingQueueItem = storage.defineItem<QueuedRating[]>("local:ratingQueue", { fallback: [] });
export const connectionItem = storage.defineItem<Connection>("local:connection", {
  fallback: { offline: false, notice: null },
});
export const reminderSettingsItem = storage.defineItem<ReminderSettings>("local:reminderSettings", {
  fallback: { frequency: "daily", sites: {} },
});
/** The language the person chose for the extension; null until they choose (the browser's then). */
export const languageItem = storage.defineItem<Language | null>("local:language", { fallback: null });
export const reminderStateItem = storage.defineItem<Record<string, ReminderSiteState>>("local:reminderState", {
  fallback: {},
});

/** Everything that belongs to a signed-in person (the API address, language and reminder choices stay). */
export const PERSONAL_ITEMS = [
  sessionItem,
  meItem,
  partnershipsItem,
  pendingItem,
  ratingQueueItem,
  currentPartnershipItem,
  shownPartnershipsItem,
  reminderStateItem,
];
