export const ROLES = ["facilitator", "member"] as const;
export type Role = (typeof ROLES)[number];
