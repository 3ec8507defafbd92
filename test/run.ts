/**
 * The last step of `npm test`: the type check and every test, side by side. The type check is one
 * tsc process on one core (about 25 s on a clean checkout), and vitest's global setup leaves a core
 * idle while it bundles the worker and seeds the database, so running them one after the other
 * wasted that core. vitest's output streams as usual; the type check's is printed when it ends.
 * Either failing fails the run.
 */
import { spawn } from "node:child_process";

/** Runs `command`; resolves to its exit code and, when `quiet`, its output. */
function run(command: string, args: string[], quiet: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const [typecheck, tests] = await Promise.all([
  run("npm", ["run", "--silent", "typecheck"], true),
  run("npx", ["vitest", "run", "-c", "test/vitest.config.ts", ...process.argv.slice(2)], false),
]);
if (typecheck.code === 0) {
  console.log("\nType check (npm run typecheck): passed");
} else {
  console.error(`\nType check (npm run typecheck) failed:\n${typecheck.output}`);
}
process.exit(typecheck.code || tests.code);
