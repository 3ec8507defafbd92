import { defineConfig } from "vitest/config";

// Release-only checks (`npm run test:release`): slow packaging and Mozilla's linter, kept out of
// `npm test`; CI runs both.
export default defineConfig({
  test: {
    name: "release",
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/release/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
