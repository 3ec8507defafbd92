import { defineConfig } from "vitest/config";
import LongestFirst from "./sequencer";

// Keep wrangler and miniflare off the network (no metrics, no update check, no request.cf fetch).
process.env.WRANGLER_SEND_METRICS = "false";
process.env.WRANGLER_HIDE_BANNER = "true";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

export default defineConfig({
  test: {
    // The worker project's files run beside the browser project's (one browser file at a time):
    // most of a browser test is waiting on Chromium and workerd, which leaves a core free.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: ["test/worker/vitest.config.ts", "test/browser/vitest.config.ts", "test/extension/vitest.config.ts"],
  },
});
