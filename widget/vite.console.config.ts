import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The hosted console: widget/index.html → widget/dist (beside the embed script, which the widget's
 * own build writes first and which this build must not erase). The worker serves widget/dist at /
 * with a single-page-application fallback, under the strict CSP from widget/dist/_headers: so no
 * inline scripts or styles, only files from 'self'.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: false,
    assetsDir: "console",
    target: "es2022",
    // Every browser the console supports has modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    rollupOptions: { input: fileURLToPath(new URL("index.html", import.meta.url)) },
  },
});
