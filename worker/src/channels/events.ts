/**
 * Nudge events: what a channel is told, as plain data (the generic webhook's `data`), built only
 * from what the organization's people may see in Accord. Never a rating, never a person's name:
 * a chat channel may hold guests, so nudges name principles, cycles and organizations only.
 * Pure functions; the scan in nudges.ts feeds them.
 */
import { sha256Hex } from "../auth/crypto";

export const EVENT_TYPES = [
  "cycle.opened",
  "cycle.closing_soon",
  "results.published",
  "principle.awaiting_stance",
  "settings.awaiting_approval",
  "action.due_soon",
  "action.overdue",
  "channel.test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface Named {
  id: string;
  name: string;
}

export interface CycleRef {
  id: string;
  kind: "assessment" | "pulse";
  title: string;
  opensAt: string;
  closesAt: string;
}

export interface ParticipationLine {
  organization: Named;
  invited: number;
  /** Respondents, only once the organization has at least k of them; null below k. */
  responded: number | null;
  reachedK: boolean;
}

export interface HeadlineItem {
  principle: { id: string; title: string };
  /** Partnership score (mean of organization means), 1–5. */
  score: number;
  /** Importance − performance (assessments). */
  gap?: number;
}

/** The `data` of each event type. `url` is the console page to act on. */
export interface EventData {
  "cycle.opened": {
    partnership: Named;
    cycle: CycleRef;
    /** The one principle a pulse asks. */
    principle: { id: string; title: string } | null;
    url: string;
  };
  "cycle.closing_soon": {
    partnership: Named;
    cycle: CycleRef;
    k: number;
    participation: ParticipationLine[];
    url: string;
  };
  "results.published": {
    partnership: Named;
    cycle: CycleRef;
    strengths: HeadlineItem[];
    challenges: HeadlineItem[];
    url: string;
  };
  "principle.awaiting_stance": {
    partnership: Named;
    organization: Named;
    principle: { id: string; title: string };
    proposal: { id: string; kind: "adopt" | "retire" };
    url: string;
  };
  "settings.awaiting_approval": {
    partnership: Named;
    organization: Named;
    proposal: { id: string; changes: { k?: number; commentThreshold?: number } };
    url: string;
  };
  "action.due_soon": { partnership: Named; action: ActionRef; url: string };
  "action.overdue": { partnership: Named; action: ActionRef; url: string };
  "channel.test": { partnership: Named; organization: Named; message: string; url: string };
}

export interface ActionRef {
  id: string;
  kind: "improve" | "celebrate";
  title: string;
  status: "open" | "in_progress";
  dueOn: string;
  principle: { id: string; title: string } | null;
}

/** An event as generic webhooks receive it. */
export interface NudgeEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  time: string;
  data: EventData[T];
}

/**
 * An event's id, derived from what makes it unique (`key`, e.g. "cycle.opened:cyc_…"), so every
 * scan that finds the same event names it the same and a receiver can drop repeats by id.
 */
export async function eventId(key: string): Promise<string> {
  return `evt_${(await sha256Hex(`accord-nudge|${key}`)).slice(0, 24)}`;
}

const figure = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** A principle of published results, as buildResults returns it (figures may be `{suppressed:true}`). */
export interface PublishedPrinciple {
  principleId: string;
  title: string;
  score: unknown;
  gap?: unknown;
}

/**
 * Headline strengths and challenges of published results. Only numbers are copied: a suppressed
 * figure (an object) is never one, and a principle whose score is not shown is left out, so the
 * headline can only repeat what the results page shows.
 */
export function resultsHeadline(r: {
  strengths: readonly string[];
  challenges: readonly string[];
  principles: readonly PublishedPrinciple[];
}): { strengths: HeadlineItem[]; challenges: HeadlineItem[] } {
  const byId = new Map(r.principles.map((p) => [p.principleId, p]));
  const items = (ids: readonly string[], withGap: boolean) =>
    ids.flatMap((id): HeadlineItem[] => {
      const p = byId.get(id);
      const score = figure(p?.score);
      if (!p || score === undefined) return [];
      const gap = withGap ? figure(p.gap) : undefined;
      return [{ principle: { id, title: p.title }, score, ...(gap === undefined ? {} : { gap }) }];
    });
  return { strengths: items(r.strengths, false), challenges: items(r.challenges, true) };
}

/**
 * Participation per organization for a nudge: the respondent count only where it reached k (as
 * the console shows it); below k, not even the count.
 */
export function participationLines(
  participation: readonly { organizationId: string; invited: number; responded: number | null; fewerThanK: boolean }[],
  names: ReadonlyMap<string, string>,
): ParticipationLine[] {
  return participation.map((p) => {
    const reachedK = !p.fewerThanK && typeof p.responded === "number";
    return {
      organization: { id: p.organizationId, name: names.get(p.organizationId) ?? "" },
      invited: p.invited,
      responded: reachedK ? p.responded : null,
      reachedK,
    };
  });
}
