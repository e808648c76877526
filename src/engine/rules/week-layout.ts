/**
 * Lays out a week: which day is what (the race's fixed days, the long run on the athlete's day,
 * quality sessions spread away from it and from each other, a recovery day after the long run,
 * strides on an easy day, rest on the days the athlete did not choose), then how many miles each
 * day carries: the long run and quality sessions first, the easy days filled evenly, medium-long
 * runs only when easy days cannot carry the week. A preview take (`Take`, Regenerate) may pick
 * another of the equally spread quality days, another strides day or another rest day.
 *
 * Quality days the athlete asked for (`inputs.qualityDays`, a club's group sessions) come first,
 * in the order given, each where the rules leave it open: an easy day, more than 3 days before the
 * race (C1), outside a tune-up's quiet days, not next to another key day (C1, the week before's
 * Sunday included), with room for a session. Where a rule closes one (a taper or race week with
 * fewer sessions, a tune-up, a long-run day moved next to it), the rule wins and the engine
 * chooses the day as it would without the wish: the safer plan. A week with fewer sessions than
 * days takes the first open day listed; a six- or seven-day week never rests a quality day. The
 * validator's R9.quality-day (day-rules.ts) checks the same.
 */
import { EPSILON, MEDIUM_LONG, dayMilesRange, longRunShare } from '../../domain/coaching-limits.js';
import { NO_QUALITY_DAYS_BEFORE_RACE } from '../../domain/rules/intensity-rules.js';
import { dayCeiling, toRaceOf, type WeekFrame } from './week-frame.js';

export type Role = 'rest' | 'race' | 'shakeout' | 'long' | 'quality' | 'medium-long' | 'easy' | 'strides' | 'recovery';

export type Slot = { readonly dayNumber: number; role: Role; miles: number };

export type LayoutOptions = {
  readonly quality: number;
  readonly withLong: boolean;
  readonly strides: boolean;
  /** Share of the frame's target to aim at (1 normally; the engine steps it down when a week will not fit). */
  readonly scale: number;
  /** Every run 2 miles: the floor, which R5–R8 and R11 always accept. */
  readonly floor: boolean;
};

const STEP = 0.5;
const MEDIUM_LONG_MIN = 7;

function floorStep(miles: number): number {
  return Math.floor(miles / STEP + 1e-9) * STEP;
}

/** The take's choice among `choices` (best first): the last one when the take asks for more. */
function pick<T>(choices: readonly T[], index: number): T | undefined {
  return choices[Math.min(index, choices.length - 1)];
}

function assignRoles(frame: WeekFrame, options: LayoutOptions): Slot[] {
  const preferred = new Set(frame.inputs.preferredDays);
  const slots: Slot[] = [];
  for (const d of frame.dayNumbers) {
    const fixed = frame.fixed.get(d);
    // The day before a tune-up is a shakeout when the athlete runs that day, else rest.
    const shakeout = fixed === 'shakeout' || (fixed === 'pre-tune-up' && preferred.has(d));
    if (fixed === 'race' || fixed === 'tune-up') slots.push({ dayNumber: d, role: 'race', miles: 0 });
    else if (shakeout) slots.push({ dayNumber: d, role: 'shakeout', miles: 0 });
    else if (fixed !== undefined || !preferred.has(d)) slots.push({ dayNumber: d, role: 'rest', miles: 0 });
    else slots.push({ dayNumber: d, role: 'easy', miles: 0 });
  }
  // R2: a plan never opens with a week of only rest; a recovery run may go on any day (R9).
  if (frame.weekNumber === 1 && slots.every((s) => s.role === 'rest')) {
    const free = slots.find((s) => !frame.fixed.has(s.dayNumber));
    if (free) free.role = 'recovery';
  }
  const at = (d: number): Slot | undefined => slots.find((s) => s.dayNumber === d);
  const easyDays = (): Slot[] => slots.filter((s) => s.role === 'easy');
  if (options.floor) return slots;
  const asked = frame.inputs.qualityDays ?? [];

  const runs = easyDays().length;
  if (frame.inputs.preferredDays.length >= 6 && runs >= 6 && (frame.inputs.preferredDays.length === 7 || frame.target / runs < 3.5)) {
    // One preferred day may rest: the day after the long run, else Monday.
    const restDays = [frame.longDay + 1, 1, ...easyDays().map((s) => s.dayNumber)]
      .map(at)
      .filter((s): s is Slot => s?.role === 'easy' && s.dayNumber !== frame.longDay && !asked.includes(s.dayNumber));
    const rest = pick([...new Set(restDays)], frame.take.restPick);
    if (rest) rest.role = 'rest';
  }
  const keys: number[] = [];
  if (frame.previousDayKey) keys.push(0);
  const long = at(frame.longDay);
  if (options.withLong && !frame.raceWeek && long?.role === 'easy' && frame.longTarget >= 3) {
    long.role = 'long';
    keys.push(long.dayNumber);
  }
  /** An easy day the rules leave open for a quality session now. */
  const open = (s: Slot): boolean => {
    const d = s.dayNumber;
    const toRace = toRaceOf(frame, d);
    if (s.role !== 'easy' || (toRace >= 0 && toRace <= NO_QUALITY_DAYS_BEFORE_RACE)) return false;
    if (frame.quietDays.has(d) || keys.some((k) => Math.abs(k - d) <= 1)) return false;
    return dayCeiling(frame, d) >= 3;
  };
  for (let i = 0; i < options.quality; i += 1) {
    const wished = asked.map(at).find((s): s is Slot => s !== undefined && open(s));
    if (wished) {
      wished.role = 'quality';
      keys.push(wished.dayNumber);
      continue;
    }
    const candidates: { slot: Slot; spread: number; score: number }[] = [];
    for (const s of easyDays()) {
      const d = s.dayNumber;
      if (!open(s)) continue;
      // As far from the other key days as the week allows; midweek first (Tuesday, Thursday).
      const gap = keys.length === 0 ? 7 : Math.min(...keys.map((k) => Math.abs(k - d)));
      const spread = Math.min(gap, 3);
      candidates.push({ slot: s, spread, score: spread * 10 - Math.abs(d - (i === 0 ? 2 : 4)) - (d === 7 ? 5 : 0) });
    }
    // Best first (a stable sort keeps the earlier day on a tie); another take may choose any day
    // as well spread from the key days as the best, never one closer to them.
    candidates.sort((a, b) => b.score - a.score);
    const top = candidates[0]?.spread;
    const best = pick(
      candidates.filter((c) => c.spread === top).map((c) => c.slot),
      i === 0 ? frame.take.qualityPick : 0,
    );
    if (!best) break;
    best.role = 'quality';
    keys.push(best.dayNumber);
  }
  // Marathon and half plans carry a midweek medium-long run in the build and peak (Pfitzinger's
  // 11–15 miles), on an easy day away from the long run.
  const raceLong = frame.distance === 'marathon' || frame.distance === 'half';
  if (
    raceLong &&
    long?.role === 'long' &&
    (frame.phase === 'build' || frame.phase === 'peak') &&
    !frame.cutback &&
    frame.longTarget >= 12
  ) {
    const choices = easyDays().filter((s) => Math.abs(s.dayNumber - frame.longDay) >= 2);
    if (choices.length >= 2) {
      const pick = choices.reduce((best, s) => (Math.abs(s.dayNumber - 3) < Math.abs(best.dayNumber - 3) ? s : best));
      pick.role = 'medium-long';
    }
  }
  if (long?.role === 'long') {
    const after = at(frame.longDay + 1);
    if (after?.role === 'easy' && easyDays().length >= 3) after.role = 'recovery';
  }
  if (options.strides) {
    const stridesDay = pick(easyDays(), frame.take.stridesPick);
    if (stridesDay) stridesDay.role = 'strides';
  }
  return slots;
}

function maxFor(frame: WeekFrame, slot: Slot, total: number, long: number): number {
  const cap = dayCeiling(frame, slot.dayNumber);
  switch (slot.role) {
    case 'easy':
    case 'strides':
      return Math.min(cap, dayMilesRange('easy', total).max);
    case 'recovery':
      return Math.min(cap, dayMilesRange('recovery', total).max);
    case 'medium-long':
      return Math.min(cap, MEDIUM_LONG.maxMiles, floorStep(MEDIUM_LONG.longShare * long));
    case 'quality':
      return Math.min(cap, dayMilesRange('tempo', total).max);
    default:
      return slot.miles;
  }
}

/** The miles of each day; undefined when the week cannot be filled inside its window. */
export function layoutWeek(frame: WeekFrame, options: LayoutOptions): Slot[] | undefined {
  const slots = assignRoles(frame, options);
  const runs = slots.filter((s) => s.role !== 'rest' && s.role !== 'race');
  if (options.floor) {
    for (const s of runs) s.miles = 2;
    return slots;
  }
  const goal = Math.max(frame.lower, Math.min(frame.upper, frame.target * options.scale));
  // The race's shakeout, and a tune-up's the day before it (tune-up-week.ts): 2–3 mi.
  for (const shakeout of slots.filter((s) => s.role === 'shakeout')) {
    shakeout.miles = goal >= 15 && dayCeiling(frame, shakeout.dayNumber) >= 3 ? 3 : 2;
  }
  const long = slots.find((s) => s.role === 'long');
  if (long) {
    long.miles = floorStep(Math.min(frame.longTarget, dayCeiling(frame, long.dayNumber), longRunShare(frame.distance, goal) * goal));
    // A week big enough to pass a C3 threshold takes the long run that threshold asks, when the
    // run's caps allow it and the plan's curve does not reach it later, rather than stay under.
    for (const t of frame.longThresholds) {
      const cap = Math.min(dayCeiling(frame, long.dayNumber), longRunShare(frame.distance, goal) * goal);
      const later = frame.projection.peakLong >= t.need - EPSILON;
      if (!later && goal >= t.threshold - EPSILON && long.miles < t.need && t.need <= cap + EPSILON) long.miles = t.need;
    }
    if (long.miles < 3) long.role = 'easy';
  }
  const longMiles = (): number => (long?.role === 'long' ? long.miles : 0);
  for (const s of slots) {
    if (s.role === 'quality') s.miles = Math.max(3, Math.min(maxFor(frame, s, goal, longMiles()), floorStep(2 + 0.12 * goal)));
  }
  const fillers = (): Slot[] =>
    slots.filter((s) => s.role === 'easy' || s.role === 'strides' || s.role === 'recovery' || s.role === 'medium-long');
  for (const s of fillers()) s.miles = 2;
  const sum = (): number => runs.reduce((t, s) => t + s.miles, 0);

  let remaining = floorStep(goal - sum());
  // Half-mile steps must not leave the week under its lower bound (R7).
  if (sum() + remaining < frame.lower - EPSILON) remaining += STEP;
  for (const s of slots) {
    if (s.role !== 'medium-long') continue;
    const want = floorStep(Math.min(maxFor(frame, s, goal, longMiles()), Math.max(MEDIUM_LONG_MIN, 0.65 * longMiles())));
    const add = Math.max(0, Math.min(remaining, want - s.miles));
    s.miles += add;
    remaining -= add;
  }
  const grow = (pool: Slot[]): void => {
    while (remaining >= STEP - EPSILON) {
      let next: Slot | undefined;
      for (const s of pool) {
        if (s.miles + STEP > maxFor(frame, s, goal, longMiles()) + EPSILON) continue;
        if (!next || s.miles < next.miles || (s.miles === next.miles && s.dayNumber < next.dayNumber)) next = s;
      }
      if (!next) return;
      next.miles += STEP;
      remaining -= STEP;
    }
  };
  grow(fillers());
  // Easy days full: medium-long runs carry the rest, one day at a time, then the quality days.
  while (remaining >= STEP - EPSILON && longMiles() > 0) {
    // Strides give way last: a week too big for its easy days needs the miles more.
    // (C4 wants strides in base weeks of four runs or more.)
    const easy = slots.find((s) => s.role === 'easy') ?? (runs.length < 4 ? slots.find((s) => s.role === 'strides') : undefined);
    if (!easy) break;
    const easyMax = maxFor(frame, easy, goal, longMiles());
    easy.role = 'medium-long';
    // A medium-long run is longer than an easy day could be, and a real one (7 mi or more) unless
    // the athlete runs four days or fewer and the week has no other way to carry its miles.
    const least = runs.length <= 4 ? easyMax + STEP : Math.max(easyMax + 1, MEDIUM_LONG_MIN);
    if (maxFor(frame, easy, goal, longMiles()) < least - EPSILON) {
      // A medium-long run may not be longer here than an easy one: converting helps no day.
      easy.role = 'easy';
      break;
    }
    grow(fillers());
  }
  grow(slots.filter((s) => s.role === 'quality'));
  // Few run days (four or fewer): the long run itself carries what the other days cannot, up to
  // its caps, and each longer long run lets the medium-long runs grow too. With more days the
  // week stays under its target instead, so the long run keeps to the plan's curve.
  if (long?.role === 'long' && runs.length <= 4) {
    const longMax = floorStep(Math.min(dayCeiling(frame, long.dayNumber), longRunShare(frame.distance, goal) * goal));
    while (remaining >= STEP - EPSILON && long.miles + STEP <= longMax + EPSILON) {
      long.miles += STEP;
      remaining -= STEP;
      grow(fillers());
    }
  }

  // C3: a week passes a volume threshold only when the plan's long run meets what it then needs.
  const upper = (): number => {
    // The plan's own curve counts: a long run the plan builds to later lets the volume grow now.
    const reached = Math.max(frame.longestSoFar, longMiles(), frame.projection.peakLong);
    let cap = frame.upper;
    for (const t of frame.longThresholds) if (reached + EPSILON < t.need) cap = Math.min(cap, t.threshold - 0.1);
    return cap;
  };
  // Settle R10 (the long run's share), R4's caps (they shrink with the week) and the window
  // together: each trim can move the others, so repeat until nothing changes.
  for (let round = 0; round < 6; round += 1) {
    const before = sum();
    if (long?.role === 'long') {
      // First give the other days a quarter mile where the window has room, then shorten the long run.
      const quarter = STEP / 2;
      for (const s of fillers()) {
        while (
          long.miles > longRunShare(frame.distance, sum()) * sum() + EPSILON &&
          sum() + quarter <= upper() + EPSILON &&
          s.miles + quarter <= maxFor(frame, s, sum(), longMiles()) + EPSILON
        ) {
          s.miles += quarter;
        }
      }
      while (long.miles > longRunShare(frame.distance, sum()) * sum() + EPSILON && long.miles - STEP >= 3) long.miles -= STEP;
    }
    for (const s of [...fillers(), ...slots.filter((x) => x.role === 'quality')]) {
      const min = s.role === 'quality' ? 3 : 2;
      s.miles = Math.max(min, Math.min(s.miles, Math.floor(maxFor(frame, s, sum(), longMiles()) * 4 + 1e-9) / 4));
    }
    // Over the window: shave the fillers, then the quality days, then the long run.
    for (const pool of [fillers(), slots.filter((x) => x.role === 'quality'), long?.role === 'long' ? [long] : []]) {
      for (const s of pool) {
        const min = s.role === 'quality' || s.role === 'long' ? 3 : 2;
        while (sum() > upper() + EPSILON && s.miles - STEP >= min - EPSILON) s.miles -= STEP;
      }
    }
    if (Math.abs(sum() - before) < EPSILON) break;
  }
  const total = sum();
  const atFloor = total <= 2 * runs.filter((s) => s.role !== 'race').length + EPSILON;
  if ((total > upper() + EPSILON && !atFloor) || total < frame.lower - EPSILON) return undefined;
  if (long?.role === 'long' && long.miles > longRunShare(frame.distance, total) * total + EPSILON) return undefined;
  for (const s of slots) if (s.role === 'medium-long' && s.miles > MEDIUM_LONG.longShare * longMiles() + EPSILON) return undefined;
  return slots;
}
