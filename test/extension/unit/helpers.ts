/** Test set-up: a signed-in fake person, and in-memory permissions and scripting for the fake browser. */
import { vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { apiAddressItem, sessionItem } from "../../../extension/utils/storage";
import { BASE } from "./fake-api";

export const PERSON = { id: "per_daniel", name: "Daniel Okafor", organizationId: "org_northwind" };

export async function signInFake(person = PERSON): Promise<void> {
  await apiAddressItem.setValue(BASE);
  await sessionItem.setValue({ token: "acc_test", tokenId: "tok_test", person });
}

type Script = { id: string; matches?: string[]; js?: string[] };

/**
 * WXT's fake browser has no permissions or scripting API: these keep granted origins and
 * registered scripts in memory, with the calls the background makes.
 */
export function fakeHostAccess() {
  const granted = new Set<string>();
  const scripts = new Map<string, Script>();
  const noEvent = { addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn(() => false) };
  Object.assign(fakeBrowser.permissions, {
    contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o)),
    onAdded: noEvent,
    onRemoved: noEvent,
  });
  Object.assign(fakeBrowser, {
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) =>
        ids.flatMap((id) => (scripts.has(id) ? [scripts.get(id)] : [])),
      registerContentScripts: async (list: Script[]) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      },
      updateContentScripts: async (list: Script[]) => {
        for (const s of list) scripts.set(s.id, { ...scripts.get(s.id), ...s });
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        for (const id of ids) scripts.delete(id);
      },
    },
  });
  return { granted, scripts };
}
