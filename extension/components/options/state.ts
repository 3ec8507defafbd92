/** The options page's view of storage, live. Never the session (the token). */
import type { Language } from "@/utils/i18n";
import {
  apiAddressItem,
  type Connection,
  connectionItem,
  languageItem,
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
  language: Live<Language | null>;
}

export async function loadOptionsState(): Promise<OptionsState> {
  const [me, apiAddress, partnerships, shown, reminders, connection, language] = await Promise.all([
    live(meItem),
    live(apiAddressItem),
    live(partnershipsItem),
    live(shownPartnershipsItem),
    live(reminderSettingsItem),
    live(connectionItem),
    live(languageItem),
  ]);
  return { me, apiAddress, partnerships, shown, reminders, connection, language };
}
