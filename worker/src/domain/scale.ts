/** The rating scale: 1–5, or "can't say", which is stored as 0 and never counted. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
export const CANT_SAY = "cant_say" as const;
export type ScaleAnswer = number | typeof CANT_SAY;

/** Stored 0 is "can't say"; NULL is "not answered yet". */
export const toScale = (v: number | null): ScaleAnswer | null => (v === 0 ? CANT_SAY : v);

/** What an answer stores: 0 for "can't say", undefined when not given. */
export const fromScale = (v: ScaleAnswer | undefined): number | undefined => (v === CANT_SAY ? 0 : v);
