import { testBuild } from "../extension/build";
import { prepareWorld, shareWorld } from "./harness";

/**
 * Once for every browser test file: bundles the worker and prepares its database states, and
 * builds the extension's test copy (files may run side by side; none rebuilds it).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const [world] = await Promise.all([prepareWorld(), testBuild()]);
  return shareWorld(world);
}
