import { base64url, fromBase64url } from "../auth/crypto";

const encoder = new TextEncoder();

/** An AES-GCM key for embed secrets, derived from the Worker secret with its own label. */
async function sealingKey(workerSecret: string) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(workerSecret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("accord"), info: encoder.encode("embed-keys/v1") },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Seals a secret: base64url(iv ‖ ciphertext), bound to the key id so rows cannot be swapped. */
export async function seal(workerSecret: string, keyId: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(keyId) },
    await sealingKey(workerSecret),
    encoder.encode(secret),
  );
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ct), 12);
  return base64url(out);
}

export async function unseal(workerSecret: string, keyId: string, sealed: string): Promise<string | null> {
  const bytes = fromBase64url(sealed);
  if (!bytes || bytes.byteLength < 13) return null;
  try {
    const pt = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: encoder.encode(keyId) },
      await sealingKey(workerSecret),
      bytes.slice(12),
    );
    return new TextDecoder().decode(pt);
  } catch {
    return null;
  }
}
