import { defineConfig } from "vitest/config";
import LongestFirst from "./sequencer";

// Keep wrangler and miniflare off the network (no metrics, no update check, no request.cf fetch).
process.env.WRANGLER_SEND_METRICS = "false";
process.env.WRANGLER_HIDE_BANNER = "true";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

export default defineConfig({
  test: {
    // Three files at a time on two cores: a browser file spends much of its time waiting on
    // Chromium and workerd, so a third file fills the gaps (measured: 311 s with three, 349 s with
    // two, 318 s with four, where the busiest worker tests began to crowd their time limits).
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    projects: ["test/worker/vitest.config.ts", "test/browser/vitest.config.ts", "test/extension/vitest.config.ts"],
  },
});
