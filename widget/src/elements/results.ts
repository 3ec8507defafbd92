import { lazyViewElement } from "./lazy-view";

/**
 * <accord-results partnership="…" cycle="latest" token="…">: published strengths, gaps and a
 * chart. Its view is a file of its own: pages without this element never load that code.
 */
export const resultsElement = lazyViewElement("results", () => import("../ui/results-view"));
