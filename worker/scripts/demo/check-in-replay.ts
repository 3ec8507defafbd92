/**
 * The demo partnership's check-ins replayed (see replay.ts): the scheduler creates and opens its
 * cadence cycles and records their closes, a facilitator schedules the mid-year assessment, people
 * answer, and the first assessment's actions move along.
 */

import { createActionStatement, noteStatements, updateActionStatement } from "../../src/actions/queries";
import type { AuditTarget } from "../../src/audit/queries";
import { hmacHex } from "../../src/auth/crypto";
import { closeDueCyclesStatement, createCycleStatements, openingStatements } from "../../src/cycles/queries";
import { isoNow } from "../../src/db/ids";
import { addMonths, type DueCycle, dueCycles, nextPulsePrinciple } from "../../src/domain/schedule";
import { DEFAULT_ASSESSMENT_WINDOW_DAYS } from "../../src/domain/settings";
import { countRespondentStatement, knownSaltStatement, ratingWriteStatements } from "../../src/ratings/queries";
import { respondentKey } from "../../src/ratings/respondent";
import { cadenceCycleId } from "../../src/schedule/run";
import {
  type Answer,
  checkShowcase,
  pastPulseAnswers,
  planAnswers,
  principlesOf,
  pulseAnswers,
  resultsOf,
} from "./answers";
import { ACTIONS, FIRST, MIDYEAR, MIDYEAR_CYCLE, PAST_PULSES, SECOND } from "./check-ins";
import { DEMO_PARTNERSHIP_ID, DEMO_PEOPLE, type DemoPartnership, find, PARTNERSHIPS } from "./story";
import { audit, type Context, DAY_MS, HOUR_MS } from "./timeline";

/** The partnership's cadence start once any move is done. */
export function cadenceStartOf(p: DemoPartnership, ago: (daysAgo: number) => number): string {
  return isoNow(ago(p.cadenceMoved?.toDaysAgo ?? p.createdDaysAgo)).slice(0, 10);
}

/** Each respondent's answers as one submission (saveAnswers): counted once, then each rating written. */
async function answerStatements(
  c: Context,
  cycleId: string,
  answers: readonly Answer[],
  keyOf: (personId: string) => Promise<string>,
): Promise<D1PreparedStatement[]> {
  const byPerson = new Map<string, Answer[]>();
  for (const a of answers) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  const out: D1PreparedStatement[] = [];
  for (const [personId, mine] of byPerson) {
    const respondent = await keyOf(personId);
    const organizationId = mine[0]?.organizationId ?? "";
    out.push(countRespondentStatement(c.db, cycleId, organizationId, respondent));
    for (const a of mine) {
      out.push(
        ...ratingWriteStatements(c.db, {
          cycleId,
          respondent,
          principleId: a.principleId,
          organizationId,
          performance: a.performance,
          importance: a.importance ?? undefined,
          comment: a.comment ?? undefined,
        }),
      );
    }
  }
  return out;
}

/**
 * The demo partnership's check-ins: the scheduler creates and opens its cadence cycles and records
 * closes; a facilitator schedules the mid-year assessment; people answer; actions follow the first.
 */
export async function replayCheckIns(c: Context, ratingKey: string, now: number): Promise<void> {
  const { db } = c;
  const p = find(PARTNERSHIPS, DEMO_PARTNERSHIP_ID);
  const partnershipId = p.id;
  const members = DEMO_PEOPLE.filter((x) => x.partnershipIds.includes(partnershipId));
  const settings = {
    cadenceStart: cadenceStartOf(p, c.ago),
    assessmentCadence: "annual",
    assessmentWindowDays: DEFAULT_ASSESSMENT_WINDOW_DAYS,
    pulseCadence: "weekly",
  } as const;
  const due = (kind: DueCycle["kind"], when: number) => {
    const found = dueCycles(settings, when).find((d) => d.kind === kind);
    if (!found) throw new Error(`No ${kind} is due at ${isoNow(when)}`);
    return found;
  };
  const periodStart = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const firstDue = due("assessment", periodStart(settings.cadenceStart));
  const secondDue = due("assessment", periodStart(addMonths(settings.cadenceStart, 12)));
  if (Date.parse(secondDue.closesAt) > now) throw new Error("The demo cadence must start over a year and 21 days ago");

  // Salts derived rather than random, so the script can compute each respondent key.
  const salts = new Map<string, string>();
  for (const m of members) salts.set(m.id, await hmacHex(ratingKey, `demo-salt:${partnershipId}:${m.id}`));
  const keyIn = (cycleId: string) => (personId: string) => respondentKey(ratingKey, salts.get(personId) ?? "", cycleId);

  const firstAnswers = planAnswers(FIRST, members);
  const secondAnswers = planAnswers(SECOND, members);
  const firstResults = resultsOf(firstAnswers, principlesOf(FIRST));
  const previous = new Map(firstResults.principles.map((r) => [r.principleId, r.score]));
  const secondResults = resultsOf(secondAnswers, principlesOf(SECOND), previous);
  checkShowcase(firstResults, secondResults);
  // The pulse asks what the scheduler would pick: largest gap shown in the last assessment, first round.
  const gaps = new Map(secondResults.principles.map((r) => [r.principleId, typeof r.gap === "number" ? r.gap : null]));
  const asked = nextPulsePrinciple(
    principlesOf(SECOND).map((id) => ({ id, gap: gaps.get(id) ?? null })),
    [],
  );
  if (!asked) throw new Error("The demo pulse has no agreed principle to ask");

  const cadenceCycle = async (
    d: DueCycle,
    answers: readonly Answer[],
    opening: D1PreparedStatement[] = [],
    pulsePrinciple = asked,
  ) => {
    const id = await cadenceCycleId(partnershipId, d);
    const at = Date.parse(d.opensAt);
    c.t.add(
      at,
      ...opening,
      ...createCycleStatements(db, {
        id,
        partnershipId,
        kind: d.kind,
        source: "cadence",
        periodStart: d.periodStart,
        title: "",
        opensAt: d.opensAt,
        closesAt: d.closesAt,
        createdBy: null,
        createdAt: d.opensAt,
        principleId: d.kind === "pulse" ? pulsePrinciple : undefined,
      }),
      ...openingStatements(db, d.opensAt, id),
      ...(await answerStatements(c, id, answers, keyIn(id))),
    );
    const closes = Date.parse(d.closesAt);
    if (closes <= now) c.t.add(closes, closeDueCyclesStatement(db, d.closesAt));
    return id;
  };
  const saltStatements = members.map((m) => knownSaltStatement(db, partnershipId, m.id, salts.get(m.id) ?? ""));
  const firstId = await cadenceCycle(firstDue, firstAnswers, saltStatements);
  await cadenceCycle(secondDue, secondAnswers);
  for (const past of pastPulses(due, firstResults, secondResults, Date.parse(secondDue.closesAt), asked, now)) {
    await cadenceCycle(past.due, pastPulseAnswers(past.principleId, past.weeksAgo, members), [], past.principleId);
  }
  await cadenceCycle(due("pulse", now), pulseAnswers(asked, members));

  // Scheduled by hand (scheduleCycle), at a time that stays put when the demo is replayed that day.
  const opens =
    Date.parse(`${isoNow(c.ago(MIDYEAR_CYCLE.daysAgo)).slice(0, 10)}T00:00:00.000Z`) + MIDYEAR_CYCLE.hourUtc * HOUR_MS;
  const window = { opensAt: isoNow(opens), closesAt: isoNow(opens + DEFAULT_ASSESSMENT_WINDOW_DAYS * DAY_MS) };
  const midyear = MIDYEAR_CYCLE.id;
  c.t.add(
    opens,
    ...createCycleStatements(db, {
      id: midyear,
      partnershipId,
      kind: "assessment",
      source: "manual",
      periodStart: midyear,
      title: MIDYEAR_CYCLE.title,
      ...window,
      createdBy: MIDYEAR_CYCLE.by,
      createdAt: window.opensAt,
    }),
    ...openingStatements(db, window.opensAt, midyear),
    audit(
      c,
      opens,
      {
        partnershipId,
        actorId: MIDYEAR_CYCLE.by,
        action: "cycle.scheduled",
        target: ["cycle", midyear],
        detail: { kind: "assessment", ...window },
      },
      { sql: "EXISTS (SELECT 1 FROM cycles WHERE id = ?)", values: [midyear] },
    ),
    ...(await answerStatements(c, midyear, planAnswers(MIDYEAR, members), keyIn(midyear))),
  );
  replayActions(c, firstId);
}

/**
 * The weekly pulses before this week's, oldest first, each asking what the scheduler would have
 * asked then (nextPulsePrinciple over the gaps of the assessment closed by then and the pulses
 * before it). The run starts with a whole round, so this week's pulse still asks `current`, as it
 * does without past pulses: the longest run of up to PAST_PULSES.weeks weeks that does so.
 */
function pastPulses(
  due: (kind: DueCycle["kind"], when: number) => DueCycle,
  first: ReturnType<typeof resultsOf>,
  second: ReturnType<typeof resultsOf>,
  secondClosesAt: number,
  current: string,
  now: number,
) {
  const gapsOf = (r: ReturnType<typeof resultsOf>) =>
    new Map(r.principles.map((p) => [p.principleId, typeof p.gap === "number" ? p.gap : null]));
  const agreed = principlesOf(SECOND);
  const ask = (gaps: Map<string, number | null>, recent: string[]) =>
    nextPulsePrinciple(
      agreed.map((id) => ({ id, gap: gaps.get(id) ?? null })),
      recent,
    );
  for (let weeks = PAST_PULSES.weeks; weeks > 0; weeks--) {
    const run: { due: DueCycle; principleId: string; weeksAgo: number }[] = [];
    for (let weeksAgo = weeks; weeksAgo >= 1; weeksAgo--) {
      const d = due("pulse", now - weeksAgo * 7 * DAY_MS);
      const gaps = gapsOf(Date.parse(d.opensAt) >= secondClosesAt ? second : first);
      const principleId = ask(gaps, run.map((r) => r.principleId).reverse());
      if (principleId) run.push({ due: d, principleId, weeksAgo });
    }
    if (ask(gapsOf(second), run.map((r) => r.principleId).reverse()) === current) return run;
  }
  return [];
}

/** Actions as createAction / updateAction / addNote write them. */
function replayActions(c: Context, cycleId: string): void {
  const { db } = c;
  const partnershipId = DEMO_PARTNERSHIP_ID;
  for (const a of ACTIONS) {
    const target: [AuditTarget, string] = ["action", a.id];
    const at = c.ago(a.createdDaysAgo);
    c.t.add(
      at,
      createActionStatement(db, {
        id: a.id,
        partnershipId,
        kind: a.kind,
        title: a.title,
        detail: a.detail,
        principleId: a.principleId,
        cycleId,
        ownerId: a.ownerId,
        dueOn: isoNow(c.ago(a.dueDaysAgo)).slice(0, 10),
        status: "open",
        by: a.createdBy,
        at: isoNow(at),
      }),
      audit(c, at, {
        partnershipId,
        actorId: a.createdBy,
        action: "action.created",
        target,
        detail: { kind: a.kind, title: a.title, principleId: a.principleId },
      }),
    );
    let status: string = "open";
    for (const change of a.changes) {
      const when = c.ago(change.daysAgo);
      c.t.add(
        when,
        updateActionStatement(db, partnershipId, a.id, { status: change.status }, isoNow(when)),
        audit(c, when, {
          partnershipId,
          actorId: change.by,
          action: "action.updated",
          target,
          detail: { changes: { status: { from: status, to: change.status } } },
        }),
      );
      status = change.status;
    }
    for (const n of a.notes) {
      const when = c.ago(n.daysAgo);
      c.t.add(
        when,
        ...noteStatements(db, { id: n.id, actionId: a.id, personId: n.by, body: n.body, at: isoNow(when) }),
        audit(c, when, { partnershipId, actorId: n.by, action: "action.noted", target, detail: { noteId: n.id } }),
      );
    }
  }
}
