import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../worker/scripts/admin";
import { serveWorker } from "../browser/harness";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
const admin = (args: string[]) =>
  run("npx", ["tsx", "worker/scripts/admin.ts", ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });

describe("npm run admin", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("bootstraps a working partnership on an empty database", async () => {
    const dir = await mkdtemp(join(tmpdir(), "accord-admin-"));
    dirs.push(dir);
    const { stdout } = await admin([
      "bootstrap",
      "--organization",
      "O'Brien & Sons",
      "--partnership",
      "O'Brien × Partner",
      "--name",
      "Aoife O'Brien",
      "--external-id",
      "aoife@obrien.example",
      "--persist-to",
      dir,
    ]);
    const code = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(stdout)?.[1];
    expect(code, stdout).toBeTruthy();
    const worker = await serveWorker(dir);
    try {
      const base = worker.url;
      const signIn = await fetch(`${base}/api/v1/sign-in`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
      });
      expect(signIn.status).toBe(201);
      const { token } = (await signIn.json()) as { token: string };
      const me = (await (
        await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as {
        person: { name: string; externalId: string; admin: boolean };
        organization: { id: string; name: string };
        partnerships: { id: string; name: string; role: string }[];
      };
      // The operator's first person is the organization's admin as well as the partnership's facilitator.
      expect(me.person).toMatchObject({ name: "Aoife O'Brien", externalId: "aoife@obrien.example", admin: true });
      expect(me.organization.name).toBe("O'Brien & Sons");
      expect(me.partnerships).toEqual([expect.objectContaining({ name: "O'Brien × Partner", role: "facilitator" })]);
      const pid = me.partnerships[0]?.id;
      const proposed = await fetch(`${base}/api/v1/partnerships/${pid}/principles`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          title: "We answer within a day",
          description: "Questions get an answer the same or next day.",
        }),
      });
      expect(proposed.status).toBe(201);
      const origins = await fetch(`${base}/api/v1/organizations/${me.organization.id}/allowed-origins`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ origins: ["https://intranet.obrien.example"] }),
      });
      expect(origins.status).toBe(200);
      const again = await fetch(`${base}/api/v1/sign-in`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
      });
      expect(again.status).toBe(401);
    } finally {
      await worker.dispose();
    }
  });

  // In this process (the bootstrap above runs the command as people do): main() resolves to the exit code.
  it("refuses a bad command line with exit code 2 and a clear message", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await main(["bootstrap", "--organization", "Acme"])).toBe(2);
      expect(printed.mock.calls.flat().join("\n")).toMatch(/--partnership|--name/);
    } finally {
      printed.mockRestore();
    }
  });
});
