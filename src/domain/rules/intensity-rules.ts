/**
 * C1 hard days and C2 intensity volume: how many quality sessions a week holds and where, and how
 * many of its miles run faster than easy. Miles are counted by the zone each lap's pace puts it in
 * (zones.ts); warmups, cooldowns and unpaced laps are easy.
 */
import { EPSILON, INTENSITY, maxQualitySessions } from '../coaching-limits.js';
import type { Zone } from '../zones.js';
import { weekAt, type Context, type DayFacts, type WeekFacts } from './plan-context.js';
import { mi, pct, push, where, type RuleId, type Violation } from './rule-ids.js';

/** C1: the 3 days before the race hold no quality session. */
export const NO_QUALITY_DAYS_BEFORE_RACE = 3;

function checkQuality(out: Violation[], ctx: Context, w: WeekFacts): void {
  const n = w.weekNumber;
  const max = maxQualitySessions(w.phase, ctx.baseline, ctx.inputs.preferredDays.length);
  if (w.quality.length > max) {
    push(
      out,
      'C1.quality-count',
      `week ${n} (${w.phase}) has ${w.quality.length} quality sessions; at most ${max} for a ${ctx.baseline} mi/week athlete running ${ctx.inputs.preferredDays.length} days`,
      n,
    );
  }
  for (const f of w.quality) {
    const d = f.day.dayNumber;
    if (w.phase === 'base' && f.session !== 'hills' && f.session !== 'fartlek') {
      push(
        out,
        'C1.base-kind',
        `${where(n, d)}: a ${f.session ?? f.day.type} session in the base phase; base quality is hills or fartlek only`,
        n,
        d,
      );
    }
    if (f.toRace >= 1 && f.toRace <= NO_QUALITY_DAYS_BEFORE_RACE) {
      push(
        out,
        'C1.pre-race',
        `${where(n, d)}: a quality session ${f.toRace} day${f.toRace === 1 ? '' : 's'} before the race; none in the last ${NO_QUALITY_DAYS_BEFORE_RACE}`,
        n,
        d,
      );
    }
  }
}

/** C1: never two key days (quality or long) on consecutive days, across week boundaries too. */
function checkKeyAdjacent(out: Violation[], ctx: Context, w: WeekFacts): void {
  const prev = weekAt(ctx, w.weekNumber - 1);
  let last: DayFacts | undefined = prev?.days[prev.days.length - 1];
  for (const f of w.days) {
    if (f.key && last !== undefined && last.key && last.ord === f.ord - 1) {
      push(
        out,
        'C1.key-adjacent',
        `${where(w.weekNumber, f.day.dayNumber)}: a ${f.day.type} day right after another key day; key days are never on consecutive days`,
        w.weekNumber,
        f.day.dayNumber,
      );
    }
    last = f;
  }
}

type ZoneCap = { readonly rule: RuleId; readonly zones: readonly Zone[]; readonly cap: number; readonly what: string };

function checkIntensityVolume(out: Violation[], w: WeekFacts): void {
  const n = w.weekNumber;
  const W = w.training;
  const c = INTENSITY;
  const caps: ZoneCap[] = [
    {
      rule: 'C2.threshold',
      zones: ['T'],
      cap: Math.max(c.thresholdShare * W, c.thresholdMin),
      what: `threshold-pace miles (max of ${pct(c.thresholdShare)} of the week and ${c.thresholdMin})`,
    },
    {
      rule: 'C2.interval',
      zones: ['I'],
      cap: Math.min(Math.max(c.intervalShare * W, c.intervalMin), c.intervalMax),
      what: `interval-pace miles (max of ${pct(c.intervalShare)} of the week and ${c.intervalMin}, at most ${c.intervalMax})`,
    },
    {
      rule: 'C2.repetition',
      zones: ['R'],
      cap: c.repetitionShare * W,
      what: `repetition-pace miles (${pct(c.repetitionShare)} of the week)`,
    },
    {
      rule: 'C2.race-pace',
      zones: ['target', 'M'],
      cap: Math.max(c.racePaceShare * W, c.racePaceMin),
      what: `race-pace miles (max of ${pct(c.racePaceShare)} of the week and ${c.racePaceMin})`,
    },
  ];
  for (const z of caps) {
    let miles = 0;
    for (const zone of z.zones) miles += w.zones[zone];
    if (miles > z.cap + EPSILON) push(out, z.rule, `week ${n}: ${mi(miles)} of ${z.what}; the cap is ${mi(z.cap)}`, n);
  }
  if (W > EPSILON && w.zones.E < c.easyShare * W - EPSILON) {
    push(
      out,
      'C2.easy-share',
      `week ${n}: ${mi(w.zones.E)} of ${mi(W)} is easy (${pct(w.zones.E / W)}); at least ${pct(c.easyShare)} of every week is easy`,
      n,
    );
  }
}

export function checkIntensity(out: Violation[], ctx: Context, w: WeekFacts): void {
  checkQuality(out, ctx, w);
  checkKeyAdjacent(out, ctx, w);
  checkIntensityVolume(out, w);
}
