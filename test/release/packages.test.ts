/**
 * Release-only checks (`npm run test:release`, run by CI after `npm test`): the Firefox package's
 * manifest, Mozilla's web-ext lint, and the sources zip reviewers rebuild from.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXTENSION, ROOT, releaseBuild, run } from "../extension/build";
import { manifestProblems, readBuild, zipEntries } from "../extension/manifest-check";

describe("extension release packages", () => {
  let firefox: string;
  beforeAll(async () => {
    firefox = await releaseBuild("firefox");
  });

  it("firefox: asks only for what it uses, hosts only at runtime, runs no remote code, and has its add-on id", async () => {
    const { manifest, code } = await readBuild(firefox);
    expect(manifestProblems(manifest, code)).toEqual([]);
    expect(manifest.browser_specific_settings).toMatchObject({ gecko: { id: "extension@accord.example" } });
    expect(manifest.background).toEqual({ scripts: ["background.js"] });
    expect(manifest.manifest_version).toBe(3);
  });

  it("the Firefox package passes Mozilla's web-ext lint with no errors", async () => {
    const output = await run(join(ROOT, "node_modules/.bin/web-ext"), [
      "lint",
      "--source-dir",
      firefox,
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
  });

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
    const zip = zipEntries(await readFile(join(EXTENSION, `.output/accord-${pkg.version}-firefox.zip`)));
    expect(zip).toContain("manifest.json");
    expect(zip).toContain("content-scripts/reminder.js");
  });
});
