/**
 * The release packages: what the manifests ask for, Mozilla's linter on the Firefox package, and
 * the sources zip reviewers rebuild from.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXTENSION, ROOT, releaseBuilds, run } from "./build";
import { type Manifest, manifestProblems, OPTIONAL_HOSTS, zipEntries } from "./manifest-check";

async function bundledCode(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true });
  const code = await Promise.all(
    files.filter((f) => f.endsWith(".js") || f.endsWith(".html")).map((f) => readFile(join(dir, f), "utf8")),
  );
  return code.join("\n");
}

const readManifest = async (dir: string) => JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest;

describe("extension release packages", () => {
  let builds: { chrome: string; firefox: string };
  beforeAll(async () => {
    builds = await releaseBuilds();
  });

  it("the check catches <all_urls>, an unused permission and hosts granted at install", () => {
    const good: Manifest = {
      manifest_version: 3,
      permissions: ["storage", "alarms", "scripting"],
      optional_host_permissions: OPTIONAL_HOSTS,
    };
    const code = "browser.storage.local.get(); browser.alarms.create(); browser.scripting.registerContentScripts()";
    const withoutScripting = "browser.storage.local.get(); browser.alarms.create()";
    expect(manifestProblems(good, code)).toEqual([]);
    expect(manifestProblems({ ...good, optional_host_permissions: ["<all_urls>"] }, code).join()).toMatch(/<all_urls>/);
    expect(manifestProblems({ ...good, permissions: ["storage", "alarms", "scripting", "tabs"] }, code)).toEqual([
      'asks for "tabs", which Accord does not use',
    ]);
    expect(manifestProblems(good, withoutScripting)).toEqual(['asks for "scripting" but the code never uses it']);
    expect(manifestProblems({ ...good, host_permissions: ["http://127.0.0.1/*"] }, code)).toEqual([
      "grants hosts at install (host_permissions)",
    ]);
    expect(manifestProblems(good, `${code}; eval("1")`)).toEqual(["the code evaluates strings or imports scripts"]);
  });

  for (const browser of ["chrome", "firefox"] as const) {
    it(`${browser}: asks only for what it uses, hosts only at runtime, and runs no remote code`, async () => {
      const dir = builds[browser];
      expect(manifestProblems(await readManifest(dir), await bundledCode(dir))).toEqual([]);
    });
  }

  it("Firefox alone gets its add-on id, and both are MV3 with their own kind of background", async () => {
    const chrome = await readManifest(builds.chrome);
    const firefox = await readManifest(builds.firefox);
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.background).toEqual({ service_worker: "background.js" });
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: "extension@accord.example" } });
    expect(firefox.background).toEqual({ scripts: ["background.js"] });
    expect([chrome.manifest_version, firefox.manifest_version]).toEqual([3, 3]);
  });

  it("the Firefox package passes Mozilla's web-ext lint with no errors", async () => {
    const output = await run(join(ROOT, "node_modules/.bin/web-ext"), [
      "lint",
      "--source-dir",
      builds.firefox,
      "--output",
      "json",
      "--no-input",
    ]);
    const report = JSON.parse(output.slice(output.indexOf("{"))) as {
      errors: { code: string; message: string }[];
      summary: { errors: number };
    };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 120_000);

  it("the sources zip holds the extension's sources and nothing else", async () => {
    await run(join(ROOT, "node_modules/.bin/wxt"), ["zip", "extension", "-b", "firefox", "--mv3"], {
      ACCORD_EXTENSION_TEST: "",
    });
    const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string };
    const sources = zipEntries(await readFile(join(EXTENSION, `.output/accord-${pkg.version}-sources.zip`))).filter(
      (f) => !f.endsWith("/"),
    );
    expect(sources).toEqual(expect.arrayContaining(["package.json", "package-lock.json", "extension/wxt.config.ts"]));
    expect(sources).toContain("extension/utils/storage.ts");
    expect(sources).toContain("widget/src/api.ts");
    const outside = sources.filter(
      (f) =>
        !/^(package\.json|package-lock\.json|tsconfig\.json|extension\/.+|widget\/tsconfig\.json|widget\/src\/(api\.ts|api-types\.gen\.ts|ui\/.+|i18n\/.+))$/.test(
          f,
        ),
    );
    expect(outside).toEqual([]);
    expect(sources.filter((f) => /node_modules|\.output\/|\.wxt\/|\.wrangler/.test(f))).toEqual([]);
    const firefox = zipEntries(await readFile(join(EXTENSION, `.output/accord-${pkg.version}-firefox.zip`)));
    expect(firefox).toContain("manifest.json");
    expect(firefox).toContain("content-scripts/reminder.js");
  }, 120_000);
});
