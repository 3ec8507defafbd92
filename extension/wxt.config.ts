import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "wxt";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const ROOT = here("..");
const pkg = JSON.parse(readFileSync(here("../package.json"), "utf8")) as { version: string; description: string };

/** Host access is only ever asked for at runtime, one origin at a time (the API address, each reminder site). */
export const OPTIONAL_HOSTS = ["https://*/*", "http://127.0.0.1/*", "http://localhost/*"];

/**
 * ACCORD_EXTENSION_TEST=1 builds a copy for the browser tests into .output/test: a test browser
 * cannot click a permission prompt, so that copy lists the loopback hosts (and the shared-tool host
 * the tests map to loopback) as granted. Releases never carry it; the manifest test checks so.
 */
const TEST_BUILD = process.env.ACCORD_EXTENSION_TEST === "1";
const TEST_HOSTS = ["http://127.0.0.1/*", "http://localhost/*", "http://*.example.test/*"];

export default defineConfig({
  srcDir: ".",
  outDir: TEST_BUILD ? ".output/test" : ".output",
  // Explicit imports everywhere: what a file uses is visible in the file, and tests need no plugin.
  imports: false,
  alias: { "@accord/widget": here("../widget/src") },
  vite: () => ({
    define: { "import.meta.env.ACCORD_TEST_BUILD": JSON.stringify(TEST_BUILD) },
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    resolve: { dedupe: ["preact", "@preact/signals"] },
  }),
  manifest: ({ browser }) => ({
    name: "Accord",
    description: pkg.description,
    version: pkg.version,
    permissions: ["storage", "alarms", "scripting"],
    optional_host_permissions: OPTIONAL_HOSTS,
    ...(TEST_BUILD ? { host_permissions: TEST_HOSTS } : {}),
    action: { default_title: "Accord" },
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: "extension@accord.example",
              strict_min_version: "142.0",
              // The sign-in code and token go to the Accord server the person chose; nothing else leaves.
              data_collection_permissions: { required: ["authenticationInfo"] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    // Runtime-registered scripts leave an empty list behind; a manifest lists only what it uses.
    "build:manifestGenerated": (_wxt, manifest) => {
      if (manifest.content_scripts?.length === 0) delete manifest.content_scripts;
    },
  },
  zip: {
    name: "accord",
    // From the repository root, and only what the extension is built from: WXT would otherwise
    // resolve it from the current folder and zip node_modules' neighbours, D1 state and all.
    sourcesRoot: ROOT,
    includeSources: [
      "package.json",
      "package-lock.json",
      "tsconfig.json",
      "extension/**",
      "widget/tsconfig.json",
      "widget/src/api.ts",
      "widget/src/api-types.gen.ts",
      "widget/src/ui/**",
      "widget/src/i18n/**",
    ],
    excludeSources: ["**/*", "extension/.output/**", "extension/.wxt/**"],
  },
});
