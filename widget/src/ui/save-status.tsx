import type { Strings } from "../i18n";
import type { SaveStatusState } from "./saver";

/** "Saving…", "Saved", or why an answer is still waiting; read out politely, never interrupting. */
export function SaveStatus({ status, strings }: { status: SaveStatusState; strings: Strings }) {
  const { state, failure } = status;
  const retrying = state === "retrying";
  return (
    <p class={retrying ? "ac-save ac-warn" : "ac-save"} role="status">
      {retrying
        ? failure?.status === 401
          ? strings.problems.signedOut[0]
          : strings.queued
        : state === "idle"
          ? status.saved && strings.saved
          : strings.saving}
    </p>
  );
}
