import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

// The extension's background logic against WXT's fake browser (in memory: storage, alarms,
// runtime, action), with the extension's own aliases. Browser tests with the built extension
// live beside this folder, in the browser project.
export default defineProject({
  plugins: [WxtVitest({ root: fileURLToPath(new URL("../../extension", import.meta.url)) })],
  test: {
    name: "extension",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/extension/unit/**/*.test.ts"],
    environment: "node",
  },
});
