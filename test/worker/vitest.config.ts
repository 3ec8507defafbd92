import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";

// A fixed key for tests only; real deployments set RATING_KEY with `wrangler secret put`.
process.env.RATING_KEY = "test-rating-key-not-a-secret";

const migrations = await readD1Migrations(new URL("../../worker/migrations", import.meta.url).pathname);

/**
 * wrangler.jsonc's queue consumers, each batch handed over at once: deployed, a consumer waits up
 * to a second to fill a batch, so every retry of a nudge cost a test a second of waiting.
 */
async function queueConsumersAtOnce() {
  const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
  const { queueConsumers } = unstable_getMiniflareWorkerOptions(
    new URL("../../worker/wrangler.jsonc", import.meta.url).pathname,
  ).workerOptions;
  if (!queueConsumers || Array.isArray(queueConsumers)) throw new Error("wrangler.jsonc names no queue consumers");
  const consumers: Record<string, { maxBatchTimeout?: number }> = queueConsumers;
  return Object.fromEntries(
    Object.entries(consumers).map(([queue, consumer]) => [queue, { ...consumer, maxBatchTimeout: 0 }]),
  );
}

export default defineProject({
  plugins: [
    cloudflareTest({
      main: "./worker/src/index.ts",
      wrangler: { configPath: "./worker/wrangler.jsonc" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          // Channel tests post to a real receiver on loopback (test/worker/channels), and retry at once.
          CHANNELS_ALLOW_LOOPBACK: "true",
          CHANNELS_RETRY_SECONDS: "0",
        },
        // A small per-embed-key limit, so a test can reach it (deployments use wrangler.jsonc's).
        ratelimits: { EMBED_KEY_WRITES: { simple: { limit: 20, period: 60 } } },
        queueConsumers: await queueConsumersAtOnce(),
      },
    }),
  ],
  test: {
    name: "worker",
    // Files share their workerd (the pool starts one per worker, not one per file): a runtime's
    // start and its module loading cost about 2 CPU-s a file (measured: the project took 84 CPU-s
    // with isolation, 38 without). setupFiles empties D1's tables before each file, so a file still
    // starts from a migrated, empty database, whatever ran before it; the helpers give each file its
    // own client address, so per-address rate limits are the file's own too.
    isolate: false,
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/worker/**/*.test.ts"],
    setupFiles: ["test/worker/setup.ts"],
    globalSetup: ["test/worker/channels/global-setup.ts"],
    // The machine has two cores shared with Chromium in other suites; generous, not a speed claim.
    testTimeout: 30_000,
    deps: {
      optimizer: {
        ssr: {
          enabled: true,
          include: [
            "hono",
            "hono/body-limit",
            "hono/cookie",
            "hono/factory",
            "hono/http-exception",
            "@hono/zod-openapi",
            "zod",
            "fast-check",
          ],
        },
      },
    },
  },
});
