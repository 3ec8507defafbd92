/**
 * What else goes when someone leaves a partnership. Kept in one place so every feature that
 * stores something per person in a partnership adds its clean-up here. Each statement must only
 * act once the membership is gone (the removal batch runs them after a guarded DELETE).
 */
export function removalStatements(_db: D1Database, _partnershipId: string, _personId: string): D1PreparedStatement[] {
  return [];
}
