/**
 * The club's two 200-member computations (issue 19), in process: the coach's digest
 * (`/plan club status`) and the weekly parent's summary (this week's group sessions and last
 * week's digest, `clubWeekSummary`). Target from issue 19: digest computation for 200 members
 * ≤ 50 ms, which both are held to.
 *
 * The digest reads a plan's weeks and logs only, so its plans are made here. The summary reads
 * whole weeks (each day's session on the group days), so its plans are one real member's plan —
 * joined through the club use cases and made by the rules engine up to week 11 — copied to 200
 * members with their own logs and a tune-up result for every tenth; making and storing them is
 * setup, not measured.
 */
import { clubDigest, type DigestPlan } from '../src/plans/club-digest.js';
import { clubWeekSummary, type MemberPlan } from '../src/plans/club-week-summary.js';
import type { ClubRecord } from '../src/plans/club-record.js';
import type { PlanRecord } from '../src/plans/plan-record.js';
import { clubRequest } from '../test/support/club-fixtures.js';
import { startTestService } from '../test/support/plan-service.js';
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

/** The week the summary is for: week 11 of plans that started on 2 November 2026. */
const WEEK_OF = '2027-01-11';
const SUMMARY_WEEK = 11;

/** A club made on 4 November 2026 and one member's real plan in it, made up to the summary's week. */
async function realClubPlan(): Promise<{ club: ClubRecord; plan: PlanRecord }> {
  const s = await startTestService({ now: '2026-11-04T12:00:00Z' });
  try {
    const created = await s.clubs.createClub(
      clubRequest({ channelId: 'C1', race: { name: 'Riverside Half', date: '2027-02-21', distance: 'half' } }),
    );
    const joined = await s.clubs.joinClub('slack:T1:M0', created.id, { fiveK: '22:00', mileage: '20', weekDelivery: 'thread' });
    if (joined.kind !== 'joined') throw new Error(`the member could not join: ${joined.kind}`);
    const club = await s.clubs.showClub(created.id);
    const planId = club.members[0]?.planId ?? '';
    s.clock.set('2027-01-10T18:00:00Z');
    const { plan } = await s.plans.ensureWeek('slack:T1:M0', planId, SUMMARY_WEEK);
    return { club, plan };
  } finally {
    await s.close();
  }
}

/** Member `m`'s copy of the plan: every third week unlogged, the rest logged as planned; a 5K tune-up last week for every tenth. */
function copyFor(plan: PlanRecord, m: number): MemberPlan {
  const identity = `slack:T1:M${m}`;
  return {
    identity,
    plan: {
      ...plan,
      id: `plan-${m}`,
      owner: identity,
      weeks: plan.weeks.map((week, w) => ({
        ...week,
        execution: w >= SUMMARY_WEEK - 1 || w % 3 === m % 3 ? null : { completedDays: 4, totalMiles: week.miles },
      })),
      results:
        m % 10 === 0
          ? [
              {
                date: '2027-01-09',
                distance: '5k',
                distanceMiles: 3.1,
                timeSeconds: 1260 + m,
                vdot: 45,
                fiveKSeconds: 1260 + m,
                tuneUpDate: '2027-01-09',
                outcome: 'within' as const,
                changeId: null,
                recordedAt: new Date('2027-01-09T12:00:00Z'),
              },
            ]
          : [],
    },
  };
}

export async function benchClub(): Promise<BenchRow[]> {
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ identity: `slack:T1:M${i}`, plan: memberPlan(i) }));
  const { club, plan } = await realClubPlan();
  const summaryMembers = Array.from({ length: MEMBERS }, (_, m) => copyFor(plan, m));
  // The summary must say something: each group day's sessions and last week's logs and results.
  const check = clubWeekSummary(club, summaryMembers, WEEK_OF);
  if (
    check.lastWeek?.members !== MEMBERS ||
    check.lastWeek.results.length === 0 ||
    check.groupSessions.every((g) => g.sessions.length === 0)
  ) {
    throw new Error(`the summary of week ${SUMMARY_WEEK} came out empty: ${JSON.stringify(check).slice(0, 300)}`);
  }
  return [
    await measure('club', `digest of a ${MEMBERS}-member club (${WEEKS}-week plans)`, () => clubDigest(members, '2027-02-10'), {
      iterations: 200,
      targetMs: 50,
      note: 'pure, in process',
    }),
    await measure(
      'club',
      `weekly parent's summary of a ${MEMBERS}-member club (week ${SUMMARY_WEEK} of ${plan.totalWeeks ?? '?'}-week plans)`,
      () => clubWeekSummary(club, summaryMembers, WEEK_OF),
      { iterations: 200, targetMs: 50, note: 'group sessions + last week’s digest, pure, in process' },
    ),
  ];
}
