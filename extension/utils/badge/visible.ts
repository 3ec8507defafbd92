/** Which pending items count: pure, so the popup and the badge agree without sharing more code. */
import type { PendingItem, QueuedRating } from "../storage";

/** Pending items in shown partnerships, less the pulses already answered here (even if still queued). */
export function visiblePending(items: PendingItem[], shown: string[] | null, queue: QueuedRating[]): PendingItem[] {
  const queued = new Set(queue.map((q) => q.cycleId));
  return items.filter(
    (item) =>
      (shown === null || shown.includes(item.partnershipId)) && !(item.kind === "pulse" && queued.has(item.cycleId)),
  );
}
