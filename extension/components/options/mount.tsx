/** Renders the options page from storage, then refreshes when signed in. */
import { render } from "preact";
import { send } from "@/utils/messages/types";
import { Options } from "./options";
import { loadOptionsState } from "./state";

export async function mountOptions(root: HTMLElement) {
  const state = await loadOptionsState();
  render(<Options state={state} />, root);
  if (state.me.signal.value) await send({ type: "refresh" });
}
