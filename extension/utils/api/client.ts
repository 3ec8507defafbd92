/** The background's Accord client: the one typed client of the project, signed with the stored token. */
import type { Client } from "@accord/widget/api";
import { apiAddressItem, sessionItem } from "../storage";

/** A client for the stored API address and token (null when no address is set yet). */
export async function backgroundClient(fetchImpl?: typeof fetch): Promise<Client | null> {
  const base = await apiAddressItem.getValue();
  if (!base) return null;
  return {
    base,
    auth: { kind: "bearer", token: async () => (await sessionItem.getValue())?.token ?? null },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  };
}

/** "https://accord.example.com/" or "http://127.0.0.1:8787" → its origin; null for anything else. */
export function apiOrigin(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return null;
  if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    return null;
  }
  return url.origin;
}

/** The host permission that lets the extension reach an origin (ports are not part of a pattern). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
