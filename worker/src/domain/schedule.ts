/** Check-in schedule (SPEC §2 "Cycles"): periods in UTC counted from the partnership's cadenceStart. */
import type { AssessmentCadence, PulseCadence } from "./settings";

export const CYCLE_KINDS = ["assessment", "pulse"] as const;
export type CycleKind = (typeof CYCLE_KINDS)[number];
export const CYCLE_STATUSES = ["scheduled", "open", "closed"] as const;
type CycleStatus = (typeof CYCLE_STATUSES)[number];

const DAY = 86_400_000;

/** A cycle's status follows time: opening or closing early moves its times. */
export function cycleStatus(c: { opensAt: string; closesAt: string }, now = Date.now()): CycleStatus {
  if (now >= Date.parse(c.closesAt)) return "closed";
  if (now >= Date.parse(c.opensAt)) return "open";
  return "scheduled";
}

/** `date` (YYYY-MM-DD) plus `months`, clamped to the end of shorter months (Jan 31 + 1 → Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

type Step = { months: number } | { days: number };

const ASSESSMENT_STEP: Record<AssessmentCadence, Step> = {
  annual: { months: 12 },
  semiannual: { months: 6 },
  quarterly: { months: 3 },
};
const PULSE_STEP: Record<Exclude<PulseCadence, "off">, Step> = {
  weekly: { days: 7 },
  biweekly: { days: 14 },
  monthly: { months: 1 },
};

const advance = (start: string, step: Step, i: number) =>
  "months" in step ? addMonths(start, step.months * i) : addDays(start, step.days * i);

/** The period containing `now`: its start and the next period's start, or null before cadenceStart. */
export function currentPeriod(cadenceStart: string, step: Step, now = Date.now()) {
  const startMs = Date.parse(`${cadenceStart}T00:00:00Z`);
  if (Number.isNaN(startMs) || now < startMs) return null;
  const approx = "months" in step ? step.months * 30.436875 * DAY : step.days * DAY;
  // Estimate the index, then correct it: months have uneven lengths.
  let i = Math.max(0, Math.floor((now - startMs) / approx) - 1);
  while (Date.parse(`${advance(cadenceStart, step, i + 1)}T00:00:00Z`) <= now) i++;
  while (i > 0 && Date.parse(`${advance(cadenceStart, step, i)}T00:00:00Z`) > now) i--;
  return { start: advance(cadenceStart, step, i), next: advance(cadenceStart, step, i + 1) };
}

export interface DueCycle {
  kind: CycleKind;
  periodStart: string;
  opensAt: string;
  closesAt: string;
}

/**
 * The cadence cycles that should exist and be open at `now`: the current period's assessment
 * while its window lasts, and the current pulse. Never a cycle of a period that is already over.
 */
export function dueCycles(
  s: {
    cadenceStart: string;
    assessmentCadence: AssessmentCadence;
    assessmentWindowDays: number;
    pulseCadence: PulseCadence;
  },
  now = Date.now(),
): DueCycle[] {
  const due: DueCycle[] = [];
  const a = currentPeriod(s.cadenceStart, ASSESSMENT_STEP[s.assessmentCadence], now);
  if (a) {
    const windowEnd = Math.min(
      Date.parse(`${a.start}T00:00:00Z`) + s.assessmentWindowDays * DAY,
      Date.parse(`${a.next}T00:00:00Z`),
    );
    if (now < windowEnd) {
      due.push({
        kind: "assessment",
        periodStart: a.start,
        opensAt: `${a.start}T00:00:00.000Z`,
        closesAt: new Date(windowEnd).toISOString(),
      });
    }
  }
  if (s.pulseCadence !== "off") {
    const p = currentPeriod(s.cadenceStart, PULSE_STEP[s.pulseCadence], now);
    if (p) {
      due.push({
        kind: "pulse",
        periodStart: p.start,
        opensAt: `${p.start}T00:00:00.000Z`,
        closesAt: `${p.next}T00:00:00.000Z`,
      });
    }
  }
  return due;
}

/** The cadence's pulse period containing `now` (null when pulses are off or not started yet). */
export function pulsePeriod(s: { cadenceStart: string; pulseCadence: PulseCadence }, now = Date.now()) {
  return s.pulseCadence === "off" ? null : currentPeriod(s.cadenceStart, PULSE_STEP[s.pulseCadence], now);
}

/**
 * The principle the next pulse asks: each round asks every agreed principle once, largest gap
 * in the last assessment first (principles without a gap last, oldest first).
 * `recent` lists the principles of previous pulses, newest first.
 */
export function nextPulsePrinciple(
  agreed: readonly { id: string; gap: number | null }[],
  recent: readonly string[],
): string | null {
  if (agreed.length === 0) return null;
  const order = [...agreed]
    .map((p, i) => ({ ...p, i }))
    .sort((x, y) => (y.gap ?? Number.NEGATIVE_INFINITY) - (x.gap ?? Number.NEGATIVE_INFINITY) || x.i - y.i)
    .map((p) => p.id);
  // Replay the recent pulses oldest first; each time every principle has been asked, a new round begins.
  const asked = new Set<string>();
  for (const id of [...recent].reverse()) {
    if (!order.includes(id)) continue;
    asked.add(id);
    if (asked.size === order.length) asked.clear();
  }
  return order.find((id) => !asked.has(id)) ?? order[0] ?? null;
}
