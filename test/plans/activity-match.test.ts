/**
 * Matching a run to its plan day (issue 21): the athlete's local date, the ±1 day rule only when
 * that day has no open run, the closest planned distance between two neighbours, rest days never
 * marked, two runs never on one day, non-runs refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activitySchema, localStartOf, type Activity, type ActivitySport } from '../../src/domain/activity.js';
import { addDaysIso } from '../../src/domain/calendar.js';
import { METRES_PER_MILE } from '../../src/domain/paces.js';
import type { Day, DayType, PlannedWeek } from '../../src/domain/schemas.js';
import { compareToPlan, matchActivities, matchActivity, matchIndex } from '../../src/plans/activity-match.js';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function day(start: string, dayNumber: number, type: DayType, miles: number, pace: string | null = null): Day {
  return {
    dayNumber,
    date: addDaysIso(start, dayNumber - 1),
    dayOfWeek: DAY_NAMES[dayNumber - 1] ?? 'Monday',
    type,
    warmup: [],
    workout: type === 'rest' ? [] : [{ lapIndex: 0, distanceMiles: miles, paceGoal: pace }],
    cooldown: [],
    notes: '',
  };
}

/** Week 1 from Mon 30 Nov 2026: Mon rest, Tue rest, Wed easy 5, Thu easy 4, Fri rest, Sat tempo 6, Sun long 10. */
function plan(execution: PlannedWeek['execution'] = null): PlannedWeek[] {
  const start = '2026-11-30';
  const shape: [DayType, number][] = [
    ['rest', 0],
    ['rest', 0],
    ['easy', 5],
    ['easy', 4],
    ['rest', 0],
    ['tempo', 6],
    ['long', 10],
  ];
  return [
    {
      weekNumber: 1,
      phase: 'base',
      miles: 25,
      days: shape.map(([type, miles], i) => day(start, i + 1, type, miles)),
      execution,
    },
  ];
}

let counter = 0;
function run(localStart: string, miles: number, options: { sport?: ActivitySport; utc?: string; minutesPerMile?: number } = {}): Activity {
  counter += 1;
  const moving = Math.round(miles * (options.minutesPerMile ?? 9) * 60);
  return activitySchema.parse({
    source: 'file',
    sourceId: `a${counter}`,
    sport: options.sport ?? 'run',
    startLocal: localStart,
    startUtc: options.utc ?? `${localStart}Z`,
    distanceMetres: miles * METRES_PER_MILE,
    movingSeconds: moving,
    elapsedSeconds: moving + 60,
  });
}

function one(activity: Activity, weeks = plan()) {
  return matchActivity(matchIndex(weeks), activity);
}

describe('matching a run to its plan day', () => {
  it('takes the run day of its own date, on plan within ±10% of the planned miles', () => {
    expect(one(run('2026-12-02T07:00:00', 5.1))).toEqual({
      matched: true,
      weekNumber: 1,
      dayNumber: 3,
      date: '2026-12-02',
      shifted: false,
      comparison: 'on plan',
    });
  });

  it('keeps its own day when that day has a run, even when the next day is a closer distance', () => {
    expect(one(run('2026-12-02T07:00:00', 4))).toMatchObject({
      matched: true,
      dayNumber: 3,
      shifted: false,
      comparison: 'shorter than planned',
    });
  });

  it('takes a run day next door when its own date is a rest day (a mis-dated run)', () => {
    expect(one(run('2026-12-01T07:00:00', 5))).toMatchObject({ matched: true, dayNumber: 3, date: '2026-12-02', shifted: true });
  });

  it('between two open neighbours, prefers the closest planned distance', () => {
    expect(one(run('2026-12-04T07:00:00', 6.2))).toMatchObject({ matched: true, dayNumber: 6 });
    expect(one(run('2026-12-04T07:00:00', 3.9))).toMatchObject({ matched: true, dayNumber: 4 });
  });

  it('never marks a rest day: a run on a rest day with no run next door is not logged', () => {
    expect(one(run('2026-11-30T07:00:00', 5))).toMatchObject({ matched: false, reason: 'no-open-run' });
  });

  it('two runs on one day: the first takes the day, the second the open run next door, a third none', () => {
    const results = matchActivities(plan(), [run('2026-12-02T18:00:00', 4), run('2026-12-02T07:00:00', 5), run('2026-12-02T20:00:00', 3)]);
    expect(results.map((r) => (r.matched ? r.dayNumber : r.reason))).toEqual([4, 3, 'no-open-run']);
  });

  it('a day already holding a recorded run is not taken again', () => {
    const weeks = plan({
      completedDays: 1,
      totalMiles: 5,
      days: [{ dayNumber: 3, status: 'done', distanceMiles: 5, movingSeconds: 2700, source: 'strava', sourceId: '77' }],
    });
    expect(one(run('2026-12-02T07:00:00', 4), weeks)).toMatchObject({ matched: true, dayNumber: 4, shifted: true });
  });

  it("a day marked with the athlete's own Done button still takes its run (the figures fill it)", () => {
    const weeks = plan({ completedDays: 1, totalMiles: 5, days: [{ dayNumber: 3, status: 'done' }] });
    expect(one(run('2026-12-02T07:00:00', 5), weeks)).toMatchObject({ matched: true, dayNumber: 3 });
  });

  it('refuses a non-run in one sentence', () => {
    const result = one(run('2026-12-02T07:00:00', 20, { sport: 'other' }));
    expect(result).toEqual({
      matched: false,
      reason: 'not-a-run',
      message: 'Only runs are logged to your plan; that activity is not a run.',
    });
  });

  it('trail and virtual runs count as runs', () => {
    expect(one(run('2026-12-02T07:00:00', 5, { sport: 'trail-run' }))).toMatchObject({ matched: true });
    expect(one(run('2026-12-02T07:00:00', 5, { sport: 'virtual-run' }))).toMatchObject({ matched: true });
  });

  it('a run outside the plan is not logged', () => {
    expect(one(run('2027-03-01T07:00:00', 5))).toMatchObject({ matched: false, reason: 'outside-plan' });
  });

  it('goes by the local date near midnight, not the UTC date', () => {
    // 23:50 on Wednesday in Denver is Thursday 06:50 UTC: Wednesday's run.
    const late = run(localStartOf(new Date('2026-12-03T06:50:00Z'), 'America/Denver'), 5, { utc: '2026-12-03T06:50:00Z' });
    expect(late.startLocal).toBe('2026-12-02T23:50:00');
    expect(one(late)).toMatchObject({ matched: true, dayNumber: 3, shifted: false });
    // 00:30 on Thursday in Tokyo is Wednesday 15:30 UTC: Thursday's run.
    const early = run(localStartOf(new Date('2026-12-02T15:30:00Z'), 'Asia/Tokyo'), 4, { utc: '2026-12-02T15:30:00Z' });
    expect(early.startLocal).toBe('2026-12-03T00:30:00');
    expect(one(early)).toMatchObject({ matched: true, dayNumber: 4, shifted: false });
  });

  it('compares on distance: ±10% is on plan', () => {
    expect(compareToPlan(4.5, 5)).toBe('on plan');
    expect(compareToPlan(4.4, 5)).toBe('shorter than planned');
    expect(compareToPlan(5.5, 5)).toBe('on plan');
    expect(compareToPlan(5.6, 5)).toBe('longer than planned');
  });

  it('refuses a malformed activity at the boundary', () => {
    expect(activitySchema.safeParse({ ...run('2026-12-02T07:00:00', 5), startLocal: '2026-12-02 07:00' }).success).toBe(false);
    expect(activitySchema.safeParse({ ...run('2026-12-02T07:00:00', 5), elapsedSeconds: 1 }).success).toBe(false);
  });
});

describe('matching, for any plan and any runs (property, seeded)', () => {
  const dayType = fc.constantFrom<DayType>('rest', 'rest', 'easy', 'long', 'tempo', 'intervals', 'recovery');
  const weeksArb = fc.array(fc.array(dayType, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 3 });
  const activityArb = fc.record({
    offset: fc.integer({ min: -2, max: 22 }),
    hour: fc.integer({ min: 0, max: 23 }),
    miles: fc.double({ min: 0, max: 30, noNaN: true }),
    sport: fc.constantFrom<ActivitySport>('run', 'trail-run', 'virtual-run', 'other'),
  });

  it('never marks a rest day and never gives one day two runs', () => {
    fc.assert(
      fc.property(weeksArb, fc.array(activityArb, { maxLength: 40 }), (shapes, drafts) => {
        const weeks: PlannedWeek[] = shapes.map((types, w) => ({
          weekNumber: w + 1,
          phase: 'base',
          miles: 0,
          days: types.map((type, i) => day(addDaysIso('2026-11-30', 7 * w), i + 1, type, type === 'rest' ? 0 : 3 + i)),
          execution: null,
        }));
        const activities = drafts.map((d) =>
          run(`${addDaysIso('2026-11-30', d.offset)}T${String(d.hour).padStart(2, '0')}:00:00`, d.miles, { sport: d.sport }),
        );
        const results = matchActivities(weeks, activities);
        const seen = new Set<string>();
        results.forEach((result, i) => {
          if (!result.matched) return;
          expect(activities[i]?.sport).not.toBe('other');
          const planned = weeks[result.weekNumber - 1]?.days.find((d) => d.dayNumber === result.dayNumber);
          expect(planned?.type).not.toBe('rest');
          const key = `${result.weekNumber}:${result.dayNumber}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        });
      }),
      { seed: 21, numRuns: 300 },
    );
  });
});
