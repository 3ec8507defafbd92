/**
 * The demo's principles as they were proposed, reworded, endorsed and objected to, and the comments
 * on them: plain data (see story.ts). Whether a version was agreed is left to the app's rule when
 * the story is replayed.
 */
import type { Stance } from "../../src/domain/agreement";
import { DEMO_PARTNERSHIP_ID, DEMO_SECOND_PARTNERSHIP_ID } from "./story";

export interface DemoVersion {
  title: string;
  description: string;
  origin: string;
  by: string;
  daysAgo: number;
}

export interface DemoStance {
  by: string;
  stance: Stance;
  note?: string;
  daysAgo: number;
}

export interface DemoPrinciple {
  /** Suffix of every id belonging to this principle ("01" → pri_demo01, ver_demo01v1, prp_demo01v1). */
  key: string;
  partnershipId: string;
  /** Wording history, oldest first; each version is proposed for adoption. */
  versions: readonly DemoVersion[];
  /** Stances on each version's proposal, by index. */
  stances: readonly (readonly DemoStance[])[];
}

export interface DemoComment {
  id: string;
  principleKey: string;
  by: string;
  body: string;
  daysAgo: number;
}

export const PRINCIPLES: readonly DemoPrinciple[] = [
  {
    key: "01",
    partnershipId: DEMO_PARTNERSHIP_ID,
    versions: [
      {
        title: "Share demand forecasts before we book capacity",
        description:
          "Northwind shares a rolling 13-week store and online forecast every Monday and flags promotions at least six weeks ahead. Acme plans trucks, docks and staff from that forecast and says within two working days when a week looks tight, so both sides adjust before the week starts instead of during it.",
        origin:
          "Promotions reached Acme's docks without warning: trucks were overbooked and stores ran out of stock during the spring campaign.",
        by: "per_nw03",
        daysAgo: 438,
      },
    ],
    stances: [
      [
        { by: "per_nw01", stance: "endorse", daysAgo: 437 },
        { by: "per_ac01", stance: "endorse", daysAgo: 435 },
      ],
    ],
  },
  {
    key: "02",
    partnershipId: DEMO_PARTNERSHIP_ID,
    versions: [
      {
        title: "Raise problems early and without blame",
        description:
          "Anyone who sees a delay, a damaged load or a system fault tells the other side within the hour in the shared channel, with what they know so far. We look for the cause in the process, not the person, and thank whoever raised it.",
        origin:
          "Late deliveries stayed hidden until the month-end report, and each side blamed the other's people in the review.",
        by: "per_ac03",
        daysAgo: 436,
      },
    ],
    stances: [
      [
        { by: "per_ac01", stance: "endorse", daysAgo: 435 },
        { by: "per_nw01", stance: "endorse", daysAgo: 433 },
      ],
    ],
  },
  {
    key: "03",
    partnershipId: DEMO_PARTNERSHIP_ID,
    versions: [
      {
        title: "One shared view of stock and shipments",
        description:
          "Stock levels, purchase orders and shipment status live in one dashboard fed by both companies' systems. When figures disagree we fix the source the same day instead of keeping our own spreadsheets, and we decide from the shared numbers.",
        origin:
          "Each company kept its own stock spreadsheet; the numbers never matched and meetings turned into arguments about whose was right.",
        by: "per_nw01",
        daysAgo: 431,
      },
    ],
    stances: [
      [
        { by: "per_nw01", stance: "endorse", daysAgo: 431 },
        { by: "per_ac01", stance: "endorse", daysAgo: 428 },
      ],
    ],
  },
  {
    key: "04",
    partnershipId: DEMO_PARTNERSHIP_ID,
    versions: [
      {
        title: "Deliver on the promised day",
        description:
          "Acme delivers every store order on the day agreed at booking. When a delivery will miss its day, the store manager hears by 10:00 the day before, together with a new date.",
        origin: "Stores rostered staff for deliveries that came a day late, or not at all, without a call.",
        by: "per_nw05",
        daysAgo: 300,
      },
      {
        title: "Deliver within the promised two-hour window",
        description:
          "Acme delivers every store order within the two-hour window agreed at booking, so store teams can plan staff around it. When a delivery will miss its window, the store manager hears at least four hours ahead, together with a new window.",
        origin:
          "Stores rostered staff for deliveries that came a day late, or not at all, without a call; a whole-day promise still left teams waiting.",
        by: "per_nw05",
        daysAgo: 6,
      },
    ],
    stances: [
      [
        { by: "per_nw01", stance: "endorse", daysAgo: 299 },
        { by: "per_ac01", stance: "endorse", daysAgo: 297 },
      ],
      [{ by: "per_nw01", stance: "endorse", daysAgo: 5 }],
    ],
  },
  {
    key: "05",
    partnershipId: DEMO_PARTNERSHIP_ID,
    versions: [
      {
        title: "Plan peak season together, starting in August",
        description:
          "From August both teams meet every two weeks to plan November and December: volumes by week, extra vehicles and staff, order cut-off dates and a shared contingency plan. Decisions and open risks are written down where both teams can see them.",
        origin:
          "Black Friday volumes doubled overnight last year; Acme hired temporary drivers at short notice and stores missed restocks.",
        by: "per_ac05",
        daysAgo: 12,
      },
    ],
    stances: [[{ by: "per_ac01", stance: "endorse", daysAgo: 11 }]],
  },
  {
    key: "06",
    partnershipId: DEMO_PARTNERSHIP_ID,
    versions: [
      {
        title: "Whoever changes an order late pays for the change",
        description:
          "An order changed less than 48 hours before dispatch is handled at the cost of the side that changed it: Northwind for quantity or address changes, Acme for vehicle or slot changes. The costs are shown every month so both sides see what late changes cost.",
        origin: "Late changes from both sides caused overtime and empty runs, and nobody knew who should pay for them.",
        by: "per_nw07",
        daysAgo: 9,
      },
    ],
    stances: [
      [
        { by: "per_nw01", stance: "endorse", daysAgo: 8 },
        {
          by: "per_ac01",
          stance: "object",
          note: "We agree with the idea, but 48 hours is too short for cross-docked loads. We propose 72 hours, and a shared log of late changes for a month before anyone is charged.",
          daysAgo: 4,
        },
      ],
    ],
  },
  {
    key: "07",
    partnershipId: DEMO_SECOND_PARTNERSHIP_ID,
    versions: [
      {
        title: "Keep the cold chain unbroken, and prove it",
        description:
          "Every chilled load is kept at 0–4 °C from Contoso's dock to the customer, with temperature readings both companies can see. Any excursion is reported within 30 minutes, with what happened to the load.",
        origin:
          "A batch of yoghurt was rejected by stores after a reefer failed overnight and nobody knew for how long.",
        by: "per_cf02",
        daysAgo: 25,
      },
    ],
    stances: [
      [
        { by: "per_cf01", stance: "endorse", daysAgo: 24 },
        { by: "per_ac01", stance: "endorse", daysAgo: 22 },
      ],
    ],
  },
  {
    key: "08",
    partnershipId: DEMO_SECOND_PARTNERSHIP_ID,
    versions: [
      {
        title: "Agree the recall steps before we need them",
        description:
          "Both companies keep one recall playbook: who calls whom, how loads are traced by batch and how fast stock leaves the shelves. We rehearse it together twice a year.",
        origin: "A product recall took two days to trace because batch numbers were not captured at loading.",
        by: "per_ac06",
        daysAgo: 10,
      },
    ],
    stances: [[]],
  },
];

export const COMMENTS: readonly DemoComment[] = [
  {
    id: "com_demo01",
    principleKey: "06",
    by: "per_ac08",
    body: "Cross-docked loads are booked three days out, so a 48-hour rule would put most of the cost on us for changes we cannot avoid.",
    daysAgo: 7,
  },
  {
    id: "com_demo02",
    principleKey: "06",
    by: "per_nw09",
    body: "Could we keep a shared log of late changes for a month first, so we argue from numbers?",
    daysAgo: 3,
  },
  {
    id: "com_demo03",
    principleKey: "05",
    by: "per_nw10",
    body: "Store operations would like to join the August meetings for our twenty busiest stores.",
    daysAgo: 10,
  },
  {
    id: "com_demo04",
    principleKey: "04",
    by: "per_ac06",
    body: "Two-hour windows work for city stores; rural routes may need four hours.",
    daysAgo: 5,
  },
  {
    id: "com_demo05",
    principleKey: "02",
    by: "per_nw04",
    body: "The shared channel worked well during last week's warehouse outage. Thanks to Acme's night shift!",
    daysAgo: 2,
  },
];
