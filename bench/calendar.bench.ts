/**
 * The live calendar feed (`/p/<token>.ics`'s content) in process against the embedded server over
 * loopback, on the sample 20-week marathon with three weeks made: the plan read, the 17 weeks left
 * projected by the rules engine, the race day and every session rendered as iCalendar. Measured
 * cold (a new revision each time: nothing cached) and as subscribers fetch it (the same revision).
 * The route's requests per second are measured with the share page (the page helper's suite).
 */
import { measure, type BenchRow } from './harness.js';
import { startPlansUnderWay } from './plans-under-way.js';

const PLANS = 40;
const WEEKS_MADE = 3;

export async function benchCalendar(): Promise<BenchRow[]> {
  const world = await startPlansUnderWay({ prefix: 'c', count: PLANS, weeksMade: WEEKS_MADE, madeOn: '2026-12-12T08:00:00Z' });
  const { plans, at } = world;
  const note = '20-week plan, 3 weeks made + 17 projected, rules engine, embedded server over loopback';
  let changes = 0;
  try {
    const cold = await measure(
      'calendar',
      'feed of a plan just changed (read, project the weeks left, render)',
      async () => {
        const { owner, id } = at(changes % PLANS);
        // Each visit flips the day's mark, so the plan's revision moves and the feed is built afresh.
        const mark = Math.floor(changes / PLANS) % 2 === 0 ? 'done' : 'skipped';
        changes += 1;
        await plans.markDay(owner, id, 1, 2, mark);
        return plans.calendarFeed(id);
      },
      { iterations: 200, warmup: 10, note: `${note}; the mark that changes it included` },
    );
    const warm = await measure('calendar', 'feed fetched again, plan unchanged', (i) => plans.calendarFeed(at(Math.abs(i) % PLANS).id), {
      iterations: 2000,
      // A median within 1 ms leaves the route its ≥ 1,000 req/s (issue 20) on one core.
      targetMs: 1,
      note,
    });
    return [cold, warm];
  } finally {
    await world.close();
  }
}
