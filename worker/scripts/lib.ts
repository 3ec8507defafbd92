/**
 * Node-side helpers shared by `npm start` and `npm run admin`: where things live, running the
 * local wrangler without network or prompts, and the local RATING_KEY.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WRANGLER_CONFIG = join(ROOT, "worker/wrangler.jsonc");
export const DEV_VARS = join(ROOT, "worker/.dev.vars");
/** Where wrangler keeps local state for this config by default (dev, d1 execute, migrations). */
export const LOCAL_STATE = join(ROOT, "worker/.wrangler/state");
export const DATABASE = "accord";

const WRANGLER_BIN = join(ROOT, "node_modules/.bin/wrangler");

/** Keeps wrangler and miniflare off the network: no metrics, no update check, no request.cf fetch. */
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
} as const;

/** Applies OFFLINE_ENV to this process, for wrangler's in-process API. */
export function goOffline(): void {
  Object.assign(process.env, OFFLINE_ENV);
}

/** A local D1 (optionally in another state folder) or the deployed one. */
export type Target = { kind: "local"; persistTo?: string } | { kind: "remote" };

/** wrangler's flags selecting `target`. */
export function targetFlags(target: Target): string[] {
  if (target.kind === "remote") return ["--remote"];
  return target.persistTo ? ["--local", "--persist-to", target.persistTo] : ["--local"];
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/**
 * Runs the project's wrangler with `args`; returns its stdout. Local runs are quiet and
 * non-interactive (CI=true); remote runs show wrangler's own output, since it may need the
 * operator (login, confirmation of the account).
 */
export function wrangler(args: readonly string[], target: Target, signal?: AbortSignal): Promise<string> {
  const local = target.kind === "local";
  const env = { ...process.env, ...OFFLINE_ENV, ...(local ? { CI: "true" } : {}) };
  const options = { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024, signal };
  return new Promise((done, fail) => {
    const child = execFile(WRANGLER_BIN, args, options, (error, stdout, stderr) => {
      if (error) fail(new CommandError(`wrangler ${args.slice(0, 3).join(" ")} failed`, `${stdout}${stderr}`.trim()));
      else done(stdout);
    });
    if (!local) {
      child.stdout?.pipe(process.stdout);
      child.stderr?.pipe(process.stderr);
    }
  });
}

/** Applies worker/migrations to the target database (idempotent: applied ones are skipped). */
export function applyMigrations(target: Target, signal?: AbortSignal): Promise<string> {
  return wrangler(
    ["d1", "migrations", "apply", DATABASE, ...targetFlags(target), "-c", WRANGLER_CONFIG],
    target,
    signal,
  );
}

/** Runs `sql` as one file, which wrangler executes as one batch: all of it or none. */
export async function executeSql(sql: string, target: Target, signal?: AbortSignal): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "accord-sql-"));
  try {
    const file = join(dir, "statements.sql");
    await writeFile(file, sql, { mode: 0o600 });
    return await wrangler(
      ["d1", "execute", DATABASE, ...targetFlags(target), "-c", WRANGLER_CONFIG, "--file", file, "-y"],
      target,
      signal,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The rows of one read-only statement, through `wrangler d1 execute --command … --json`. */
export async function queryRows<T = Record<string, unknown>>(
  sql: string,
  target: Target,
  signal?: AbortSignal,
): Promise<T[]> {
  const out = await wrangler(
    ["d1", "execute", DATABASE, ...targetFlags(target), "-c", WRANGLER_CONFIG, "--command", sql, "--json"],
    target,
    signal,
  );
  const parsed = JSON.parse(out) as { results?: T[] }[];
  return parsed.flatMap((r) => r.results ?? []);
}

/** Reads `KEY=value` lines (the .dev.vars / .env format wrangler reads). */
export function parseDotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m?.[1] || m[2] === undefined) continue;
    vars.set(m[1], m[2].replace(/^(['"])(.*)\1$/, "$2"));
  }
  return vars;
}

/**
 * The local RATING_KEY from worker/.dev.vars, generating one (64 hex chars) when the file or the
 * key is missing. The file is git-ignored and private to the user; the key is never printed.
 */
export async function ensureRatingKey(): Promise<{ key: string; created: boolean }> {
  const text = existsSync(DEV_VARS) ? await readFile(DEV_VARS, "utf8") : null;
  const existing = text === null ? undefined : parseDotenv(text).get("RATING_KEY");
  if (existing) return { key: existing, created: false };
  const key = randomBytes(32).toString("hex");
  const line = `# Local secrets for wrangler dev (git-ignored). Generated by npm start.\nRATING_KEY=${key}\n`;
  if (text === null) await writeFile(DEV_VARS, line, { mode: 0o600 });
  else await appendFile(DEV_VARS, `${text.endsWith("\n") || text === "" ? "" : "\n"}${line}`);
  return { key, created: true };
}

/** Seconds since this process started, for "serving in …" figures. */
export function elapsed(): string {
  return `${process.uptime().toFixed(1)} s`;
}
