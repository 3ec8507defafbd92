/**
 * `npm run admin -- …`: operator commands against the local or the deployed D1. `bootstrap` is
 * how a fresh deployment gets its first organization, partnership and facilitator.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ExternalId, Name, PersonName } from "../src/partnerships/schemas";
import { type BootstrapInput, bootstrapSql } from "./bootstrap";
import { applyMigrations, CommandError, executeSql, goOffline, LOCAL_STATE, ROOT, type Target } from "./lib";

export const HELP = `Accord admin

Usage: npm run admin -- <command> [options]

Commands:
  bootstrap   Create an organization, a partnership and its first facilitator,
              and print the facilitator's one-time sign-in code (valid 7 days)
  help        Show this help

bootstrap options:
  --organization <name>  the organization's name (required)
  --partnership <name>   the partnership's name (required)
  --name <name>          the first facilitator's name (required)
  --external-id <id>     the facilitator's e-mail or intranet id (optional)
  --local                write to the local D1 (default); applies local migrations first
  --persist-to <dir>     with --local: use another local state folder than worker/.wrangler/state
  --remote               write to the deployed D1 "accord"; apply migrations there first with
                         npx wrangler d1 migrations apply accord --remote -c worker/wrangler.jsonc

Example:
  npm run admin -- bootstrap --organization "Acme" --partnership "Acme × Partner" \\
    --name "Alice Example" --external-id alice@acme.example
`;

/** A mistake in the command line: exit code 2 with a message and a pointer to help. */
export class UsageError extends Error {}

export type AdminCommand = { command: "help" } | { command: "bootstrap"; input: BootstrapInput; target: Target };

const BOOTSTRAP_OPTIONS = {
  organization: { type: "string" },
  partnership: { type: "string" },
  name: { type: "string" },
  "external-id": { type: "string" },
  local: { type: "boolean" },
  remote: { type: "boolean" },
  "persist-to": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Checks an optional value against the API's own schema, so the CLI accepts what the API would. */
function optional(flag: string, value: string | undefined, schema: typeof Name): string | null {
  if (value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const why =
    issue?.code === "too_small"
      ? "must not be empty"
      : issue?.code === "too_big"
        ? `must be at most ${issue.maximum} characters`
        : (issue?.message ?? "is not valid");
  throw new UsageError(`--${flag} ${why}`);
}

/** Like optional(), but the flag must be there. */
function required(flag: string, value: string | undefined, schema: typeof Name): string {
  const checked = optional(flag, value, schema);
  if (checked === null) throw new UsageError(`--${flag} is required`);
  return checked;
}

/** Where to write, from --local / --remote / --persist-to. */
function targetOf(values: { local?: boolean; remote?: boolean; "persist-to"?: string }): Target {
  if (values.local && values.remote) throw new UsageError("Use either --local or --remote, not both");
  if (values.remote) {
    if (values["persist-to"] !== undefined) throw new UsageError("--persist-to only applies to --local");
    return { kind: "remote" };
  }
  const persistTo = values["persist-to"];
  if (persistTo === "") throw new UsageError("--persist-to needs a folder");
  if (persistTo === undefined) return { kind: "local" };
  // npm runs scripts from the project root; a relative folder means relative to where the user typed it.
  return { kind: "local", persistTo: resolve(process.env.INIT_CWD ?? process.cwd(), persistTo) };
}

/** Parses `argv` (without node and the script); throws UsageError on any mistake. */
export function parseAdminArgs(argv: readonly string[]): AdminCommand {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("Name a command");
  if (command === "help" || command === "--help" || command === "-h") return { command: "help" };
  if (command !== "bootstrap") throw new UsageError(`Unknown command "${command}"`);
  let values: ReturnType<typeof parseArgs<{ options: typeof BOOTSTRAP_OPTIONS }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...rest], options: BOOTSTRAP_OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { command: "help" };
  const input: BootstrapInput = {
    organization: required("organization", values.organization, Name),
    partnership: required("partnership", values.partnership, Name),
    name: required("name", values.name, PersonName),
    externalId: optional("external-id", values["external-id"], ExternalId),
  };
  return { command: "bootstrap", input, target: targetOf(values) };
}

/** Human name of a target, for the report. */
function describeTarget(target: Target): string {
  if (target.kind === "remote") return "the remote D1 (accord)";
  const folder = target.persistTo ?? LOCAL_STATE;
  return `the local D1 in ${folder.startsWith(`${ROOT}/`) ? folder.slice(ROOT.length + 1) : folder}`;
}

/** Runs bootstrap and prints the ids, the code and how to use it. */
async function bootstrap(input: BootstrapInput, target: Target): Promise<void> {
  goOffline();
  if (target.kind === "local") await applyMigrations(target);
  const created = await bootstrapSql(input);
  try {
    await executeSql(created.sql, target);
  } catch (error) {
    if (error instanceof CommandError && /no such table/i.test(error.output)) {
      throw new CommandError(
        `${error.message}: the database has no Accord tables yet. Apply the migrations first:\n` +
          "  npx wrangler d1 migrations apply accord --remote -c worker/wrangler.jsonc",
        error.output,
      );
    }
    throw error;
  }
  const base = target.kind === "remote" ? "https://<your-worker>" : "http://127.0.0.1:8787";
  const rows: [string, string, string][] = [
    ["Organization", input.organization, created.organizationId],
    ["Partnership", input.partnership, created.partnershipId],
    ["Facilitator", input.name + (input.externalId ? ` <${input.externalId}>` : ""), created.personId],
  ];
  const width = Math.max(...rows.map(([, name]) => name.length));
  console.log(
    [
      `Bootstrapped on ${describeTarget(target)}:`,
      ...rows.map(([label, name, id]) => `  ${label.padEnd(12)}  ${name.padEnd(width)}  ${id}`),
      "",
      `One-time sign-in code for ${input.name} (single use, expires ${created.expiresAt}):`,
      "",
      `    ${created.code}`,
      "",
      "Exchange it for a personal token with POST /api/v1/sign-in:",
      `  curl -X POST ${base}/api/v1/sign-in -H 'Content-Type: application/json' -d '{"code": "${created.code}"}'`,
      "",
    ].join("\n"),
  );
}

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: AdminCommand;
  try {
    parsed = parseAdminArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`admin: ${error.message}\nRun "npm run admin -- help" for usage.`);
    return 2;
  }
  if (parsed.command === "help") {
    console.log(HELP);
    return 0;
  }
  try {
    await bootstrap(parsed.input, parsed.target);
    return 0;
  } catch (error) {
    console.error(`admin: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof CommandError && error.output && parsed.target.kind === "local") console.error(error.output);
    return 1;
  }
}

// Run only as a script, so tests can import parseAdminArgs without side effects.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
