import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { tableNames } from "./helpers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Files that run in the same workerd share its D1 (the project runs without per-file isolation),
// so each file starts, as it would alone, from migrated and empty tables.
await env.DB.batch([
  env.DB.prepare("PRAGMA defer_foreign_keys = ON"),
  ...(await tableNames()).map((name) => env.DB.prepare(`DELETE FROM "${name}"`)),
]);
