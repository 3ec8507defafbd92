const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Random lowercase base32 text of `length` characters (5 bits each, rejection-free). */
export function randomBase32(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** A prefixed id with 80 random bits, e.g. `prt_3k9…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase32(16)}`;
}

/** Now as the ISO-8601 UTC text every table stores. */
export function isoNow(now = Date.now()): string {
  return new Date(now).toISOString();
}
