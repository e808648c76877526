/**
 * Workouts on the watch (issue 20): each run day as a FIT workout file, read back with the same
 * SDK's Decoder. What a runner would notice: the file is whole (CRCs), the steps run the plan's
 * laps — the same distance at each pace, in order, once the repeats are unrolled as a watch does —
 * and every pace target holds the lap's pace in a narrow band.
 */
import { Decoder, Stream, type WorkoutStepMesg } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { describeDay } from '../../src/domain/day-format.js';
import { METRES_PER_MILE, computePaces, type TrainingPaces } from '../../src/domain/paces.js';
import type { Day, Lap } from '../../src/domain/schemas.js';
import { formatPace, parsePace } from '../../src/domain/time.js';
import { watchWorkout } from '../../src/domain/watch-workout.js';
import { encodeFitWorkout, fitSerialOf } from '../../src/plans/fit-workout.js';
import { lap, validPlan } from '../support/plan-fixtures.js';

const CREATED = new Date('2027-01-10T18:00:00Z');

function decoded(bytes: Uint8Array) {
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return messages;
}

function fitOf(day: Day, paces: TrainingPaces) {
  const workout = watchWorkout(day, paces, 'mi');
  if (workout === undefined) throw new Error(`no workout for ${day.date}`);
  return decoded(encodeFitWorkout(workout, { serial: fitSerialOf(day.date), createdAt: CREATED }));
}

type Ran = { readonly metres: number; readonly low: number | undefined; readonly high: number | undefined; readonly intensity: unknown };

/** The steps as a watch runs them: at a repeat step, the steps from `durationStep` again, `repeatSteps` times in all. */
function unrolled(steps: readonly WorkoutStepMesg[]): Ran[] {
  const byIndex: Ran[][] = [];
  for (const [i, step] of steps.entries()) {
    expect(step.messageIndex).toBe(i);
    if (step.durationType === 'repeatUntilStepsCmplt') {
      const again = byIndex.slice(Number(step.durationStep), i).flat();
      byIndex.push(Array.from({ length: Number(step.repeatSteps) - 1 }, () => again).flat());
      continue;
    }
    expect(step.durationType).toBe('distance');
    const open = step.targetType === 'open';
    if (!open) expect(step.targetType).toBe('speed');
    byIndex.push([
      {
        metres: Number(step.durationDistance),
        low: open ? undefined : Number(step.customTargetSpeedLow),
        high: open ? undefined : Number(step.customTargetSpeedHigh),
        intensity: step.intensity,
      },
    ]);
  }
  return byIndex.flat();
}

const speedOf = (secondsPerMile: number): number => METRES_PER_MILE / secondsPerMile;
/** The band's rounding to mm/s, either side. */
const MM = 0.0015;

/**
 * Walks the plan's laps and the unrolled steps side by side, metre by metre of the day: every
 * stretch of a paced lap is run at a target that holds its pace; unpaced running is easy running
 * (the easy range) or, for reps run by effort, an open target; and both end at the same distance.
 */
function expectRunsTheLaps(day: Day, ran: readonly Ran[], paces: TrainingPaces): void {
  const laps: readonly Lap[] = [...day.warmup, ...day.workout, ...day.cooldown];
  const lapEnds = laps.reduce<number[]>((ends, l) => [...ends, (ends.at(-1) ?? 0) + l.distanceMiles * METRES_PER_MILE], []);
  const stepEnds = ran.reduce<number[]>((ends, r) => [...ends, (ends.at(-1) ?? 0) + r.metres], []);
  expect(stepEnds.at(-1)).toBeCloseTo(lapEnds.at(-1) ?? 0, 0);
  const cuts = [...new Set([0, ...lapEnds, ...stepEnds].map((m) => Math.round(m * 100) / 100))].sort((a, b) => a - b);
  for (let i = 1; i < cuts.length; i += 1) {
    const [from, to] = [cuts[i - 1] ?? 0, cuts[i] ?? 0];
    if (to - from < 0.5) continue; // rounding slivers of a centimetre
    const middle = (from + to) / 2;
    const l = laps[lapEnds.findIndex((end) => end > middle)];
    const r = ran[stepEnds.findIndex((end) => end > middle)];
    if (l === undefined || r === undefined) throw new Error(`nothing at ${middle} m of ${day.date}`);
    const pace = parsePace(l.paceGoal);
    const where = `${day.date} (${describeDay(day, 'mi')}) at ${Math.round(middle)} m`;
    if (pace === undefined) {
      if (r.low === undefined) continue; // a rep by effort
      // The easy range (a recovery run's stretched to its slower pace).
      expect(r.high, where).toBeCloseTo(speedOf(paces.easyFast), 2);
      expect(r.low, where).toBeLessThanOrEqual(speedOf(paces.easySlow) + MM);
    } else {
      expect(r.low, where).toBeDefined();
      expect(speedOf(pace), where).toBeGreaterThanOrEqual((r.low ?? 0) - MM);
      expect(speedOf(pace), where).toBeLessThanOrEqual((r.high ?? 0) + MM);
    }
  }
}

describe('a run day as a FIT workout', () => {
  const paces = computePaces({ distanceMiles: 13.109, goalTimeSeconds: 110 * 60, fiveKSeconds: 24 * 60 });
  const interval = paces.interval;

  /** "1 mi warm-up + 6 × 800 m @ I with 400 m jog + 1 mi cool-down", as the engine lays it out (no jog after the last rep). */
  const intervalsDay: Day = {
    dayNumber: 2,
    date: '2027-01-12',
    dayOfWeek: 'Tuesday',
    type: 'intervals',
    session: 'intervals',
    warmup: [lap(0, 1)],
    workout: Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? lap(i + 1, 0.5, formatPace(interval)) : lap(i + 1, 0.25))),
    cooldown: [lap(12, 1)],
    notes: '',
  };

  it('is a running workout named for the session and its date', () => {
    expect(describeDay(intervalsDay, 'mi')).toBe(`1 mi warm-up + 6 × 800 m @ ${formatPace(interval)}/mi with 400 m jog + 1 mi cool-down`);
    const fit = fitOf(intervalsDay, paces);
    expect(fit.fileIdMesgs).toEqual([expect.objectContaining({ type: 'workout', manufacturer: 'development', timeCreated: CREATED })]);
    expect(fit.workoutMesgs).toEqual([expect.objectContaining({ sport: 'running', wktName: 'Intervals 2027-01-12', numValidSteps: 5 })]);
  });

  it('has warm-up, a repeat of 6 over work and recovery, and cool-down, with distances and pace targets', () => {
    const steps = fitOf(intervalsDay, paces).workoutStepMesgs ?? [];
    expect(steps.map((s) => [s.intensity, s.durationType])).toEqual([
      ['warmup', 'distance'],
      ['active', 'distance'],
      ['recovery', 'distance'],
      [undefined, 'repeatUntilStepsCmplt'],
      ['cooldown', 'distance'],
    ]);
    const [warm, work, jog, repeat, cool] = steps;
    expect(repeat).toMatchObject({ durationStep: 1, repeatSteps: 6 });
    expect(warm?.durationDistance).toBeCloseTo(1609.34, 1);
    expect(work?.durationDistance).toBeCloseTo(804.67, 1);
    expect(jog?.durationDistance).toBeCloseTo(402.34, 1);
    // The jog after the sixth rep comes out of the cool-down: 1 mi less 400 m.
    expect(cool?.durationDistance).toBeCloseTo(1609.34 - 402.34, 1);
    // I pace ± 2% (C-paces' interval tolerance), as a speed range; the jog and the edges at the easy range.
    expect(work).toMatchObject({ targetType: 'speed', targetValue: 0, wktStepName: `Interval ${formatPace(interval)}/mi` });
    expect(work?.customTargetSpeedLow).toBeCloseTo(speedOf(interval * 1.02), 2);
    expect(work?.customTargetSpeedHigh).toBeCloseTo(speedOf(interval * 0.98), 2);
    for (const easy of [warm, jog, cool]) {
      expect(easy?.customTargetSpeedLow).toBeCloseTo(speedOf(paces.easySlow), 2);
      expect(easy?.customTargetSpeedHigh).toBeCloseTo(speedOf(paces.easyFast), 2);
    }
  });

  it('unrolls, as the watch runs it, into the plan’s laps', () => {
    const ran = unrolled(fitOf(intervalsDay, paces).workoutStepMesgs ?? []);
    expect(ran.filter((r) => r.intensity === 'active')).toHaveLength(6);
    expectRunsTheLaps(intervalsDay, ran, paces);
  });

  it('names the steps in the athlete’s units', () => {
    const workout = watchWorkout(intervalsDay, paces, 'km');
    const names = workout?.blocks.flatMap((b) => (b.kind === 'repeat' ? b.steps.map((st) => st.name) : [b.name]));
    expect(names).toEqual(['Warm-up', `Interval ${formatPace(interval / 1.609344)}/km`, 'Jog', 'Cool-down']);
    expect(workout?.description).toBe(
      `1.6 km warm-up + 6 × 800 m @ ${formatPace(interval / 1.609344)}/km with 400 m jog + 1.6 km cool-down`,
    );
  });

  it('makes an easy run one step at the easy range', () => {
    const plan = validPlan();
    const easyDay = plan.weeks[0]?.days.find((d) => d.session === 'easy');
    if (easyDay === undefined) throw new Error('no easy day');
    const steps = fitOf(easyDay, computePaces(plan.inputs)).workoutStepMesgs ?? [];
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ durationType: 'distance', intensity: 'active', targetType: 'speed', wktStepName: 'Easy run' });
    expect(steps[0]?.durationDistance).toBeCloseTo(4 * METRES_PER_MILE, 1);
  });

  it('runs the laps of every run day of a whole plan, each session kind, with narrow bands', () => {
    const plan = validPlan();
    const p = computePaces(plan.inputs);
    let days = 0;
    for (const week of plan.weeks) {
      for (const day of week.days) {
        if (day.type === 'rest') {
          expect(watchWorkout(day, p, 'mi')).toBeUndefined();
          continue;
        }
        const steps = fitOf(day, p).workoutStepMesgs ?? [];
        const ran = unrolled(steps);
        expectRunsTheLaps(day, ran, p);
        for (const r of ran)
          if (r.low !== undefined && r.intensity === 'active' && r.high !== undefined && r.high > speedOf(p.easyFast) + MM) {
            // A paced step's band: at most ± 3% of its pace.
            expect(r.high / r.low).toBeLessThan(1.07);
          }
        days += 1;
      }
    }
    expect(days).toBeGreaterThan(40);
  });

  it('has no workout for a cross-training day', () => {
    const plan = validPlan();
    const run = plan.weeks[0]?.days.find((d) => d.session === 'easy');
    if (run === undefined) throw new Error('no easy day');
    const cross: Day = { ...run, session: 'cross-training', cross: { mode: 'bike', minutes: 45 } };
    expect(watchWorkout(cross, computePaces(plan.inputs), 'mi')).toBeUndefined();
  });
});
