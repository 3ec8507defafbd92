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
    globalSetup: ["test/browser/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
