/**
 * Every word the console shows comes from its catalogue, so German readers never meet an English
 * sentence: no text written into the markup of a console component, no label, title or placeholder
 * given as a literal, and no sentence-like string literal in a component's code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const CONSOLE = join(ROOT, "widget/src/console");

/** Words that are the same in every language: the product's name and protocol names shown as code. */
const SAME_IN_EVERY_LANGUAGE = new Set(["Accord", "Accord-Signature", "Slack", "Microsoft Teams", "HMAC-SHA256"]);
/** Attributes people read (or hear from a screen reader). */
const READ_ATTRIBUTES = new Set(["aria-label", "aria-description", "title", "placeholder", "alt", "label"]);
/** A sentence or a label: a capital, a lower-case letter, and a second word. */
const SENTENCE = /^[A-Z][a-z’']*[\s\u00a0]+\S/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "i18n" ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The literal words a source file would show, each with its line. */
function literalWords(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, words: string) => {
    const trimmed = words.replace(/\s+/g, " ").trim();
    if (!/\p{L}{2}/u.test(trimmed) || SAME_IN_EVERY_LANGUAGE.has(trimmed)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${relative(ROOT, file)}:${line} ${JSON.stringify(trimmed.slice(0, 60))}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (READ_ATTRIBUTES.has(node.name.getText())) report(node, node.initializer.text);
      return;
    } else if (ts.isStringLiteralLike(node) && !ts.isImportDeclaration(node.parent) && SENTENCE.test(node.text)) {
      report(node, node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("console catalogue", () => {
  it("shows no word that is not in the catalogue", () => {
    const files = sources(CONSOLE);
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap(literalWords)).toEqual([]);
  });
});
