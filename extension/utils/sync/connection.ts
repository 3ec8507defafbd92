/** Whether the API was reachable last time, and a notice for the person when something needs them. */
import type { Failure, Result } from "@accord/widget/api";
import { endSession } from "../session/session";
import { connectionItem, type Notice } from "../storage";

/** Records whether the last request reached the API (a status of 0 means the network failed). */
async function noteReachable(reachable: boolean): Promise<void> {
  const current = await connectionItem.getValue();
  if (current.offline === reachable) await connectionItem.setValue({ ...current, offline: !reachable });
}

/** Shows a message in the popup until it is replaced (null clears it). */
export async function setNotice(notice: Notice | null): Promise<void> {
  const current = await connectionItem.getValue();
  if (JSON.stringify(current.notice) !== JSON.stringify(notice)) await connectionItem.setValue({ ...current, notice });
}

/** True for failures worth retrying later: no network, a timeout, a rate limit or a server fault. */
export function isTransient(error: Failure): boolean {
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** Looks at every API answer: notes whether the API was reachable and ends a session it refused. */
export async function settle<T>(result: Result<T>): Promise<Result<T>> {
  await settleStatus(result.ok ? result.status : result.error.status);
  return result;
}

/** The same, from a bare HTTP status (0: the network failed). */
export async function settleStatus(status: number): Promise<void> {
  await noteReachable(status !== 0);
  if (status === 401) await endSession({ code: "signedOut" });
}
