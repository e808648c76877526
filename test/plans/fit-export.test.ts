/**
 * `fitWorkouts`: a week of a real plan (the rules engine, a real store) as a zip of FIT workouts.
 * One file per run day of the week, named by date and session; this week by default, in the
 * athlete's time zone; a week that cannot be exported is refused in one sentence and changes
 * nothing; only the owner (or the operator) gets them.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayLabel } from '../../src/domain/day-format.js';
import { OPERATOR } from '../../src/plans/plan-context.js';
import { NotYourPlanError, WrongStateError } from '../../src/plans/plan-errors.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { FitWeekError } from '../../src/plans/use-cases/export-fit.js';
import { startTestService, type TestService } from '../support/plan-service.js';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';

const ATHLETE = 'slack:T1:FIT';
const STRANGER = 'slack:T1:OTHER';

let s: TestService;
let plan: PlanRecord;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
  await expect(s.plans.fitWorkouts(ATHLETE, preview.id)).rejects.toThrow(WrongStateError);
  plan = await s.plans.confirmPlan(ATHLETE, preview.id);
});

afterAll(async () => {
  await s.close();
});

/** The slug a file name gives a day's session. */
const fileOf = (date: string, label: string): string => `${date}-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.fit`;

describe('a week as FIT workouts', () => {
  it('zips one workout per run day of this week, named by date and session, each a whole FIT file', async () => {
    const zip = await s.plans.fitWorkouts(ATHLETE, plan.id);
    expect(zip).toMatchObject({ weekNumber: 1, filename: 'gofast-boston-marathon-week-1.zip' });
    const runDays = plan.weeks[0]?.days.filter((d) => d.type !== 'rest') ?? [];
    expect(runDays.length).toBe(5);
    const files = unzipSync(zip.content);
    expect(Object.keys(files)).toEqual(runDays.map((d) => fileOf(d.date, dayLabel(d))));
    expect(zip.files).toEqual(Object.keys(files));
    for (const [i, bytes] of Object.values(files).entries()) {
      const decoder = new Decoder(Stream.fromByteArray(bytes));
      expect(decoder.checkIntegrity()).toBe(true);
      const { messages, errors } = decoder.read();
      expect(errors).toEqual([]);
      const day = runDays[i];
      expect(messages.workoutMesgs?.[0]?.wktName).toBe(`${day ? dayLabel(day) : ''} ${day?.date ?? ''}`);
      expect(messages.workoutStepMesgs?.length).toBeGreaterThan(0);
    }
  });

  it('leaves out a day done as cross-training', async () => {
    const before = await s.plans.fitWorkouts(ATHLETE, plan.id, 1);
    const easy = plan.weeks[0]?.days.find((d) => d.session === 'easy');
    if (easy === undefined) throw new Error('no easy day in week 1');
    await s.plans.crossTrain(ATHLETE, plan.id, { day: easy.date, mode: 'bike' });
    const after = await s.plans.fitWorkouts(ATHLETE, plan.id, 1);
    expect(after.files).toEqual(before.files.filter((f) => !f.startsWith(easy.date)));
    expect(Object.keys(unzipSync(after.content))).toHaveLength(before.files.length - 1);
  });

  it('is this week in the athlete’s time zone by default, and week N when asked', async () => {
    await s.plans.generateNextWeek(ATHLETE, plan.id);
    s.clock.set('2026-12-07T09:00:00Z');
    expect((await s.plans.fitWorkouts(ATHLETE, plan.id)).weekNumber).toBe(2);
    // Sunday night in UTC is still week 1's Sunday; for an athlete in Tokyo it is Monday of week 2.
    s.clock.set('2026-12-06T20:00:00Z');
    expect((await s.plans.fitWorkouts(ATHLETE, plan.id)).weekNumber).toBe(1);
    await s.plans.updateSettings(ATHLETE, plan.id, { timezone: 'Asia/Tokyo' });
    expect((await s.plans.fitWorkouts(ATHLETE, plan.id)).weekNumber).toBe(2);
    await s.plans.updateSettings(ATHLETE, plan.id, { timezone: 'UTC' });
    expect((await s.plans.fitWorkouts(ATHLETE, plan.id, 2)).files[0]).toMatch(/^2026-12-0[89]-/);
    s.clock.set('2026-11-25T12:00:00Z');
  });

  it('refuses a bad week in one sentence and changes nothing', async () => {
    const before = await s.plans.getPlan(OPERATOR, plan.id);
    const refusals: [number, string][] = [
      [21, 'this plan has 20 weeks, so there is no week 21'],
      [0, 'this plan has 20 weeks, so there is no week 0'],
      [Number.NaN, 'pick a week from 1 to 20'],
      [5, 'week 5 is not made yet: weeks are made as you go, adapting to your logs'],
    ];
    for (const [week, sentence] of refusals) {
      const refused = s.plans.fitWorkouts(ATHLETE, plan.id, week);
      await expect(refused).rejects.toThrow(FitWeekError);
      await expect(refused).rejects.toMatchObject({ message: sentence, userFacing: true });
    }
    const after = await s.plans.getPlan(OPERATOR, plan.id);
    expect(after.revision).toBe(before.revision);
    expect(after.weeks).toHaveLength(before.weeks.length);
  });

  it('is the owner’s: a stranger is refused, the operator is not', async () => {
    await expect(s.plans.fitWorkouts(STRANGER, plan.id)).rejects.toThrow(NotYourPlanError);
    expect((await s.plans.fitWorkouts(OPERATOR, plan.id, 1)).files.length).toBeGreaterThan(0);
  });

  it('has nothing for a cancelled plan', async () => {
    const owner = 'slack:T1:GONE';
    const preview = await s.plans.createPreview({ owner, fields: MARATHON_FIELDS });
    await s.plans.confirmPlan(owner, preview.id);
    await s.plans.cancelPlan(owner, preview.id);
    await expect(s.plans.fitWorkouts(owner, preview.id, 1)).rejects.toMatchObject({
      message: "the plan is cancelled: only a confirmed plan's workouts go on a watch",
    });
  });

  it('opens nothing for an unknown share token', async () => {
    expect(await s.plans.sharedFitWorkouts('A'.repeat(43))).toBeUndefined();
    expect(await s.plans.sharedFitWorkouts('not a token')).toBeUndefined();
  });
});
