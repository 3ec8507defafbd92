/** The German words for running an organization and a partnership, key for key admin.en.ts. */
import type { admin as en } from "./admin.en";

export const admin: typeof en = {};
