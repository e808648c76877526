/**
 * Runs recorded from activities (issue 21) against the embedded database: the day is marked Done
 * with what was run, the week's log is rebuilt from its marks, the same activity twice records
 * once, Undo puts the day and the log back, and the next week adapts to a synced week (R11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySchema, type Activity } from '../../src/domain/activity.js';
import { ADAPTATION, adaptationCapOf, effectiveLog } from '../../src/domain/rules/adaptation.js';
import { FLOOR_MILES_PER_RUN } from '../../src/domain/coaching-limits.js';
import { METRES_PER_MILE } from '../../src/domain/paces.js';
import { dayMiles, trainingMiles } from '../../src/domain/plan-math.js';
import type { Day } from '../../src/domain/schemas.js';
import { validatePlan } from '../../src/domain/validator.js';
import { WrongStateError } from '../../src/plans/plan-errors.js';
import { plannedWeeks } from '../../src/plans/plan-weeks.js';
import { ATHLETE, MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

const OTHER = 'slack:T1:U21';
let s: TestService;

beforeAll(async () => {
  s = await startTestService();
});

afterAll(async () => {
  await s.close();
});

async function activePlan(owner = ATHLETE) {
  const preview = await s.plans.createPreview({ owner, fields: MARATHON_FIELDS });
  return s.plans.confirmPlan(owner, preview.id);
}

let counter = 0;
function runOn(day: Day, miles: number, options: { id?: string; secondsPerMile?: number } = {}): Activity {
  counter += 1;
  const moving = Math.round(miles * (options.secondsPerMile ?? 552));
  return activitySchema.parse({
    source: 'strava',
    sourceId: options.id ?? `run-${counter}`,
    sport: 'run',
    startLocal: `${day.date}T07:00:00`,
    startUtc: `${day.date}T07:00:00Z`,
    distanceMetres: miles * METRES_PER_MILE,
    movingSeconds: moving,
    elapsedSeconds: moving + 30,
  });
}

function runDays(days: readonly Day[]): Day[] {
  return days.filter((d) => d.type !== 'rest' && d.type !== 'race');
}

describe('recording a run from an activity', () => {
  it('marks the day Done with the distance, moving time and pace, and builds the week log from it', async () => {
    const plan = await activePlan();
    const day = runDays(plan.weeks[0]?.days ?? [])[0];
    if (!day) throw new Error('week 1 has no run');
    const outcome = await s.plans.recordActivity(ATHLETE, plan.id, runOn(day, 5.1, { secondsPerMile: 552 }));
    expect(outcome).toMatchObject({ kind: 'recorded', weekNumber: 1, dayNumber: day.dayNumber });
    const week = outcome.plan.weeks[0];
    expect(week?.execution?.days).toEqual([
      {
        dayNumber: day.dayNumber,
        status: 'done',
        distanceMiles: 5.1,
        movingSeconds: 2815,
        averagePace: '9:12',
        source: 'strava',
        sourceId: expect.any(String),
      },
    ]);
    expect(week?.execution).toMatchObject({ completedDays: 1, totalMiles: 5.1, averagePace: '9:12' });
  });

  it('records the same activity once, however often it arrives', async () => {
    const plan = await activePlan();
    const day = runDays(plan.weeks[0]?.days ?? [])[0];
    if (!day) throw new Error('week 1 has no run');
    const activity = runOn(day, dayMiles(day), { id: 'twice' });
    const first = await s.plans.recordActivity(ATHLETE, plan.id, activity);
    const second = await s.plans.recordActivity(ATHLETE, plan.id, activity);
    expect(second.kind).toBe('already-recorded');
    expect(second.plan.revision).toBe(first.plan.revision);
    expect(second.plan.weeks[0]?.execution?.days).toHaveLength(1);
  });

  it('Undo puts the week back as it was: not logged, or the Done the athlete had pressed', async () => {
    const plan = await activePlan();
    const [first, second] = runDays(plan.weeks[0]?.days ?? []);
    if (!first || !second) throw new Error('week 1 has fewer than two runs');
    const a = runOn(first, 3);
    await s.plans.recordActivity(ATHLETE, plan.id, a);
    const undone = await s.plans.undoActivity(ATHLETE, plan.id, a.source, a.sourceId);
    expect(undone).toMatchObject({ undone: true, weekNumber: 1, dayNumber: first.dayNumber });
    expect(undone.plan.weeks[0]?.execution).toBeNull();
    expect((await s.plans.undoActivity(ATHLETE, plan.id, a.source, a.sourceId)).undone).toBe(false);

    const pressed = await s.plans.markDay(ATHLETE, plan.id, 1, second.dayNumber, 'done');
    const before = pressed.weeks[0]?.execution;
    const b = runOn(second, 2);
    const recorded = await s.plans.recordActivity(ATHLETE, plan.id, b);
    expect(recorded.plan.weeks[0]?.execution?.totalMiles).toBe(2);
    const back = await s.plans.undoActivity(ATHLETE, plan.id, b.source, b.sourceId);
    expect(back.plan.weeks[0]?.execution).toEqual(before);
  });

  it('does not log a non-run, nor a run on a rest day with no open run next to it, and changes nothing', async () => {
    const plan = await activePlan();
    const days = plan.weeks[0]?.days ?? [];
    const [monday, tuesday] = days;
    if (monday?.type !== 'rest' || !tuesday || tuesday.type === 'rest') throw new Error('the sample runs Tue–Thu, Sat, Sun');
    const other = { ...runOn(tuesday, 5), sport: 'other' as const };
    const refused = await s.plans.recordActivity(ATHLETE, plan.id, other);
    expect(refused).toMatchObject({ kind: 'not-matched', reason: 'not-a-run' });
    expect(refused.plan.revision).toBe(plan.revision);
    const taken = await s.plans.recordActivity(ATHLETE, plan.id, runOn(tuesday, dayMiles(tuesday)));
    // Monday is a rest day; the day before is not in the plan and Tuesday's run is recorded.
    const outcome = await s.plans.recordActivity(ATHLETE, plan.id, runOn(monday, 3));
    expect(outcome).toMatchObject({ kind: 'not-matched', reason: 'no-open-run' });
    expect(outcome.plan.revision).toBe(taken.plan.revision);
    expect(outcome.plan.weeks[0]?.execution?.days?.map((m) => m.dayNumber)).toEqual([2]);
  });

  it('is refused on a plan that is not active', async () => {
    const plan = await activePlan();
    const day = runDays(plan.weeks[0]?.days ?? [])[0] as Day;
    await s.plans.cancelPlan(ATHLETE, plan.id);
    await expect(s.plans.recordActivity(ATHLETE, plan.id, runOn(day, 5))).rejects.toThrow(WrongStateError);
  });
});

describe('a synced week feeds the next one (R11)', () => {
  it('a run synced after the athlete logged a poor week keeps the week poor; Undo brings their log back', async () => {
    const plan = await activePlan();
    const week1 = plan.weeks[0];
    const runs = runDays(week1?.days ?? []);
    const last = runs.at(-1);
    if (!week1 || !last || !plan.inputs) throw new Error('no week 1');
    const form = await s.plans.logExecution(ATHLETE, plan.id, 1, { completedDays: 1, totalMiles: 4, averagePace: '9:40', notes: 'flu' });
    const before = form.weeks[0]?.execution;
    const late = runOn(last, dayMiles(last));
    const synced = await s.plans.recordActivity(ATHLETE, plan.id, late);
    const week = synced.plan.weeks[0];
    if (!week) throw new Error('no week 1');
    // Unmarked days would count as done as planned; the athlete's own word on the week bounds them.
    expect(effectiveLog(week)).toMatchObject({ completedDays: 1, miles: 4 });
    expect(adaptationCapOf(plan.inputs, synced.plan.weeks, 2)).toBeDefined();
    const undone = await s.plans.undoActivity(ATHLETE, plan.id, late.source, late.sourceId);
    expect(undone.plan.weeks[0]?.execution).toEqual(before);
  });

  it('a fully synced week on plan needs no manual log; a fully synced short week holds the next week back', async () => {
    const onPlan = await activePlan();
    for (const day of runDays(onPlan.weeks[0]?.days ?? [])) await s.plans.recordActivity(ATHLETE, onPlan.id, runOn(day, dayMiles(day)));
    // One active plan an athlete: the short week is another athlete's.
    const short = await activePlan(OTHER);
    for (const day of runDays(short.weeks[0]?.days ?? [])) await s.plans.recordActivity(OTHER, short.id, runOn(day, dayMiles(day) / 2));

    const fine = await s.plans.generateNextWeek(ATHLETE, onPlan.id);
    const heldBack = await s.plans.generateNextWeek(OTHER, short.id);

    const week1 = heldBack.plan.weeks[0];
    if (!week1 || !heldBack.plan.inputs) throw new Error('no week 1');
    const log = effectiveLog(week1);
    expect(log).toMatchObject({ fromMarks: true });
    expect(log?.miles).toBeCloseTo(week1.execution?.totalMiles ?? -1, 2);
    expect(adaptationCapOf(heldBack.plan.inputs, heldBack.plan.weeks, 2)).toBeDefined();
    expect(adaptationCapOf(fine.plan.inputs ?? heldBack.plan.inputs, fine.plan.weeks, 2)).toBeUndefined();

    const limit = Math.max(
      ADAPTATION.growth * (log?.miles ?? 0) + ADAPTATION.allowance,
      FLOOR_MILES_PER_RUN * heldBack.plan.inputs.preferredDays.length,
    );
    expect(trainingMiles(heldBack.week)).toBeLessThanOrEqual(limit + 1e-9);
    expect(heldBack.week.miles).toBeLessThan(fine.week.miles);
    expect(validatePlan({ inputs: heldBack.plan.inputs, phases: heldBack.plan.phases, weeks: plannedWeeks(heldBack.plan.weeks) })).toEqual(
      [],
    );
  });
});
