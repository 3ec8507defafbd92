import type { TokenOwner } from "../auth/credentials";
import type { SubmissionReads } from "./save";

/**
 * What an isolate remembers of the people who submitted through it lately, so that a person's
 * next answer in the same cycle (the survey saves after every question, a pulse is one click) is
 * one round trip: the token's owner, and the cycle, salt and eligibility their last accepted
 * submission read. Nothing remembered is trusted: the write batch re-checks in SQL that the token
 * is live, the salt unchanged, the cycle open and the person eligible, and a remembered submission
 * that is refused runs again from fresh reads (see `saveAnswers`).
 */
export interface Remembered {
  owner: TokenOwner;
  reads: SubmissionReads;
}

const recent = new Map<string, Remembered & { until: number }>();
/** Bounded: the least recently used go first. */
const KEPT = 1000;
/** Long enough for one sitting of a survey; stale entries cost a refused write, never a wrong one. */
const KEEP_MS = 10 * 60_000;

const keyOf = (tokenHash: string, partnershipId: string, cycleId: string) => `${tokenHash} ${partnershipId} ${cycleId}`;

/** What this isolate remembers of the token's submissions to the cycle, if anything. */
export function recall(tokenHash: string, partnershipId: string, cycleId: string, now = Date.now()) {
  const key = keyOf(tokenHash, partnershipId, cycleId);
  const found = recent.get(key);
  if (!found) return undefined;
  recent.delete(key);
  if (found.until <= now) return undefined;
  recent.set(key, found);
  return found;
}

export function remember(
  tokenHash: string,
  partnershipId: string,
  cycleId: string,
  value: Remembered,
  now = Date.now(),
): void {
  const key = keyOf(tokenHash, partnershipId, cycleId);
  recent.delete(key);
  if (recent.size >= KEPT) recent.delete(recent.keys().next().value as string);
  recent.set(key, { ...value, until: now + KEEP_MS });
}

export function forget(tokenHash: string, partnershipId: string, cycleId: string): void {
  recent.delete(keyOf(tokenHash, partnershipId, cycleId));
}
