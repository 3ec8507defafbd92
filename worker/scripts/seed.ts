/**
 * The demo `npm start` shows, as SQL for `wrangler d1 execute --file`: the story of demo/ replayed
 * through the app's statement builders, and the few statements every later start runs. Pure (Web
 * Crypto only, no Node APIs), so tests can call it in Node or in workerd.
 */
import { base64url, hmacKey } from "../src/auth/crypto";
import type { Role } from "../src/domain/roles";
import { refreshDemo, replayStory } from "./demo/replay";
import { SqlScript, type SqlValue, sqlLiteral } from "./demo/sql-script";
import { DEMO_PARTNERSHIP_ID, DEMO_PEOPLE, find, ORGANIZATIONS, PARTNERSHIPS } from "./demo/story";

export { type SqlValue, sqlLiteral } from "./demo/sql-script";
export {
  DEMO_PARTNERSHIP_ID,
  DEMO_PEOPLE,
  DEMO_SECOND_PARTNERSHIP_ID,
  type DemoPersonSpec,
} from "./demo/story";

/**
 * A query for `wrangler d1 execute --command … --json`: one row whose `n` is 1 when the database
 * already holds the demo (its first partnership), 0 when the story still has to be replayed.
 */
export const DEMO_PRESENT_SQL = `SELECT COUNT(*) AS n FROM partnerships WHERE id = ${sqlLiteral(DEMO_PARTNERSHIP_ID)}`;

/**
 * The demo personal token of a person: derived from the local RATING_KEY, so it is the same on
 * every start yet nobody without that key can compute it. Same shape as a real token.
 */
export async function demoToken(ratingKey: string, personId: string): Promise<string> {
  const key = await hmacKey(ratingKey);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`demo-token:${personId}`));
  return `acc_${base64url(mac)}`;
}

export interface DemoPerson {
  id: string;
  name: string;
  organization: string;
  role: Role;
  partnershipIds: string[];
  token: string;
}

export interface DemoSeed {
  /** For a database without the demo: the whole story, then what `refreshSql` does. */
  sql: string;
  /** For a database with the demo: refreshes the demo tokens and opens cycles that are due. */
  refreshSql: string;
  partnerships: { id: string; name: string }[];
  /** The people who got a demo token, facilitators first. */
  people: DemoPerson[];
}

/** The demo people who get a token, with the token derived from `ratingKey`. */
async function demoPeople(ratingKey: string): Promise<DemoPerson[]> {
  const chosen = DEMO_PEOPLE.filter((p) => p.token).sort(
    (a, b) => Number(b.role === "facilitator") - Number(a.role === "facilitator"),
  );
  return Promise.all(
    chosen.map(async (p) => ({
      id: p.id,
      name: p.name,
      organization: find(ORGANIZATIONS, p.organizationId).name,
      role: p.role,
      partnershipIds: [...p.partnershipIds],
      token: await demoToken(ratingKey, p.id),
    })),
  );
}

/** The demo as SQL plus the people and tokens to show; times are relative to `now`. */
export async function seedSql(ratingKey: string, now = Date.now()): Promise<DemoSeed> {
  const people = await demoPeople(ratingKey);
  const tokens = people.map((p) => ({ personId: p.id, token: p.token }));
  const story = new SqlScript();
  await replayStory(story, ratingKey, now);
  const refresh = new SqlScript();
  await refreshDemo(refresh, tokens, now);
  return {
    sql: story.render() + refresh.render(),
    refreshSql: refresh.render(),
    partnerships: PARTNERSHIPS.map((p) => ({ id: p.id, name: p.name })),
    people,
  };
}

// intranet.ts still writes its embed key and origins as hand-made SQL with these two helpers.

/** "(a, b) VALUES (1, 'x')" for a row. */
function columnsAndValues(row: Record<string, SqlValue>): string {
  const columns = Object.keys(row);
  return `(${columns.join(", ")}) VALUES (${columns.map((c) => sqlLiteral(row[c] ?? null)).join(", ")})`;
}

/** INSERT OR IGNORE: idempotent for rows with a fixed primary key. */
export function insertOrIgnore(table: string, row: Record<string, SqlValue>): string {
  return `INSERT OR IGNORE INTO ${table} ${columnsAndValues(row)};`;
}

/** Inserts unless a row with the same values in `keys` exists: for tables with generated ids (audit_log). */
export function insertIfAbsent(
  table: string,
  row: Record<string, SqlValue>,
  keys: readonly string[],
  when = "1",
): string {
  const columns = Object.keys(row);
  const values = columns.map((c) => sqlLiteral(row[c] ?? null)).join(", ");
  const match = keys.map((k) => `${k} IS ${sqlLiteral(row[k] ?? null)}`).join(" AND ");
  return `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${values} WHERE ${when} AND NOT EXISTS (SELECT 1 FROM ${table} WHERE ${match});`;
}
