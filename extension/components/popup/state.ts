/**
 * The popup's view of storage: everything it renders, live. Never the session (the token).
 * One storage read, started before anything renders; the first render waits for it and for
 * nothing else (never for the service worker, which may be stopped).
 */
import { type Signal, signal } from "@preact/signals";
import { storage } from "wxt/utils/storage";
import {
  connectionItem,
  currentPartnershipItem,
  languageItem,
  meItem,
  partnershipsItem,
  pendingItem,
  ratingQueueItem,
  shownPartnershipsItem,
} from "@/utils/storage";

const ITEMS = {
  me: meItem,
  partnerships: partnershipsItem,
  pending: pendingItem,
  queue: ratingQueueItem,
  connection: connectionItem,
  current: currentPartnershipItem,
  shown: shownPartnershipsItem,
  language: languageItem,
};
type Name = keyof typeof ITEMS;
const NAMES = Object.keys(ITEMS) as Name[];

type Values = { [N in Name]: Awaited<ReturnType<(typeof ITEMS)[N]["getValue"]>> };
export type PopupState = { [N in Name]: Signal<Values[N]> };

const PARTNERSHIP_ID = /^prt_[a-z0-9]{1,32}$/;

/**
 * Reads every item the popup shows in one call, and keeps the signals current with each later
 * write. Opened from a reminder card (`?partnership=`), it switches to that partnership.
 */
export function loadPopupState(location: Pick<Location, "search"> = window.location): Promise<PopupState> {
  const asked = new URLSearchParams(location.search).get("partnership");
  const switchTo = asked && PARTNERSHIP_ID.test(asked) ? asked : null;
  if (switchTo) void currentPartnershipItem.setValue(switchTo);

  // Watching starts before the read: a write that lands while it is on its way is kept, not lost.
  let state: PopupState | null = null;
  const written: Partial<Values> = {};
  for (const name of NAMES) {
    ITEMS[name].watch((value: Values[Name]) => {
      if (state) (state[name] as Signal<Values[Name]>).value = value;
      else (written as Record<Name, Values[Name]>)[name] = value;
    });
  }

  return storage.getItems(NAMES.map((name) => ITEMS[name])).then((found) => {
    const read = Object.fromEntries(NAMES.map((name, i) => [name, found[i]?.value])) as Values;
    const values: Values = { ...read, ...(switchTo ? { current: switchTo } : {}), ...written };
    state = {
      me: signal(values.me),
      partnerships: signal(values.partnerships),
      pending: signal(values.pending),
      queue: signal(values.queue),
      connection: signal(values.connection),
      current: signal(values.current),
      shown: signal(values.shown),
      language: signal(values.language),
    };
    return state;
  });
}
