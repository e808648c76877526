/**
 * Pause, resume and race change against the real store: bad input gets one clear sentence and
 * changes nothing; a race change changes nothing before Confirm; concurrent Confirms make one
 * change; a stranger's press and a stale one are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusView } from '../../src/conversation/plan-views.js';
import { InputError } from '../../src/domain/errors.js';
import { validatePlan } from '../../src/domain/validator.js';
import { NotYourPlanError, WrongStateError } from '../../src/plans/plan-errors.js';
import { plannedWeeks } from '../../src/plans/plan-weeks.js';
import { ATHLETE, MARATHON_FIELDS, STRANGER, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

async function activePlan() {
  s.clock.set('2026-11-25T12:00:00Z');
  const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
  const plan = await s.plans.confirmPlan(ATHLETE, preview.id);
  s.clock.set('2026-12-03T12:00:00Z');
  return plan;
}

describe('bad input to pause and resume', () => {
  it('refuses a date in the past or after the race, a second pause, and a resume of a running plan', async () => {
    const plan = await activePlan();
    const unchanged = async () => expect((await s.plans.getPlan(ATHLETE, plan.id)).revision).toBe(plan.revision);
    await expect(s.plans.pausePlan(ATHLETE, plan.id, { until: '2026-12-01' })).rejects.toThrow(
      new InputError({ until: '2026-12-01 is not after today (2026-12-03); a pause lasts until a day to come' }),
    );
    await expect(s.plans.pausePlan(ATHLETE, plan.id, { until: '2027-05-01' })).rejects.toThrow(
      'until: 2027-05-01 is not before your race (2027-04-18); pause until a day before it',
    );
    await expect(s.plans.resumePlan(ATHLETE, plan.id)).rejects.toThrow(
      new WrongStateError('active', 'your plan is not paused; /plan pause stops it for a while'),
    );
    await unchanged();

    const paused = await s.plans.pausePlan(ATHLETE, plan.id, { reason: 'busy' });
    await expect(s.plans.pausePlan(ATHLETE, plan.id, {})).rejects.toThrow(
      'your plan is already paused since 3 Dec; /plan resume brings it back',
    );
    expect((await s.plans.getPlan(ATHLETE, plan.id)).revision).toBe(paused.revision);
    await expect(s.plans.pausePlan(STRANGER, plan.id, {})).rejects.toThrow(NotYourPlanError);
  });

  it('keeps a paused plan off the scheduler, settings changes included', async () => {
    const plan = await activePlan();
    await s.plans.pausePlan(ATHLETE, plan.id, {});
    const changed = await s.plans.updateSettings(ATHLETE, plan.id, { postingHour: 9, dailyReminder: true });
    expect(changed.nextWeekDueAt).toBeNull();
    expect(changed.nextReminderAt).toBeNull();
    s.clock.set('2027-01-10T12:00:00Z');
    expect(await s.store.dueCandidates(s.clock.now(), 'week', 100)).not.toContain(plan.id);
    expect(await s.store.dueCandidates(s.clock.now(), 'reminder', 100)).not.toContain(plan.id);
    const resumed = await s.plans.resumePlan(ATHLETE, plan.id);
    expect(resumed.plan.nextWeekDueAt).not.toBeNull();
    expect(resumed.plan.nextReminderAt).not.toBeNull();
  });
});

describe('a pause', () => {
  it('shows in status as the athlete reads it, and a same-day resume re-plans nothing', async () => {
    const plan = await activePlan();
    const paused = await s.plans.pausePlan(ATHLETE, plan.id, { reason: 'sick', until: '2026-12-20' });
    const status = statusView(paused, 1);
    expect(JSON.stringify(status.blocks)).toContain('Paused since 3 Dec (sick), until 20 Dec — /plan resume');
    const outcome = await s.plans.resumePlan(ATHLETE, plan.id);
    expect(outcome).toMatchObject({ kind: 'resumed', breakDays: 0, shares: [] });
    expect(outcome.plan.pause).toBeNull();
    expect(outcome.plan.weeks).toEqual(plan.weeks);
    expect(outcome.plan.returnRamp ?? null).toBeNull();
    expect(outcome.plan.nextWeekDueAt).toEqual(plan.nextWeekDueAt);
  });
});

describe('changing the race', () => {
  it('changes nothing before Confirm, then re-plans the weeks not yet made and keeps the old version', async () => {
    const plan = await activePlan();
    await expect(s.plans.proposeRaceChange(ATHLETE, plan.id, { date: '2026-12-01' })).rejects.toThrow(
      'date: 2026-12-01 is not after today (2026-12-03); the race must be ahead of you',
    );
    await expect(s.plans.proposeRaceChange(ATHLETE, plan.id, {})).rejects.toThrow(InputError);
    const preview = await s.plans.proposeRaceChange(ATHLETE, plan.id, { date: '2027-05-02', goal: '3:45:00' });
    expect(preview.before.phases.map((p) => p.weekCount)).toEqual(plan.phases.map((p) => p.weekCount));
    expect(preview.change.options[0]?.inputs).toMatchObject({ raceDate: '2027-05-02', goalTimeSeconds: 13_500 });
    const pending = await s.plans.getPlan(ATHLETE, plan.id);
    expect(pending.inputs).toEqual(plan.inputs);
    expect(pending.totalWeeks).toBe(20);

    await expect(s.plans.applyPendingChange(STRANGER, plan.id, preview.change.id, 0)).rejects.toThrow(NotYourPlanError);
    const other = await s.instance();
    const [a, b] = await Promise.all([
      s.plans.applyPendingChange(ATHLETE, plan.id, preview.change.id, 0),
      other.plans.applyPendingChange(ATHLETE, plan.id, preview.change.id, 0),
    ]);
    await other.close();
    const after = await s.plans.getPlan(ATHLETE, plan.id);
    expect(after.inputs?.raceDate).toBe('2027-05-02');
    expect(after.totalWeeks).toBe(22);
    expect(after.history.filter((h) => h.kind === 'outline')).toHaveLength(1);
    expect(after.history.at(-1)?.outline?.inputs.raceDate).toBe('2027-04-18');
    expect(Math.max(a.revision, b.revision)).toBe(after.revision);
    expect(after.weeks[0]).toEqual(plan.weeks[0]);

    // Cancel on a change already confirmed: one sentence, nothing changes.
    await expect(s.plans.dropPendingChange(ATHLETE, plan.id, preview.change.id)).rejects.toThrow('that change was already confirmed');
    const { plan: full } = await s.plans.ensureWeek(ATHLETE, plan.id, 22);
    expect(validatePlan({ inputs: full.inputs!, phases: full.phases, weeks: plannedWeeks(full.weeks) })).toEqual([]);
  });

  it('refuses a stale Confirm and lets Cancel drop the change', async () => {
    const plan = await activePlan();
    const first = await s.plans.proposeRaceChange(ATHLETE, plan.id, { distance: 'half' });
    // A new distance without a goal trains for the time the 5K predicts (22:30 → about 1:44).
    expect(first.change.options[0]?.inputs).toMatchObject({ distance: 'half', distanceMiles: 13.109 });
    expect(first.change.options[0]?.inputs.goalTimeSeconds).toBeGreaterThan(100 * 60);
    expect(first.change.options[0]?.inputs.goalTimeSeconds).toBeLessThan(106 * 60);
    const second = await s.plans.proposeRaceChange(ATHLETE, plan.id, { date: '2027-05-09' });
    await expect(s.plans.applyPendingChange(ATHLETE, plan.id, first.change.id, 0)).rejects.toThrow('that choice is out of date');
    const dropped = await s.plans.dropPendingChange(ATHLETE, plan.id, second.change.id);
    expect(dropped.pendingChange).toBeNull();
    expect(dropped.inputs).toEqual(plan.inputs);
  });
});
