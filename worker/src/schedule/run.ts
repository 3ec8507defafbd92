import { sha256Hex } from "../auth/crypto";
import { closeDueCyclesStatement, createCycleStatements, cycleExists, openingStatements } from "../cycles/queries";
import { isoNow } from "../db/ids";
import { type DueCycle, dueCycles } from "../domain/schedule";
import { listActiveCadences } from "../partnerships/queries";
import { countAgreed } from "../principles/queries";
import { dropExpiredReplaysStatement } from "../ratings/queries";
import { choosePulsePrinciple } from "./pulse";

/** Cadence cycles get an id derived from what makes them unique, so every run agrees on it. */
export async function cadenceCycleId(partnershipId: string, due: DueCycle) {
  return `cyc_${(await sha256Hex(`${partnershipId}|${due.kind}|${due.periodStart}`)).slice(0, 24)}`;
}

/**
 * Brings every active partnership to what is due now: opens the current period's assessment and
 * pulse if missing, records closes, and drops expired idempotency records. Creating is
 * `INSERT OR IGNORE` on (partnership, kind, period start), so two runs for one tick create one
 * cycle and a missed tick is caught up by the next; periods already over are never created.
 */
export async function runSchedule(db: D1Database, now = Date.now()) {
  const nowIso = isoNow(now);
  const partnerships = await listActiveCadences(db);
  let created = 0;
  for (const p of partnerships) {
    for (const due of dueCycles(p, now)) {
      const id = await cadenceCycleId(p.id, due);
      if (await cycleExists(db, id)) continue;
      const principleId = due.kind === "pulse" ? await choosePulsePrinciple(db, p.id, nowIso) : undefined;
      if (due.kind === "pulse" && !principleId) continue;
      if (!(await countAgreed(db, p.id))) continue;
      const [inserted] = await db.batch([
        ...createCycleStatements(db, {
          id,
          partnershipId: p.id,
          kind: due.kind,
          source: "cadence",
          periodStart: due.periodStart,
          title: "",
          opensAt: due.opensAt,
          closesAt: due.closesAt,
          createdBy: null,
          createdAt: nowIso,
          principleId: principleId ?? undefined,
        }),
      ]);
      created += inserted?.meta.changes ?? 0;
    }
  }
  const today = nowIso.slice(0, 10);
  // Record openings before closes, so a cycle that opened and closed between ticks has its own k.
  await db.batch(openingStatements(db, nowIso));
  const [closed] = await db.batch([closeDueCyclesStatement(db, nowIso), dropExpiredReplaysStatement(db, today)]);
  return { created, closed: closed?.meta.changes ?? 0 };
}
