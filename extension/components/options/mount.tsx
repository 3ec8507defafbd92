/** Renders the options page from storage, then refreshes when signed in. */
import { effect } from "@preact/signals";
import { render } from "preact";
import { send } from "@/utils/messages/types";
import { speak } from "../shared/language";
import { Options, optionsWords } from "./options";
import { loadOptionsState } from "./state";

export async function mountOptions(root: HTMLElement) {
  const state = await loadOptionsState();
  effect(() => {
    const t = optionsWords(state);
    speak(t, t.optionsTitle);
  });
  render(<Options state={state} />, root);
  if (state.me.signal.value) await send({ type: "refresh" });
}
