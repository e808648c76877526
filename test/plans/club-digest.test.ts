/** The coach's digest of a club (`clubDigest`): its readings per member, its flags, and its speed for 200 members. */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { clubDigest, type DigestPlan } from '../../src/plans/club-digest.js';

/** A plan from 2026-11-30 with weeks of `miles` planned and `logged` miles done (null: no log). */
function digestPlan(planned: readonly number[], logged: readonly (number | null)[], pause: DigestPlan['pause'] = null): DigestPlan {
  return {
    status: 'active',
    inputs: { startDate: '2026-11-30' },
    totalWeeks: 16,
    weeks: planned.map((miles, i) => {
      const done = logged[i] ?? null;
      return { weekNumber: i + 1, miles, execution: done === null ? null : { completedDays: done > 0 ? 4 : 0, totalMiles: done } };
    }),
    pause,
  };
}

// Week 5 runs 2026-12-28 … 2027-01-03.
const TODAY = '2026-12-30';

describe('clubDigest', () => {
  it('reads last log, this week and the last 4 weeks, planned against done', () => {
    const [d] = clubDigest([{ identity: 'slack:T1:A', plan: digestPlan([20, 22, 24, 20, 25], [20, 21, 24, 18, null]) }], TODAY);
    expect(d).toEqual({
      identity: 'slack:T1:A',
      lastLoggedWeek: 4,
      weekNumber: 5,
      thisWeek: { planned: 25, done: 0 },
      fourWeeks: { planned: 91, done: 63 },
      paused: false,
      flags: [],
    });
  });

  it('flags two silent weeks, a big jump and an injury pause', () => {
    const digests = clubDigest(
      [
        { identity: 'slack:T1:QUIET', plan: digestPlan([20, 22, 24, 20, 25], [20, 21, null, 0, null]) },
        { identity: 'slack:T1:JUMP', plan: digestPlan([20, 22, 24, 20, 25], [20, 21, 24, 35, null]) },
        { identity: 'slack:T1:HURT', plan: digestPlan([20, 22, 24, 20, 25], [20, 21, 24, 20, null], { reason: 'injured' }) },
        { identity: 'slack:T1:SICK', plan: digestPlan([20, 22, 24, 20, 25], [20, 21, 24, 20, null], { reason: 'sick' }) },
      ],
      TODAY,
    );
    expect(digests.map((d) => [d.identity, d.paused, d.flags])).toEqual([
      ['slack:T1:QUIET', false, ['missed-2-weeks']],
      ['slack:T1:JUMP', false, ['big-jump']],
      ['slack:T1:HURT', true, ['injury-pause']],
      ['slack:T1:SICK', true, []],
    ]);
  });

  it('leaves out members whose plan is no longer active', () => {
    const done = { ...digestPlan([20], [20]), status: 'cancelled' };
    expect(clubDigest([{ identity: 'slack:T1:GONE', plan: done }], TODAY)).toEqual([]);
  });

  it('digests 200 members of a 16-week plan well within 50 ms', () => {
    const miles = Array.from({ length: 16 }, (_, i) => 20 + i);
    const members = Array.from({ length: 200 }, (_, i) => ({
      identity: `slack:T1:M${i}`,
      plan: digestPlan(
        miles,
        miles.map((m, w) => (w % 3 === i % 3 ? null : m)),
      ),
    }));
    clubDigest(members, TODAY);
    const start = performance.now();
    expect(clubDigest(members, '2027-02-10')).toHaveLength(200);
    expect(performance.now() - start).toBeLessThan(50);
  });
});
