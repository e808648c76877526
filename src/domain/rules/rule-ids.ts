/**
 * Every rule id the validator can report (PLAN-RULES v2), the violation shape, and the few message
 * helpers the rule families share so that every violation reads the same way.
 */
import { DAY_NAMES } from '../calendar.js';

export const RULE_IDS = [
  'R1.phase-order',
  'R1.phase-weeks',
  'R1.taper-length',
  'R1.week-number',
  'R1.week-phase',
  'R2.week-days',
  'R2.date',
  'R2.day-of-week',
  'R2.race-day',
  'R2.after-race',
  'R2.late-start',
  'R2.first-week',
  'R3.rest-empty',
  'R3.warmup',
  'R3.cooldown',
  'R3.workout',
  'R3.lap-index',
  'R3.lap-distance',
  'R3.pace-format',
  'R4.session',
  'R4.day-miles',
  'R4.run-zero',
  'R4.medium-long',
  'R4.strides',
  'R4.race',
  'PACE.zone',
  'R5.rest-before-race',
  'R5.shakeout',
  'R5.race-week-hard',
  'R5.taper-growth',
  'R5.pre-race-week',
  'R5.race-week',
  'R6.progression',
  'R7.first-week',
  'R8.cutback',
  'R9.preferred-day',
  'R9.non-preferred',
  'R9.long-day',
  'R9.quality-day',
  'R10.long-share',
  'R11.adaptation',
  'C1.quality-count',
  'C1.base-kind',
  'C1.pre-race',
  'C1.key-adjacent',
  'C2.threshold',
  'C2.interval',
  'C2.interval-rep',
  'C2.repetition',
  'C2.race-pace',
  'C2.easy-share',
  'C3.long-first',
  'C3.long-growth',
  'C3.long-time',
  'C3.long-peak',
  'C3.twenty-milers',
  'C3.longest-timing',
  'C3.pre-race-long',
  'C4.same-weeks',
  'C4.same-session',
  'C4.variety',
  'C4.base-strides',
  'C4.taper-quality',
  'DATA.week-miles',
  'T1.tuneup-day',
  'T1.tuneup-race',
  'T1.tuneup-taper',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Violation = { rule: string; message: string; weekNumber?: number; dayNumber?: number };

export function push(out: Violation[], rule: RuleId, message: string, weekNumber?: number, dayNumber?: number): void {
  const v: Violation = { rule, message };
  if (weekNumber !== undefined) v.weekNumber = weekNumber;
  if (dayNumber !== undefined) v.dayNumber = dayNumber;
  out.push(v);
}

export function mi(miles: number): string {
  return Number.isFinite(miles) ? `${miles.toFixed(1)} mi` : `${String(miles)} mi`;
}

export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function where(weekNumber: number, dayNumber: number): string {
  return `week ${weekNumber} day ${dayNumber} (${DAY_NAMES[dayNumber - 1] ?? `day ${dayNumber}`})`;
}
