/**
 * The demo `npm start` shows, as plain data: who the organizations, people and partnerships are.
 * principles.ts says what they proposed and agreed, check-ins.ts how they answered and what they
 * did about it. Every time is relative (days before the first start); replay.ts writes it all
 * through the app's own statements. No SQL here.
 */
import type { Role } from "../../src/domain/roles";

export const DEMO_PARTNERSHIP_ID = "prt_demonorthwind";
export const DEMO_SECOND_PARTNERSHIP_ID = "prt_demoacmecontoso";

export interface DemoOrganization {
  id: string;
  name: string;
  domain: string;
}

export interface DemoPartnership {
  id: string;
  name: string;
  purpose: string;
  /** Days before the first start; every demo time is relative to that moment. */
  createdDaysAgo: number;
  createdBy: string;
  /** The first party is the founding organization; the others were invited an hour later. */
  organizationIds: readonly string[];
  /** A facilitator moved the cadence start (the API starts it on the day of creation). */
  cadenceMoved?: { by: string; daysAgo: number; toDaysAgo: number };
}

export interface DemoPersonSpec {
  id: string;
  name: string;
  organizationId: string;
  role: Role;
  partnershipIds: readonly string[];
  /** Only people with a token can sign in to the demo without a sign-in code. */
  token: boolean;
}

export const ORGANIZATIONS: readonly DemoOrganization[] = [
  { id: "org_northwind", name: "Northwind Retail", domain: "northwind.example" },
  { id: "org_acme", name: "Acme Logistics", domain: "acme.example" },
  { id: "org_contoso", name: "Contoso Foods", domain: "contoso.example" },
];

export const PARTNERSHIPS: readonly DemoPartnership[] = [
  {
    id: DEMO_PARTNERSHIP_ID,
    name: "Northwind Retail × Acme Logistics",
    purpose:
      "Get Northwind's products to its stores and online customers on time and at a fair cost, run as one supply chain rather than two companies passing boxes.",
    // Old enough for two annual assessments: the first opened 405 days ago, the second ~40 days ago.
    createdDaysAgo: 440,
    createdBy: "per_nw01",
    organizationIds: ["org_northwind", "org_acme"],
    cadenceMoved: { by: "per_nw01", daysAgo: 420, toDaysAgo: 405 },
  },
  {
    id: DEMO_SECOND_PARTNERSHIP_ID,
    name: "Acme Logistics × Contoso Foods",
    purpose: "Temperature-controlled distribution of Contoso's chilled products to its retail customers.",
    createdDaysAgo: 30,
    createdBy: "per_cf01",
    organizationIds: ["org_contoso", "org_acme"],
  },
];

const BOTH = [DEMO_PARTNERSHIP_ID, DEMO_SECOND_PARTNERSHIP_ID] as const;
const FIRST = [DEMO_PARTNERSHIP_ID] as const;
const SECOND = [DEMO_SECOND_PARTNERSHIP_ID] as const;

/** [id, name, role, partnerships, gets a token] per organization. */
type PersonRow = readonly [string, string, Role, readonly string[], boolean];

const PEOPLE_BY_ORGANIZATION: Record<string, readonly PersonRow[]> = {
  org_northwind: [
    ["per_nw01", "Maya Lindqvist", "facilitator", FIRST, true],
    ["per_nw02", "Daniel Okafor", "member", FIRST, true],
    ["per_nw03", "Priya Raman", "member", FIRST, false],
    ["per_nw04", "Tomás Herrera", "member", FIRST, false],
    ["per_nw05", "Grace O'Neill", "member", FIRST, false],
    ["per_nw06", "Lukas Becker", "member", FIRST, false],
    ["per_nw07", "Aisha Rahman", "member", FIRST, false],
    ["per_nw08", "Ben Carter", "member", FIRST, false],
    ["per_nw09", "Sofia Rossi", "member", FIRST, false],
    ["per_nw10", "Kenji Watanabe", "member", FIRST, false],
    ["per_nw11", "Hannah Schmidt", "member", FIRST, false],
    ["per_nw12", "Marcus Johnson", "member", FIRST, false],
    ["per_nw13", "Elena Petrova", "member", FIRST, false],
  ],
  org_acme: [
    ["per_ac01", "Jonas Weber", "facilitator", BOTH, true],
    ["per_ac02", "Fatima Zahra", "member", FIRST, true],
    ["per_ac03", "Liam O'Brien", "member", FIRST, false],
    ["per_ac04", "Chen Wei", "member", BOTH, true],
    ["per_ac05", "Olivia Brown", "member", FIRST, false],
    ["per_ac06", "Mateo García", "member", BOTH, false],
    ["per_ac07", "Nora Hansen", "member", FIRST, false],
    ["per_ac08", "Samuel Mensah", "member", FIRST, false],
    ["per_ac09", "Isabel Costa", "member", FIRST, false],
    ["per_ac10", "Arjun Mehta", "member", FIRST, false],
    ["per_ac11", "Zoe Martin", "member", FIRST, false],
    ["per_ac12", "Pavel Novák", "member", FIRST, false],
    ["per_ac13", "Ingrid Larsen", "member", FIRST, false],
  ],
  org_contoso: [
    ["per_cf01", "Rosa Delgado", "facilitator", SECOND, true],
    ["per_cf02", "Ahmed Hassan", "member", SECOND, false],
    ["per_cf03", "Julia Nowak", "member", SECOND, false],
    ["per_cf04", "Kwame Asante", "member", SECOND, false],
  ],
};

/** Every demo person, flattened. */
export const DEMO_PEOPLE: readonly DemoPersonSpec[] = Object.entries(PEOPLE_BY_ORGANIZATION).flatMap(
  ([organizationId, rows]) =>
    rows.map(([id, name, role, partnershipIds, token]) => ({ id, name, organizationId, role, partnershipIds, token })),
);

/** Looks a demo record up by id; a typo in the data fails the seed loudly. */
export function find<T extends { id: string }>(items: readonly T[], id: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`Demo data refers to unknown id ${id}`);
  return item;
}
