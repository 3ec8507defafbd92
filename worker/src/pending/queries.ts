import type { CycleRow } from "../cycles/queries";
import type { PulseCadence } from "../domain/settings";

export type OpenCycle = CycleRow & {
  partnershipName: string;
  cadenceStart: string;
  pulseCadence: PulseCadence;
  salt: string | null;
  total: number;
};

export interface RecentPulse {
  id: string;
  partnershipId: string;
  opensAt: string;
  salt: string;
}

/**
 * The reads behind what a person still has to answer: cycles open now that they are eligible for
 * (with their salt, if any, and the number of principles asked), and pulses of their partnerships
 * recent enough (opened by `now`, closing after `since`) to fall in a current pulse period.
 */
export function pendingStatements(db: D1Database, personId: string, now: string, since: string) {
  return [
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
      .bind(personId, now),
    db
      .prepare(
        `SELECT c.id, c.partnership_id AS partnershipId, c.opens_at AS opensAt, s.salt
         FROM memberships m JOIN cycles c ON c.partnership_id = m.partnership_id
         JOIN respondent_salts s ON s.partnership_id = m.partnership_id AND s.person_id = m.person_id
         WHERE m.person_id = ?1 AND c.kind = 'pulse' AND c.opens_at <= ?2 AND c.closes_at > ?3`,
      )
      .bind(personId, now, since),
  ] as const;
}

/** How many complete answers a respondent has in a cycle. */
export function answeredStatement(
  db: D1Database,
  cycleId: string,
  respondent: string,
  kind: CycleRow["kind"],
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT COUNT(*) AS n FROM ratings WHERE cycle_id = ? AND respondent = ?
         AND performance IS NOT NULL AND (importance IS NOT NULL OR ?3 = 'pulse')`,
    )
    .bind(cycleId, respondent, kind);
}

/** The one principle a pulse asks. */
export async function findPulseQuestion(db: D1Database, cycleId: string) {
  return db
    .prepare(
      `SELECT cp.principle_id AS id, v.title, v.description FROM cycle_principles cp
       JOIN principle_versions v ON v.id = cp.version_id WHERE cp.cycle_id = ? LIMIT 1`,
    )
    .bind(cycleId)
    .first<{ id: string; title: string; description: string }>();
}
