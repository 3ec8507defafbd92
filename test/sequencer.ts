import { statSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Longest file first, across projects. Vitest's own order runs one project after another, which
 * left the worker project's slow files (hardening, trust) as a tail after every browser file had
 * finished. With the longest first, the two lanes finish together.
 *
 * "Longest" is the last run's duration when every file has one (a local run); on a clean checkout
 * (CI) it is the file's size, doubled for a browser file, whose worker and Chromium start first.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const key = (spec: TestSpecification) => `${spec.project.name}:${relative(root, spec.moduleId)}`;
    const last = files.map((spec) => this.ctx.cache.getFileTestResults(key(spec)));
    const cost = last.every((result) => result !== undefined)
      ? last.map((result) => (result?.failed ? Number.POSITIVE_INFINITY : (result?.duration ?? 0)))
      : files.map((spec) => statSync(spec.moduleId).size * (spec.project.name === "browser" ? 2 : 1));
    return files
      .map((spec, i) => ({ spec, cost: cost[i] ?? 0 }))
      .sort((a, b) => b.cost - a.cost)
      .map(({ spec }) => spec);
  }
}
