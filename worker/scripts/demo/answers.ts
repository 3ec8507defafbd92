/**
 * Turns the check-in plans of check-ins.ts into answers: a PRNG seeded by stable labels (never by
 * dates), so every replay yields the same answers. Also checks, with the app's own results
 * function, that the answers still show what the demo is for.
 */
import { type Cell, computeResults, type Figure, isSuppressed, shuffle } from "../../src/domain/results";
import { DEFAULT_COMMENT_THRESHOLD, DEFAULT_K } from "../../src/domain/settings";
import { ACTIONS, PAST_PULSES, type Plan, PULSE_RESPONDENTS, SECOND } from "./check-ins";

const NW = "org_northwind";
const AC = "org_acme";

type Member = { id: string; organizationId: string };

/** 32-bit FNV-1a of a label: the seed of its PRNG. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a tiny deterministic PRNG, seeded by a label. */
function prng(label: string): () => number {
  let a = hash32(label);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` answers on the 1–5 scale whose mean is `mean` as closely as n allows. Points then move
 * between people, which keeps the mean, so the answers spread the way real ones do.
 */
function answersAround(mean: number, n: number, random: () => number): number[] {
  const total = Math.min(5 * n, Math.max(n, Math.round(mean * n)));
  const base = Math.floor(total / n);
  const values = Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
  for (let s = 0; s < n; s++) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    const [up, down] = [values[i] ?? 5, values[j] ?? 1];
    if (i !== j && up < 5 && down > 1) {
      values[i] = up + 1;
      values[j] = down - 1;
    }
  }
  return shuffle(values, random);
}

export interface Answer {
  personId: string;
  organizationId: string;
  principleId: string;
  performance: number;
  importance: number | null;
  comment: string | null;
}

/** The principles a plan's cycle asks, in its order. */
export const principlesOf = (plan: Plan): string[] => Object.keys(plan.targets);

/** Every answer of a cycle's plan, from the partnership's members. */
export function planAnswers(plan: Plan, people: readonly Member[]): Answer[] {
  const principles = principlesOf(plan);
  const respondents = new Set(plan.respondents(people.map((p) => p.id)));
  const answers: Answer[] = [];
  principles.forEach((principleId, position) => {
    for (const [organizationId, [performance, importance]] of Object.entries(plan.targets[principleId] ?? {})) {
      const label = `${plan.label}|${principleId}|${organizationId}`;
      const random = prng(label);
      const group = shuffle(
        people
          .filter((p) => p.organizationId === organizationId && respondents.has(p.id))
          .filter((p) => position < (plan.partial?.[p.id] ?? principles.length))
          .map((p) => p.id)
          .sort(),
        random,
      );
      const cantSay = Math.min(plan.cantSay?.[principleId]?.[organizationId] ?? 0, group.length);
      const perf = [
        ...Array.from({ length: cantSay }, () => 0),
        ...answersAround(performance, group.length - cantSay, random),
      ];
      const imp = answersAround(importance, group.length, random);
      const comments = plan.comments?.[principleId]?.[organizationId] ?? [];
      group.forEach((personId, i) => {
        answers.push({
          personId,
          organizationId,
          principleId,
          performance: perf[i] ?? 0,
          importance: imp[i] ?? 0,
          comment: comments[i] ?? null,
        });
      });
    }
  });
  return answers;
}

/** A pulse's answers from `group`: performance only, the i-th person giving `values[i]`. */
function pulseRatings(
  group: readonly Member[],
  organizationId: string,
  principleId: string,
  values: number[],
): Answer[] {
  return group.map((p, i) => ({
    personId: p.id,
    organizationId,
    principleId,
    performance: values[i] ?? 3,
    importance: null,
    comment: null,
  }));
}

/** Pulse answers: performance only, a little above the last assessment. */
export function pulseAnswers(principleId: string, people: readonly Member[]): Answer[] {
  return [NW, AC].flatMap((organizationId) => {
    const group = people.filter((p) => p.organizationId === organizationId && PULSE_RESPONDENTS.includes(p.id));
    const mean = (SECOND.targets[principleId]?.[organizationId]?.[0] ?? 3) + 0.2;
    const values = answersAround(mean, group.length, prng(`pulse|${principleId}|${organizationId}`));
    return pulseRatings(group, organizationId, principleId, values);
  });
}

/** A past pulse's answers (`weeksAgo` weeks before this one), from PAST_PULSES' respondents. */
export function pastPulseAnswers(principleId: string, weeksAgo: number, people: readonly Member[]): Answer[] {
  const { weeks, respondents, thinWeek, drift } = PAST_PULSES;
  const [from, to] = drift[principleId] ?? [0, 0];
  const progress = weeks > 1 ? (weeks - weeksAgo) / (weeks - 1) : 1;
  return [NW, AC].flatMap((organizationId) => {
    const chosen = (respondents[organizationId] ?? []).slice(
      0,
      weeksAgo === thinWeek && organizationId === AC ? 4 : undefined,
    );
    const group = people.filter((p) => p.organizationId === organizationId && chosen.includes(p.id));
    const mean = (SECOND.targets[principleId]?.[organizationId]?.[0] ?? 3) + from + (to - from) * progress;
    const values = answersAround(mean, group.length, prng(`past-pulse|${weeksAgo}|${principleId}|${organizationId}`));
    return pulseRatings(group, organizationId, principleId, values);
  });
}

/** The results the API will compute from these answers (the same function, so they cannot drift). */
export function resultsOf(
  answers: readonly Answer[],
  principles: readonly string[],
  previousScores?: ReadonlyMap<string, Figure<number>>,
) {
  const cells = new Map<string, Cell>();
  for (const a of answers) {
    const key = `${a.principleId}|${a.organizationId}`;
    const cell = cells.get(key) ?? {
      principleId: a.principleId,
      organizationId: a.organizationId,
      perfN: 0,
      perfSum: 0,
      hist: [0, 0, 0, 0, 0],
      impN: 0,
      impSum: 0,
      comments: 0,
    };
    if (a.performance > 0) {
      cell.perfN++;
      cell.perfSum += a.performance;
      const bucket = a.performance - 1;
      cell.hist[bucket] = (cell.hist[bucket] ?? 0) + 1;
    }
    if (a.importance) {
      cell.impN++;
      cell.impSum += a.importance;
    }
    if (a.comment) cell.comments++;
    cells.set(key, cell);
  }
  return computeResults({
    kind: "assessment",
    k: DEFAULT_K,
    commentThreshold: DEFAULT_COMMENT_THRESHOLD,
    organizations: [NW, AC],
    principles,
    cells: [...cells.values()],
    previousScores,
  });
}

/** Fails the seed when the demo answers stop showing what the demo is for (issue 3, item 9). */
export function checkShowcase(first: ReturnType<typeof resultsOf>, second: ReturnType<typeof resultsOf>) {
  const problems: string[] = [];
  const shown = (r: typeof first) => r.principles.filter((p) => !isSuppressed(p.score));
  if (first.strengths.length === 0) problems.push("no strength in the first assessment");
  if (
    !first.principles.some((p) => first.challenges.includes(p.principleId) && typeof p.gap === "number" && p.gap >= 1)
  ) {
    problems.push("no clear challenge in the first assessment");
  }
  if (!shown(first).some((p) => p.perceptionGapFlagged === true)) problems.push("no perception gap ≥ 1.0");
  for (const a of ACTIONS.filter((x) => x.kind === "improve")) {
    const trend = second.principles.find((p) => p.principleId === a.principleId)?.trend;
    if (typeof trend !== "number" || trend <= 0) problems.push(`no upward trend on ${a.principleId}`);
  }
  if (second.challenges.length === 0) problems.push("no challenge left in the second assessment");
  if (!second.principles.some((p) => isSuppressed(p.score))) problems.push("no suppressed principle");
  if (!second.principles.some((p) => p.commentsVisibleFor.length === 1)) {
    problems.push("no principle with comments shown for one organization only");
  }
  if (problems.length > 0) throw new Error(`Demo ratings no longer show what they should: ${problems.join("; ")}`);
}
