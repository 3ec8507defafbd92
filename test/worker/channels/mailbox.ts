/** Reading the channel tests' receiver (receiver.ts) from inside workerd. */
import type { Received } from "./receiver";

/** What the box at `url` has received, oldest first (the query, which sets the box's behaviour, aside). */
export async function received(url: string): Promise<Received[]> {
  const res = await fetch(url.split("?")[0] as string);
  return (await res.json()) as Received[];
}

/**
 * Waits until the box holds `n` requests, and a moment more to catch any extra (queue batches are
 * handed over at once in tests and retries are not delayed, so an extra would come within it).
 */
export async function waitFor(url: string, n: number, settleMs = 750): Promise<Received[]> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const got = await received(url);
    if (got.length >= n) {
      await new Promise((r) => setTimeout(r, settleMs));
      return received(url);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the receiver got ${(await received(url)).length} of ${n} requests`);
}
