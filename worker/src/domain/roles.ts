export const ROLES = ["facilitator", "member"] as const;
export type Role = (typeof ROLES)[number];

/** True when removing or demoting `personId` would leave their organization without a facilitator. */
export function wouldOrphanOrganization(facilitatorsOfOrganization: readonly string[], personId: string): boolean {
  return facilitatorsOfOrganization.length === 1 && facilitatorsOfOrganization[0] === personId;
}
