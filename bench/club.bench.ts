/**
 * The coach's digest of a club (`/plan club status`, issue 19) in process: 200 members, each with
 * a 16-week plan, some weeks logged. Target from issue 19: ≤ 50 ms for 200 members.
 */
import { clubDigest, type DigestPlan } from '../src/plans/club-digest.js';
import { measure, type BenchRow } from './harness.js';

const MEMBERS = 200;
const WEEKS = 16;

function memberPlan(member: number): DigestPlan {
  return {
    status: 'active',
    inputs: { startDate: '2026-11-30' },
    totalWeeks: WEEKS,
    weeks: Array.from({ length: WEEKS }, (_, w) => ({
      weekNumber: w + 1,
      miles: 20 + w,
      // Every third week of each member unlogged, the others logged as planned.
      execution: w % 3 === member % 3 ? null : { completedDays: 4, totalMiles: 20 + w },
    })),
    pause: member % 25 === 0 ? { reason: 'injured' } : null,
  };
}

export async function benchClub(): Promise<BenchRow[]> {
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ identity: `slack:T1:M${i}`, plan: memberPlan(i) }));
  return [
    await measure('club', `digest of a ${MEMBERS}-member club (${WEEKS}-week plans)`, () => clubDigest(members, '2027-02-10'), {
      iterations: 200,
      targetMs: 50,
      note: 'pure, in process',
    }),
  ];
}
