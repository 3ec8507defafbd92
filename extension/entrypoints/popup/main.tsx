import "@/assets/base.css";
import "@/components/popup/popup.css";
import { mountPopup } from "@/components/popup/mount";
import { loadPopupState } from "@/components/popup/state";

// The cache read is the first thing the page does; the first render waits for it alone.
const state = loadPopupState();
void mountPopup(document.getElementById("app") as HTMLElement, state);
