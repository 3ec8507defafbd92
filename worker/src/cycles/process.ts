import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import { type CycleKind, cycleStatus } from "../domain/schedule";
import type { Caller } from "../http/context";
import { conflict, invalid, notFound } from "../http/errors";
import { listOrganizationNames } from "../organizations/queries";
import { getSettings } from "../partnerships/queries";
import { countAgreed } from "../principles/queries";
import { readMine } from "../ratings/mine";
import { choosePulsePrinciple } from "../schedule/pulse";
import {
  type CycleRow,
  createCycleStatements,
  cycleView,
  eligibilityStatement,
  ensureOpened,
  findCycle,
  findOpenCycleId,
  findOverlappingAssessment,
  listParticipation,
  listSnapshot,
  moveCycleStatement,
  openingStatements,
  type Participation,
} from "./queries";

const DAY = 86_400_000;
const MAX_CYCLE_DAYS = 400;

/** Closing early publishes results, so it waits until every organization has at least k respondents. */
function closeEarly(cycle: CycleRow, participation: Participation[], now = Date.now()) {
  const short = participation.filter((p) => p.fewerThanK).map((p) => p.organizationId);
  return { allowed: cycleStatus(cycle, now) === "open" && short.length === 0, short };
}

const reopenable = (cycle: CycleRow, now = Date.now()) =>
  cycleStatus(cycle, now) === "closed" && Date.parse(cycle.plannedClosesAt) > now;

/** A cycle with the principle versions it asks and its participation; 404 when there is none. */
export async function getCycleDetail(db: D1Database, partnershipId: string, cycleId: string) {
  const found = await findCycle(db, partnershipId, cycleId);
  if (!found) throw notFound("Cycle not found");
  const cycle = await ensureOpened(db, found);
  const [principles, participation] = await Promise.all([listSnapshot(db, cycleId), listParticipation(db, cycle)]);
  return {
    ...cycleView(cycle),
    principles: principles.map(({ position: _, ...p }) => p),
    participation,
    closeEarly: closeEarly(cycle, participation),
    reopenable: reopenable(cycle),
  };
}

/** The open cycle of a kind for the caller, with their answers so far and whether they may answer. */
export async function getCurrentCycle(
  db: D1Database,
  ratingKey: string,
  partnershipId: string,
  personId: string,
  q: { kind: CycleKind; cycle?: string },
) {
  const openId = await findOpenCycleId(db, partnershipId, q.kind, isoNow(), q.cycle ?? null);
  const found = openId ? await findCycle(db, partnershipId, openId) : null;
  if (!found) return { cycle: null, mine: null, eligible: false };
  const cycle = await ensureOpened(db, found);
  const [principles, eligibility] = await Promise.all([
    listSnapshot(db, cycle.id),
    eligibilityStatement(db, cycle.id, personId).first<{ withdrawn: number }>(),
  ]);
  const mine = await readMine(db, ratingKey, partnershipId, personId, cycle, principles);
  return {
    cycle: { ...cycleView(cycle), principles: principles.map(({ position: _, ...p }) => p) },
    mine,
    eligible: eligibility?.withdrawn === 0,
  };
}

/** 409 naming the assessment that would overlap [opensAt, closesAt). */
async function refuseOverlap(
  db: D1Database,
  partnershipId: string,
  cycleId: string,
  opensAt: string,
  closesAt: string,
) {
  const other = await findOverlappingAssessment(db, partnershipId, cycleId, opensAt, closesAt);
  if (other) {
    throw conflict(
      `Another assessment${other.title ? ` ("${other.title}")` : ""} (${other.id}) runs from ${other.opensAt.slice(0, 10)} to ${other.closesAt.slice(0, 10)}: one assessment at a time`,
    );
  }
}

/** Schedules a cycle by hand; it freezes the agreed principle versions it asks. */
export async function scheduleCycle(
  db: D1Database,
  actor: Pick<Caller, "personId">,
  partnershipId: string,
  body: { kind: CycleKind; title?: string; opensAt?: string; closesAt?: string; principleId?: string },
) {
  const now = Date.now();
  const opensAt = body.opensAt ? new Date(body.opensAt).getTime() : now;
  const defaultDays = body.kind === "assessment" ? (await getSettings(db, partnershipId)).assessmentWindowDays : 7;
  const closesAt = body.closesAt ? new Date(body.closesAt).getTime() : opensAt + defaultDays * DAY;
  if (closesAt <= opensAt) throw invalid('Invalid "closesAt": must be after opensAt');
  if (closesAt <= now) throw invalid('Invalid "closesAt": must be in the future');
  if (closesAt - opensAt > MAX_CYCLE_DAYS * DAY) {
    throw invalid(`Invalid "closesAt": at most ${MAX_CYCLE_DAYS} days after opensAt`);
  }
  if (opensAt > now + MAX_CYCLE_DAYS * DAY) throw invalid(`Invalid "opensAt": at most ${MAX_CYCLE_DAYS} days ahead`);
  if (body.kind === "assessment") await refuseOverlap(db, partnershipId, "", isoNow(opensAt), isoNow(closesAt));
  if (body.kind === "assessment" && body.principleId) {
    throw invalid('Invalid "principleId": an assessment asks every agreed principle');
  }
  let principleId = body.principleId;
  if (body.kind === "pulse" && !principleId) {
    principleId = (await choosePulsePrinciple(db, partnershipId)) ?? undefined;
  }
  if (!(await countAgreed(db, partnershipId, principleId))) {
    throw principleId
      ? invalid('Invalid "principleId": not an agreed principle of this partnership')
      : conflict("Agree at least one principle before scheduling a cycle");
  }
  const id = newId("cyc");
  const created = isoNow(now);
  const [inserted] = await db.batch([
    ...createCycleStatements(db, {
      id,
      partnershipId,
      kind: body.kind,
      source: "manual",
      periodStart: id,
      title: body.title ?? "",
      opensAt: isoNow(opensAt),
      closesAt: isoNow(closesAt),
      createdBy: actor.personId,
      createdAt: created,
      principleId,
    }),
    ...openingStatements(db, created, id),
    auditStatement(
      db,
      {
        partnershipId,
        actorId: actor.personId,
        action: "cycle.scheduled",
        targetType: "cycle",
        targetId: id,
        detail: { kind: body.kind, opensAt: isoNow(opensAt), closesAt: isoNow(closesAt) },
      },
      { sql: "EXISTS (SELECT 1 FROM cycles WHERE id = ?)", values: [id] },
    ),
  ]);
  // A concurrent request scheduled an overlapping assessment between the check and the insert.
  if (!inserted?.meta.changes) await refuseOverlap(db, partnershipId, id, isoNow(opensAt), isoNow(closesAt));
  return getCycleDetail(db, partnershipId, id);
}

const MOVED = { open: "cycle.opened", close: "cycle.closed", reopen: "cycle.reopened" } as const;

/** Opens a scheduled cycle, closes an open one or reopens a closed one, by moving its time; guarded against races. */
export async function moveCycle(
  db: D1Database,
  actor: Pick<Caller, "personId">,
  partnershipId: string,
  cycleId: string,
  to: "open" | "close" | "reopen",
) {
  const found = await findCycle(db, partnershipId, cycleId);
  if (!found) throw notFound("Cycle not found");
  const cycle = await ensureOpened(db, found);
  const status = cycleStatus(cycle);
  const now = isoNow();
  if (to === "open") {
    if (status !== "scheduled") throw conflict(`This cycle is already ${status}`);
    if (cycle.kind === "assessment") await refuseOverlap(db, cycle.partnershipId, cycle.id, now, cycle.closesAt);
  } else if (to === "close") {
    if (status !== "open") {
      throw conflict(status === "closed" ? "This cycle is already closed" : "This cycle has not opened yet");
    }
    const short = closeEarly(cycle, await listParticipation(db, cycle)).short;
    if (short.length > 0) {
      const names = await listOrganizationNames(db, short);
      throw conflict(
        `${names.join(" and ")} ${short.length > 1 ? "have" : "has"} fewer than ${cycle.k} respondents; closing now would publish nothing for ${short.length > 1 ? "them" : "it"}. It closes by itself on ${cycle.closesAt.slice(0, 10)}.`,
      );
    }
  } else {
    if (status !== "closed") throw conflict(`This cycle is ${status}, not closed`);
    if (!reopenable(cycle)) throw conflict("This cycle's planned close has passed: schedule a new cycle instead");
    if (cycle.kind === "assessment") {
      await refuseOverlap(db, cycle.partnershipId, cycle.id, now, cycle.plannedClosesAt);
    }
  }
  const [moved] = await db.batch([
    moveCycleStatement(db, cycleId, to, now),
    auditStatement(
      db,
      {
        partnershipId,
        actorId: actor.personId,
        action: MOVED[to],
        targetType: "cycle",
        targetId: cycleId,
        detail: { kind: cycle.kind, ...(to === "reopen" ? { until: cycle.plannedClosesAt } : {}) },
      },
      { sql: "changes() > 0" },
    ),
    ...(to === "open" ? openingStatements(db, now, cycleId) : []),
  ]);
  if (!moved?.results.length) throw conflict("The cycle changed meanwhile; reload it");
  return getCycleDetail(db, partnershipId, cycleId);
}
