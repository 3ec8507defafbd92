import { defineProject } from "vitest/config";

// Browser tests start real workers and Chromium. Files may run side by side (each has its own
// worker, database copy, ports and browser); the root config caps how many run at once.
export default defineProject({
  test: {
    name: "browser",
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/{browser,widget,console,extension,scripts}/**/*.test.ts"],
    // The extension's unit tests run in their own project, with WXT's fake browser.
    exclude: ["test/extension/unit/**"],
    environment: "node",
    // Files share their worker process (each still starts its own worker, database copy and
    // Chromium): loading playwright-core and Miniflare once per process, not once per file, saved
    // about 3 CPU-s a file (measured: 61 → 45 CPU-s for five files in one process).
    isolate: false,
    globalSetup: ["test/browser/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
