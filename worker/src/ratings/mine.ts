import { z } from "@hono/zod-openapi";
import type { CycleRow, SnapshotRow } from "../cycles/queries";
import { CANT_SAY, toScale } from "../domain/scale";
import { findSalt, listOwnRows, type OwnRow } from "./queries";
import { respondentKey } from "./respondent";

const StoredScale = z.union([z.number().int(), z.literal(CANT_SAY)]).nullable();
const StoredAnswer = z.object({
  principleId: z.string(),
  performance: StoredScale,
  importance: StoredScale,
  comment: z.string().nullable(),
});

export const MyAnswers = z
  .object({
    cycleId: z.string(),
    answers: z.array(StoredAnswer),
    progress: z.object({ answered: z.number().int(), total: z.number().int() }),
  })
  .openapi("MyAnswers");

/** An answer counts as complete with a performance (and, in assessments, an importance). */
export const isComplete = (kind: CycleRow["kind"], a: OwnRow) =>
  a.performance !== null && (kind === "pulse" || a.importance !== null);

/** The caller's own answers in a cycle, in the cycle's order; never creates a salt. */
export async function readMine(
  db: D1Database,
  ratingKey: string,
  partnershipId: string,
  personId: string,
  cycle: CycleRow,
  snapshot: SnapshotRow[],
) {
  const salt = await findSalt(db, partnershipId, personId);
  const own = salt ? await listOwnRows(db, cycle.id, await respondentKey(ratingKey, salt, cycle.id)) : [];
  const order = new Map(snapshot.map((s) => [s.principleId, s.position]));
  own.sort((a, b) => (order.get(a.principleId) ?? 0) - (order.get(b.principleId) ?? 0));
  return {
    cycleId: cycle.id,
    answers: own.map((a) => ({
      principleId: a.principleId,
      performance: toScale(a.performance),
      importance: toScale(a.importance),
      comment: a.comment,
    })),
    progress: { answered: own.filter((a) => isComplete(cycle.kind, a)).length, total: snapshot.length },
  };
}
