/** Renders the popup from the cache in its first frame, then asks the background for fresh data. */
import { effect, signal } from "@preact/signals";
import { render } from "preact";
import { send } from "@/utils/messages/types";
import { speak } from "../shared/language";
import { Popup, popupWords } from "./popup";
import type { PopupState } from "./state";

export async function mountPopup(root: HTMLElement, loading: Promise<PopupState>, win: Window = window) {
  const state = await loading;
  const refreshing = signal(true);
  effect(() => speak(popupWords(state), null, win.document));
  const App = () => <Popup state={state} refreshing={refreshing.value} />;
  render(<App />, root);
  // The network is back while the popup is open: send what waited and show fresh data.
  win.addEventListener("online", () => void send({ type: "refresh" }));
  // Only once the cached view is drawn: waking a stopped service worker competes with drawing it.
  await afterFrame(win);
  await send({ type: "refresh" });
  refreshing.value = false;
}

/** Resolves once the frame being prepared is drawn (at once in a hidden page, which draws none). */
function afterFrame(win: Window): Promise<void> {
  if (win.document.visibilityState === "hidden") return Promise.resolve();
  return new Promise((done) => win.requestAnimationFrame(() => win.setTimeout(done, 0)));
}
