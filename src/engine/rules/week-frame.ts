/**
 * Everything the rules engine needs to know about the week it is about to build: its days and the
 * ones the race fixes (R5), the mileage window the rules leave it (R5–R8, R11), the target the
 * plan's curve aims at inside that window, the long run it builds to, the most any run may be
 * (C3), and how many quality sessions it holds (C1).
 *
 * After a poor week (R11) the next week stays under the cap with no quality and a shorter long
 * run; the weeks after it return at about 85% and then 100% of the curve (the return ramp), so a
 * sick week never traps the plan.
 */
import { addDaysIso, dateOfPlanDay, dayNumbersOfWeek, daysBetween, totalWeeksBetween } from '../../domain/calendar.js';
import { LONG_RUN, firstWeekBounds, maxQualitySessions, recentLongRunOf } from '../../domain/coaching-limits.js';
import { computePaces, pacesForWeek, type TrainingPaces } from '../../domain/paces.js';
import { adaptationCapOf, returningFrom } from '../../domain/rules/adaptation.js';
import { PRE_RACE_LONG, requiredPeakLong } from '../../domain/rules/long-run-rules.js';
import { weekDayFacts, type DayFacts } from '../../domain/rules/plan-context.js';
import { tuneUpMilesOf } from '../../domain/rules/tune-up-rules.js';
import { VOLUME, firstCheckedWeek, firstWeekCapacity, isCutbackOf, longRunCapOf } from '../../domain/rules/volume-rules.js';
import type { Phase, PhaseName, PlanInputs, PlannedWeek } from '../../domain/schemas.js';
import { parsePace } from '../../domain/time.js';
import { distanceClass, type DistanceClass } from '../../domain/units.js';
import type { RampWeek } from '../plan-engine.js';
import { LONG_THRESHOLDS, longDayOf, preRaceCeiling, projectPlan, type Projection } from './plan-projection.js';
import { quietDaysOf, tuneUpFixedDays, tuneUpWeekShape, type TuneUpDay } from './tune-up-week.js';

type FixedDay = 'race' | 'rest-before-race' | 'shakeout' | 'after-race' | TuneUpDay;

/**
 * A take on the week's layout (Regenerate): which of the equally good days carries the quality
 * session, which easy day the strides, which preferred day rests when six or seven are chosen.
 * Each pick is an index into the candidates in the engine's order of preference, so the zero take
 * is the engine's first choice.
 */
export type Take = {
  readonly qualityPick: number;
  readonly stridesPick: number;
  readonly restPick: number;
};

export const FIRST_TAKE: Take = { qualityPick: 0, stridesPick: 0, restPick: 0 };

type PastWeek = {
  readonly training: number;
  /** Training and tune-up miles: what R6 compares a later week with (tune-up-rules.ts). */
  readonly progression: number;
  readonly longest: number;
  readonly full: boolean;
  readonly taper: boolean;
  readonly atFloor: boolean;
};

export type WeekFrame = {
  readonly inputs: PlanInputs;
  readonly paces: TrainingPaces;
  /** The paces sessions are written at: `paces` with the easy pace moved by the athlete's drift. */
  readonly sessionPaces: TrainingPaces;
  /** The easy pace moved by the week before's logged average, when it was (seconds per mile). */
  readonly driftedEasy: number | undefined;
  readonly distance: DistanceClass;
  readonly projection: Projection;
  /** The longest run of the weeks before, and C3's volume thresholds with the long run each needs. */
  readonly longestSoFar: number;
  readonly longThresholds: readonly { readonly threshold: number; readonly need: number }[];
  /** Session kinds the plan has used so far (C4's variety). */
  readonly usedKinds: ReadonlySet<string>;
  readonly totalWeeks: number;
  readonly weekNumber: number;
  readonly phase: PhaseName;
  /** 0 at the start of the build, 1 at the end of the peak. */
  readonly progress: number;
  readonly dayNumbers: readonly number[];
  readonly fixed: ReadonlyMap<number, FixedDay>;
  readonly longDay: number;
  /** Days within two days of a tune-up: no quality session or long run there (tune-up-week.ts). */
  readonly quietDays: ReadonlySet<number>;
  readonly raceWeek: boolean;
  readonly cutback: boolean;
  /** True when the week before was logged poor (R11). */
  readonly capped: boolean;
  /** Training miles the week must not exceed (unless it is at the floor), and must reach (R7). */
  readonly upper: number;
  readonly lower: number;
  readonly target: number;
  readonly longTarget: number;
  /** The most any run of the week may be: C3's growth and time caps, a cutback's 85%. */
  readonly runCap: number;
  /** The peak long run before the pre-race window (C3), for the pre-race ceilings. */
  readonly peakLongBefore: number;
  readonly quality: number;
  /** The last day of the week before was a key day (C1 across weeks). */
  readonly previousDayKey: boolean;
  /** Fast miles of the biggest quality session before the taper (C4), 0 when none. */
  readonly peakFastMiles: number;
  readonly recentTemplates: readonly string[];
  readonly variant: number;
  readonly take: Take;
  /** Days from the start week's Monday to the race. */
  readonly raceOrd: number;
};

/** Days from (this week, `dayNumber`) to the race. */
export function toRaceOf(frame: Pick<WeekFrame, 'raceOrd' | 'weekNumber'>, dayNumber: number): number {
  return frame.raceOrd - (7 * (frame.weekNumber - 1) + dayNumber - 1);
}

function fixedDays(inputs: PlanInputs, weekNumber: number, dayNumbers: readonly number[]): Map<number, FixedDay> {
  const fixed = new Map<number, FixedDay>();
  const dayBefore = addDaysIso(inputs.raceDate, -1);
  const twoBefore = addDaysIso(inputs.raceDate, -2);
  for (const d of dayNumbers) {
    const date = dateOfPlanDay(inputs.startDate, weekNumber, d);
    const offset = daysBetween(inputs.raceDate, date);
    if (offset === 0) fixed.set(d, 'race');
    else if (offset > 0) fixed.set(d, 'after-race');
    else if (date === dayBefore) fixed.set(d, 'rest-before-race');
    else if (date === twoBefore) fixed.set(d, 'shakeout');
  }
  // A tune-up's days, where the race leaves them free (tune-ups are never in the taper).
  for (const [d, kind] of tuneUpFixedDays(inputs, weekNumber, dayNumbers)) if (!fixed.has(d)) fixed.set(d, kind);
  return fixed;
}

function pastWeek(facts: readonly DayFacts[], full: boolean, taper: boolean): PastWeek {
  let longest = 0;
  let runDays = 0;
  let training = 0;
  for (const f of facts) {
    if (f.day.type === 'rest' || f.day.type === 'race') continue;
    runDays += 1;
    training += f.miles;
    longest = Math.max(longest, f.miles);
  }
  const progression = training + tuneUpMilesOf(facts);
  return { training, progression, longest, full, taper, atFloor: training <= 2 * runDays + 1e-9 };
}

/**
 * Designed quality sessions by phase, before C1's limits. An athlete under 20 mi/week (a first
 * marathon at 15, a beginner 5K) builds the base with strides only and gets one quality session a
 * week after it: Higdon's novice plans have no speed work at all, and C1 sets maxima, not targets.
 */
const NOVICE_BASELINE = 20;

function designedQuality(phase: PhaseName, progress: number, raceWeek: boolean, baseline: number): number {
  if (raceWeek) return 0;
  const novice = baseline < NOVICE_BASELINE;
  switch (phase) {
    case 'base':
      return novice ? 0 : 1;
    case 'build':
      return novice || progress < 0.3 ? 1 : 2;
    case 'peak':
      return novice ? 1 : 2;
    case 'taper':
      return 1;
  }
}

/**
 * True when some run day can hold a quality session away from the long run (C1: key days never
 * on consecutive days, across weeks too). Three days in a row around the long run leave none; such
 * a plan runs easy, with strides, rather than squeeze quality next to the long run.
 */
function hasQualityRoom(inputs: Pick<PlanInputs, 'preferredDays' | 'longRunDay'>): boolean {
  const long = longDayOf(inputs);
  return inputs.preferredDays.some((d) => Math.abs(d - long) >= 2 && !(d === 1 && long === 7) && !(d === 7 && long === 1));
}

export type FrameRequest = {
  readonly inputs: PlanInputs;
  readonly phases: readonly Phase[];
  readonly weeks: readonly PlannedWeek[];
  readonly weekNumber: number;
  readonly variant: number;
  /** The layout picks of a preview take; the engine's first choice when absent. */
  readonly take?: Take;
  readonly paceDrift?: 'use' | 'ignore';
  /** A return-ramp week after a break: caps on volume, long run and quality (`return-ramp.ts`). */
  readonly ramp?: RampWeek;
};

/**
 * Pace drift: how much slower (+) or faster (−) than planned the athlete ran the week before,
 * from its logged average pace against the planned average of its training laps (unpaced laps
 * count at easy pace). Undefined without a logged average.
 */
function paceDriftOf(week: PlannedWeek | undefined, paces: TrainingPaces): number | undefined {
  const logged = week?.execution?.averagePace;
  const pace = logged ? parsePace(logged) : undefined;
  if (week === undefined || pace === undefined) return undefined;
  let miles = 0;
  let seconds = 0;
  for (const day of week.days) {
    if (day.type === 'rest' || day.type === 'race') continue;
    for (const lap of day.warmup.concat(day.workout, day.cooldown)) {
      miles += lap.distanceMiles;
      seconds += lap.distanceMiles * (parsePace(lap.paceGoal) ?? paces.easy);
    }
  }
  return miles > 0 ? pace - seconds / miles : undefined;
}

/** R8 passes over a tune-up's week (tune-up-rules.ts): it is neither a cutback nor a build week. */
function isTuneUpWeek(w: PastWeek): boolean {
  return w.progression > w.training;
}

/** The week a cutback in week `k` is measured against: the week before, or the one before a tune-up's week. */
function cutbackReference(past: readonly PastWeek[], k: number): PastWeek | undefined {
  const before = past[k - 2];
  return before !== undefined && isTuneUpWeek(before) ? past[k - 3] : before;
}

export function buildFrame(request: FrameRequest): WeekFrame {
  const { inputs, phases, weeks, weekNumber: n } = request;
  const distance = distanceClass(inputs.distanceMiles);
  // The week's own paces (a recalibration applies from the week it names); C3's caps read the
  // plan's, as the validator does.
  const paces = pacesForWeek(inputs, n);
  const planPaces = computePaces(inputs);
  const totalWeeks = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  const projection = projectPlan(inputs, phases);
  const curve = projection.weeks[n - 1];
  if (curve === undefined) throw new RangeError(`week ${n} is outside this ${totalWeeks}-week plan`);
  const taperCount = phases.find((p) => p.name === 'taper')?.weekCount ?? 1;
  const firstTaper = totalWeeks - taperCount + 1;
  // One pass over the weeks before, through the rules' own (cached) day facts.
  const raceOrd = daysBetween(dateOfPlanDay(inputs.startDate, 1, 1), inputs.raceDate);
  const factsOf = weeks.map((w, i) => weekDayFacts({ paces: pacesForWeek(inputs, i + 1), raceOrd }, w.days, i + 1));
  const past = weeks.map((w, i) => pastWeek(factsOf[i] ?? [], w.days.length === 7, i + 1 >= firstTaper));
  const dayNumbers = dayNumbersOfWeek(inputs.startDate, n);
  const full = dayNumbers.length === 7;
  const phase = curve.phase;
  const taper = phase === 'taper';
  const raceWeek = n === totalWeeks;
  const baseline = inputs.weeklyMileage;
  const prev = past[n - 2];
  const progMiles = (k: number): number => {
    const w = k >= 1 ? past[k - 1] : undefined;
    return w !== undefined && w.full ? w.progression : baseline;
  };

  const buildStart = (phases.find((p) => p.name === 'base')?.weekCount ?? 0) + 1;
  const buildSpan = (phases.find((p) => p.name === 'build')?.weekCount ?? 1) + (phases.find((p) => p.name === 'peak')?.weekCount ?? 0);
  const progress = Math.min(1, Math.max(0, (n - buildStart) / Math.max(1, buildSpan - 1)));

  let upper = Infinity;
  let lower = 0;
  let target = curve.level;
  let longTarget = curve.long;
  let cutback = curve.cutback;
  let runCap = longRunCapOf(
    { recentLong: recentLongRunOf(inputs), distance, paces: planPaces },
    past.map((w) => w.longest),
    n,
  );

  const from = returningFrom(weeks, n);
  if (!taper && full) {
    if (from !== undefined) {
      upper = Math.min(upper, VOLUME.progressionGrowth * Math.max(progMiles(from - 1), progMiles(from - 2)) + VOLUME.progressionAllowance);
    } else {
      const p1 = progMiles(n - 1);
      upper = Math.min(
        upper,
        VOLUME.progressionGrowth * Math.max(p1, progMiles(n - 2)) + VOLUME.progressionAllowance,
        VOLUME.progressionJump * p1,
      );
    }
    // R8: four full weeks outside the taper never pass without a cutback.
    if (n - 3 >= VOLUME.cutbackFirstWeek) {
      let needed = true;
      for (let k = n - 3; k <= n - 1 && needed; k += 1) {
        const w = past[k - 1];
        const before = cutbackReference(past, k);
        if (!w || !w.full || w.taper || isTuneUpWeek(w) || !before || isCutbackOf(w, before)) needed = false;
      }
      if (needed) cutback = true;
    }
  }
  const ref = cutbackReference(past, n);
  if (cutback && ref !== undefined && !taper) {
    upper = Math.min(upper, VOLUME.cutbackShare * ref.training - 0.05);
    target = Math.min(target, 0.8 * ref.training);
    runCap = Math.min(runCap, VOLUME.cutbackLongShare * ref.longest - 0.05);
  }
  let peak = 0;
  for (const w of past) if (!w.taper) peak = Math.max(peak, w.training);
  if (taper && prev !== undefined) upper = Math.min(upper, prev.training);
  if (n === totalWeeks - 1 && full) upper = Math.min(upper, VOLUME.preRaceWeekShare * peak - 0.05);
  if (raceWeek) upper = Math.min(upper, VOLUME.raceWeekShare * peak - 0.05);

  const cap = adaptationCapOf(inputs, weeks, n);
  const scale = dayNumbers.length / 7;
  if (n === firstCheckedWeek(inputs)) {
    upper = Math.min(upper, firstWeekBounds(baseline).max * scale);
    if (cap === undefined) {
      const capacity = firstWeekCapacity(inputs, n, runCap);
      lower = Math.min(firstWeekBounds(baseline).min * scale, VOLUME.firstWeekCapacityShare * capacity) + 0.05;
    }
  }
  let quality = Math.min(
    designedQuality(phase, progress, raceWeek, baseline),
    maxQualitySessions(phase, baseline, inputs.preferredDays.length),
  );
  if (cutback) quality = Math.min(quality, 1);
  if (!hasQualityRoom(inputs)) quality = 0;
  if (cap !== undefined) {
    upper = Math.min(upper, cap.limit);
    target = Math.min(target, 0.7 * curve.level);
    longTarget *= 0.7;
    quality = 0;
  } else if (from !== undefined && n - from === 2) {
    target = Math.min(target, 0.85 * curve.level);
    longTarget *= 0.85;
    quality = Math.min(quality, 1);
  }

  // A return ramp only ever lowers the week (the safer plan): the rules' own bounds still hold.
  const ramp = request.ramp;
  if (ramp !== undefined) {
    upper = Math.min(upper, ramp.volume);
    target = Math.min(target, ramp.volume);
    longTarget = Math.min(longTarget, ramp.long);
    runCap = Math.min(runCap, Math.max(ramp.long, 2));
    quality = Math.min(quality, ramp.quality);
  }

  // C3's pre-race ceilings need the peak long run before the window.
  const window = PRE_RACE_LONG[distance]?.longestDays ?? 0;
  let twentyMilers = 0;
  for (const facts of factsOf)
    for (const f of facts) if (f.day.type !== 'race' && f.miles >= LONG_RUN.twentyMiler - 1e-9) twentyMilers += 1;
  // C3: at most three runs of 20 miles or more in a plan.
  if (twentyMilers >= LONG_RUN.maxTwentyMilers) runCap = Math.min(runCap, LONG_RUN.twentyMiler - 0.5);
  let peakLongBefore = 0;
  let peakFastMiles = 0;
  const templates: string[] = [];
  const usedKinds = new Set<string>();
  factsOf.forEach((facts, i) => {
    for (const f of facts) {
      if (f.session !== undefined) usedKinds.add(f.session);
      if (f.day.type !== 'rest' && f.day.type !== 'race' && f.toRace >= window) peakLongBefore = Math.max(peakLongBefore, f.miles);
      if (!f.quality) continue;
      if (i + 1 < firstTaper) peakFastMiles = Math.max(peakFastMiles, f.fastMiles);
      templates.push(f.template);
    }
  });

  const lastPrev = weeks[n - 2]?.days[(weeks[n - 2]?.days.length ?? 1) - 1];
  const previousDayKey =
    lastPrev !== undefined &&
    lastPrev.dayNumber === 7 &&
    (lastPrev.type === 'long' || lastPrev.type === 'tempo' || lastPrev.type === 'intervals');

  // C3 asks a longer long run of a plan whose peak week passes a threshold (18 mi at 40 mi/week):
  // the layout keeps a week under it unless the plan's long run is there (week-layout).
  const longestSoFar = Math.max(0, ...past.map((w) => w.longest));
  const longThresholds = LONG_THRESHOLDS[distance].map((threshold) => ({
    threshold,
    need: requiredPeakLong(distance, totalWeeks, threshold, planPaces.easy),
  }));

  // A tune-up's week tapers a little and the race takes a quality session's or the long run's place.
  const tuneUp = tuneUpWeekShape(inputs, n, longDayOf(inputs), { target, quality, longTarget });
  target = tuneUp.target;
  quality = tuneUp.quality;
  if (!tuneUp.keepsLong) longTarget = 0;
  const drift = request.paceDrift === 'ignore' ? undefined : paceDriftOf(weeks[n - 2], paces);
  const driftedEasy = drift === undefined ? undefined : Math.round(Math.min(paces.easySlow, Math.max(paces.easyFast, paces.easy + drift)));
  return {
    inputs,
    paces,
    sessionPaces: driftedEasy === undefined || driftedEasy === paces.easy ? paces : { ...paces, easy: driftedEasy },
    driftedEasy: driftedEasy === paces.easy ? undefined : driftedEasy,
    distance,
    projection,
    usedKinds,
    longestSoFar,
    longThresholds,
    totalWeeks,
    weekNumber: n,
    phase,
    progress,
    dayNumbers,
    fixed: fixedDays(inputs, n, dayNumbers),
    longDay: longDayOf(inputs),
    quietDays: quietDaysOf(inputs, n),
    raceWeek,
    cutback,
    capped: cap !== undefined,
    upper,
    lower,
    target: Math.max(lower, Math.min(target, upper)),
    longTarget,
    runCap,
    peakLongBefore,
    quality,
    previousDayKey,
    peakFastMiles,
    recentTemplates: templates.slice(-2),
    variant: request.variant,
    take: request.take ?? FIRST_TAKE,
    raceOrd,
  };
}

/** C3's ceiling on a run on `dayNumber` of this week (race proximity and the week's run cap). */
export function dayCeiling(frame: WeekFrame, dayNumber: number): number {
  const toRace = toRaceOf(frame, dayNumber);
  return Math.min(frame.runCap, preRaceCeiling(frame.distance, toRace, frame.peakLongBefore));
}
