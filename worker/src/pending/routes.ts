import { createRoute, z } from "@hono/zod-openapi";
import { sha256Hex } from "../auth/crypto";
import { type CycleRow, openingStatements } from "../cycles/queries";
import { isoNow } from "../db/ids";
import { rows } from "../db/rows";
import { pulsePeriod } from "../domain/schedule";
import type { PulseCadence } from "../domain/settings";
import { bearerSecurity, commonErrors, jsonResponse, router } from "../http/openapi";
import { respondentKey } from "../ratings/respondent";

const PendingItem = z
  .object({
    partnershipId: z.string(),
    partnershipName: z.string(),
    cycleId: z.string(),
    kind: z.enum(["assessment", "pulse"]),
    title: z.string(),
    closesAt: z.string(),
    answered: z.number().int(),
    total: z.number().int(),
    /** The question of a pulse. */
    principle: z.object({ id: z.string(), title: z.string(), description: z.string() }).nullable(),
  })
  .openapi("PendingItem");

const Pending = z.object({ count: z.number().int(), items: z.array(PendingItem) }).openapi("Pending");

type OpenCycle = CycleRow & {
  partnershipName: string;
  cadenceStart: string;
  pulseCadence: PulseCadence;
  salt: string | null;
  total: number;
};

/**
 * What the person still has to answer now, across their partnerships. Whether they answered is
 * derived from their own respondent keys (HMAC of their salt and the cycle, computable only by the
 * Worker), so no record anywhere says who answered what.
 */
export async function pendingFor(db: D1Database, ratingKey: string, personId: string, now = Date.now()) {
  const nowIso = isoNow(now);
  // Cycles that opened by time since the scheduler's last tick get their eligible people now.
  await db.batch(openingStatements(db, nowIso));
  const [openResult, pulsesResult] = await db.batch<unknown>([
    db
      .prepare(
        `SELECT c.id, c.partnership_id AS partnershipId, c.kind, c.source, c.period_start AS periodStart, c.title,
                c.opens_at AS opensAt, c.closes_at AS closesAt, c.closed_at AS closedAt, c.created_at AS createdAt,
                p.name AS partnershipName, p.cadence_start AS cadenceStart, p.pulse_cadence AS pulseCadence,
                s.salt, (SELECT COUNT(*) FROM cycle_principles cp WHERE cp.cycle_id = c.id) AS total
         FROM memberships m
         JOIN partnerships p ON p.id = m.partnership_id AND p.archived_at IS NULL
         JOIN cycles c ON c.partnership_id = m.partnership_id AND c.opens_at <= ?2 AND c.closes_at > ?2
         JOIN cycle_eligibility e ON e.cycle_id = c.id AND e.person_id = m.person_id AND e.withdrawn = 0
         LEFT JOIN respondent_salts s ON s.partnership_id = m.partnership_id AND s.person_id = m.person_id
         WHERE m.person_id = ?1
         ORDER BY p.name, c.kind, c.opens_at DESC`,
      )
      .bind(personId, nowIso),
    // Pulses of the person's partnerships recent enough to fall in a current pulse period.
    db
      .prepare(
        `SELECT c.id, c.partnership_id AS partnershipId, c.opens_at AS opensAt, s.salt
         FROM memberships m JOIN cycles c ON c.partnership_id = m.partnership_id
         JOIN respondent_salts s ON s.partnership_id = m.partnership_id AND s.person_id = m.person_id
         WHERE m.person_id = ?1 AND c.kind = 'pulse' AND c.opens_at <= ?2 AND c.closes_at > ?3`,
      )
      .bind(personId, nowIso, isoNow(now - 62 * 86_400_000)),
  ]);
  const open = rows<OpenCycle>(openResult);
  const pulses = rows<{ id: string; partnershipId: string; opensAt: string; salt: string }>(pulsesResult);
  const keyed = [
    ...open.filter((c) => c.salt).map((c) => ({ cycleId: c.id, salt: c.salt as string })),
    ...pulses.map((c) => ({ cycleId: c.id, salt: c.salt })),
  ];
  const respondents = await Promise.all(keyed.map((k) => respondentKey(ratingKey, k.salt, k.cycleId)));
  // How many complete answers the person has in each of those cycles, in one round trip.
  const answeredResults = keyed.length
    ? await db.batch<unknown>(
        keyed.map((k, i) =>
          db
            .prepare(
              `SELECT COUNT(*) AS n FROM ratings WHERE cycle_id = ? AND respondent = ?
                 AND performance IS NOT NULL AND (importance IS NOT NULL OR ?3 = 'pulse')`,
            )
            .bind(k.cycleId, respondents[i], open.find((c) => c.id === k.cycleId)?.kind ?? "pulse"),
        ),
      )
    : [];
  const answeredIn = new Map(keyed.map((k, i) => [k.cycleId, rows<{ n: number }>(answeredResults[i])[0]?.n ?? 0]));

  const items: z.infer<typeof PendingItem>[] = [];
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
      const principle = await db
        .prepare(
          `SELECT cp.principle_id AS id, v.title, v.description FROM cycle_principles cp
           JOIN principle_versions v ON v.id = cp.version_id WHERE cp.cycle_id = ? LIMIT 1`,
        )
        .bind(c.id)
        .first<{ id: string; title: string; description: string }>();
      items.push(item(c, 0, principle));
      continue;
    }
    if (answered < c.total) items.push(item(c, answered, null));
  }
  return { count: items.length, items };
}

function item(c: OpenCycle, answered: number, principle: z.infer<typeof PendingItem>["principle"]) {
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

export const pendingRoutes = router().openapi(
  createRoute({
    method: "get",
    path: "/me/pending",
    tags: ["Ratings"],
    summary: "Open assessments and the current pulse you have not answered, across your partnerships",
    description: "Send `If-None-Match` with the last `ETag` to get 304 when nothing changed.",
    security: bearerSecurity,
    request: { headers: z.object({ "if-none-match": z.string().optional() }) },
    responses: {
      200: jsonResponse(Pending, "Pending surveys and pulses"),
      304: { description: "Unchanged since the ETag sent" },
      401: commonErrors[401],
    },
  }),
  async (c) => {
    const pending = await pendingFor(c.env.DB, c.env.RATING_KEY, c.var.caller.personId);
    const body = JSON.stringify(pending);
    const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
    const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
    const sent = c.req.header("If-None-Match");
    if (sent?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
      return c.body(null, 304, headers);
    }
    return c.json(pending, 200, headers);
  },
);
