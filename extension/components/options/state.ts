/** The options page's view of storage, live. Never the session (the token). */
import {
  apiAddressItem,
  type Connection,
  connectionItem,
  type Me,
  meItem,
  type PartnershipView,
  partnershipsItem,
  type ReminderSettings,
  reminderSettingsItem,
  shownPartnershipsItem,
} from "@/utils/storage";
import { type Live, live } from "../shared/live";

export interface OptionsState {
  me: Live<Me | null>;
  apiAddress: Live<string>;
  partnerships: Live<Record<string, PartnershipView>>;
  shown: Live<string[] | null>;
  reminders: Live<ReminderSettings>;
  connection: Live<Connection>;
}

export async function loadOptionsState(): Promise<OptionsState> {
  const [me, apiAddress, partnerships, shown, reminders, connection] = await Promise.all([
    live(meItem),
    live(apiAddressItem),
    live(partnershipsItem),
    live(shownPartnershipsItem),
    live(reminderSettingsItem),
    live(connectionItem),
  ]);
  return { me, apiAddress, partnerships, shown, reminders, connection };
}
