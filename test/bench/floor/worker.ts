/**
 * The floor the bench compares Accord's API with: the least a rating submission (and a one-row
 * read) can cost on this workerd, this loopback and this load driver. A plain module Worker, no
 * framework, no auth, no validation library: it parses the same JSON as a submission and writes
 * the rating plus its aggregate counters in one D1 batch (one round trip, one transaction).
 * Never deployed; `serve.ts` runs it on workerd through Miniflare with its own local D1 and calls
 * `POST /setup` once to create its tables.
 */

interface FloorEnv {
  DB: D1Database;
}

interface Answer {
  principleId: string;
  performance: number;
  importance: number;
}

/** The floor's only cycle, and the row `GET /read` reads (created by `POST /setup`). */
const FLOOR_CYCLE = "cyc_floor";
const READ_KEY = [FLOOR_CYCLE, "pri_floor", "org_floor_a"] as const;

/** The shapes of worker/migrations' ratings and aggregates tables (constraints included). */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ratings (
    cycle_id TEXT NOT NULL,
    respondent TEXT NOT NULL,
    principle_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    performance INTEGER CHECK (performance BETWEEN 0 AND 5),
    importance INTEGER CHECK (importance BETWEEN 0 AND 5),
    comment TEXT,
    PRIMARY KEY (cycle_id, respondent, principle_id)
  ) WITHOUT ROWID`,
  "CREATE INDEX IF NOT EXISTS ratings_comments ON ratings(cycle_id, principle_id, organization_id) WHERE comment IS NOT NULL",
  `CREATE TABLE IF NOT EXISTS aggregates (
    cycle_id TEXT NOT NULL,
    principle_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    perf_n INTEGER NOT NULL DEFAULT 0,
    perf_sum INTEGER NOT NULL DEFAULT 0,
    perf_1 INTEGER NOT NULL DEFAULT 0,
    perf_2 INTEGER NOT NULL DEFAULT 0,
    perf_3 INTEGER NOT NULL DEFAULT 0,
    perf_4 INTEGER NOT NULL DEFAULT 0,
    perf_5 INTEGER NOT NULL DEFAULT 0,
    imp_n INTEGER NOT NULL DEFAULT 0,
    imp_sum INTEGER NOT NULL DEFAULT 0,
    comments INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cycle_id, principle_id, organization_id)
  ) WITHOUT ROWID`,
  "INSERT OR IGNORE INTO aggregates (cycle_id, principle_id, organization_id, perf_n, perf_sum) VALUES (?1, ?2, ?3, 1, 4)",
];

/** Creates the tables and the row `GET /read` reads. */
async function setup(env: FloorEnv): Promise<Response> {
  await env.DB.batch(
    SCHEMA.map((sql) => (sql.includes("?1") ? env.DB.prepare(sql).bind(...READ_KEY) : env.DB.prepare(sql))),
  );
  return json({ ok: true });
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const score = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 5;

function answersOf(body: unknown): Answer[] | null {
  const answers = (body as { answers?: unknown } | null)?.answers;
  if (!Array.isArray(answers) || answers.length === 0) return null;
  for (const a of answers as Partial<Answer>[]) {
    if (typeof a?.principleId !== "string" || !score(a.performance) || !score(a.importance)) return null;
  }
  return answers as Answer[];
}

async function submit(request: Request, env: FloorEnv): Promise<Response> {
  // The bearer token stands in for the respondent key Accord derives from the person.
  const respondent = /^Bearer\s+(\S+)$/i.exec(request.headers.get("Authorization") ?? "")?.[1];
  if (!respondent) return json({ error: { code: "unauthorized" } }, 401);
  const answers = answersOf(await request.json().catch(() => null));
  if (!answers) return json({ error: { code: "validation" } }, 400);
  const organizationId = respondent.charCodeAt(respondent.length - 1) % 2 ? "org_floor_a" : "org_floor_b";
  const statements = answers.flatMap((a) => {
    const perf = a.performance >= 1 ? 1 : 0;
    const imp = a.importance >= 1 ? 1 : 0;
    return [
      // A plain INSERT: answering the same principle twice fails the whole batch (409), so the
      // counters never count a rating twice. The bench never repeats a (respondent, principle).
      env.DB.prepare(
        `INSERT INTO ratings (cycle_id, respondent, principle_id, organization_id, performance, importance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
      ).bind(FLOOR_CYCLE, respondent, a.principleId, organizationId, a.performance, a.importance),
      env.DB.prepare(
        `INSERT INTO aggregates (cycle_id, principle_id, organization_id, perf_n, perf_sum, perf_1, perf_2, perf_3, perf_4, perf_5, imp_n, imp_sum)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6 = 1, ?6 = 2, ?6 = 3, ?6 = 4, ?6 = 5, ?7, ?8)
         ON CONFLICT (cycle_id, principle_id, organization_id) DO UPDATE SET
           perf_n = perf_n + excluded.perf_n, perf_sum = perf_sum + excluded.perf_sum,
           perf_1 = perf_1 + excluded.perf_1, perf_2 = perf_2 + excluded.perf_2, perf_3 = perf_3 + excluded.perf_3,
           perf_4 = perf_4 + excluded.perf_4, perf_5 = perf_5 + excluded.perf_5,
           imp_n = imp_n + excluded.imp_n, imp_sum = imp_sum + excluded.imp_sum`,
      ).bind(
        FLOOR_CYCLE,
        a.principleId,
        organizationId,
        perf,
        perf * a.performance,
        a.performance,
        imp,
        imp * a.importance,
      ),
    ];
  });
  try {
    await env.DB.batch(statements);
  } catch {
    return json({ error: { code: "conflict" } }, 409);
  }
  return json({ cycleId: FLOOR_CYCLE, answers });
}

async function read(env: FloorEnv): Promise<Response> {
  const row = await env.DB.prepare(
    "SELECT * FROM aggregates WHERE cycle_id = ?1 AND principle_id = ?2 AND organization_id = ?3",
  )
    .bind(...READ_KEY)
    .first();
  return row ? json(row) : json({ error: { code: "not_found" } }, 404);
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method === "POST" && pathname === "/submit") return submit(request, env);
    if (request.method === "GET" && pathname === "/read") return read(env);
    if (request.method === "POST" && pathname === "/setup") return setup(env);
    return json({ error: { code: "not_found" } }, 404);
  },
} satisfies ExportedHandler<FloorEnv>;
