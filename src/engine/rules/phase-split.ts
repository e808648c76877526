/**
 * How a plan's weeks divide into base, build, peak and taper (the GoFast model: base ~25%,
 * build ~35%, peak ~20% of the weeks before the taper; the taper as long as the race needs).
 */
import { TAPER_WEEKS } from '../../domain/coaching-limits.js';
import type { Phase } from '../../domain/schemas.js';
import type { DistanceClass } from '../../domain/units.js';

/** Taper weeks (race week included): the longer option once the plan has room for it. */
export function taperLength(totalWeeks: number, distance: DistanceClass): number {
  const { min, max } = TAPER_WEEKS[distance];
  const roomy = distance === '5k' || distance === '10k' ? totalWeeks >= 8 : totalWeeks >= 14;
  return roomy ? max : min;
}

export function splitPhases(totalWeeks: number, distance: DistanceClass): Phase[] {
  const taper = taperLength(totalWeeks, distance);
  const before = totalWeeks - taper;
  // 25 : 35 : 20 of the whole plan is 5 : 7 : 4 of the weeks before the taper.
  const base = Math.max(1, Math.round((before * 5) / 16));
  const peak = Math.max(1, Math.round((before * 4) / 16));
  const build = Math.max(1, before - base - peak);
  const overflow = base + build + peak - before;
  return [
    { name: 'base', weekCount: base - Math.max(0, overflow) },
    { name: 'build', weekCount: build },
    { name: 'peak', weekCount: peak },
    { name: 'taper', weekCount: taper },
  ];
}
