/**
 * How the demo partnership checked in, as plain data: two annual assessments a year apart, a
 * mid-year assessment open now, the current weekly pulse, and the actions the first assessment
 * led to. Each plan says who answered and what the answers average to; answers.ts turns a plan
 * into answers deterministically. No SQL here (see story.ts).
 */
import type { ActionKind, ActionStatus } from "../../src/actions/queries";

const NW = "org_northwind";
const AC = "org_acme";

/** [mean performance, mean importance] per principle and organization. */
type Targets = Record<string, Record<string, readonly [number, number]>>;

export interface Plan {
  /** Stable name for the PRNG, so answers do not change with the date the cycle ids derive from. */
  label: string;
  /** Who answers, and how many of the cycle's principles (all when absent from `partial`). */
  respondents: (people: readonly string[]) => readonly string[];
  partial?: Record<string, number>;
  /** The principles the cycle asks, in the order it asks them, with their targets. */
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
export const FIRST: Plan = {
  label: "assessment-1",
  respondents: allBut(["per_nw06", "per_nw12", "per_ac07", "per_ac11", "per_ac13"]),
  targets: {
    pri_demo01: { [NW]: [3.4, 4.6], [AC]: [2.1, 4.8] },
    pri_demo02: { [NW]: [4.3, 4.0], [AC]: [4.2, 4.1] },
    // Important to both (above the partnership's mean importance), so it sits in "Concentrate here".
    pri_demo03: { [NW]: [2.5, 4.6], [AC]: [2.8, 4.5] },
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

export const SECOND: Plan = {
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
export const MIDYEAR: Plan = {
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

/**
 * The weekly pulses before this week's, as the scheduler ran them: each asks the next principle of
 * its round (largest gap in the last closed assessment first). Seven people per organization
 * answer (none with a demo token), except in `thinWeek`, when only four at Acme did, so that
 * round's figures are hidden and its trend point is a gap. Scores drift up where actions run.
 */
export const PAST_PULSES = {
  weeks: 10,
  respondents: {
    [NW]: ["per_nw03", "per_nw04", "per_nw05", "per_nw07", "per_nw09", "per_nw10", "per_nw11"],
    [AC]: ["per_ac03", "per_ac05", "per_ac06", "per_ac07", "per_ac08", "per_ac09", "per_ac13"],
  } as Record<string, readonly string[]>,
  /** Weeks before this one whose pulse had too few answers at Acme. */
  thinWeek: 4,
  /** Added to the second assessment's performance per organization, from 10 weeks ago to last week. */
  drift: { pri_demo01: [0, 0.2], pri_demo02: [0, 0.1], pri_demo03: [-0.1, 0.5], pri_demo04: [0, 0.3] } as Record<
    string,
    readonly [number, number]
  >,
} as const;

/** The pulse's answers: none from demo tokens, so the pulse is still pending for them. */
export const PULSE_RESPONDENTS = ["per_nw05", "per_nw07", "per_nw10", "per_ac06", "per_ac09", "per_ac13"];

/** The mid-year assessment a facilitator scheduled by hand: opened at 09:00 UTC five days ago. */
export const MIDYEAR_CYCLE = {
  id: "cyc_demomidyear",
  title: "Mid-year check-in",
  by: "per_nw01",
  daysAgo: 5,
  hourUtc: 9,
} as const;

export interface DemoAction {
  id: string;
  kind: ActionKind;
  principleId: string;
  title: string;
  detail: string;
  ownerId: string;
  createdBy: string;
  createdDaysAgo: number;
  /** Negative: due in the future. */
  dueDaysAgo: number;
  /** Status changes, oldest first; the action starts open. */
  changes: readonly { by: string; daysAgo: number; status: ActionStatus }[];
  notes: readonly { id: string; by: string; body: string; daysAgo: number }[];
}

// Created about ten days after the first assessment closed, from its challenges and its strength.
export const ACTIONS: readonly DemoAction[] = [
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
