import { prepareWorld, shareWorld } from "./harness";

/** Bundles the worker and prepares its database states once for every browser test file. */
export default async function setup(): Promise<() => Promise<void>> {
  return shareWorld(await prepareWorld());
}
