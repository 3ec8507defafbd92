/** Co-authored principles (SPEC §2 "Principles"): consensus of every party organization. */
export const STANCES = ["endorse", "object"] as const;
export type Stance = (typeof STANCES)[number];
type Outcome = "accepted" | "blocked" | "pending";

export interface OrganizationStance {
  organizationId: string;
  stance: Stance;
}

/**
 * A proposal is accepted when every party organization endorses it and none objects; any
 * standing objection blocks it; otherwise it waits for the organizations that have not spoken.
 * Stances of organizations that are no longer parties do not count.
 */
export function decide(parties: readonly string[], stances: readonly OrganizationStance[]): Outcome {
  const byOrg = new Map(
    stances.filter((s) => parties.includes(s.organizationId)).map((s) => [s.organizationId, s.stance]),
  );
  if ([...byOrg.values()].includes("object")) return "blocked";
  return parties.length > 0 && parties.every((o) => byOrg.get(o) === "endorse") ? "accepted" : "pending";
}

/** Party organizations that have not yet taken a stance. */
export function awaiting(parties: readonly string[], stances: readonly OrganizationStance[]): string[] {
  const spoken = new Set(stances.map((s) => s.organizationId));
  return parties.filter((o) => !spoken.has(o));
}

export const TITLE_MAX = 80;
export const DESCRIPTION_MAX = 600;
export const ORIGIN_MAX = 600;

/** A new version is worth proposing only when its wording differs from the latest one. */
export function isSameWording(
  a: { title: string; description: string; origin: string | null },
  b: { title: string; description: string; origin?: string | null },
): boolean {
  return a.title === b.title && a.description === b.description && (a.origin ?? null) === (b.origin ?? null);
}
