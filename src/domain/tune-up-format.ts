/** How a tune-up race is named wherever it shows (week view, status, calendar export). */
import type { PlanInputs, TuneUp } from './schemas.js';

/** `Winter Half · half`; just the name when it already says the distance (`Club 10k`). */
export function tuneUpName(t: Pick<TuneUp, 'name' | 'distance'>): string {
  return t.name.toLowerCase().includes(t.distance.toLowerCase()) ? t.name : `${t.name} · ${t.distance}`;
}

/** `Tune-up: Winter Half · half`. */
export function tuneUpTitle(t: Pick<TuneUp, 'name' | 'distance'>): string {
  return `Tune-up: ${tuneUpName(t)}`;
}

/** The tune-up on `date`, if the plan has one. */
export function tuneUpOnDate(inputs: Pick<PlanInputs, 'tuneUps'> | null, date: string): TuneUp | undefined {
  return inputs?.tuneUps?.find((t) => t.date === date);
}
