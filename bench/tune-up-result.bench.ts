/**
 * Tune-ups and results in process against the embedded server over loopback, on the sample
 * marathon with eight weeks made (week 9 made early, so adding the tune-up remakes it): a tune-up
 * added, and a faster result recorded then accepted. Target from issue 18: ≤ 20 ms median.
 */
import { addDaysIso } from '../src/domain/calendar.js';
import { measure, type BenchRow } from './harness.js';
import { startPlansUnderWay } from './plans-under-way.js';

const PLANS = 60;
const WEEKS_MADE = 9;
const TUNE_UP_DAY = addDaysIso('2026-11-30', 7 * 8 + 6);

export async function benchTuneUpResult(): Promise<BenchRow[]> {
  const world = await startPlansUnderWay({
    prefix: 't',
    count: PLANS,
    weeksMade: WEEKS_MADE,
    madeOn: `${addDaysIso('2026-11-30', 7 * 7)}T08:00:00Z`,
  });
  const { plans, at } = world;
  const note = 'rules engine, embedded server over loopback';
  try {
    const tuneUp = await measure(
      'tune-up-result',
      'tune-up added (its made week remade, one guarded update)',
      (i) => plans.addTuneUp(at(i).owner, at(i).id, { date: TUNE_UP_DAY, distance: 'half', name: 'Winter Half' }),
      { iterations: PLANS, warmup: 0, targetMs: 20, note },
    );
    world.setNow(`${TUNE_UP_DAY}T15:00:00Z`);
    const result = await measure(
      'tune-up-result',
      'result recorded, new paces accepted (two guarded updates)',
      async (i) => {
        const outcome = await plans.recordResult(at(i).owner, at(i).id, { time: '1:36:00' });
        if (outcome.pending) await plans.choosePaces(at(i).owner, at(i).id, outcome.pending.id, true);
      },
      { iterations: PLANS, warmup: 0, targetMs: 20, note },
    );
    return [tuneUp, result];
  } finally {
    await world.close();
  }
}
