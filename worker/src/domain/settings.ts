/** Partnership settings and their rules (SPEC §2 "Results", "Cycles"). */
export const ASSESSMENT_CADENCES = ["annual", "semiannual", "quarterly"] as const;
export const PULSE_CADENCES = ["weekly", "biweekly", "monthly", "off"] as const;
export type AssessmentCadence = (typeof ASSESSMENT_CADENCES)[number];
export type PulseCadence = (typeof PULSE_CADENCES)[number];

export const MIN_K = 3;
export const DEFAULT_K = 5;
export const DEFAULT_COMMENT_THRESHOLD = 5;
export const DEFAULT_ASSESSMENT_WINDOW_DAYS = 21;
export const MAX_AGREED_PRINCIPLES = 20;

export interface Settings {
  name: string;
  purpose: string;
  k: number;
  commentThreshold: number;
  assessmentCadence: AssessmentCadence;
  assessmentWindowDays: number;
  pulseCadence: PulseCadence;
  cadenceStart: string;
  reminderSites: string[];
}

/** Why a settings combination is not allowed, or null when it is. */
export function settingsProblem(s: Pick<Settings, "k" | "commentThreshold">): string | null {
  if (s.k < MIN_K) return `"k" must be at least ${MIN_K}`;
  if (s.commentThreshold < s.k) return `"commentThreshold" must be at least k (${s.k})`;
  return null;
}

/**
 * Checks a reminder-site match pattern such as "https://*.atlassian.net/*". Scheme http(s),
 * a concrete host or "*." subdomain wildcard, and a path; never "<all_urls>" or a bare "*" host.
 */
export function isReminderSitePattern(pattern: string): boolean {
  const m = /^(https?):\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)+|localhost)(:\d{1,5})?(\/.*)$/.exec(pattern);
  return m !== null;
}

/** True for an origin like "https://intranet.example.com" (no path, no trailing slash). */
export function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === text;
  } catch {
    return false;
  }
}
