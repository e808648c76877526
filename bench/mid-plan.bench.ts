/**
 * Mid-plan changes in process against the embedded server over loopback, on the sample marathon
 * with seven weeks made: pause (one guarded update), resume after a 10-day flu (the re-plan core
 * builds and checks every week left, then one guarded update), and a race change shown and
 * confirmed. Target from issue 18: each ≤ 20 ms median.
 */
import { addDaysIso } from '../src/domain/calendar.js';
import { measure, type BenchRow } from './harness.js';
import { startPlansUnderWay } from './plans-under-way.js';

const PLANS = 60;
const WEEKS_MADE = 7;

export async function benchMidPlan(): Promise<BenchRow[]> {
  const world = await startPlansUnderWay({
    prefix: 'm',
    count: PLANS,
    weeksMade: WEEKS_MADE,
    madeOn: `${addDaysIso('2026-11-30', 7 * (WEEKS_MADE - 1))}T08:00:00Z`,
  });
  const { plans, at } = world;
  const note = 'rules engine, embedded server over loopback';
  try {
    const pause = await measure(
      'mid-plan',
      'pause (one guarded update)',
      (i) => plans.pausePlan(at(i).owner, at(i).id, { reason: 'sick' }),
      { iterations: PLANS, warmup: 0, targetMs: 20, note },
    );
    world.setNow(`${addDaysIso('2026-11-30', 7 * (WEEKS_MADE - 1) + 10)}T08:00:00Z`);
    const resume = await measure(
      'mid-plan',
      'resume after 10 days (re-plan every week left, one guarded update)',
      (i) => plans.resumePlan(at(i).owner, at(i).id),
      { iterations: PLANS, warmup: 0, targetMs: 20, note },
    );
    const race = await measure(
      'mid-plan',
      'race change (shown, then confirmed: two guarded updates)',
      async (i) => {
        const preview = await plans.proposeRaceChange(at(i).owner, at(i).id, { date: '2027-05-02' });
        await plans.applyPendingChange(at(i).owner, at(i).id, preview.change.id, 0);
      },
      { iterations: PLANS, warmup: 0, targetMs: 20, note },
    );
    return [pause, resume, race];
  } finally {
    await world.close();
  }
}
