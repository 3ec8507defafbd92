import { z } from "@hono/zod-openapi";
import type { CycleRow, SnapshotRow } from "../cycles/queries";
import { CANT_SAY } from "../domain/scale";
import { findSalt, myAnswersStatement } from "./queries";
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

/** The caller's own answers in a cycle, in the cycle's order; never creates a salt. */
export async function readMine(
  db: D1Database,
  ratingKey: string,
  partnershipId: string,
  personId: string,
  cycle: CycleRow,
  snapshot: SnapshotRow[],
): Promise<z.infer<typeof MyAnswers>> {
  const salt = await findSalt(db, partnershipId, personId);
  if (!salt) return { cycleId: cycle.id, answers: [], progress: { answered: 0, total: snapshot.length } };
  const row = await myAnswersStatement(db, {
    cycleId: cycle.id,
    respondent: await respondentKey(ratingKey, salt, cycle.id),
    principleIds: snapshot.map((s) => s.principleId),
    kind: cycle.kind,
  }).first<{ response: string }>();
  if (!row) throw new Error("The answers statement returned no row");
  return JSON.parse(row.response);
}
