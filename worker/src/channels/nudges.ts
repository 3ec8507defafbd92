/**
 * Finding nudges that are due and handing them to the queue. One scan decides what is due for
 * every channel (the one home of these rules), from the database's state: a cycle that opened,
 * closes within 48 hours or was published; a principle or settings proposal awaiting an
 * organization; an action due within 3 days or overdue. The scheduled handler scans every
 * partnership with a channel; a change through the API scans its partnership at once, so a nudge
 * does not wait for the next tick. Each event is recorded per channel under its event key before
 * it is enqueued, so scans running side by side enqueue it once.
 */
import { ensureOpened, findCycle, listParticipation } from "../cycles/queries";
import { isoNow, newId } from "../db/ids";
import { rows } from "../db/rows";
import { listParties } from "../partnerships/queries";
import { buildResults } from "../results/build";
import {
  type CycleRef,
  type EventData,
  type EventType,
  eventId,
  type NudgeEvent,
  participationLines,
  resultsHeadline,
} from "./events";
import {
  type DueAction,
  type DueBase,
  type DueCycle,
  type DueProposal,
  type DueSettings,
  dueStatements,
  insertDeliveryStatement,
  pruneDeliveriesStatement,
  touchDeliveriesStatement,
  unsentStatement,
} from "./queries";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The queue message: which delivery to attempt (everything else is in its row). */
export interface NudgeMessage {
  deliveryId: string;
}

/** An event found for one channel. */
interface Found<T extends EventType = EventType> {
  channelId: string;
  key: string;
  type: T;
  data: EventData[T];
}

const enc = encodeURIComponent;
const partnershipOf = (r: DueBase) => ({ id: r.partnershipId, name: r.partnershipName });
const cycleOf = (r: DueCycle): CycleRef => ({
  id: r.cycleId,
  kind: r.kind,
  title: r.title,
  opensAt: r.opensAt,
  closesAt: r.closesAt,
});

/** Hands deliveries to the queue (at most 100 a call, as Queues allow). */
export async function enqueue(queue: Queue, deliveryIds: readonly string[]) {
  for (let i = 0; i < deliveryIds.length; i += 100) {
    await queue.sendBatch(
      deliveryIds.slice(i, i + 100).map((deliveryId) => ({ body: { deliveryId } satisfies NudgeMessage })),
    );
  }
}

/** Records events for their channels; returns the deliveries this call created (the ones to enqueue). */
export async function recordEvents(db: D1Database, found: readonly Found[], now = Date.now()): Promise<string[]> {
  if (found.length === 0) return [];
  const time = isoNow(now);
  const prepared = await Promise.all(
    found.map(async (f) => {
      const event: NudgeEvent = { id: await eventId(f.key), type: f.type, time, data: f.data };
      return { id: newId("dlv"), f, event };
    }),
  );
  const results = await db.batch(
    prepared.map(({ id, f, event }) =>
      insertDeliveryStatement(db, {
        id,
        channelId: f.channelId,
        eventKey: f.key,
        eventId: event.id,
        type: f.type,
        payload: JSON.stringify(event),
        at: time,
      }),
    ),
  );
  return prepared.filter((_, i) => (results[i]?.meta.changes ?? 0) > 0).map((p) => p.id);
}

/** What is due now, for one partnership or (null) every partnership with a channel. */
export async function findDueNudges(db: D1Database, partnershipId: string | null, now = Date.now()): Promise<Found[]> {
  const [opened, closing, published, stances, settings, dueSoon, overdue] = await db.batch<unknown>([
    ...dueStatements(db, {
      partnershipId,
      now: isoNow(now),
      weekAgo: isoNow(now - 7 * DAY),
      in48h: isoNow(now + 48 * HOUR),
      today: isoNow(now).slice(0, 10),
      in3d: isoNow(now + 3 * DAY).slice(0, 10),
      monthAgo: isoNow(now - 30 * DAY),
    }),
  ]);
  const found: Found[] = [];
  const push = <T extends EventType>(f: Found<T>) => found.push(f as unknown as Found);

  for (const r of rows<DueCycle>(opened)) {
    push({
      channelId: r.channelId,
      key: `cycle.opened:${r.cycleId}`,
      type: "cycle.opened",
      data: {
        partnership: partnershipOf(r),
        cycle: cycleOf(r),
        principle: r.principleId ? { id: r.principleId, title: r.principleTitle ?? "" } : null,
        url: `${r.linkBase}/surveys?partnership=${enc(r.partnershipId)}&cycle=${enc(r.cycleId)}`,
      },
    });
  }

  // Participation and results are read once per cycle, whichever channels they go to.
  const names = new Map<string, Promise<Map<string, string>>>();
  const namesOf = (pid: string) => {
    if (!names.has(pid))
      names.set(
        pid,
        listParties(db, pid).then((ps) => new Map(ps.map((o) => [o.id, o.name]))),
      );
    return names.get(pid) as Promise<Map<string, string>>;
  };
  const participation = new Map<
    string,
    Promise<{ k: number; lines: EventData["cycle.closing_soon"]["participation"] }>
  >();
  for (const r of rows<DueCycle>(closing)) {
    if (!participation.has(r.cycleId)) {
      participation.set(
        r.cycleId,
        (async () => {
          const row = await findCycle(db, r.partnershipId, r.cycleId);
          if (!row) return { k: 0, lines: [] };
          const cycle = await ensureOpened(db, row, now);
          const lines = participationLines(await listParticipation(db, cycle), await namesOf(r.partnershipId));
          return { k: cycle.k ?? 0, lines };
        })(),
      );
    }
    const p = await participation.get(r.cycleId);
    if (!p) continue;
    push({
      channelId: r.channelId,
      key: `cycle.closing_soon:${r.cycleId}`,
      type: "cycle.closing_soon",
      data: {
        partnership: partnershipOf(r),
        cycle: cycleOf(r),
        k: p.k,
        participation: p.lines,
        url: `${r.linkBase}/surveys?partnership=${enc(r.partnershipId)}&cycle=${enc(r.cycleId)}`,
      },
    });
  }

  const headlines = new Map<string, Promise<ReturnType<typeof resultsHeadline> | null>>();
  for (const r of rows<DueCycle>(published)) {
    if (!headlines.has(r.cycleId)) {
      headlines.set(
        r.cycleId,
        (async () => {
          const cycle = await findCycle(db, r.partnershipId, r.cycleId);
          if (!cycle) return null;
          const results = await buildResults(db, r.partnershipId, cycle);
          return "principles" in results && results.principles && results.strengths && results.challenges
            ? resultsHeadline({
                strengths: results.strengths,
                challenges: results.challenges,
                principles: results.principles,
              })
            : null;
        })(),
      );
    }
    const headline = await headlines.get(r.cycleId);
    if (!headline) continue;
    push({
      channelId: r.channelId,
      key: `results.published:${r.cycleId}`,
      type: "results.published",
      data: {
        partnership: partnershipOf(r),
        cycle: cycleOf(r),
        ...headline,
        url: `${r.linkBase}/p/${enc(r.partnershipId)}/results?cycle=${enc(r.cycleId)}`,
      },
    });
  }

  for (const r of rows<DueProposal>(stances)) {
    push({
      channelId: r.channelId,
      key: `principle.awaiting_stance:${r.proposalId}`,
      type: "principle.awaiting_stance",
      data: {
        partnership: partnershipOf(r),
        organization: { id: r.organizationId, name: r.organizationName },
        principle: { id: r.principleId, title: r.principleTitle },
        proposal: { id: r.proposalId, kind: r.proposalKind },
        url: `${r.linkBase}/p/${enc(r.partnershipId)}/principles/${enc(r.principleId)}`,
      },
    });
  }

  for (const r of rows<DueSettings>(settings)) {
    const c = JSON.parse(r.changes) as { k?: unknown; commentThreshold?: unknown };
    push({
      channelId: r.channelId,
      key: `settings.awaiting_approval:${r.proposalId}`,
      type: "settings.awaiting_approval",
      data: {
        partnership: partnershipOf(r),
        organization: { id: r.organizationId, name: r.organizationName },
        proposal: {
          id: r.proposalId,
          changes: {
            ...(typeof c.k === "number" ? { k: c.k } : {}),
            ...(typeof c.commentThreshold === "number" ? { commentThreshold: c.commentThreshold } : {}),
          },
        },
        url: `${r.linkBase}/p/${enc(r.partnershipId)}/settings`,
      },
    });
  }

  for (const [which, result] of [
    ["action.due_soon", dueSoon],
    ["action.overdue", overdue],
  ] as const) {
    for (const r of rows<DueAction>(result)) {
      push({
        channelId: r.channelId,
        key: `${which}:${r.actionId}:${r.dueOn}`,
        type: which,
        data: {
          partnership: partnershipOf(r),
          action: {
            id: r.actionId,
            kind: r.actionKind,
            title: r.actionTitle,
            status: r.actionStatus,
            dueOn: r.dueOn,
            principle: r.principleId ? { id: r.principleId, title: r.principleTitle ?? "" } : null,
          },
          url: `${r.linkBase}/p/${enc(r.partnershipId)}/actions/${enc(r.actionId)}`,
        },
      });
    }
  }
  return found;
}

/**
 * Finds what is due, records it per channel and enqueues what this call recorded; with no
 * partnership named (the scheduled run) it also re-enqueues deliveries whose enqueue was lost and
 * drops log entries older than 90 days.
 */
export async function sendDueNudges(
  env: Pick<Env, "DB" | "NUDGES">,
  partnershipId: string | null,
  now = Date.now(),
): Promise<{ enqueued: number }> {
  const found = await findDueNudges(env.DB, partnershipId, now);
  const created = await recordEvents(env.DB, found, now);
  let stray: string[] = [];
  if (partnershipId === null) {
    const [unsent] = await env.DB.batch<{ id: string }>([
      unsentStatement(env.DB, isoNow(now - 5 * 60_000)),
      pruneDeliveriesStatement(env.DB, isoNow(now - 90 * DAY)),
    ]);
    stray = rows<{ id: string }>(unsent).map((r) => r.id);
    if (stray.length) await env.DB.batch([touchDeliveriesStatement(env.DB, stray, isoNow(now))]);
  }
  await enqueue(env.NUDGES, [...created, ...stray]);
  return { enqueued: created.length + stray.length };
}
