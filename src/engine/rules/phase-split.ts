/**
 * How a plan's weeks divide into base, build, peak and taper (the GoFast model: base ~5/16,
 * build ~7/16, peak ~4/16 of the weeks before the taper; the taper as PLAN-RULES R1 sets it for
 * the race: marathon 3 weeks, 2 in plans under 12; half 2; 5K and 10K 2 once the plan has 8
 * weeks, else 1). The taper evidence: about 2 weeks, 3 for the marathon.
 */
import { taperWeeksAllowed } from '../../domain/coaching-limits.js';
import type { Phase } from '../../domain/schemas.js';
import type { DistanceClass } from '../../domain/units.js';

/** Taper weeks (race week included): the longer option once the plan has room for it. */
function taperLength(totalWeeks: number, distance: DistanceClass): number {
  const { min, max } = taperWeeksAllowed(distance, totalWeeks);
  return totalWeeks >= 8 ? max : min;
}

export function splitPhases(totalWeeks: number, distance: DistanceClass): Phase[] {
  const taper = taperLength(totalWeeks, distance);
  const before = totalWeeks - taper;
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
