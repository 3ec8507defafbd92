/**
 * The demo partnership's check-in history for `npm start`: two closed annual assessments a year
 * apart, an open mid-year assessment, the current weekly pulse and the actions the first
 * assessment led to. Pure and deterministic (answers come from a PRNG seeded by stable labels,
 * never by dates), so seeding again yields the same rows; seed.ts turns them into SQL.
 */
import { hmacHex } from "../src/auth/crypto";
import { type Cell, computeResults, type Figure, isSuppressed, shuffle } from "../src/domain/results";
import { addMonths, type DueCycle, dueCycles, nextPulsePrinciple } from "../src/domain/schedule";
import { DEFAULT_ASSESSMENT_WINDOW_DAYS, DEFAULT_COMMENT_THRESHOLD, DEFAULT_K } from "../src/domain/settings";
import { respondentKey } from "../src/ratings/respondent";
import { cadenceCycleId } from "../src/schedule/run";
import type { SqlValue } from "./seed";

type Row = Record<string, SqlValue>;

export interface HistoryInput {
  partnershipId: string;
  ratingKey: string;
  now: number;
  /** The partnership's cadence_start; the demo keeps the default cadence settings and k. */
  cadenceStart: string;
  /** Members of the partnership. */
  people: readonly { id: string; organizationId: string }[];
  /** The agreed versions in force at an instant, in the order a cycle created then snapshots them. */
  agreedAt: (iso: string) => readonly { principleId: string; versionId: string }[];
  at: (daysAgo: number) => string;
}

export interface HistoryAudit {
  actorId: string;
  action: string;
  target: { type: string; id: string };
  detail: Record<string, unknown>;
  at: string;
}

export interface History {
  /** Rows to insert, in foreign-key order. */
  rows: { table: string; row: Row }[];
  /** Each cycle's ratings, to be written together. */
  ratings: { cycleId: string; rows: Row[] }[];
  audits: HistoryAudit[];
}

const NW = "org_northwind";
const AC = "org_acme";
const DAY_MS = 86_400_000;
const MIDYEAR_ID = "cyc_demomidyear";

/** The schema defaults, which the demo partnership keeps. */
const CADENCE = {
  assessmentCadence: "annual",
  assessmentWindowDays: DEFAULT_ASSESSMENT_WINDOW_DAYS,
  pulseCadence: "weekly",
} as const;

/** [mean performance, mean importance] per principle and organization. */
type Targets = Record<string, Record<string, readonly [number, number]>>;

interface Plan {
  /** Stable name for the PRNG, so answers do not change with the date the ids derive from. */
  label: string;
  /** Who answers, and how many of the snapshot's principles (all when absent from `partial`). */
  respondents: (people: readonly string[]) => readonly string[];
  partial?: Record<string, number>;
  targets: Targets;
  /** How many of an organization's respondents answer "can't say" on a principle's performance. */
  cantSay?: Record<string, Record<string, number>>;
  comments?: Record<string, Record<string, readonly string[]>>;
}

const allBut = (absent: readonly string[]) => (people: readonly string[]) => people.filter((p) => !absent.includes(p));
const only = (chosen: readonly string[]) => () => chosen;

// Forecasts (01) and the shared view (03) are the first assessment's challenges, with a perception
// gap on forecasts; raising problems early (02) is the strength. A year on, the principles with
// actions have moved, the shared view is still the top challenge, and most of Acme cannot say
// whether stores get deliveries on the promised day (04), so that principle's figures are hidden.
const FIRST: Plan = {
  label: "assessment-1",
  respondents: allBut(["per_nw06", "per_nw12", "per_ac07", "per_ac11", "per_ac13"]),
  targets: {
    pri_demo01: { [NW]: [3.4, 4.6], [AC]: [2.1, 4.8] },
    pri_demo02: { [NW]: [4.3, 4.0], [AC]: [4.2, 4.1] },
    pri_demo03: { [NW]: [2.5, 4.4], [AC]: [2.8, 4.2] },
  },
  comments: {
    pri_demo03: {
      [NW]: [
        "We still check Acme's stock report against our own sheet before every promotion.",
        "Store teams get three different stock numbers depending on who they ask.",
        "The dashboard is only as good as its feeds, and the warehouse figures arrive a day late.",
        "Half of the weekly call goes on reconciling numbers instead of planning.",
        "I would use the dashboard if I trusted it; today I keep my spreadsheet just in case.",
      ],
      [AC]: [
        "Our planners still work from the spreadsheet Northwind emails on Mondays.",
        "Purchase orders change after they reach the dashboard and nobody tells us.",
        "Shipment status is good; stock levels are not.",
      ],
    },
  },
};

const SECOND: Plan = {
  label: "assessment-2",
  respondents: allBut(["per_nw08", "per_ac10", "per_ac12"]),
  targets: {
    pri_demo01: { [NW]: [3.9, 4.6], [AC]: [3.6, 4.7] },
    pri_demo02: { [NW]: [4.4, 4.0], [AC]: [4.3, 4.2] },
    pri_demo03: { [NW]: [3.1, 4.5], [AC]: [3.3, 4.3] },
    pri_demo04: { [NW]: [2.4, 4.7], [AC]: [3.7, 4.5] },
  },
  cantSay: { pri_demo04: { [AC]: 8 } },
  comments: {
    pri_demo01: {
      [AC]: [
        "The Monday forecast made a real difference: we booked peak trucks weeks earlier than last year.",
        "Promotions are flagged six weeks ahead most of the time, though not always.",
        "Online forecasts are still much less reliable than store forecasts.",
        "We get the forecast on time; what we need next is the reason behind big swings.",
        "Capacity planning is calmer. Last-minute extra trucks dropped a lot.",
        "Regional promotions still surprise us now and then.",
      ],
      [NW]: [
        "Building the forecast takes most of Monday morning; it should be automated.",
        "Acme's two-day answer on capacity helps us decide earlier.",
      ],
    },
  },
};

// Fatima (a demo token) saved part of it, so her pending list shows a half-done assessment.
const MIDYEAR: Plan = {
  label: "midyear",
  respondents: only(["per_nw04", "per_nw09", "per_nw11", "per_ac02", "per_ac05", "per_ac08"]),
  partial: { per_ac02: 2, per_ac08: 1 },
  targets: {
    pri_demo01: { [NW]: [4.0, 4.6], [AC]: [3.8, 4.7] },
    pri_demo02: { [NW]: [4.4, 4.1], [AC]: [4.3, 4.2] },
    pri_demo03: { [NW]: [3.5, 4.4], [AC]: [3.4, 4.3] },
    pri_demo04: { [NW]: [2.8, 4.7], [AC]: [3.6, 4.4] },
  },
};

/** The pulse's answers: none from demo tokens, so the pulse is still pending for them. */
const PULSE_RESPONDENTS = ["per_nw05", "per_nw07", "per_nw10", "per_ac06", "per_ac09", "per_ac13"];

interface DemoAction {
  id: string;
  kind: "improve" | "celebrate";
  principleId: string;
  title: string;
  detail: string;
  ownerId: string;
  createdBy: string;
  createdDaysAgo: number;
  /** Negative: due in the future. */
  dueDaysAgo: number;
  /** Status changes, oldest first; the action starts open. */
  changes: readonly { by: string; daysAgo: number; status: "in_progress" | "done" }[];
  notes: readonly { id: string; by: string; body: string; daysAgo: number }[];
}

// Created about ten days after the first assessment closed, from its challenges and its strength.
const ACTIONS: readonly DemoAction[] = [
  {
    id: "act_demo01",
    kind: "improve",
    principleId: "pri_demo01",
    title: "Monday forecast call with the promotions calendar",
    detail:
      "A 30-minute call every Monday: Northwind walks through the 13-week forecast and the promotions calendar, Acme says which weeks look tight.",
    ownerId: "per_nw03",
    createdBy: "per_nw01",
    createdDaysAgo: 374,
    dueDaysAgo: 300,
    changes: [
      { by: "per_nw03", daysAgo: 368, status: "in_progress" },
      { by: "per_nw03", daysAgo: 310, status: "done" },
    ],
    notes: [
      {
        id: "not_demo01",
        by: "per_nw03",
        body: "The call has run every Monday for two months now, and Acme confirms capacity by Wednesday. Closing this one.",
        daysAgo: 310,
      },
    ],
  },
  {
    id: "act_demo02",
    kind: "improve",
    principleId: "pri_demo03",
    title: "Feed Acme's warehouse stock into the shared dashboard",
    detail:
      "Replace the nightly stock export with a live feed from Acme's warehouse system, so the dashboard shows the same numbers the warehouse sees.",
    ownerId: "per_ac04",
    createdBy: "per_ac01",
    createdDaysAgo: 373,
    dueDaysAgo: -30,
    changes: [{ by: "per_ac04", daysAgo: 200, status: "in_progress" }],
    notes: [
      {
        id: "not_demo02",
        by: "per_ac04",
        body: "Stock levels for both warehouses are live. Shipment status follows once the carrier integration is tested.",
        daysAgo: 20,
      },
    ],
  },
  {
    id: "act_demo03",
    kind: "improve",
    principleId: "pri_demo03",
    title: "Retire the per-company stock spreadsheets",
    detail: "Once the live feed is in, both planning teams stop maintaining their own stock spreadsheets.",
    ownerId: "per_nw02",
    createdBy: "per_nw01",
    createdDaysAgo: 373,
    dueDaysAgo: 10,
    changes: [],
    notes: [],
  },
  {
    id: "act_demo04",
    kind: "celebrate",
    principleId: "pri_demo02",
    title: "Thank the teams who raise problems early",
    detail:
      "Share two blameless incident reviews at the quarterly business review and thank the people who raised them.",
    ownerId: "per_ac01",
    createdBy: "per_ac01",
    createdDaysAgo: 372,
    dueDaysAgo: 340,
    changes: [{ by: "per_ac01", daysAgo: 345, status: "done" }],
    notes: [],
  },
];

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

interface Answer {
  personId: string;
  organizationId: string;
  principleId: string;
  performance: number;
  importance: number | null;
  comment: string | null;
}

/** Every answer of a cycle's plan, for the principles in its snapshot. */
function planAnswers(plan: Plan, principles: readonly string[], people: HistoryInput["people"]): Answer[] {
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

/** Pulse answers: performance only, a little above the last assessment. */
function pulseAnswers(principleId: string, people: HistoryInput["people"]): Answer[] {
  return [NW, AC].flatMap((organizationId) => {
    const group = people.filter((p) => p.organizationId === organizationId && PULSE_RESPONDENTS.includes(p.id));
    const mean = (SECOND.targets[principleId]?.[organizationId]?.[0] ?? 3) + 0.2;
    const values = answersAround(mean, group.length, prng(`pulse|${principleId}|${organizationId}`));
    return group.map((p, i) => ({
      personId: p.id,
      organizationId,
      principleId,
      performance: values[i] ?? 3,
      importance: null,
      comment: null,
    }));
  });
}

/** The results the API will compute from these answers (the same function, so they cannot drift). */
function resultsOf(
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
function checkShowcase(first: ReturnType<typeof resultsOf>, second: ReturnType<typeof resultsOf>) {
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

/** The demo partnership's cycles, answers and actions; see the file comment. */
export async function demoHistory(input: HistoryInput): Promise<History> {
  const { partnershipId, ratingKey, now, at, people } = input;
  const settings = { cadenceStart: input.cadenceStart, ...CADENCE };
  // The cycles exactly as the scheduler created (or creates) them at the time.
  const due = (kind: DueCycle["kind"], when: number) => {
    const found = dueCycles(settings, when).find((d) => d.kind === kind);
    if (!found) throw new Error(`No ${kind} is due at ${new Date(when).toISOString()}`);
    return found;
  };
  const periodStart = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const firstDue = due("assessment", periodStart(input.cadenceStart));
  const secondDue = due("assessment", periodStart(addMonths(input.cadenceStart, 12)));
  const pulseDue = due("pulse", now);
  if (Date.parse(secondDue.closesAt) > now) throw new Error("The demo cadence must start over a year and 21 days ago");

  const cadenceRow = async (d: DueCycle, closed: boolean) => ({
    id: await cadenceCycleId(partnershipId, d),
    partnership_id: partnershipId,
    kind: d.kind,
    source: "cadence",
    period_start: d.periodStart,
    title: "",
    opens_at: d.opensAt,
    closes_at: d.closesAt,
    closed_at: closed ? d.closesAt : null,
    created_by: null,
    created_at: d.opensAt,
  });
  const first = await cadenceRow(firstDue, true);
  const second = await cadenceRow(secondDue, true);
  // Opened at 09:00 UTC five days ago: a time that stays put when the seed runs again that day.
  const midyearOpens = Date.parse(`${at(5).slice(0, 10)}T09:00:00.000Z`);
  const midyear = {
    id: MIDYEAR_ID,
    partnership_id: partnershipId,
    kind: "assessment",
    source: "manual",
    period_start: MIDYEAR_ID,
    title: "Mid-year check-in",
    opens_at: new Date(midyearOpens).toISOString(),
    closes_at: new Date(midyearOpens + DEFAULT_ASSESSMENT_WINDOW_DAYS * DAY_MS).toISOString(),
    closed_at: null,
    created_by: "per_nw01",
    created_at: new Date(midyearOpens).toISOString(),
  };

  const snapshot = (cycle: { opens_at: string }) => input.agreedAt(cycle.opens_at);
  const ids = (s: ReturnType<typeof snapshot>) => s.map((p) => p.principleId);
  const firstAnswers = planAnswers(FIRST, ids(snapshot(first)), people);
  const secondAnswers = planAnswers(SECOND, ids(snapshot(second)), people);
  const firstResults = resultsOf(firstAnswers, ids(snapshot(first)));
  const previous = new Map(firstResults.principles.map((p) => [p.principleId, p.score]));
  const secondResults = resultsOf(secondAnswers, ids(snapshot(second)), previous);
  checkShowcase(firstResults, secondResults);

  // The question the scheduler would pick: largest gap shown in the last assessment, first round.
  const pulse = await cadenceRow(pulseDue, false);
  const gaps = new Map(
    secondResults.principles.flatMap((p) => (typeof p.gap === "number" ? [[p.principleId, p.gap]] : [])),
  );
  const asked = nextPulsePrinciple(
    snapshot(pulse).map((p) => ({ id: p.principleId, gap: gaps.get(p.principleId) ?? null })),
    [],
  );
  if (!asked) throw new Error("The demo pulse has no agreed principle to ask");

  const cycles = [
    { label: FIRST.label, row: first, snapshot: snapshot(first), answers: firstAnswers },
    { label: SECOND.label, row: second, snapshot: snapshot(second), answers: secondAnswers },
    {
      label: MIDYEAR.label,
      row: midyear,
      snapshot: snapshot(midyear),
      answers: planAnswers(MIDYEAR, ids(snapshot(midyear)), people),
    },
    {
      label: "pulse",
      row: pulse,
      snapshot: snapshot(pulse).filter((p) => p.principleId === asked),
      answers: pulseAnswers(asked, people),
    },
  ];

  const rows: History["rows"] = [];
  const salts = new Map<string, string>();
  for (const p of people) {
    // Derived rather than random so that reseeding finds the same respondents.
    const salt = await hmacHex(ratingKey, `demo-salt:${partnershipId}:${p.id}`);
    salts.set(p.id, salt);
    rows.push({ table: "respondent_salts", row: { partnership_id: partnershipId, person_id: p.id, salt } });
  }
  const ratings: History["ratings"] = [];
  for (const c of cycles) {
    rows.push({ table: "cycles", row: c.row });
    for (const [i, p] of c.snapshot.entries()) {
      rows.push({
        table: "cycle_principles",
        row: { cycle_id: c.row.id, principle_id: p.principleId, version_id: p.versionId, position: i + 1 },
      });
    }
    const respondents = [...new Set(c.answers.map((a) => a.personId))].sort();
    const keys = new Map<string, string>();
    for (const personId of respondents) {
      keys.set(personId, await respondentKey(ratingKey, salts.get(personId) ?? "", c.row.id));
    }
    ratings.push({
      cycleId: c.row.id,
      rows: c.answers.map((a) => ({
        cycle_id: c.row.id,
        respondent: keys.get(a.personId) ?? "",
        principle_id: a.principleId,
        organization_id: a.organizationId,
        performance: a.performance,
        importance: a.importance,
        comment: a.comment,
      })),
    });
  }

  const audits: HistoryAudit[] = [
    {
      actorId: "per_nw01",
      action: "cycle.scheduled",
      target: { type: "cycle", id: MIDYEAR_ID },
      detail: { kind: "assessment", opensAt: midyear.opens_at, closesAt: midyear.closes_at },
      at: midyear.created_at,
    },
  ];
  for (const a of ACTIONS) {
    const target = { type: "action", id: a.id };
    const last = Math.min(a.createdDaysAgo, ...a.changes.map((c) => c.daysAgo), ...a.notes.map((n) => n.daysAgo));
    rows.push({
      table: "actions",
      row: {
        id: a.id,
        partnership_id: partnershipId,
        kind: a.kind,
        title: a.title,
        detail: a.detail,
        principle_id: a.principleId,
        cycle_id: first.id,
        owner_id: a.ownerId,
        due_on: at(a.dueDaysAgo).slice(0, 10),
        status: a.changes.at(-1)?.status ?? "open",
        created_by: a.createdBy,
        created_at: at(a.createdDaysAgo),
        updated_at: at(last),
      },
    });
    audits.push({
      actorId: a.createdBy,
      action: "action.created",
      target,
      detail: { kind: a.kind, title: a.title, principleId: a.principleId },
      at: at(a.createdDaysAgo),
    });
    let status = "open";
    for (const c of a.changes) {
      audits.push({
        actorId: c.by,
        action: "action.updated",
        target,
        detail: { changes: { status: { from: status, to: c.status } } },
        at: at(c.daysAgo),
      });
      status = c.status;
    }
    for (const n of a.notes) {
      rows.push({
        table: "action_notes",
        row: { id: n.id, action_id: a.id, person_id: n.by, body: n.body, created_at: at(n.daysAgo) },
      });
      audits.push({ actorId: n.by, action: "action.noted", target, detail: { noteId: n.id }, at: at(n.daysAgo) });
    }
  }
  return { rows, ratings, audits };
}
