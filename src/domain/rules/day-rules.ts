/**
 * The rules about one day: R4 day types, sessions and miles, the pace zones (C-paces), R5's fixed
 * days before the race and R9's preferred days and long-run day.
 *
 * Two choices of the athlete's own are read here (docs/design/plan-rules.md, "Moves and
 * cross-training"): a `cross-training` day (an easy or recovery day done as another sport) holds
 * its time-equivalent miles, which R4's running-day ranges do not bound (it is not a run; its
 * minutes came from the run it replaced); and a day the athlete moved (`movedFrom`) is their
 * choice for that week, which R9's preferred days and long-run day leave alone, as they leave the
 * long-run day a week was made with (`week.longRunDay`) when the setting changed after it.
 *
 * R9's quality days (`inputs.qualityDays`, a club's group sessions, issue 19) are a wish the rules
 * may overrule: a quality session off them breaks R9 only while one of them was free for it in
 * that week (`freeQualityDay`). Where C1 (no key days in a row, none in the 3 days before the
 * race), T1 (a tune-up's quiet days), a rest or race day, a run too short for a session, or a day
 * the athlete moved keeps a quality day from it, the rule wins and the coach chooses: the safer
 * plan. How many quality sessions a week holds stays C1's and the phase's; a week with one uses
 * the first quality day listed that is free.
 */
import { EPSILON, INTENSITY, MEDIUM_LONG, PRE_RACE_SHAKEOUT, dayMilesRange } from '../coaching-limits.js';
import { SESSIONS_OF_TYPE, type Lap } from '../schemas.js';
import { formatPace, parsePace } from '../time.js';
import { SESSION_ZONES, zoneName, zoneOfLap } from '../zones.js';
import { weekAt, type Context, type DayFacts, type WeekFacts } from './plan-context.js';
import { mi, push, where, type Violation } from './rule-ids.js';
import { TUNE_UP, checkTuneUpRace, tuneUpOn, tuneUpsOf } from './tune-up-rules.js';
import { pacesForWeek } from '../paces.js';
import { daysBetween, mondayOf } from '../calendar.js';
import { NO_QUALITY_DAYS_BEFORE_RACE } from './intensity-rules.js';

const RACE_DISTANCE_TOLERANCE = 0.01;
const STRIDE_SECONDS_SLACK = 1;

function checkSession(out: Violation[], f: DayFacts): void {
  const { day, weekNumber: n } = f;
  if (day.type === 'rest') {
    if (day.session !== undefined) {
      push(out, 'R4.session', `${where(n, day.dayNumber)}: a rest day names the session "${day.session}"; rest has none`, n, day.dayNumber);
    }
    return;
  }
  const allowed = SESSIONS_OF_TYPE[day.type];
  if (day.session === undefined || !allowed.includes(day.session)) {
    push(
      out,
      'R4.session',
      `${where(n, day.dayNumber)}: a ${day.type} day ${day.session === undefined ? 'names no session' : `names the session "${day.session}"`}; it must be one of ${allowed.join(', ')}`,
      n,
      day.dayNumber,
    );
  }
}

function checkMiles(out: Violation[], ctx: Context, w: WeekFacts, f: DayFacts): void {
  const { day, miles, weekNumber: n } = f;
  const d = day.dayNumber;
  if (day.type !== 'rest' && miles <= EPSILON) {
    push(out, 'R4.run-zero', `${where(n, d)}: a ${day.type} day with no miles; a run day always has some`, n, d);
  }
  switch (day.type) {
    case 'easy':
    case 'moderate':
    case 'recovery':
    case 'shakeout':
    case 'tempo':
    case 'intervals': {
      if (day.session === 'cross-training') return;
      const range = dayMilesRange(day.type, w.training);
      if (miles < range.min - EPSILON || miles > range.max + EPSILON) {
        push(
          out,
          'R4.day-miles',
          `${where(n, d)}: ${day.type} day of ${mi(miles)} is outside ${mi(range.min)}–${mi(range.max)} in a ${mi(w.training)} week`,
          n,
          d,
        );
      }
      if (day.type === 'moderate' && miles > MEDIUM_LONG.longShare * w.longRun + EPSILON) {
        const why = w.longRun > 0 ? `75% of the week's ${mi(w.longRun)} long run` : 'a week without a long run';
        push(out, 'R4.medium-long', `${where(n, d)}: a medium-long run of ${mi(miles)} is over ${why}`, n, d);
      }
      return;
    }
    case 'race':
      checkRace(out, ctx, f);
      return;
    case 'long':
    case 'rest':
      return;
  }
}

function checkRace(out: Violation[], ctx: Context, f: DayFacts): void {
  const { day, weekNumber: n } = f;
  const d = day.dayNumber;
  const tuneUp = tuneUpOn(ctx.inputs, day.date);
  if (tuneUp !== undefined) {
    checkTuneUpRace(out, ctx, f, tuneUp);
    return;
  }
  const race = ctx.inputs.distanceMiles;
  const target = pacesForWeek(ctx.inputs, n).target;
  const expect = `one workout lap of ${race.toFixed(2)} mi at target race pace ${formatPace(target)}`;
  if (day.workout.length !== 1) {
    push(out, 'R4.race', `${where(n, d)}: the race has ${day.workout.length} workout laps; it must be ${expect}`, n, d);
    return;
  }
  const lap = day.workout[0] as Lap;
  if (!(Math.abs(lap.distanceMiles - race) <= RACE_DISTANCE_TOLERANCE + EPSILON)) {
    push(out, 'R4.race', `${where(n, d)}: the race lap is ${lap.distanceMiles} mi; it must be ${expect}`, n, d);
  }
  const p = parsePace(lap.paceGoal);
  if (p === undefined || Math.abs(p - target) > 1) {
    push(out, 'R4.race', `${where(n, d)}: the race lap has pace ${lap.paceGoal ?? 'none'}; it must be ${expect}`, n, d);
  }
}

/** C-paces: every workout lap in a zone its session allows; strides and I reps of the right length. */
function checkPaces(out: Violation[], ctx: Context, f: DayFacts): void {
  const { day, session, weekNumber: n } = f;
  const d = day.dayNumber;
  if (session === undefined || day.type === 'race') return;
  let strides = 0;
  for (const lap of day.workout) {
    const pace = parsePace(lap.paceGoal);
    if (pace === undefined) continue;
    const zone = zoneOfLap(pace, session, pacesForWeek(ctx.inputs, n));
    if (zone === undefined) {
      const allowed = SESSION_ZONES[session].map(zoneName).join(' or ');
      push(out, 'PACE.zone', `${where(n, d)}: a ${session} lap at ${lap.paceGoal}/mi is outside ${allowed} for these paces`, n, d);
      continue;
    }
    if (zone === 'I') {
      const seconds = lap.distanceMiles * pace;
      const { min, max } = INTENSITY.intervalRepSeconds;
      if (seconds < min - 2 || seconds > max + 2) {
        push(
          out,
          'C2.interval-rep',
          `${where(n, d)}: an interval rep of ${mi(lap.distanceMiles)} lasts ${Math.round(seconds)} s at I pace; reps last 2–5 minutes`,
          n,
          d,
        );
      }
    }
    if (zone === 'R' && session === 'strides') {
      strides += 1;
      const seconds = lap.distanceMiles * pace;
      const s = INTENSITY.strides;
      if (seconds < s.minSeconds - STRIDE_SECONDS_SLACK || seconds > s.maxSeconds + STRIDE_SECONDS_SLACK) {
        push(
          out,
          'R4.strides',
          `${where(n, d)}: a stride lasts ${Math.round(seconds)} s; strides are ${s.minSeconds}–${s.maxSeconds} s at R pace`,
          n,
          d,
        );
      }
    }
  }
  if (session === 'strides') {
    const s = INTENSITY.strides;
    if (strides < s.minCount || strides > s.maxCount) {
      push(
        out,
        'R4.strides',
        `${where(n, d)}: ${strides} strides; a strides run holds ${s.minCount}–${s.maxCount} × ${s.minSeconds}–${s.maxSeconds} s at R pace`,
        n,
        d,
      );
    }
  }
}

/** R5's day-level rules: rest the day before the race, a 2–4 mi shakeout two days before. */
function checkRaceLeadIn(out: Violation[], ctx: Context, f: DayFacts): void {
  const { day, miles, weekNumber: n } = f;
  const d = day.dayNumber;
  if (f.ord < ctx.startOrd) return;
  if (f.toRace === 1 && day.type !== 'rest') {
    push(out, 'R5.rest-before-race', `${where(n, d)}: a ${day.type} day the day before the race; it must be rest`, n, d);
  }
  if (f.toRace === 2) {
    const range = PRE_RACE_SHAKEOUT;
    if (day.type !== 'shakeout') {
      push(
        out,
        'R5.shakeout',
        `${where(n, d)}: a ${day.type} day two days before the race; it must be a ${range.min}–${range.max} mi shakeout`,
        n,
        d,
      );
    } else if (miles < range.min - EPSILON || miles > range.max + EPSILON) {
      push(
        out,
        'R5.shakeout',
        `${where(n, d)}: shakeout of ${mi(miles)} two days before the race; it must be ${range.min}–${range.max} mi`,
        n,
        d,
      );
    }
  }
}

/** R9: preferred days run, other days rest or recovery, the long run on the chosen day. */
function checkPreferred(out: Violation[], ctx: Context, w: WeekFacts, f: DayFacts, preferredRest: { count: number }): void {
  const { day, weekNumber: n } = f;
  const d = day.dayNumber;
  // The athlete put this day here for this week (`/plan move`): their choice stands.
  if (day.movedFrom !== undefined) return;
  const allowedRest = ctx.inputs.preferredDays.length >= 6 ? 1 : 0;
  if (ctx.preferred[d] === true) {
    const restRequired = f.toRace <= 1;
    if (day.type === 'rest' && !restRequired) {
      preferredRest.count += 1;
      if (preferredRest.count > allowedRest) {
        const allowance = allowedRest === 0 ? 'every preferred day is a run day' : 'at most one preferred day a week may rest';
        push(
          out,
          'R9.preferred-day',
          `${where(n, d)}: a preferred day left as rest; with ${ctx.inputs.preferredDays.length} preferred days ${allowance}`,
          n,
          d,
        );
      }
    }
  } else if (day.type !== 'rest' && day.type !== 'recovery') {
    const exempt =
      (f.toRace === 0 && day.type === 'race') ||
      (f.toRace === 2 && day.type === 'shakeout') ||
      (day.type === 'race' && tuneUpOn(ctx.inputs, day.date) !== undefined);
    if (!exempt) {
      push(
        out,
        'R9.non-preferred',
        `${where(n, d)}: a ${day.type} day on a day the athlete did not choose; it must be rest or recovery`,
        n,
        d,
      );
    }
  }
  const weekLongDay = w.week.longRunDay;
  const longDay = weekLongDay === undefined ? ctx.inputs.longRunDay : (weekLongDay ?? undefined);
  if (day.type === 'long' && longDay !== undefined && d !== longDay) {
    push(out, 'R9.long-day', `${where(n, d)}: the long run is on the athlete's day ${longDay}, not day ${d}`, n, d);
  }
}

/** Day types a quality session could have taken the place of (not rest, race, shakeout or a key day). */
const EASY_TYPES: ReadonlySet<string> = new Set(['easy', 'recovery', 'moderate']);

/**
 * True when `g`, a quality day of the athlete's, could have held the quality session `moved` of
 * its week: an easy, recovery or medium-long run (not cross-training) long enough for a session,
 * more than 3 days before the race (C1), outside a tune-up's quiet days (T1), and with no key day
 * but `moved` itself the day before or after (C1, the week before's last day included).
 */
function freeQualityDay(ctx: Context, w: WeekFacts, g: DayFacts, moved: DayFacts): boolean {
  if (!EASY_TYPES.has(g.day.type) || g.quality || g.day.session === 'cross-training') return false;
  if (g.miles < dayMilesRange('tempo', w.training).min - EPSILON) return false;
  if (g.toRace >= 0 && g.toRace <= NO_QUALITY_DAYS_BEFORE_RACE) return false;
  const monday = mondayOf(ctx.inputs.startDate);
  if (tuneUpsOf(ctx.inputs).some((t) => Math.abs(g.ord - daysBetween(monday, t.date)) <= TUNE_UP.quietDays)) return false;
  const before = weekAt(ctx, w.weekNumber - 1)?.days.at(-1);
  const near = [...w.days, ...(before ? [before] : [])].filter((x) => Math.abs(x.ord - g.ord) === 1);
  return !near.some((x) => x.key && x !== moved);
}

function checkQualityDays(out: Violation[], ctx: Context, w: WeekFacts): void {
  const asked = ctx.inputs.qualityDays;
  if (asked === undefined || asked.length === 0) return;
  // A week with a day the athlete moved is theirs (as R9's other checks leave a moved day alone).
  if (w.days.some((f) => f.day.movedFrom !== undefined)) return;
  for (const f of w.quality) {
    if (asked.includes(f.day.dayNumber)) continue;
    const free = asked.map((q) => w.days.find((g) => g.day.dayNumber === q)).find((g) => g !== undefined && freeQualityDay(ctx, w, g, f));
    if (free === undefined) continue;
    const n = w.weekNumber;
    const d = f.day.dayNumber;
    push(
      out,
      'R9.quality-day',
      `${where(n, d)}: a quality session off the athlete's quality days while day ${free.day.dayNumber} was free for it`,
      n,
      d,
    );
  }
}

export function checkDays(out: Violation[], ctx: Context, w: WeekFacts): void {
  const preferredRest = { count: 0 };
  for (const f of w.days) {
    checkSession(out, f);
    checkMiles(out, ctx, w, f);
    checkPaces(out, ctx, f);
    checkRaceLeadIn(out, ctx, f);
    checkPreferred(out, ctx, w, f, preferredRest);
  }
  checkQualityDays(out, ctx, w);
}
