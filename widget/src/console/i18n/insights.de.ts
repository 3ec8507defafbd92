/** The German words for reading results, key for key insights.en.ts. */
import type { insights as en } from "./insights.en";

export const insights: typeof en = {};
