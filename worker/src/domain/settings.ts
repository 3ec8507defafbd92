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

/**
 * True for an origin like "https://intranet.example.com" (no path, no trailing slash). Plain http
 * only for loopback: an embed token sent from an http page could be read on the way.
 */
export function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    if (url.origin !== text) return false;
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && isLoopback(url.hostname);
  } catch {
    return false;
  }
}

const isLoopback = (host: string) => host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);

export type Thresholds = Pick<Settings, "k" | "commentThreshold">;

/**
 * The anonymity settings a change would lower. Raising applies at once (to cycles that open
 * afterwards); lowering needs every organization's consent, since it weakens everyone's anonymity.
 */
export function loweredThresholds(current: Thresholds, next: Partial<Thresholds>): (keyof Thresholds)[] {
  return (["k", "commentThreshold"] as const).filter(
    (key) => next[key] !== undefined && (next[key] as number) < current[key],
  );
}
