/**
 * Results of a cycle (SPEC §2 "Results") as a pure function of aggregates.
 *
 * Confidentiality rules:
 * - a figure about a group of fewer than k respondents is `{ suppressed: true }`;
 * - a principle's partnership-wide figures (score, n, distribution, perception gap, trend) are
 *   shown only when every organization's cell is shown, since a mean of organization means, a
 *   total or a subtraction would otherwise reveal the hidden cell;
 * - strengths and challenges are chosen among principles whose partnership figures are shown.
 */
export const SUPPRESSED = { suppressed: true } as const;
export type Suppressed = typeof SUPPRESSED;
export type Figure<T> = T | Suppressed;

const STRENGTH_MIN = 4.0;
const PERCEPTION_GAP_FLAG = 1.0;
const TOP = 3;

export interface Cell {
  principleId: string;
  organizationId: string;
  perfN: number;
  perfSum: number;
  hist: [number, number, number, number, number];
  impN: number;
  impSum: number;
  comments: number;
}

export interface OrganizationResult {
  organizationId: string;
  n: Figure<number>;
  performance: Figure<number>;
  importance: Figure<number> | null;
  distribution: Figure<number[]>;
}

interface PrincipleResult {
  principleId: string;
  organizations: OrganizationResult[];
  n: Figure<number>;
  score: Figure<number>;
  importance: Figure<number> | null;
  gap: Figure<number> | null;
  priority: Figure<number> | null;
  distribution: Figure<number[]>;
  perceptionGap: Figure<number>;
  perceptionGapFlagged: Figure<boolean>;
  /** Change of score against the previous closed cycle of the same kind; null when there is none. */
  trend: Figure<number> | null;
  /** Whether all partnership-wide figures are shown. */
  shown: boolean;
  commentsVisibleFor: string[];
}

interface ResultsInput {
  kind: "assessment" | "pulse";
  k: number;
  commentThreshold: number;
  organizations: readonly string[];
  principles: readonly string[];
  cells: readonly Cell[];
  /** Scores of the previous closed cycle of the same kind, by principle (already suppressed there). */
  previousScores?: ReadonlyMap<string, Figure<number>>;
}

export const isSuppressed = (v: unknown): v is Suppressed =>
  typeof v === "object" && v !== null && (v as Suppressed).suppressed === true;

// Rounds half up at two decimals; the tolerance keeps 4.875 computed as 4.87499… from rounding down.
const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;

function emptyCell(principleId: string, organizationId: string): Cell {
  return { principleId, organizationId, perfN: 0, perfSum: 0, hist: [0, 0, 0, 0, 0], impN: 0, impSum: 0, comments: 0 };
}

/** Whether a cell's figures may be shown: enough people rated performance (and importance, in assessments). */
function cellShown(cell: Cell, kind: ResultsInput["kind"], k: number): boolean {
  return cell.perfN >= k && (kind === "pulse" || cell.impN >= k);
}

export function computeResults(input: ResultsInput) {
  const { kind, k } = input;
  const byKey = new Map(input.cells.map((c) => [`${c.principleId}|${c.organizationId}`, c]));
  const principles: PrincipleResult[] = input.principles.map((principleId) => {
    const cells = input.organizations.map((o) => byKey.get(`${principleId}|${o}`) ?? emptyCell(principleId, o));
    const organizations: OrganizationResult[] = cells.map((c) => {
      const ok = cellShown(c, kind, k);
      return {
        organizationId: c.organizationId,
        n: ok ? c.perfN : SUPPRESSED,
        performance: ok ? round2(c.perfSum / c.perfN) : SUPPRESSED,
        importance: kind === "pulse" ? null : ok ? round2(c.impSum / c.impN) : SUPPRESSED,
        distribution: ok ? [...c.hist] : SUPPRESSED,
      };
    });
    const shown = cells.length > 0 && cells.every((c) => cellShown(c, kind, k));
    const commentsVisibleFor = cells
      .filter((c) => cellShown(c, kind, k) && c.comments >= input.commentThreshold)
      .map((c) => c.organizationId);
    if (!shown) {
      return {
        principleId,
        organizations,
        n: SUPPRESSED,
        score: SUPPRESSED,
        importance: kind === "pulse" ? null : SUPPRESSED,
        gap: kind === "pulse" ? null : SUPPRESSED,
        priority: kind === "pulse" ? null : SUPPRESSED,
        distribution: SUPPRESSED,
        perceptionGap: SUPPRESSED,
        perceptionGapFlagged: SUPPRESSED,
        trend: input.previousScores?.has(principleId) ? SUPPRESSED : null,
        shown,
        commentsVisibleFor,
      };
    }
    // Each partner's voice counts equally: means of organization means, not of all ratings.
    const perfMeans = cells.map((c) => c.perfSum / c.perfN);
    const score = perfMeans.reduce((a, b) => a + b, 0) / perfMeans.length;
    const importance =
      kind === "pulse" ? null : cells.map((c) => c.impSum / c.impN).reduce((a, b) => a + b, 0) / cells.length;
    const gap = importance === null ? null : importance - score;
    const spread = Math.max(...perfMeans) - Math.min(...perfMeans);
    const previous = input.previousScores?.get(principleId);
    return {
      principleId,
      organizations,
      n: cells.reduce((a, c) => a + c.perfN, 0),
      score: round2(score),
      importance: importance === null ? null : round2(importance),
      gap: gap === null ? null : round2(gap),
      priority: gap === null || importance === null ? null : round2(importance * gap),
      distribution: [0, 1, 2, 3, 4].map((i) => cells.reduce((a, c) => a + (c.hist[i] ?? 0), 0)),
      perceptionGap: round2(spread),
      perceptionGapFlagged: spread >= PERCEPTION_GAP_FLAG,
      trend: previous === undefined ? null : isSuppressed(previous) ? SUPPRESSED : round2(score - previous),
      shown,
      commentsVisibleFor,
    };
  });
  const visible = principles.filter((p) => p.shown);
  const split = kind === "pulse" ? null : quadrantSplit(visible.map(asPoint));
  const quadrants = new Map(visible.map((p) => [p.principleId, split ? quadrantOf(asPoint(p), split) : null] as const));
  const strengths = visible
    .filter((p) => (p.score as number) >= STRENGTH_MIN)
    .sort((a, b) => (b.score as number) - (a.score as number))
    .slice(0, TOP)
    .map((p) => p.principleId);
  const challenges =
    kind === "pulse"
      ? visible
          .filter((p) => !strengths.includes(p.principleId))
          .sort((a, b) => (a.score as number) - (b.score as number))
          .slice(0, TOP)
          .map((p) => p.principleId)
      : // A challenge is what the chart calls "Concentrate here": the list and the chart cannot disagree.
        visible
          .filter((p) => quadrants.get(p.principleId) === "concentrate" && (p.priority as number) > 0)
          .sort((a, b) => (b.priority as number) - (a.priority as number))
          .slice(0, TOP)
          .map((p) => p.principleId);
  return {
    principles: principles.map((p) => ({ ...p, quadrant: quadrants.get(p.principleId) ?? null })),
    strengths,
    challenges,
    quadrantSplit: split,
  };
}

export const QUADRANTS = ["concentrate", "keep", "overkill", "low"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** A principle's place on the importance–performance chart, from its shown (rounded) figures. */
export interface QuadrantPoint {
  performance: number;
  importance: number;
}

const asPoint = (p: PrincipleResult): QuadrantPoint => ({
  performance: p.score as number,
  importance: p.importance as number,
});

/**
 * Where the importance–performance chart is split: the partnership's own means across the shown
 * principles (data-centred quadrants). Answers cluster high, so lines at the middle of the scale
 * (3) would put nearly everything in "Keep it up". Null when no principle is shown.
 */
export function quadrantSplit(points: readonly QuadrantPoint[]): QuadrantPoint | null {
  if (points.length === 0) return null;
  const avg = (f: (p: QuadrantPoint) => number) => round2(points.reduce((a, p) => a + f(p), 0) / points.length);
  return { performance: avg((p) => p.performance), importance: avg((p) => p.importance) };
}

/**
 * The quadrant of a point: at least as important as the average counts as important; lived
 * better than the average counts as lived well (a point on the line is not above it).
 */
export function quadrantOf(p: QuadrantPoint, split: QuadrantPoint): Quadrant {
  const important = p.importance >= split.importance;
  const livedWell = p.performance > split.performance;
  if (important) return livedWell ? "keep" : "concentrate";
  return livedWell ? "overkill" : "low";
}

export type Results = ReturnType<typeof computeResults>;

/** Fisher–Yates shuffle with an injectable random source, so comments carry no order. */
export function shuffle<T>(items: readonly T[], random = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
