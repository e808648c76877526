/**
 * The numbers of PLAN-RULES v2 for one week of one athlete, computed here so that the model is
 * told what the validator will check instead of being left to work it out: the week's training
 * mileage window (R5 taper, R6 progression, R7 first week, R8 cutback, R11 adaptation), the cap on
 * its longest run (C3 growth and first week, time cap, R8 cutback, 20-milers, the runs near the
 * race), the quality sessions allowed (C1), the intensity caps at the week's aim (C2) and what C4
 * asks of it.
 *
 * The earlier weeks are read through the validator's own plan context (`buildContext`) and every
 * limit comes from the helpers the rule families use, so that what the prompt states and what is
 * checked cannot drift. The aim inside the window is only a suggestion (a ramp from the baseline
 * to a peak the long-run minimum needs, R8's cutback when it is due, R11's return, the taper
 * shares).
 */
import { dateOfPlanDay, dayNumbersOfWeek, daysBetween, weekNumberOf } from '../../domain/calendar.js';
import {
  FLOOR_MILES_PER_RUN,
  INTENSITY,
  LONG_RUN,
  firstWeekBounds,
  longRunShare,
  longRunTimeCapMiles,
  maxQualitySessions,
  recentLongRunOf,
  taperWeeksAllowed,
} from '../../domain/coaching-limits.js';
import { computePaces, type TrainingPaces } from '../../domain/paces.js';
import { phaseOfWeek } from '../../domain/plan-math.js';
import { NO_QUALITY_DAYS_BEFORE_RACE } from '../../domain/rules/intensity-rules.js';
import { PRE_RACE_LONG, peakLongBefore, requiredPeakLong } from '../../domain/rules/long-run-rules.js';
import { buildContext, type Context, type WeekFacts } from '../../domain/rules/plan-context.js';
import { VARIETY, varietyKind } from '../../domain/rules/variety-rules.js';
import { VOLUME, firstCheckedWeek, firstWeekCapacity, isCutbackOf, longRunCapOf } from '../../domain/rules/volume-rules.js';
import { SESSIONS_OF_TYPE, type Phase, type PhaseName, type PlanInputs, type PlannedWeek, type SessionKind } from '../../domain/schemas.js';
import { distanceClass, type DistanceClass } from '../../domain/units.js';
import { adaptationCapOf, returningFrom, totalWeeksOf } from '../../domain/validator.js';

const FULL_WEEK = 7;

/** The aim of a cutback week: lighter than R8's 90% so that a week near the aim is a cutback for sure. */
const AIM_CUTBACK = 0.85;
/** Taper aims, against the peak week: R5 allows 80% the week before race week and 60% in it. */
const AIM_TAPER = { early: 0.8, preRace: 0.7, raceWeek: 0.45 } as const;
/** R11's return, after a poor week: about 70%, 85%, 100% of the week before it. */
const AIM_RETURN = [0.7, 0.85, 1] as const;

/**
 * The peak week the aim climbs to before the long-run minimum raises it: a share over the
 * baseline, capped at an added number of miles, never under a floor (the v1 rules engine's ramp).
 */
const PEAK_GROWTH: Record<DistanceClass, { readonly factor: number; readonly add: number; readonly floor: number }> = {
  '5k': { factor: 1.2, add: 10, floor: 12 },
  '10k': { factor: 1.25, add: 12, floor: 16 },
  half: { factor: 1.35, add: 15, floor: 22 },
  marathon: { factor: 1.5, add: 20, floor: 30 },
};

type FixedDay = 'race' | 'rest-before-race' | 'shakeout' | 'after-race';

/** C1: the quality kinds, and the only ones a base week may hold. */
const QUALITY_KINDS: readonly SessionKind[] = [...SESSIONS_OF_TYPE.tempo, ...SESSIONS_OF_TYPE.intervals];
const BASE_QUALITY_KINDS: readonly SessionKind[] = ['hills', 'fartlek'];

export type PlanFacts = {
  readonly inputs: PlanInputs;
  readonly paces: TrainingPaces;
  readonly distance: DistanceClass;
  readonly totalWeeks: number;
  readonly raceWeek: number;
  readonly taper: { readonly min: number; readonly max: number };
  readonly recentLong: number;
  /** C3: the time cap at easy pace, in miles (never over 22). */
  readonly timeCapMiles: number;
  /** The peak week the aim climbs to, and the peak long run C3 asks of such a plan. */
  readonly suggestedPeak: number;
  readonly peakLong: number;
  /** C2: an I rep lasts 2–5 minutes; its distance at I pace. */
  readonly intervalRep: { readonly min: number; readonly max: number };
  /** R4: one stride (15–20 s at R pace), in miles. */
  readonly strideMiles: number;
};

function suggestedPeak(distance: DistanceClass, baseline: number, totalWeeks: number, easy: number): number {
  const g = PEAK_GROWTH[distance];
  let peak = Math.max(baseline, Math.min(baseline * g.factor, baseline + g.add), g.floor);
  // The peak long run must fit R10's share of the peak week, and a bigger week asks for a longer
  // run (C3): settled twice, the second pass catches the step to 18 or 20 miles.
  for (let i = 0; i < 2; i += 1) {
    const long = requiredPeakLong(distance, totalWeeks, peak, easy);
    peak = Math.max(peak, long / longRunShare(distance, peak));
  }
  return peak;
}

/** A stride's distance: 17.5 s at R pace, to two decimals when that stays inside 15–20 s. */
function strideMiles(repetition: number): number {
  const s = INTENSITY.strides;
  const exact = (s.minSeconds + s.maxSeconds) / 2 / repetition;
  const rounded = Math.round(exact * 100) / 100;
  const seconds = rounded * repetition;
  return seconds >= s.minSeconds && seconds <= s.maxSeconds ? rounded : Math.round(exact * 1000) / 1000;
}

export function planFacts(inputs: PlanInputs): PlanFacts {
  const paces = computePaces(inputs);
  const distance = distanceClass(inputs.distanceMiles);
  const totalWeeks = totalWeeksOf(inputs);
  const peak = suggestedPeak(distance, inputs.weeklyMileage, totalWeeks, paces.easy);
  return {
    inputs,
    paces,
    distance,
    totalWeeks,
    raceWeek: weekNumberOf(inputs.startDate, inputs.raceDate),
    taper: taperWeeksAllowed(distance, totalWeeks),
    recentLong: recentLongRunOf(inputs),
    timeCapMiles: longRunTimeCapMiles(distance, paces.easy),
    suggestedPeak: peak,
    peakLong: requiredPeakLong(distance, totalWeeks, peak, paces.easy),
    intervalRep: {
      min: INTENSITY.intervalRepSeconds.min / paces.interval,
      max: INTENSITY.intervalRepSeconds.max / paces.interval,
    },
    strideMiles: strideMiles(paces.repetition),
  };
}

/** A phase split for the preview's suggestion: the taper R1 allows, then base 25 : build 35 : peak 20. */
export function suggestedPhases(f: Pick<PlanFacts, 'totalWeeks' | 'taper' | 'distance'>): Phase[] {
  const short = f.distance === '5k' || f.distance === '10k';
  const taper = short && f.totalWeeks < 8 ? f.taper.min : f.taper.max;
  // The shortest plans (R1's minimums) still leave three weeks before the taper.
  const rest = Math.max(3, f.totalWeeks - taper);
  const base = Math.max(1, Math.round((rest * 25) / 80));
  const peak = Math.max(1, Math.round((rest * 20) / 80));
  return [
    { name: 'base', weekCount: base },
    { name: 'build', weekCount: rest - base - peak },
    { name: 'peak', weekCount: peak },
    { name: 'taper', weekCount: f.totalWeeks - rest },
  ];
}

export type DayRole = {
  readonly dayNumber: number;
  readonly date: string;
  /** Days before the race (0 on race day, negative after it). */
  readonly toRace: number;
  readonly fixed: FixedDay | undefined;
  readonly preferred: boolean;
  readonly longRunDay: boolean;
  /** One of the athlete's quality-session days (a club's group sessions); the rules may overrule it (R9). */
  readonly qualityDay: boolean;
  /** C1: no quality session on this day (the 3 days before the race). */
  readonly noQuality: boolean;
  /** C3: the most a run over 2 mi may hold on this day (runs near the race), or undefined. */
  readonly runCap: number | undefined;
};

export type WeekBrief = {
  readonly weekNumber: number;
  readonly phase: PhaseName;
  readonly phaseWeekIndex: number;
  readonly phaseWeekCount: number;
  readonly isRaceWeek: boolean;
  readonly days: readonly DayRole[];
  /** Training miles (race day apart): at most `upper` (Infinity: no limit), at least `lower`. */
  readonly upper: number;
  readonly lower: number;
  readonly aim: number;
  /** R8: this week must be a cutback. */
  readonly cutbackRequired: boolean;
  readonly previous: WeekFacts | undefined;
  /** R11: the cap from the log of the week before, and the poor week being returned from. */
  readonly adaptation: { readonly limit: number; readonly why: string } | undefined;
  readonly returningFrom: number | undefined;
  /** C3 and R8: the longest any run may be this week. */
  readonly longCap: number;
  /** R10: the long run's largest share of the week, at the aim. */
  readonly longShare: number;
  readonly longestSoFar: number;
  readonly twentyMilers: number;
  /** C1 */
  readonly maxQuality: number;
  readonly qualityKinds: readonly SessionKind[];
  readonly previousDayKey: boolean;
  /** C2 at the aim: the most miles in each zone, and the least easy miles. */
  readonly intensity: {
    readonly threshold: number;
    readonly interval: number;
    readonly repetition: number;
    readonly racePace: number;
    readonly easyMin: number;
  };
  /** C4 */
  readonly stridesRequired: boolean;
  readonly taperQualityMax: number | undefined;
  readonly lastTemplates: readonly string[];
  readonly kindsUsed: readonly string[];
};

function phaseRange(phases: readonly Phase[], phase: PhaseName): { start: number; count: number } {
  let start = 1;
  for (const p of phases) {
    if (p.name === phase) return { start, count: p.weekCount };
    start += p.weekCount;
  }
  return { start, count: 1 };
}

function fixedDay(toRace: number): FixedDay | undefined {
  if (toRace === 0) return 'race';
  if (toRace < 0) return 'after-race';
  if (toRace === 1) return 'rest-before-race';
  if (toRace === 2) return 'shakeout';
  return undefined;
}

/** C3: the most a run (over 2 mi) may hold `toRace` days before the race; undefined when free. */
function nearRaceCap(ctx: Context, toRace: number): number | undefined {
  const rule = PRE_RACE_LONG[ctx.distance];
  if (rule === undefined || toRace < 1 || toRace >= rule.longestDays) return undefined;
  const peak = peakLongBefore(ctx, rule.longestDays);
  if (peak <= FLOOR_MILES_PER_RUN) return undefined;
  // Nearer than `longestDays` every run stays under the peak long run (half a mile under: the
  // rule is strict), and inside the bands' shares of it.
  let cap = peak - 0.5;
  for (const band of rule.bands) if (toRace >= band.from && toRace <= band.to) cap = Math.min(cap, band.share * peak);
  return Math.max(FLOOR_MILES_PER_RUN, cap);
}

/** R6's miles of week k: the baseline stands in for a week that does not exist or is partial. */
function progressionMiles(ctx: Context, k: number): number {
  const w = k >= 1 ? ctx.weeks[k - 1] : undefined;
  return w !== undefined && w.full ? w.training : ctx.baseline;
}

export type WeekFactsRequest = {
  readonly phases: readonly Phase[];
  /** Weeks 1..N−1 (their logs included); later entries are ignored. */
  readonly weeks: readonly PlannedWeek[];
  readonly weekNumber: number;
};

export function weekBrief(f: PlanFacts, request: WeekFactsRequest): WeekBrief {
  const { inputs, distance } = f;
  const { phases, weekNumber: n } = request;
  const prior = request.weeks.slice(0, n - 1);
  const ctx = buildContext({ inputs, phases: [...phases], weeks: [...prior] }, prior.length);
  const past = ctx.weeks;
  const baseline = inputs.weeklyMileage;
  const phase = phaseOfWeek(phases, n) ?? 'taper';
  const range = phaseRange(phases, phase);
  const dayNumbers = dayNumbersOfWeek(inputs.startDate, n);
  const scale = dayNumbers.length / FULL_WEEK;
  const full = dayNumbers.length === FULL_WEEK;
  const isRaceWeek = n === f.totalWeeks;
  const previous = past[n - 2];

  // --- the mileage window (training miles, the race day apart)
  let upper = Infinity;
  let lower = 0;
  let cutbackRequired = false;
  const adaptation = adaptationCapOf(inputs, prior, n);
  const returning = returningFrom(prior, n);
  let peakWeek = 0;
  for (const w of past) if (!w.taper) peakWeek = Math.max(peakWeek, w.training);
  if (phase !== 'taper') {
    if (full) {
      if (returning !== undefined) {
        // R11's return: measured from the two weeks before the poor week, without R6's 1.30 ×.
        const ref = Math.max(progressionMiles(ctx, returning - 1), progressionMiles(ctx, returning - 2));
        upper = VOLUME.progressionGrowth * ref + VOLUME.progressionAllowance;
      } else {
        const prev = progressionMiles(ctx, n - 1);
        const ref = Math.max(prev, progressionMiles(ctx, n - 2));
        upper = Math.min(VOLUME.progressionGrowth * ref + VOLUME.progressionAllowance, VOLUME.progressionJump * prev);
      }
      // R8: when weeks n−3..n−1 are full, outside the taper and none is a cutback, this one is.
      if (n - VOLUME.cutbackWindow + 1 >= VOLUME.cutbackFirstWeek) {
        const window = [n - 3, n - 2, n - 1].map((k) => past[k - 1]);
        const open = window.every((w) => w !== undefined && w.full && !w.taper);
        const hasCutback = window.some((w) => {
          const before = w === undefined ? undefined : past[w.weekNumber - 2];
          return w !== undefined && before !== undefined && isCutbackOf(w, before);
        });
        cutbackRequired = open && !hasCutback;
      }
      if (cutbackRequired && previous !== undefined) upper = Math.min(upper, VOLUME.cutbackShare * previous.training);
    }
  } else {
    // R5: taper weeks never grow; the week before race week ≤ 80% and race week ≤ 60% of the peak.
    if (previous !== undefined) upper = Math.min(upper, previous.training);
    if (peakWeek > 0 && n === f.totalWeeks - 1 && full) upper = Math.min(upper, VOLUME.preRaceWeekShare * peakWeek);
    if (peakWeek > 0 && isRaceWeek) upper = Math.min(upper, VOLUME.raceWeekShare * peakWeek);
  }
  const longestBefore = past.map((w) => w.longest);
  const growthCap = longRunCapOf(ctx, longestBefore, n);
  // R7: the first week of at least four days sits near the baseline (scaled to its days).
  const firstWeek = firstCheckedWeek(inputs);
  if (n === firstWeek) {
    const bounds = firstWeekBounds(baseline);
    upper = Math.min(upper, bounds.max * scale);
    if (adaptation === undefined) {
      const capacity = firstWeekCapacity(inputs, n, growthCap);
      lower = Math.min(bounds.min * scale, VOLUME.firstWeekCapacityShare * capacity);
    }
  }
  if (adaptation !== undefined) upper = Math.min(upper, adaptation.limit);

  // --- the aim inside it
  let aim: number;
  if (n <= firstWeek) {
    aim = baseline * scale;
  } else if (phase === 'taper') {
    const share = isRaceWeek ? AIM_TAPER.raceWeek : n === f.totalWeeks - 1 ? AIM_TAPER.preRace : AIM_TAPER.early;
    aim = share * (peakWeek > 0 ? peakWeek : baseline);
  } else if (returning !== undefined) {
    const step = AIM_RETURN[Math.min(AIM_RETURN.length - 1, n - returning - 1)] ?? 1;
    aim = step * progressionMiles(ctx, returning - 1);
  } else if (cutbackRequired && previous !== undefined) {
    aim = AIM_CUTBACK * previous.training;
  } else {
    const rampEnd = phases.filter((p) => p.name === 'base' || p.name === 'build').reduce((s, p) => s + p.weekCount, 0);
    const level = rampEnd <= 1 ? f.suggestedPeak : baseline + ((f.suggestedPeak - baseline) * Math.min(n - 1, rampEnd - 1)) / (rampEnd - 1);
    aim = level * scale;
  }
  aim = Math.max(lower, Math.min(aim, upper));

  // --- the longest run (C3, R8)
  let longCap = growthCap;
  if (cutbackRequired && previous !== undefined && previous.longest > 0) {
    // A week at the floor counts as a cutback whatever its runs (R8), so no run need go under it.
    longCap = Math.min(longCap, Math.max(FLOOR_MILES_PER_RUN, VOLUME.cutbackLongShare * previous.longest));
  }
  let twentyMilers = 0;
  for (const w of past) for (const d of w.days) if (d.day.type !== 'race' && d.miles >= LONG_RUN.twentyMiler - 1e-6) twentyMilers += 1;
  if (twentyMilers >= LONG_RUN.maxTwentyMilers) longCap = Math.min(longCap, LONG_RUN.twentyMiler - 1);

  // --- the days
  const days: DayRole[] = dayNumbers.map((d) => {
    const date = dateOfPlanDay(inputs.startDate, n, d);
    const toRace = daysBetween(date, inputs.raceDate);
    return {
      dayNumber: d,
      date,
      toRace,
      fixed: fixedDay(toRace),
      preferred: inputs.preferredDays.includes(d),
      longRunDay: inputs.longRunDay === d,
      qualityDay: inputs.qualityDays?.includes(d) === true,
      noQuality: toRace >= 1 && toRace <= NO_QUALITY_DAYS_BEFORE_RACE,
      runCap: nearRaceCap(ctx, toRace),
    };
  });

  // --- quality (C1), intensity (C2), variety (C4)
  // R5: race week holds no tempo or intervals day at all.
  let maxQuality = isRaceWeek ? 0 : maxQualitySessions(phase, baseline, inputs.preferredDays.length);
  if (days.every((d) => d.noQuality || d.fixed !== undefined)) maxQuality = 0;
  const lastDay = previous?.days.at(-1);
  const previousDayKey = lastDay !== undefined && lastDay.day.dayNumber === FULL_WEEK && lastDay.key;
  const intensity = {
    threshold: Math.max(INTENSITY.thresholdShare * aim, INTENSITY.thresholdMin),
    interval: Math.min(Math.max(INTENSITY.intervalShare * aim, INTENSITY.intervalMin), INTENSITY.intervalMax),
    repetition: INTENSITY.repetitionShare * aim,
    racePace: Math.max(INTENSITY.racePaceShare * aim, INTENSITY.racePaceMin),
    easyMin: INTENSITY.easyShare * aim,
  };
  const runDays = days.filter((d) => d.preferred && d.fixed === undefined).length;
  const exempt = adaptation !== undefined;
  const stridesRequired = phase === 'base' && runDays >= VARIETY.baseStridesRunDays && !exempt;
  let taperQualityMax: number | undefined;
  if (phase === 'taper' && !isRaceWeek && !exempt) {
    let peakFast = 0;
    for (const w of past) if (!w.taper) for (const q of w.quality) peakFast = Math.max(peakFast, q.fastMiles);
    if (peakFast > 0) taperQualityMax = VARIETY.taperQualityShare * peakFast;
  }
  const sessions = past.flatMap((w) => w.quality);
  const kinds = new Set<string>();
  for (const w of past) {
    for (const d of w.days) {
      const kind = d.session === undefined ? undefined : varietyKind(d.session, distance);
      if (kind !== undefined) kinds.add(kind);
    }
  }

  return {
    weekNumber: n,
    phase,
    phaseWeekIndex: n - range.start,
    phaseWeekCount: range.count,
    isRaceWeek,
    days,
    upper,
    lower,
    aim,
    cutbackRequired,
    previous,
    adaptation,
    returningFrom: returning,
    longCap,
    longShare: longRunShare(distance, aim),
    longestSoFar: Math.max(0, ...longestBefore),
    twentyMilers,
    maxQuality,
    qualityKinds: phase === 'base' ? BASE_QUALITY_KINDS : QUALITY_KINDS,
    previousDayKey,
    intensity,
    stridesRequired,
    taperQualityMax,
    lastTemplates: sessions.slice(-(VARIETY.sameSessionRun - 1)).map((q) => q.template),
    kindsUsed: [...kinds],
  };
}
