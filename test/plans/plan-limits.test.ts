/**
 * Limits that keep a plan document small whatever a surface sends: history capped at the last
 * HISTORY_LIMIT versions (plus those the athlete was given), and every free-text field
 * length-limited in the use cases, refused with one sentence and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import { NoMoreTakesError } from '../../src/engine/plan-engine.js';
import { previewTakes } from '../../src/engine/rules/rules-engine.js';
import { HISTORY_LIMIT, historyChange } from '../../src/plans/plan-history.js';
import { planRecordSchema, type HistoryEntry } from '../../src/plans/plan-record.js';
import { DRAFT_FIELD_MAX_LENGTH } from '../../src/plans/text-limits.js';
import { ATHLETE, MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService();
});

afterAll(async () => {
  await s.close();
});

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('plan history', () => {
  it('keeps the last versions only: every regeneration the engine has leaves at most HISTORY_LIMIT + 1 entries', async () => {
    const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    if (!preview.inputs) throw new Error('a preview has inputs');
    // Regenerate until the takes run out (more of them than the history keeps).
    const regenerations = previewTakes(preview.inputs).length - 1;
    expect(regenerations).toBeGreaterThan(HISTORY_LIMIT);
    let plan = preview;
    for (let i = 0; i < regenerations; i += 1) plan = await s.plans.regeneratePreview(ATHLETE, preview.id);
    await expect(s.plans.regeneratePreview(ATHLETE, preview.id)).rejects.toThrow(NoMoreTakesError);
    expect(plan.variant).toBe(preview.variant + regenerations);
    expect(plan.history.length).toBeLessThanOrEqual(HISTORY_LIMIT + 1);
    expect(plan.history).toHaveLength(HISTORY_LIMIT);
    // The newest versions are the ones kept, in order.
    expect(plan.history.map((h) => h.preview?.variant)).toEqual(
      Array.from({ length: HISTORY_LIMIT }, (_, i) => preview.variant + regenerations - HISTORY_LIMIT + i),
    );
    // The stored document reads back and validates, and the plan goes on as usual.
    const stored = await s.store.findById(preview.id);
    expect(planRecordSchema.safeParse(stored).success).toBe(true);
    expect(stored?.history).toHaveLength(HISTORY_LIMIT);
    const active = await s.plans.confirmPlan(ATHLETE, preview.id);
    expect(active.status).toBe('active');
  });

  it('keeps a week the athlete was given, however old', async () => {
    const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    const active = await s.plans.confirmPlan(ATHLETE, preview.id);
    const week = active.weeks[0];
    if (!week) throw new Error('no week 1');
    const at = new Date('2026-11-01T00:00:00Z');
    const posted: HistoryEntry = {
      kind: 'week',
      weekNumber: 1,
      replacedAt: at,
      reason: 'regenerated',
      preview: null,
      week: { ...week, postedAt: at },
    };
    const replacedPreview = (n: number): HistoryEntry => ({
      kind: 'preview',
      weekNumber: null,
      replacedAt: at,
      reason: `take ${n}`,
      preview: null,
      week: null,
    });
    const full = [posted, ...Array.from({ length: HISTORY_LIMIT }, (_, n) => replacedPreview(n))];
    // Under the cap: a plain push, the cheap write.
    expect(historyChange(full.slice(0, 5), [replacedPreview(99)])).toEqual({ pushHistory: [replacedPreview(99)] });
    // Over it: the oldest unconfirmed entry goes, the posted week stays first.
    const change = historyChange(full, [replacedPreview(99)]);
    expect(change.pushHistory).toBeUndefined();
    expect(change.history).toHaveLength(HISTORY_LIMIT + 1);
    expect(change.history?.[0]).toBe(posted);
    expect(change.history?.map((h) => h.reason)).not.toContain('take 0');
    expect(change.history?.at(-1)?.reason).toBe('take 99');
  });
});

describe('free-text limits', () => {
  const huge = 'x'.repeat(3_100_000);

  it('refuses an oversized draft field in one sentence and stores nothing', async () => {
    const before = (await s.store.list({ owner: 'slack:T9:U9' })).length;
    const error = await refusal(s.plans.startDraft({ owner: 'slack:T9:U9', fields: { ...MARATHON_FIELDS, raceName: huge } }));
    expect(error.message).toBe(`raceName: must be at most ${DRAFT_FIELD_MAX_LENGTH} characters (this one has 3,100,000)`);
    await refusal(s.plans.createPreview({ owner: 'slack:T9:U9', fields: { ...MARATHON_FIELDS, goal: huge } }));
    await refusal(s.plans.startDraft({ owner: 'slack:T9:U9', fields: MARATHON_FIELDS, requestKey: huge }));
    await refusal(s.plans.startDraft({ owner: 'slack:T9:U9', fields: MARATHON_FIELDS, delivery: { channelId: huge } }));
    expect(await s.store.list({ owner: 'slack:T9:U9' })).toHaveLength(before);
    // Exactly at the limit is fine.
    const ok = await s.plans.startDraft({ owner: 'slack:T9:U9', fields: { raceName: 'r'.repeat(DRAFT_FIELD_MAX_LENGTH) } });
    expect(ok.draft.raceName).toHaveLength(DRAFT_FIELD_MAX_LENGTH);
  });

  it('refuses an oversized edit, setting or log note and leaves the plan as it was', async () => {
    const draft = await s.plans.startDraft({ owner: ATHLETE, fields: MARATHON_FIELDS });
    const edit = await refusal(s.plans.updateDraft(ATHLETE, draft.id, { fiveK: huge }));
    expect(edit.message).toMatch(/^fiveK: must be at most 200 characters/);
    expect((await s.store.findById(draft.id))?.revision).toBe(draft.revision);

    const active = await s.plans.confirmPlan(ATHLETE, (await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS })).id);
    const setting = await refusal(s.plans.updateSettings(ATHLETE, active.id, { target: 'channel', channelId: huge }));
    expect(setting.message).toMatch(/^channelId: must be at most 200 characters/);
    const note = await refusal(s.plans.logExecution(ATHLETE, active.id, 1, { completedDays: 3, totalMiles: 20, notes: 'n'.repeat(501) }));
    expect(note.message).toBe('notes: must be at most 500 characters');
    const after = await s.store.findById(active.id);
    expect(after?.revision).toBe(active.revision);
    expect(after?.weeks[0]?.execution).toBeNull();
    expect(after?.delivery.channelId).toBeNull();
  });
});
