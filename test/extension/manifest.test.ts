/**
 * What the release manifest asks for: only the permissions the code uses, hosts only at runtime,
 * no remote code. Firefox's package, Mozilla's linter and the sources zip are checked by
 * `npm run test:release` (test/release).
 */
import { describe, expect, it } from "vitest";
import { releaseBuild } from "./build";
import { type Manifest, manifestProblems, OPTIONAL_HOSTS, readBuild } from "./manifest-check";

describe("extension release manifest", () => {
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

  it("chrome: asks only for what it uses, hosts only at runtime, and runs no remote code", async () => {
    const { manifest, code } = await readBuild(await releaseBuild("chrome"));
    expect(manifestProblems(manifest, code)).toEqual([]);
    expect(manifest.browser_specific_settings).toBeUndefined();
    expect(manifest.background).toEqual({ service_worker: "background.js" });
    expect(manifest.manifest_version).toBe(3);
  });
});
