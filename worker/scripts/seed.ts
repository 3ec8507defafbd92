/**
 * The rows the scripts write into a D1 database, as SQL text for `wrangler d1 execute --file`:
 * the demo data `npm start` seeds, and the first organization an operator bootstraps.
 * Pure (Web Crypto only, no Node APIs), so tests can call it in Node or in workerd.
 */
import { newSignInCode, normalizeSignInCode, SIGN_IN_CODE_TTL_MS } from "../src/auth/credentials";
import { base64url, hmacKey, sha256Hex } from "../src/auth/crypto";
import { OPENING_SQL } from "../src/cycles/queries";
import { isoNow, newId } from "../src/db/ids";
import { DESCRIPTION_MAX, ORIGIN_MAX, TITLE_MAX } from "../src/domain/agreement";
import type { Role } from "../src/domain/roles";
import { AGGREGATE_COLUMNS, recountSql } from "../src/ratings/queries";
import { demoHistory, type History } from "./seed-ratings";

export type SqlValue = string | number | null;

/** An SQL literal; strings are single-quoted with embedded quotes doubled. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as SQL`);
    return String(value);
  }
  // SQLite ends a string at NUL; refusing it beats silently truncating a name.
  if (value.includes("\u0000")) throw new Error("Text must not contain NUL characters");
  return `'${value.replaceAll("'", "''")}'`;
}

/** "(a, b) VALUES (1, 'x')" for a row. */
function columnsAndValues(row: Record<string, SqlValue>): string {
  const columns = Object.keys(row);
  return `(${columns.join(", ")}) VALUES (${columns.map((c) => sqlLiteral(row[c] ?? null)).join(", ")})`;
}

/** INSERT OR IGNORE: idempotent for rows with a fixed primary key. */
export function insertOrIgnore(table: string, row: Record<string, SqlValue>): string {
  return `INSERT OR IGNORE INTO ${table} ${columnsAndValues(row)};`;
}

/** INSERT OR IGNORE of the row only while the SQL condition `when` holds. */
function insertOrIgnoreWhen(table: string, row: Record<string, SqlValue>, when: string): string {
  const columns = Object.keys(row);
  const values = columns.map((c) => sqlLiteral(row[c] ?? null)).join(", ");
  return `INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) SELECT ${values} WHERE ${when};`;
}

/** Inserts unless a row with the same values in `keys` exists: for tables with generated ids (audit_log). */
export function insertIfAbsent(
  table: string,
  row: Record<string, SqlValue>,
  keys: readonly string[],
  when = "1",
): string {
  const columns = Object.keys(row);
  const values = columns.map((c) => sqlLiteral(row[c] ?? null)).join(", ");
  const match = keys.map((k) => `${k} IS ${sqlLiteral(row[k] ?? null)}`).join(" AND ");
  return `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${values} WHERE ${when} AND NOT EXISTS (SELECT 1 FROM ${table} WHERE ${match});`;
}

/** Plain INSERT: fails the whole batch on a clash, which is what a one-off bootstrap wants. */
function insert(table: string, row: Record<string, SqlValue>): string {
  return `INSERT INTO ${table} ${columnsAndValues(row)};`;
}

/**
 * The demo personal token of a person: derived from the local RATING_KEY, so it is the same on
 * every start yet nobody without that key can compute it. Same shape as a real token.
 */
export async function demoToken(ratingKey: string, personId: string): Promise<string> {
  const key = await hmacKey(ratingKey);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`demo-token:${personId}`));
  return `acc_${base64url(mac)}`;
}

// ---------------------------------------------------------------------------------------------
// Demo data

export const DEMO_PARTNERSHIP_ID = "prt_demonorthwind";
export const DEMO_SECOND_PARTNERSHIP_ID = "prt_demoacmecontoso";

interface DemoOrganization {
  id: string;
  name: string;
  domain: string;
}

interface DemoPartnership {
  id: string;
  name: string;
  purpose: string;
  /** Days before the first seed; every demo timestamp is relative to that moment. */
  createdDaysAgo: number;
  createdBy: string;
  /** The first party is the founding organization; the others were invited. */
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

interface DemoVersion {
  title: string;
  description: string;
  origin: string;
  by: string;
  daysAgo: number;
}

interface DemoStance {
  by: string;
  stance: "endorse" | "object";
  note?: string;
  daysAgo: number;
}

interface DemoPrinciple {
  /** Suffix of every id belonging to this principle ("01" → pri_demo01, ver_demo01v1…). */
  key: string;
  partnershipId: string;
  /** Wording history, oldest first; v1 is always adopted by its own proposal. */
  versions: readonly DemoVersion[];
  /** Stances per version, by index; a version whose parties all endorsed is agreed. */
  stances: readonly (readonly DemoStance[])[];
}

interface DemoComment {
  id: string;
  principleKey: string;
  by: string;
  body: string;
  daysAgo: number;
}

const ORGANIZATIONS: readonly DemoOrganization[] = [
  { id: "org_northwind", name: "Northwind Retail", domain: "northwind.example" },
  { id: "org_acme", name: "Acme Logistics", domain: "acme.example" },
  { id: "org_contoso", name: "Contoso Foods", domain: "contoso.example" },
];

const PARTNERSHIPS: readonly DemoPartnership[] = [
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

const PRINCIPLES: readonly DemoPrinciple[] = [
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

const COMMENTS: readonly DemoComment[] = [
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

const DAY_MS = 24 * 3600_000;

/** Looks a demo record up by id; a typo in the data above fails the seed loudly. */
function find<T extends { id: string }>(items: readonly T[], id: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`Demo data refers to unknown id ${id}`);
  return item;
}

/** Catches demo wording that the API itself would refuse. */
function checkWording(v: DemoVersion): void {
  if (v.title.length > TITLE_MAX || v.description.length > DESCRIPTION_MAX || v.origin.length > ORIGIN_MAX) {
    throw new Error(`Demo principle "${v.title}" is longer than the API allows`);
  }
}

/** "first.last@domain", ASCII only, as intranets tend to spell them. */
function emailOf(name: string, domain: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "");
  return `${ascii.trim().split(/\s+/).join(".")}@${domain}`;
}

export interface DemoPerson {
  id: string;
  name: string;
  organization: string;
  role: Role;
  partnershipIds: string[];
  token: string;
}

export interface DemoSeed {
  /** SQL for one `wrangler d1 execute --file`; running it again changes nothing. */
  sql: string;
  partnerships: { id: string; name: string }[];
  /** The people who got a demo token, facilitators first. */
  people: DemoPerson[];
}

/** The partnership's cadence_start: the day it was created, unless a facilitator moved it. */
function cadenceStartOf(p: DemoPartnership, at: (daysAgo: number) => string): string {
  return at(p.cadenceMoved?.toDaysAgo ?? p.createdDaysAgo).slice(0, 10);
}

/**
 * An SQL condition that holds only while the partnership's stored cadence_start is the one this
 * seed computes: on the first seed, or again the same UTC day. Rows whose ids or contents derive
 * from dates (cadence cycle ids, their ratings and snapshots) are written only then, so a seed on
 * a later day, or over a database seeded before this history existed, adds no second history.
 */
function cadenceGuard(p: DemoPartnership, at: (daysAgo: number) => string): string {
  return `(SELECT cadence_start FROM partnerships WHERE id = ${sqlLiteral(p.id)}) IS ${sqlLiteral(cadenceStartOf(p, at))}`;
}

/** Rows for organizations, people, partnerships, parties and memberships. */
function peopleSql(at: (daysAgo: number) => string): string[] {
  const out: string[] = [];
  for (const o of ORGANIZATIONS) {
    const firstJoined = Math.max(
      ...PARTNERSHIPS.filter((p) => p.organizationIds.includes(o.id)).map((p) => p.createdDaysAgo),
    );
    out.push(
      insertOrIgnore("organizations", { id: o.id, name: o.name, allowed_origins: "[]", created_at: at(firstJoined) }),
    );
  }
  for (const p of DEMO_PEOPLE) {
    const org = find(ORGANIZATIONS, p.organizationId);
    const since = Math.max(...p.partnershipIds.map((id) => find(PARTNERSHIPS, id).createdDaysAgo));
    out.push(
      insertOrIgnore("people", {
        id: p.id,
        organization_id: p.organizationId,
        external_id: emailOf(p.name, org.domain),
        name: p.name,
        // The demo's facilitators are also their organization's admins.
        admin: p.role === "facilitator" ? 1 : 0,
        created_at: at(since),
      }),
    );
  }
  for (const p of PARTNERSHIPS) {
    const created = at(p.createdDaysAgo);
    out.push(
      insertOrIgnore("partnerships", {
        id: p.id,
        name: p.name,
        purpose: p.purpose,
        cadence_start: cadenceStartOf(p, at),
        created_at: created,
      }),
    );
    p.organizationIds.forEach((organizationId, i) => {
      // Invited organizations join an hour after the founder, as they would through the API.
      out.push(
        insertOrIgnore("parties", {
          partnership_id: p.id,
          organization_id: organizationId,
          joined_at: at(p.createdDaysAgo - i / 24),
        }),
      );
    });
    for (const person of DEMO_PEOPLE.filter((x) => x.partnershipIds.includes(p.id))) {
      out.push(
        insertOrIgnore("memberships", {
          partnership_id: p.id,
          person_id: person.id,
          role: person.role,
          // The founder is a member from the start; everyone else was invited afterwards.
          created_at: at(person.id === p.createdBy ? p.createdDaysAgo : p.createdDaysAgo - 1 / 24),
        }),
      );
    }
  }
  return out;
}

/** An audit_log insert with its time, so the history can be written in the order it happened. */
interface AuditInsert {
  at: string;
  sql: string;
}

/** A seed statement: a row to insert now, or an audit entry to insert in time order. */
type Statement = string | AuditInsert;

/** Audit entry for the demo history; idempotent by what it records rather than by id. */
function audit(
  partnershipId: string,
  actorId: string | null,
  action: string,
  target: { type: string; id: string },
  detail: Record<string, unknown>,
  at: string,
  when?: string,
): AuditInsert {
  const row = {
    partnership_id: partnershipId,
    actor_id: actorId,
    action,
    target_type: target.type,
    target_id: target.id,
    detail: JSON.stringify(detail),
    at,
  };
  return {
    at,
    sql: insertIfAbsent("audit_log", row, ["partnership_id", "actor_id", "action", "target_id", "detail"], when),
  };
}

/** Partnership-level history: creation, the invited organizations and a moved cadence start. */
function partnershipHistorySql(at: (daysAgo: number) => string): AuditInsert[] {
  return PARTNERSHIPS.flatMap((p) => [
    ...(p.cadenceMoved
      ? [
          audit(
            p.id,
            p.cadenceMoved.by,
            "settings.updated",
            { type: "partnership", id: p.id },
            { changes: { cadenceStart: { from: at(p.createdDaysAgo).slice(0, 10), to: cadenceStartOf(p, at) } } },
            at(p.cadenceMoved.daysAgo),
            // The dates in the detail change from day to day.
            cadenceGuard(p, at),
          ),
        ]
      : []),
    audit(
      p.id,
      p.createdBy,
      "partnership.created",
      { type: "partnership", id: p.id },
      { name: p.name },
      at(p.createdDaysAgo),
    ),
    ...p.organizationIds.slice(1).map((organizationId) => {
      const facilitator = DEMO_PEOPLE.find((x) => x.organizationId === organizationId && x.role === "facilitator");
      const detail = {
        name: find(ORGANIZATIONS, organizationId).name,
        facilitator: facilitator ? { id: facilitator.id, name: facilitator.name } : null,
      };
      return audit(
        p.id,
        p.createdBy,
        "organization.invited",
        { type: "organization", id: organizationId },
        detail,
        at(p.createdDaysAgo - 1 / 24),
      );
    }),
  ]);
}

/**
 * Whether version `i` was agreed (every party endorsed, nobody objected), with the stance that
 * completed it: the last endorsement is the one that made the proposal pass.
 */
function outcome(pr: DemoPrinciple, i: number): { accepted: boolean; last: DemoStance | undefined } {
  const parties = find(PARTNERSHIPS, pr.partnershipId).organizationIds;
  const stances = pr.stances[i] ?? [];
  const endorsedBy = new Set(
    stances.filter((s) => s.stance === "endorse").map((s) => find(DEMO_PEOPLE, s.by).organizationId),
  );
  const accepted = parties.every((o) => endorsedBy.has(o)) && stances.every((s) => s.stance === "endorse");
  const last = stances.reduce<DemoStance | undefined>((a, s) => (a && a.daysAgo <= s.daysAgo ? a : s), undefined);
  return { accepted, last };
}

/**
 * The versions agreed at `iso` in a partnership, ordered as a cycle created then snapshots them
 * (principles by creation time, then id).
 */
function agreedVersionsAt(partnershipId: string, at: (daysAgo: number) => string, iso: string) {
  return PRINCIPLES.filter((pr) => pr.partnershipId === partnershipId)
    .map((pr) => ({ pr, created: at(pr.versions[0]?.daysAgo ?? 0) }))
    .sort((a, b) => a.created.localeCompare(b.created) || a.pr.key.localeCompare(b.pr.key))
    .flatMap(({ pr }) => {
      const agreed = pr.versions.flatMap((_, i) => {
        const { accepted, last } = outcome(pr, i);
        return accepted && last && at(last.daysAgo) <= iso ? [`ver_demo${pr.key}v${i + 1}`] : [];
      });
      const versionId = agreed.at(-1);
      return versionId ? [{ principleId: `pri_demo${pr.key}`, versionId }] : [];
    });
}

/** A principle's versions, proposals, stances and their audit trail. */
function principleSql(pr: DemoPrinciple, at: (daysAgo: number) => string): Statement[] {
  const id = `pri_demo${pr.key}`;
  const target = { type: "principle", id };
  let agreedVersionId: string | null = null;
  let updatedDaysAgo = pr.versions[0]?.daysAgo ?? 0;
  const rows: Statement[] = [];
  for (const [i, v] of pr.versions.entries()) {
    checkWording(v);
    const number = i + 1;
    const versionId = `ver_demo${pr.key}v${number}`;
    const proposalId = `prp_demo${pr.key}v${number}`;
    const stances = pr.stances[i] ?? [];
    const { accepted, last } = outcome(pr, i);
    rows.push(
      insertOrIgnore("principle_versions", {
        id: versionId,
        principle_id: id,
        number,
        title: v.title,
        description: v.description,
        origin: v.origin,
        created_by: v.by,
        created_at: at(v.daysAgo),
      }),
      insertOrIgnore("proposals", {
        id: proposalId,
        principle_id: id,
        kind: "adopt",
        version_id: versionId,
        status: accepted ? "accepted" : "open",
        created_by: v.by,
        created_at: at(v.daysAgo),
        decided_at: accepted && last ? at(last.daysAgo) : null,
      }),
      number === 1
        ? audit(pr.partnershipId, v.by, "principle.proposed", target, { title: v.title, version: 1 }, at(v.daysAgo))
        : audit(
            pr.partnershipId,
            v.by,
            "principle.version_proposed",
            target,
            { version: number, title: v.title, previousTitle: pr.versions[i - 1]?.title ?? null },
            at(v.daysAgo),
          ),
    );
    for (const s of stances) {
      const organizationId = find(DEMO_PEOPLE, s.by).organizationId;
      rows.push(
        insertOrIgnore("stances", {
          proposal_id: proposalId,
          organization_id: organizationId,
          stance: s.stance,
          note: s.note ?? null,
          person_id: s.by,
          at: at(s.daysAgo),
        }),
        audit(
          pr.partnershipId,
          s.by,
          s.stance === "endorse" ? "principle.endorsed" : "principle.objected",
          target,
          { proposalId, kind: "adopt", note: s.note ?? null },
          at(s.daysAgo),
        ),
      );
    }
    updatedDaysAgo = Math.min(updatedDaysAgo, v.daysAgo, ...stances.map((s) => s.daysAgo));
    if (accepted && last) {
      agreedVersionId = versionId;
      rows.push(audit(pr.partnershipId, last.by, "principle.agreed", target, { proposalId }, at(last.daysAgo)));
    }
  }
  const first = pr.versions[0];
  if (!first) throw new Error(`Demo principle ${id} has no version`);
  const principle = insertOrIgnore("principles", {
    id,
    partnership_id: pr.partnershipId,
    status: agreedVersionId ? "agreed" : "proposed",
    agreed_version_id: agreedVersionId,
    created_by: first.by,
    created_at: at(first.daysAgo),
    updated_at: at(updatedDaysAgo),
  });
  // The principle row goes first so the versions' foreign key has something to point at.
  return [principle, ...rows];
}

/** Demo comments and their audit entries. */
function commentsSql(at: (daysAgo: number) => string): Statement[] {
  return COMMENTS.flatMap((c) => {
    const pr = PRINCIPLES.find((p) => p.key === c.principleKey);
    if (!pr) throw new Error(`Demo comment ${c.id} refers to unknown principle ${c.principleKey}`);
    const principleId = `pri_demo${pr.key}`;
    return [
      insertOrIgnore("principle_comments", {
        id: c.id,
        principle_id: principleId,
        person_id: c.by,
        body: c.body,
        created_at: at(c.daysAgo),
      }),
      audit(
        pr.partnershipId,
        c.by,
        "principle.commented",
        { type: "principle", id: principleId },
        { commentId: c.id },
        at(c.daysAgo),
      ),
    ];
  });
}

/**
 * The demo partnership's cycles, ratings and actions (seed-ratings.ts), all behind
 * the cadence guard; then its aggregates, recounted from the ratings as the API keeps them.
 */
function historySql(p: DemoPartnership, history: History, at: (daysAgo: number) => string): Statement[] {
  const guard = cadenceGuard(p, at);
  const rows = history.rows.map((r) => insertOrIgnoreWhen(r.table, r.row, guard));
  // One statement per cycle, skipped once the cycle has ratings: a new RATING_KEY would otherwise
  // add every answer again under new respondent keys.
  const ratings = history.ratings
    .filter((c) => c.rows.length > 0)
    .map((c) => {
      const columns = Object.keys(c.rows[0] ?? {});
      const values = c.rows.map((row) => `(${columns.map((k) => sqlLiteral(row[k] ?? null)).join(", ")})`);
      return `INSERT OR IGNORE INTO ratings (${columns.join(", ")}) SELECT * FROM (VALUES ${values.join(",\n  ")})
  WHERE ${guard} AND NOT EXISTS (SELECT 1 FROM ratings WHERE cycle_id = ${sqlLiteral(c.cycleId)});`;
    });
  const aggregates = history.ratings.map(
    (c) => `INSERT OR REPLACE INTO aggregates (cycle_id, principle_id, organization_id, ${AGGREGATE_COLUMNS.join(", ")})
  SELECT cycleId, principleId, organizationId, ${AGGREGATE_COLUMNS.join(", ")} FROM (${recountSql(sqlLiteral(c.cycleId))});`,
  );
  // Participation counts, as the API keeps them: one per respondent with a rating in the cycle.
  const counts = history.ratings.map(
    (c) => `INSERT OR REPLACE INTO participation_counts (cycle_id, organization_id, responded)
  SELECT cycle_id, organization_id, COUNT(DISTINCT respondent) FROM ratings WHERE cycle_id = ${sqlLiteral(c.cycleId)} GROUP BY 1, 2;`,
  );
  const audits = history.audits.map((a) => audit(p.id, a.actorId, a.action, a.target, a.detail, a.at, guard));
  return [...rows, ...ratings, ...aggregates, ...counts, ...audits];
}

/**
 * Records the opening of every seeded cycle that is due, as the scheduler does: its eligible
 * people (the members now) and its own k. Seeded cycles plan to close when they close.
 */
function openingSql(now: number): string[] {
  const params = (sql: string) => `${sql.replaceAll("?1", sqlLiteral(isoNow(now))).replaceAll("?2", "NULL")};`;
  return [
    "UPDATE cycles SET planned_closes_at = closes_at WHERE planned_closes_at IS NULL;",
    ...OPENING_SQL.map(params),
  ];
}

/** The demo people who get a token, with the token derived from `ratingKey`. */
async function demoPeople(ratingKey: string): Promise<DemoPerson[]> {
  const chosen = DEMO_PEOPLE.filter((p) => p.token).sort(
    (a, b) => Number(b.role === "facilitator") - Number(a.role === "facilitator"),
  );
  return Promise.all(
    chosen.map(async (p) => ({
      id: p.id,
      name: p.name,
      organization: find(ORGANIZATIONS, p.organizationId).name,
      role: p.role,
      partnershipIds: [...p.partnershipIds],
      token: await demoToken(ratingKey, p.id),
    })),
  );
}

/**
 * The demo seed as SQL plus the people and tokens to show. Every row has a fixed id or an
 * existence guard, so seeding again inserts nothing; timestamps are relative to `now` and
 * only the first seed's survive.
 */
export async function seedSql(ratingKey: string, now = Date.now()): Promise<DemoSeed> {
  const at = (daysAgo: number) => isoNow(now - Math.round(daysAgo * DAY_MS));
  const people = await demoPeople(ratingKey);
  // Upserted rather than ignored: a new RATING_KEY (a deleted .dev.vars) means new tokens, and a
  // demo token someone revoked (e.g. by signing out) works again after the next start.
  const tokens = await Promise.all(
    people.map(async (p) => {
      const row = {
        id: `tok_demo${p.id.slice("per_".length)}`,
        person_id: p.id,
        token_hash: await sha256Hex(p.token),
        label: "Demo token (npm start)",
        created_at: at(0),
      };
      return `INSERT INTO personal_tokens ${columnsAndValues(row)}
  ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, revoked_at = NULL;`;
    }),
  );
  const demo = find(PARTNERSHIPS, DEMO_PARTNERSHIP_ID);
  const history = await demoHistory({
    partnershipId: demo.id,
    ratingKey,
    now,
    cadenceStart: cadenceStartOf(demo, at),
    people: DEMO_PEOPLE.filter((p) => p.partnershipIds.includes(demo.id)),
    agreedAt: (iso) => agreedVersionsAt(demo.id, at, iso),
    at,
  });
  const statements: Statement[] = [
    ...peopleSql(at),
    ...partnershipHistorySql(at),
    ...PRINCIPLES.flatMap((p) => principleSql(p, at)),
    ...commentsSql(at),
    ...historySql(demo, history, at),
    ...tokens,
    ...openingSql(now),
  ];
  const rows = statements.filter((s): s is string => typeof s === "string");
  // Audit ids are generated, and the log reads newest id first, so write it oldest first.
  const log = statements
    .filter((s): s is AuditInsert => typeof s !== "string")
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((a) => a.sql);
  return {
    sql: `${[...rows, ...log].join("\n")}\n`,
    partnerships: PARTNERSHIPS.map((p) => ({ id: p.id, name: p.name })),
    people,
  };
}

// ---------------------------------------------------------------------------------------------
// Operator bootstrap

export interface BootstrapInput {
  organization: string;
  partnership: string;
  name: string;
  externalId?: string | null;
}

export interface Bootstrap {
  /** SQL for one `wrangler d1 execute --file`, so the rows land together or not at all. */
  sql: string;
  /** The one-time sign-in code, in clear: shown once, only its hash is in `sql`. */
  code: string;
  expiresAt: string;
  organizationId: string;
  partnershipId: string;
  personId: string;
}

/**
 * A fresh organization, partnership and first facilitator with a bootstrap sign-in code, as the
 * API would create them (default settings, cadence starting today, audited).
 */
export async function bootstrapSql(input: BootstrapInput, now = Date.now()): Promise<Bootstrap> {
  const organizationId = newId("org");
  const partnershipId = newId("prt");
  const personId = newId("per");
  const code = newSignInCode();
  const created = isoNow(now);
  const expiresAt = isoNow(now + SIGN_IN_CODE_TTL_MS.bootstrap);
  const statements = [
    insert("organizations", { id: organizationId, name: input.organization, created_at: created }),
    insert("partnerships", {
      id: partnershipId,
      name: input.partnership,
      cadence_start: created.slice(0, 10),
      created_at: created,
    }),
    insert("parties", { partnership_id: partnershipId, organization_id: organizationId, joined_at: created }),
    insert("people", {
      id: personId,
      organization_id: organizationId,
      external_id: input.externalId ?? null,
      name: input.name,
      // The operator's first person administers the organization.
      admin: 1,
      created_at: created,
    }),
    insert("memberships", {
      partnership_id: partnershipId,
      person_id: personId,
      role: "facilitator",
      created_at: created,
    }),
    insert("audit_log", {
      partnership_id: partnershipId,
      actor_id: null,
      action: "partnership.created",
      target_type: "partnership",
      target_id: partnershipId,
      detail: JSON.stringify({
        name: input.partnership,
        via: "admin bootstrap",
        facilitator: { id: personId, name: input.name },
      }),
      at: created,
    }),
    insert("sign_in_codes", {
      code_hash: await sha256Hex(normalizeSignInCode(code)),
      person_id: personId,
      purpose: "bootstrap",
      issued_by: null,
      expires_at: expiresAt,
      created_at: created,
    }),
  ];
  return { sql: `${statements.join("\n")}\n`, code, expiresAt, organizationId, partnershipId, personId };
}
