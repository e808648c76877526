/**
 * Issue 19, item 3: "the same group days for the key sessions". A member who joins a club whose
 * quality days are Tuesday and Thursday gets their quality sessions on Tuesday and Thursday and
 * the long run on the club's Sunday, at their own paces, through the real use cases over the
 * embedded store; the whole plan passes the validator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan } from '../../src/domain/validator.js';
import { plannedWeeks } from '../../src/plans/plan-weeks.js';
import { startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

describe('a club’s quality days', () => {
  it('give a member week-2-on quality sessions on Tuesday and Thursday, the long run on Sunday', async () => {
    const club = await s.clubs.createClub({
      creator: 'slack:T1:COACH',
      channelId: 'CQUALITY',
      name: 'Track Tuesdays',
      race: { name: 'Riverside Half', date: '2027-03-21', distance: 'half' },
      groupDays: { longDay: 7, qualityDays: [2, 4], easyDays: [5] },
      delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
      admins: [],
    });
    const outcome = await s.clubs.joinClub('slack:T1:RUNNER', club.id, { fiveK: '23:00', mileage: '30', weekDelivery: 'thread' });
    if (outcome.kind !== 'joined') throw new Error('expected the runner to join');
    expect(outcome.plan.inputs).toMatchObject({ longRunDay: 7, qualityDays: [2, 4] });

    const { plan } = await s.plans.ensureWeek('slack:T1:RUNNER', outcome.plan.id, outcome.plan.totalWeeks ?? 1);
    const weeks = plannedWeeks(plan.weeks);
    expect(validatePlan({ inputs: plan.inputs!, phases: plan.phases, weeks })).toEqual([]);
    const sessionDays = weeks
      .slice(1)
      .map((w) => w.days.filter((d) => d.type === 'tempo' || d.type === 'intervals').map((d) => d.dayNumber));
    for (const days of sessionDays) for (const d of days) expect([2, 4]).toContain(d);
    // The build and peak hold both group sessions most weeks.
    expect(sessionDays.filter((days) => days.length === 2).length).toBeGreaterThanOrEqual(3);
    for (const w of weeks.slice(0, -1)) expect(w.days.find((d) => d.type === 'long')?.dayNumber).toBe(7);
  });
});
