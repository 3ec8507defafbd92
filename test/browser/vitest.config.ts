import { defineProject } from "vitest/config";

// Browser tests start real workers and Chromium: run files one at a time on this 2-core machine.
export default defineProject({
  test: {
    name: "browser",
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/{browser,widget,console,extension,scripts}/**/*.test.ts"],
    // The extension's unit tests run in their own project, with WXT's fake browser.
    exclude: ["test/extension/unit/**"],
    environment: "node",
    globalSetup: ["test/browser/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
