/**
 * Matching runs to plan days (issue 21), pure and in process, on the sample 20-week marathon made
 * whole by the rules engine: 1,000 activities (seeded: runs and a few other sports, on plan days
 * and on rest days, two a day now and then) matched as one batch against one plan, and 1,000
 * activities each against its own plan (the day index built each time, as for 1,000 athletes'
 * webhooks). Target from the issue: 1,000 activities ≤ 200 ms.
 */
import { activitySchema, type Activity, type ActivitySport } from '../src/domain/activity.js';
import { addDaysIso } from '../src/domain/calendar.js';
import { METRES_PER_MILE } from '../src/domain/paces.js';
import { matchActivities, matchActivity, matchIndex } from '../src/plans/activity-match.js';
import { buildFullPlan } from './engine.bench.js';
import { measure, type BenchRow } from './harness.js';

const COUNT = 1000;
const SPORTS: readonly ActivitySport[] = ['run', 'run', 'run', 'trail-run', 'virtual-run', 'other'];

/** A small seeded generator (mulberry32): the same activities on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function activities(startDate: string, days: number): Activity[] {
  const next = random(21);
  return Array.from({ length: COUNT }, (_, i) => {
    const date = addDaysIso(startDate, Math.floor(next() * days));
    const hour = String(5 + Math.floor(next() * 17)).padStart(2, '0');
    const miles = 2 + next() * 18;
    const moving = Math.round(miles * (420 + next() * 240));
    return activitySchema.parse({
      source: 'strava',
      sourceId: String(10_000_000 + i),
      sport: SPORTS[Math.floor(next() * SPORTS.length)] ?? 'run',
      startLocal: `${date}T${hour}:15:00`,
      startUtc: `${date}T${hour}:15:00Z`,
      distanceMetres: miles * METRES_PER_MILE,
      movingSeconds: moving,
      elapsedSeconds: moving + 60,
    });
  });
}

export async function benchActivities(): Promise<BenchRow[]> {
  const weeks = buildFullPlan();
  const start = weeks[0]?.days[0]?.date;
  if (start === undefined || weeks.length !== 20) throw new Error('expected the 20-week sample plan');
  const batch = activities(start, weeks.length * 7);
  const note = '20-week plan made by the rules engine, seeded activities';
  return [
    await measure(
      'activities',
      `match ${COUNT.toLocaleString('en-US')} activities as one batch against one plan`,
      () => matchActivities(weeks, batch),
      {
        iterations: 50,
        targetMs: 200,
        note,
      },
    ),
    await measure(
      'activities',
      `match ${COUNT.toLocaleString('en-US')} activities, each against its own plan`,
      () => {
        for (const activity of batch) matchActivity(matchIndex(weeks), activity);
      },
      { iterations: 50, targetMs: 200, note: `${note}; the plan's day index built for each` },
    ),
  ];
}
