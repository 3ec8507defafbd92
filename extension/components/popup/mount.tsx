/** Renders the popup from storage at once, then asks the background for fresh data. */
import { signal } from "@preact/signals";
import { render } from "preact";
import { send } from "@/utils/messages/types";
import { currentPartnershipItem } from "@/utils/storage";
import { Popup } from "./popup";
import { loadPopupState } from "./state";

export async function mountPopup(root: HTMLElement, location: Pick<Location, "search"> = window.location) {
  // Opened from a reminder card: show that partnership's pulse.
  const asked = new URLSearchParams(location.search).get("partnership");
  if (asked && /^prt_[a-z0-9]{1,32}$/.test(asked)) await currentPartnershipItem.setValue(asked);
  const state = await loadPopupState();
  const refreshing = signal(true);
  const App = () => <Popup state={state} refreshing={refreshing.value} />;
  render(<App />, root);
  // The network is back while the popup is open: send what waited and show fresh data.
  window.addEventListener("online", () => void send({ type: "refresh" }));
  await send({ type: "refresh" });
  refreshing.value = false;
}
