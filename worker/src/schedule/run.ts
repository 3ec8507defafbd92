import { sha256Hex } from "../auth/crypto";
import { createCycleStatements, openingStatements } from "../cycles/queries";
import { isoNow } from "../db/ids";
import { type DueCycle, dueCycles } from "../domain/schedule";
import type { AssessmentCadence, PulseCadence } from "../domain/settings";
import { choosePulsePrinciple } from "./pulse";

interface CadenceRow {
  id: string;
  cadenceStart: string;
  assessmentCadence: AssessmentCadence;
  assessmentWindowDays: number;
  pulseCadence: PulseCadence;
}

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
  const { results: partnerships } = await db
    .prepare(
      `SELECT id, cadence_start AS cadenceStart, assessment_cadence AS assessmentCadence,
              assessment_window_days AS assessmentWindowDays, pulse_cadence AS pulseCadence
       FROM partnerships WHERE archived_at IS NULL`,
    )
    .all<CadenceRow>();
  let created = 0;
  for (const p of partnerships) {
    for (const due of dueCycles(p, now)) {
      const id = await cadenceCycleId(p.id, due);
      const exists = await db.prepare("SELECT 1 FROM cycles WHERE id = ?").bind(id).first();
      if (exists) continue;
      const principleId = due.kind === "pulse" ? await choosePulsePrinciple(db, p.id, nowIso) : undefined;
      if (due.kind === "pulse" && !principleId) continue;
      const agreed = await db
        .prepare("SELECT COUNT(*) AS n FROM principles WHERE partnership_id = ? AND status = 'agreed'")
        .bind(p.id)
        .first<{ n: number }>();
      if (!agreed?.n) continue;
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
  const [closed] = await db.batch([
    db.prepare("UPDATE cycles SET closed_at = closes_at WHERE closed_at IS NULL AND closes_at <= ?").bind(nowIso),
    db.prepare("DELETE FROM idempotency WHERE expires_on < ?").bind(today),
  ]);
  return { created, closed: closed?.meta.changes ?? 0 };
}
