/**
 * The console's English words for reading results: results and trends, the report, charts, cycles
 * and a principle's history. Part of the English catalogue (en.ts); insights.de.ts copies it key for key.
 */
export const insights = {};
