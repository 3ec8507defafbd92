import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("the README's webhook verification snippet", () => {
  it("is the code the worker tests verify real deliveries with", () => {
    const file = read("test/worker/channels/verify-snippet.js");
    const tested = file.slice(file.indexOf("/**")).trim();
    const blocks = read("README.md")
      .split("```js\n")
      .map((rest) => rest.slice(0, rest.indexOf("```")));
    const block = blocks.find((code) => code.includes("verifyAccordSignature"));
    expect(block?.trim()).toBe(tested);
  });
});
