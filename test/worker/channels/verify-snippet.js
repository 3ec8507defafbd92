// The README's verification snippet for generic webhooks, verbatim, so the tests check the text
// people copy. Web Crypto only: it runs as is in Node 18+, Deno, Bun, Workers and browsers.

/**
 * Checks an Accord webhook: `header` is the Accord-Signature header ("t=…,v1=…"), `body` the raw
 * request body as text (before any JSON parsing), `secret` the channel's signing secret.
 * Refuses signatures older than `toleranceSeconds` (replays).
 */
export async function verifyAccordSignature(secret, header, body, toleranceSeconds = 300) {
  const parts = Object.fromEntries(
    String(header)
      .split(",")
      .map((kv) => kv.trim().split("=", 2)),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  const signature = Uint8Array.from(parts.v1.match(/../g), (h) => parseInt(h, 16));
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", key, signature, enc.encode(`${timestamp}.${body}`));
}
