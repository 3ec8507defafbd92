const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Random lowercase base32 text of `length` characters (5 bits each, rejection-free). */
function randomBase32(length: number): string {
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

/** The pattern every id must match to be looked up: a known prefix, then lowercase letters and digits. */
export function idPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_[a-z0-9]{1,32}$`);
}

/** Whether `value` looks like an id with that prefix (anything else cannot name a row). */
export const isId = (prefix: string, value: string): boolean => idPattern(prefix).test(value);
