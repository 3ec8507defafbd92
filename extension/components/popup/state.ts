/** The popup's view of storage: everything it renders, live. Never the session (the token). */
import {
  type Connection,
  connectionItem,
  currentPartnershipItem,
  type Me,
  meItem,
  type PartnershipView,
  type PendingCache,
  partnershipsItem,
  pendingItem,
  type QueuedRating,
  ratingQueueItem,
  shownPartnershipsItem,
} from "@/utils/storage";
import { type Live, live } from "../shared/live";

export interface PopupState {
  me: Live<Me | null>;
  partnerships: Live<Record<string, PartnershipView>>;
  pending: Live<PendingCache | null>;
  queue: Live<QueuedRating[]>;
  connection: Live<Connection>;
  current: Live<string | null>;
  shown: Live<string[] | null>;
}

/** Reads every item the popup shows, in one go, so the first render has the cached state. */
export async function loadPopupState(): Promise<PopupState> {
  const [me, partnerships, pending, queue, connection, current, shown] = await Promise.all([
    live(meItem),
    live(partnershipsItem),
    live(pendingItem),
    live(ratingQueueItem),
    live(connectionItem),
    live(currentPartnershipItem),
    live(shownPartnershipsItem),
  ]);
  return { me, partnerships, pending, queue, connection, current, shown };
}
