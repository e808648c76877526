/**
 * R1 structure, R2 calendar, R3 laps and DATA: the shape of a plan before any coaching judgement.
 *
 * Settlement: R2's "week 1 holds at least one easy run on a preferred day" is checked as "week 1
 * holds a run": when a partial first week holds no preferred day, its run is a recovery run on
 * another day (R9 allows recovery anywhere), which is the safer reading than an empty week.
 */
import { DAY_NAMES, addDaysIso, dayNumberOf, epochDayOf, isoOfEpochDay, totalWeeksBetween } from '../calendar.js';
import { EPSILON, MAX_LAP_MILES, MIN_PLAN_WEEKS, WARMUP_LAP, taperWeeksAllowed } from '../coaching-limits.js';
import { PHASE_NAMES, type Day, type Lap, type Phase, type PlanInputs } from '../schemas.js';
import { PACE_PATTERN } from '../time.js';
import { MAX_CUSTOM_MILES, distanceClass } from '../units.js';
import { DAYS_PER_WEEK, type Context, type WeekFacts } from './plan-context.js';
import { mi, push, where, type RuleId, type Violation } from './rule-ids.js';
import { tuneUpOn } from './tune-up-rules.js';

/** R1, the phase part: names and order, week counts, taper length. */
export function validatePhases(inputs: PlanInputs, phases: readonly Phase[]): Violation[] {
  const out: Violation[] = [];
  const names = phases.map((p) => p.name);
  if (names.length !== PHASE_NAMES.length || names.some((n, i) => n !== PHASE_NAMES[i])) {
    push(
      out,
      'R1.phase-order',
      `phases are ${names.join(', ') || 'missing'}; they must be exactly ${PHASE_NAMES.join(', ')}, in that order`,
    );
  }
  const totalWeeks = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  let sum = 0;
  for (const p of phases) {
    if (!Number.isInteger(p.weekCount) || p.weekCount < 1) {
      push(out, 'R1.phase-weeks', `the ${p.name} phase has ${p.weekCount} weeks; every phase needs a whole number of weeks, at least 1`);
    }
    sum += p.weekCount;
  }
  if (sum !== totalWeeks) {
    push(out, 'R1.phase-weeks', `the phases add up to ${sum} weeks; the plan runs ${totalWeeks} weeks from the start to race week`);
  }
  const distance = distanceClass(inputs.distanceMiles);
  const limits = taperWeeksAllowed(distance, totalWeeks);
  for (const p of phases) {
    if (p.name !== 'taper') continue;
    if (p.weekCount < limits.min || p.weekCount > limits.max) {
      const span = limits.min === limits.max ? `${limits.min}` : `${limits.min}–${limits.max}`;
      push(
        out,
        'R1.taper-length',
        `the taper has ${p.weekCount} weeks; a ${distance} taper of a ${totalWeeks}-week plan (race week included) is ${span} weeks`,
      );
    }
  }
  return out;
}

/**
 * R2's late start: a Friday–Sunday start moves to the Monday after unless that breaks the
 * shortest plan for the race. The inputs hold the start the plan really has.
 */
export function validateStart(inputs: PlanInputs): Violation[] {
  const out: Violation[] = [];
  const weekday = dayNumberOf(inputs.startDate);
  if (weekday < 5) return out;
  const monday = addDaysIso(inputs.startDate, 8 - weekday);
  const min = MIN_PLAN_WEEKS[distanceClass(inputs.distanceMiles)];
  if (monday < inputs.raceDate && totalWeeksBetween(monday, inputs.raceDate) >= min) {
    push(
      out,
      'R2.late-start',
      `the plan starts on a ${DAY_NAMES[weekday - 1] ?? 'weekend'} (${inputs.startDate}); a Friday–Sunday start moves to the Monday after (${monday})`,
    );
  }
  return out;
}

function checkLaps(out: Violation[], laps: readonly Lap[], part: string, n: number, d: number, maxLap = MAX_LAP_MILES): void {
  for (let j = 0; j < laps.length; j += 1) {
    const lap = laps[j] as Lap;
    if (lap.lapIndex !== j + 1) {
      push(
        out,
        'R3.lap-index',
        `${where(n, d)}: ${part} lap ${j + 1} has lapIndex ${lap.lapIndex}; laps are numbered 1, 2, 3… within each part`,
        n,
        d,
      );
    }
    const dist = lap.distanceMiles;
    if (!Number.isFinite(dist) || dist <= 0 || dist > maxLap + EPSILON) {
      push(
        out,
        'R3.lap-distance',
        `${where(n, d)}: ${part} lap ${j + 1} is ${mi(dist)}; a lap is more than 0 and at most ${mi(maxLap)}`,
        n,
        d,
      );
    }
    if (lap.paceGoal !== null && !PACE_PATTERN.test(lap.paceGoal)) {
      push(out, 'R3.pace-format', `${where(n, d)}: ${part} lap ${j + 1} has pace "${lap.paceGoal}"; paces are written M:SS or MM:SS`, n, d);
    }
  }
}

function checkEdgeLaps(out: Violation[], laps: readonly Lap[], part: 'warmup' | 'cooldown', n: number, d: number): void {
  const rule: RuleId = part === 'warmup' ? 'R3.warmup' : 'R3.cooldown';
  if (laps.length !== 1) {
    push(out, rule, `${where(n, d)}: a run day has one ${part} lap, not ${laps.length}`, n, d);
  }
  for (let j = 0; j < laps.length; j += 1) {
    const lap = laps[j] as Lap;
    const dist = lap.distanceMiles;
    if (!(dist >= WARMUP_LAP.min - EPSILON && dist <= WARMUP_LAP.max + EPSILON)) {
      push(out, rule, `${where(n, d)}: ${part} lap ${j + 1} is ${mi(dist)}; ${part} laps are ${WARMUP_LAP.min}–${WARMUP_LAP.max} mi`, n, d);
    }
    if (lap.paceGoal !== null) {
      push(out, rule, `${where(n, d)}: ${part} lap ${j + 1} has pace ${lap.paceGoal}; ${part} laps are run by feel, with no pace`, n, d);
    }
  }
}

/** R3 for one day: rest days are empty; run days have one warmup and one cooldown lap and a workout. */
export function checkDayStructure(out: Violation[], day: Day, n: number): void {
  const d = day.dayNumber;
  if (day.type === 'rest') {
    if (day.warmup.length + day.workout.length + day.cooldown.length > 0) {
      push(out, 'R3.rest-empty', `${where(n, d)}: a rest day holds laps; warmup, workout and cooldown must be empty`, n, d);
    }
  } else {
    checkEdgeLaps(out, day.warmup, 'warmup', n, d);
    checkEdgeLaps(out, day.cooldown, 'cooldown', n, d);
    if (day.workout.length === 0) {
      push(out, 'R3.workout', `${where(n, d)}: a ${day.type} day needs a workout of at least one lap`, n, d);
    }
  }
  checkLaps(out, day.warmup, 'warmup', n, d);
  // The race is one lap (R4) and custom races run to 31 mi, past R3's 30-mile lap cap.
  checkLaps(out, day.workout, 'workout', n, d, day.type === 'race' ? Math.max(MAX_LAP_MILES, MAX_CUSTOM_MILES) : MAX_LAP_MILES);
  checkLaps(out, day.cooldown, 'cooldown', n, d);
}

/** R2 for one day: date, weekday name, race day placement, rest after the race. */
export function checkDayCalendar(out: Violation[], ctx: Context, day: Day, ord: number, n: number): void {
  const d = day.dayNumber;
  if (Number.isFinite(ctx.mondayDay) && epochDayOf(day.date) !== ctx.mondayDay + ord) {
    push(out, 'R2.date', `${where(n, d)}: dated ${day.date}; this day of the plan is ${isoOfEpochDay(ctx.mondayDay + ord)}`, n, d);
  }
  const name = DAY_NAMES[d - 1];
  if (day.dayOfWeek !== name) {
    push(out, 'R2.day-of-week', `${where(n, d)}: named ${day.dayOfWeek}; day ${d} is a ${name ?? 'day 1–7'}`, n, d);
  }
  if (ord === ctx.raceOrd && day.type !== 'race') {
    push(out, 'R2.race-day', `${where(n, d)}: the race date ${ctx.inputs.raceDate} is a ${day.type} day; it must be the race`, n, d);
  } else if (ord !== ctx.raceOrd && day.type === 'race' && tuneUpOn(ctx.inputs, day.date) === undefined) {
    push(out, 'R2.race-day', `${where(n, d)}: a race day that is neither the race date ${ctx.inputs.raceDate} nor a tune-up's`, n, d);
  }
  if (ord > ctx.raceOrd && day.type !== 'rest') {
    push(
      out,
      'R2.after-race',
      `${where(n, d)}: a ${day.type} day after the race (${ctx.inputs.raceDate}); days after the race are rest`,
      n,
      d,
    );
  }
}

/** R1 and R2 for a week: its number, phase and days; the race date in race week; week 1 runs. */
export function checkWeekShape(out: Violation[], ctx: Context, w: WeekFacts): void {
  const n = w.weekNumber;
  const week = w.week;
  if (week.weekNumber !== n) {
    push(out, 'R1.week-number', `week ${n} of the plan is numbered ${week.weekNumber}; weeks are numbered 1, 2, 3… once each, in order`, n);
  }
  if (n > ctx.totalWeeks) {
    push(out, 'R1.week-number', `week ${n} comes after race week ${ctx.totalWeeks}; the plan ends with the race`, n);
  } else if (week.phase !== w.phase) {
    push(out, 'R1.week-phase', `week ${n} is marked ${week.phase}; by the phase lengths it belongs to ${w.phase}`, n);
  }
  const first = n === 1 ? ctx.startOrd + 1 : 1;
  let ok = week.days.length === DAYS_PER_WEEK - first + 1;
  for (let j = 0; ok && j < week.days.length; j += 1) ok = week.days[j]?.dayNumber === first + j;
  if (!ok) {
    const held = week.days.map((x) => x.dayNumber).join(', ') || 'no days';
    const want = first === DAYS_PER_WEEK ? `day ${first}` : `days ${first}–${DAYS_PER_WEEK}`;
    push(out, 'R2.week-days', `week ${n} holds ${held}; it must hold ${want}, in order`, n);
  }
  if (n === ctx.totalWeeks && !w.days.some((f) => f.ord === ctx.raceOrd)) {
    const d = (ctx.raceOrd % DAYS_PER_WEEK) + 1;
    push(out, 'R2.race-day', `${where(n, d)}: race week has no day for the race date ${ctx.inputs.raceDate}`, n, d);
  }
  if (n === 1 && w.days.length > 0 && w.days.every((f) => f.day.type === 'rest')) {
    push(out, 'R2.first-week', `week 1 is only rest; a plan opens with at least one easy run`, n);
  }
}

/** DATA: a week's stored total equals the sum of its laps. */
export function checkWeekTotal(out: Violation[], w: WeekFacts): void {
  if (Math.abs(w.week.miles - w.miles) > 0.01) {
    push(
      out,
      'DATA.week-miles',
      `week ${w.weekNumber}: its total says ${mi(w.week.miles)} but its laps add up to ${mi(w.miles)}`,
      w.weekNumber,
    );
  }
}
