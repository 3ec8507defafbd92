import { describe, expect, it } from "vitest";
import { changed, wordDiff } from "../../widget/src/console/diff";

const join = (parts: { kind: string; text: string }[], keep: string[]) =>
  parts
    .filter((p) => keep.includes(p.kind))
    .map((p) => p.text)
    .join("");

describe("word diff of principle wording", () => {
  it("marks only the changed words, and each side reassembles exactly", () => {
    const before = "Northwind shares every promotion six weeks ahead; Harbour plans trucks from it.";
    const after = "Northwind shares every promotion eight weeks ahead; Harbour plans trucks and staff from it.";
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["six"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["eight", "and staff"]);
    expect(join(parts, ["same", "removed"])).toBe(before);
    expect(join(parts, ["same", "added"])).toBe(after);
  });

  it("handles empty sides and ignores spacing-only changes", () => {
    expect(wordDiff("", "New text")).toEqual([{ kind: "added", text: "New text" }]);
    expect(wordDiff("Old text", "")).toEqual([{ kind: "removed", text: "Old text" }]);
    expect(changed("a  b ", "a b")).toBe(false);
    expect(changed("a b", "a c")).toBe(true);
  });
});
