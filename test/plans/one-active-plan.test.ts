/**
 * One active plan per owner: confirming a preview that replaces the active plan cancels it in the
 * same step; abandoning the preview leaves it; concurrent confirms end with exactly one active plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongStateError } from '../../src/plans/plan-errors.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService();
});

afterAll(async () => {
  await s.close();
});

async function activePlan(owner: string) {
  const preview = await s.plans.createPreview({ owner, fields: MARATHON_FIELDS });
  return s.plans.confirmPlan(owner, preview.id);
}

async function replacingPreview(owner: string, replacesPlanId: string, raceName = 'Boston Marathon') {
  const draft = await s.plans.startDraft({ owner, fields: { ...MARATHON_FIELDS, raceName }, replacesPlanId });
  return s.plans.previewPlan(owner, draft.id);
}

const activeIds = async (owner: string) => (await s.plans.listPlans({ owner, statuses: ['active'] })).map((p) => p.id);

describe('one active plan per owner', () => {
  it('cancels the replaced active plan when the replacing preview is confirmed', async () => {
    const owner = 'slack:T1:ONE1';
    const old = await activePlan(owner);
    const preview = await replacingPreview(owner, old.id);
    expect(preview.replacesPlanId).toBe(old.id);
    const confirmed = await s.plans.confirmPlan(owner, preview.id);
    expect(confirmed.status).toBe('active');
    const before = await s.plans.getPlan(owner, old.id);
    expect(before).toMatchObject({ status: 'cancelled', replacedBy: preview.id, nextWeekDueAt: null });
    expect(await activeIds(owner)).toEqual([preview.id]);
    expect((await s.plans.activeSoloPlan(owner))?.id).toBe(preview.id);
    expect((await s.plans.currentPlan(owner))?.id).toBe(preview.id);
    // A second confirm (a double click) changes nothing.
    expect((await s.plans.confirmPlan(owner, preview.id)).revision).toBe(confirmed.revision);
  });

  it('keeps the active plan when the replacing draft is abandoned', async () => {
    const owner = 'slack:T1:ONE2';
    const old = await activePlan(owner);
    const preview = await replacingPreview(owner, old.id);
    await s.plans.cancelPlan(owner, preview.id);
    expect(await activeIds(owner)).toEqual([old.id]);
    expect((await s.plans.getPlan(owner, old.id)).replacedBy).toBeUndefined();
    expect((await s.plans.currentPlan(owner))?.id).toBe(old.id);
  });

  it('replaces the active plan on a confirm of a preview that recorded none (the HTTP API)', async () => {
    const owner = 'slack:T1:ONE3';
    const old = await activePlan(owner);
    const preview = await s.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, raceName: 'Chicago' } });
    const confirmed = await s.plans.confirmPlan(owner, preview.id);
    expect(confirmed).toMatchObject({ status: 'active', replacesPlanId: old.id });
    expect(await activeIds(owner)).toEqual([preview.id]);
    expect((await s.plans.getPlan(owner, old.id)).status).toBe('cancelled');
  });

  it('refuses a preview whose plan to replace was replaced by another one already', async () => {
    const owner = 'slack:T1:ONE4';
    const old = await activePlan(owner);
    const first = await replacingPreview(owner, old.id, 'First');
    const second = await replacingPreview(owner, old.id, 'Second');
    await s.plans.confirmPlan(owner, first.id);
    await expect(s.plans.confirmPlan(owner, second.id)).rejects.toThrow(WrongStateError);
    expect((await s.plans.getPlan(owner, second.id)).status).toBe('preview');
    expect(await activeIds(owner)).toEqual([first.id]);
  });

  it('ends with exactly one active plan after 8 concurrent confirms of two replacing previews', async () => {
    for (let round = 0; round < 3; round += 1) {
      const owner = `slack:T1:RACE${round}`;
      const old = await activePlan(owner);
      const a = await replacingPreview(owner, old.id, 'A');
      const b = await replacingPreview(owner, old.id, 'B');
      const other = await s.instance();
      try {
        const confirms = Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? s.plans : other.plans).confirmPlan(owner, i % 4 < 2 ? a.id : b.id),
        );
        const results = await Promise.allSettled(confirms);
        const active = await activeIds(owner);
        expect(active).toHaveLength(1);
        const winner = active[0];
        // Every confirm of the winner succeeded; every confirm of the other was refused.
        for (const [i, result] of results.entries()) {
          const id = i % 4 < 2 ? a.id : b.id;
          if (id === winner) expect(result.status).toBe('fulfilled');
          else expect(result.status === 'rejected' && result.reason instanceof WrongStateError).toBe(true);
        }
        expect(await s.plans.getPlan(owner, old.id)).toMatchObject({ status: 'cancelled', replacedBy: winner });
      } finally {
        await other.close();
      }
    }
  });
});
