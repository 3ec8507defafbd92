/**
 * What a release manifest may ask for, as a pure check over the manifest and the bundled code, so
 * the test can also show it catches a bad manifest.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const ALLOWED_PERMISSIONS = ["storage", "alarms", "scripting"];
export const OPTIONAL_HOSTS = ["https://*/*", "http://127.0.0.1/*", "http://localhost/*"];

/** The API a permission unlocks, as the (minified) bundled code refers to it. */
const USE: Record<string, RegExp> = {
  storage: /\.storage\.(local|session|sync)\b/,
  alarms: /\.alarms\b/,
  scripting: /\.scripting\b/,
};

export type Manifest = Record<string, unknown> & { permissions?: string[] };

/** Everything wrong with a release manifest; empty when it asks only for what the code uses. */
export function manifestProblems(manifest: Manifest, code: string): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(manifest);
  if (text.includes("<all_urls>")) problems.push("asks for <all_urls>");
  if (/"\*:\/\/\*\/\*"/.test(text)) problems.push("asks for every site (*://*/*)");
  if (manifest.manifest_version !== 3) problems.push("is not Manifest V3");
  for (const permission of manifest.permissions ?? []) {
    if (!ALLOWED_PERMISSIONS.includes(permission)) problems.push(`asks for "${permission}", which Accord does not use`);
    else if (!USE[permission]?.test(code)) problems.push(`asks for "${permission}" but the code never uses it`);
  }
  if (manifest.host_permissions) problems.push("grants hosts at install (host_permissions)");
  const optional = (manifest.optional_host_permissions as string[] | undefined) ?? [];
  if (JSON.stringify([...optional].sort()) !== JSON.stringify([...OPTIONAL_HOSTS].sort())) {
    problems.push(`optional hosts are ${JSON.stringify(optional)}`);
  }
  for (const key of ["content_scripts", "web_accessible_resources", "externally_connectable", "optional_permissions"]) {
    if (key in manifest) problems.push(`declares ${key}`);
  }
  if ("content_security_policy" in manifest) problems.push("changes the default content security policy");
  // No remote code: nothing evaluates strings or loads scripts from elsewhere.
  if (/\beval\(|new Function\(|importScripts\(/.test(code))
    problems.push("the code evaluates strings or imports scripts");
  return problems;
}

/** A build's manifest and its bundled code (scripts and pages), for `manifestProblems`. */
export async function readBuild(dir: string): Promise<{ manifest: Manifest; code: string }> {
  const files = await readdir(dir, { recursive: true });
  const code = await Promise.all(
    files.filter((f) => f.endsWith(".js") || f.endsWith(".html")).map((f) => readFile(join(dir, f), "utf8")),
  );
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest;
  return { manifest, code: code.join("\n") };
}

/** File names in a zip, from its central directory (enough to check what a package holds). */
export function zipEntries(zip: Buffer): string[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("Not a zip file");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("Broken zip directory");
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
