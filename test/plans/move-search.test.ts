/**
 * The legal-move search of "Not today" (`use-cases/move-day.ts`, `week-change.ts`) on the
 * hand-built half marathon of the validator tests: week 5 holds intervals on Tuesday, cruise
 * intervals on Thursday and the long run on Saturday, so the long run can go neither next to a
 * quality day nor onto Monday before Tuesday's.
 */
import { describe, expect, it } from 'vitest';

import type { Plan } from '../../src/domain/schemas.js';
import { defaultDelivery } from '../../src/plans/plan-record.js';
import { legalTargets, refusalReason, swappedDays } from '../../src/plans/use-cases/move-day.js';
import { newViolation, weekVersion, type ActivePlan } from '../../src/plans/use-cases/week-change.js';
import { validPlan } from '../support/plan-fixtures.js';

const OWNER = 'slack:T1:U1';
/** Monday of week 5. */
const MONDAY = '2026-03-30';

function active(plan: Plan): ActivePlan {
  const weeks = plan.weeks.map((w) => ({
    ...w,
    execution: w.execution ?? null,
    source: 'rules',
    provenance: null,
    generatedAt: new Date(0),
    postedAt: null,
    messageRef: null,
  }));
  return {
    id: 'p1',
    owner: OWNER,
    status: 'active',
    inputs: plan.inputs,
    phases: plan.phases,
    weeks,
    totalWeeks: 10,
    revision: 3,
    delivery: defaultDelivery(OWNER),
  } as unknown as ActivePlan;
}

describe('the legal-move search', () => {
  const plan = active(validPlan());
  const week5 = plan.weeks[4];
  if (!week5) throw new Error('no week 5');

  it('never puts the long run next to a quality day, and offers the nearest day that works first', () => {
    expect(week5.days.map((d) => d.type)).toEqual(['rest', 'intervals', 'easy', 'tempo', 'rest', 'long', 'easy']);
    const targets = legalTargets(plan, 5, 6, MONDAY, 3);
    // Monday (before Tuesday's intervals), Wednesday and Friday (beside a quality day) never.
    expect(targets).not.toContain(1);
    expect(targets).not.toContain(3);
    expect(targets).not.toContain(5);
    expect(targets).toContain(7);
    const distances = targets.map((t) => Math.abs(t - 3));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('names the rule a refused move would break, in a coach’s words', () => {
    const broken = newViolation(plan, 5, swappedDays(week5, 6, 3));
    expect(broken?.rule).toBe('C1.key-adjacent');
    expect(refusalReason(broken ?? { rule: '', message: '' })).toBe(
      'it would put two key days (a quality session or the long run) back to back',
    );
    expect(newViolation(plan, 5, swappedDays(week5, 6, 7))).toBeUndefined();
  });

  it('leaves out days already past; today is still open', () => {
    // Thursday: the long run may swap with Thursday's cruise intervals (today) or go to Sunday.
    expect(legalTargets(plan, 5, 6, '2026-04-02')).toEqual([4, 7]);
    expect(legalTargets(plan, 5, 6, '2026-04-03')).toEqual([7]);
    expect(legalTargets(plan, 5, 6, '2026-04-06')).toEqual([]);
  });

  it('swaps two days, each remembering where it was planned, and forgets it when it goes back', () => {
    const there = swappedDays(week5, 6, 7);
    expect(there[6]).toMatchObject({ dayNumber: 7, date: '2026-04-05', dayOfWeek: 'Sunday', type: 'long', movedFrom: 6 });
    expect(there[5]).toMatchObject({ dayNumber: 6, date: '2026-04-04', dayOfWeek: 'Saturday', type: 'easy', movedFrom: 7 });
    const back = swappedDays({ days: there }, 7, 6);
    expect(back).toEqual(week5.days);
  });

  it('gives a week a version that marks leave alone and a move changes', () => {
    const version = weekVersion(week5);
    const marked = { ...week5, execution: { completedDays: 1, totalMiles: 6, days: [{ dayNumber: 2, status: 'done' as const }] } };
    expect(weekVersion(marked)).toBe(version);
    expect(weekVersion({ days: swappedDays(week5, 6, 7) })).not.toBe(version);
    expect(version).toMatch(/^[0-9a-z]{7}$/);
  });
});
