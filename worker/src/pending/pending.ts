import { openingStatements } from "../cycles/queries";
import { isoNow } from "../db/ids";
import { withRetry } from "../db/resilient";
import { rows } from "../db/rows";
import { pulsePeriod } from "../domain/schedule";
import { respondentKey } from "../ratings/respondent";
import { answeredStatement, findPulseQuestion, type OpenCycle, pendingStatements, type RecentPulse } from "./queries";

/**
 * What the person still has to answer now, across their partnerships. Whether they answered is
 * derived from their own respondent keys (HMAC of their salt and the cycle, computable only by the
 * Worker), so no record anywhere says who answered what.
 */
export async function pendingFor(db: D1Database, ratingKey: string, personId: string, now = Date.now()) {
  const nowIso = isoNow(now);
  // Cycles that opened by time since the scheduler's last tick get their eligible people now, in
  // the same round trip as the reads that follow (idempotent, so safe to retry).
  const opening = openingStatements(db, nowIso);
  const results = await withRetry(() =>
    db.batch<unknown>([...opening, ...pendingStatements(db, personId, nowIso, isoNow(now - 62 * 86_400_000))]),
  );
  const [openResult, pulsesResult] = results.slice(opening.length);
  const open = rows<OpenCycle>(openResult);
  const pulses = rows<RecentPulse>(pulsesResult);
  const keyed = [
    ...open.filter((c) => c.salt).map((c) => ({ cycleId: c.id, salt: c.salt as string })),
    ...pulses.map((c) => ({ cycleId: c.id, salt: c.salt })),
  ];
  const respondents = await Promise.all(keyed.map((k) => respondentKey(ratingKey, k.salt, k.cycleId)));
  // How many complete answers the person has in each of those cycles, in one round trip.
  const answeredResults = keyed.length
    ? await db.batch<unknown>(
        keyed.map((k, i) =>
          answeredStatement(
            db,
            k.cycleId,
            respondents[i] as string,
            open.find((c) => c.id === k.cycleId)?.kind ?? "pulse",
          ),
        ),
      )
    : [];
  const answeredIn = new Map(keyed.map((k, i) => [k.cycleId, rows<{ n: number }>(answeredResults[i])[0]?.n ?? 0]));

  const items: ReturnType<typeof item>[] = [];
  const pulseTaken = new Set<string>();
  for (const c of open) {
    const answered = answeredIn.get(c.id) ?? 0;
    if (c.kind === "pulse") {
      if (answered > 0 || pulseTaken.has(c.partnershipId)) continue;
      // A person is asked at most one pulse per pulse period: one answered in this period is enough.
      const period = pulsePeriod(c, now);
      const periodStart = period ? `${period.start}T00:00:00.000Z` : c.opensAt;
      const already = pulses.some(
        (p) => p.partnershipId === c.partnershipId && p.opensAt >= periodStart && (answeredIn.get(p.id) ?? 0) > 0,
      );
      if (already) continue;
      pulseTaken.add(c.partnershipId);
      items.push(item(c, 0, await findPulseQuestion(db, c.id)));
      continue;
    }
    if (answered < c.total) items.push(item(c, answered, null));
  }
  return { count: items.length, items };
}

function item(c: OpenCycle, answered: number, principle: { id: string; title: string; description: string } | null) {
  return {
    partnershipId: c.partnershipId,
    partnershipName: c.partnershipName,
    cycleId: c.id,
    kind: c.kind,
    title: c.title,
    closesAt: c.closesAt,
    answered,
    total: c.total,
    principle,
  };
}
