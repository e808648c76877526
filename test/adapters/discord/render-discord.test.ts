/**
 * The Discord renderers, pure: the shared renderer contract (nothing the core wrote is lost), the
 * limits Discord enforces (rows, buttons, custom ids, modal components) checked with the same
 * rules the fake REST API applies, and custom ids that survive a round trip.
 */
import { describe, expect, it } from 'vitest';

import { renderModal } from '../../../src/adapters/discord/render-modal.js';
import { renderMessage } from '../../../src/adapters/discord/render-message.js';
import { renderViewText } from '../../../src/adapters/discord/render-view.js';
import { decodeCustomId, encodeButtonId, encodeModalId, encodeReopenId, encodeRerunId } from '../../../src/adapters/discord/custom-ids.js';
import { formSteps, progressOf } from '../../../src/adapters/discord/form-steps.js';
import { formReply, reopenedForm } from '../../../src/adapters/discord/form-replies.js';
import {
  DAY_DONE_ACTION,
  DRAFT_FORM_ID,
  LOG_FORM_ID,
  PLAN_CONFIRM_ACTION,
  SETTINGS_FORM_ID,
  PLAN_EDIT_DRAFT_ACTION,
  WEEK_LOG_ACTION,
} from '../../../src/conversation/action-ids.js';
import { draftForm } from '../../../src/conversation/forms/draft-fields.js';
import { logForm } from '../../../src/conversation/forms/log-form.js';
import { previewView, weekView } from '../../../src/conversation/plan-views.js';
import { message, type ViewButton, type WeekRow } from '../../../src/conversation/views.js';
import { describeRendererContract, foldWhitespace } from '../../contract/renderer-contract.js';
import { planFixture, SAMPLE_PLAN_ID } from '../../contract/sample-views.js';
import { messageProblems, modalProblems } from '../../fakes/discord/fake-discord-rest.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
/** Undoes JSON string escaping, then folds whitespace. */
const unJson = (text: string): string => foldWhitespace(text.replace(/\\(["\\/bfnrt])/g, (_, c: string) => ESCAPES[c] ?? c));

describeRendererContract('discord', (view) => renderViewText(view), {
  normalize: unJson,
  countButtons: (rendered) => (rendered.match(/"type": 2,/g) ?? []).length,
});

type Json = Record<string, unknown>;
const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

describe('messages', () => {
  it('a week of seven run days fits one message: two days a row, the Log button on the fifth row', () => {
    const plan = planFixture({ status: 'active' });
    const week = plan.weeks[0];
    if (!week) throw new Error('fixture has no week');
    const allRun = {
      ...plan,
      weeks: [{ ...week, days: week.days.map((d) => ({ ...d, type: d.type === 'rest' ? 'easy' : d.type })) }, ...plan.weeks.slice(1)],
    } as typeof plan;
    const view = weekView(allRun, 1);
    const payloads = renderMessage(view);
    expect(payloads).toHaveLength(1);
    const [payload] = payloads;
    const rows = payload?.components ?? [];
    const runDays = allRun.weeks[0]?.days.length ?? 0;
    expect(rows).toHaveLength(Math.ceil(runDays / 2) + 1);
    expect(rows.length).toBeLessThanOrEqual(5);
    // Move a run (issue 18) rides in the Log row: seven run days still fit five rows.
    expect(rows.at(-1)?.components.map((b) => b.label)).toEqual(['Log week 1', 'Move a run']);
    expect(rows[0]?.components.map((b) => b.label?.split(' · ')[1])).toEqual(['Done', 'Skipped', 'Done', 'Skipped']);
    expect(messageProblems(asJson(payload), true, false)).toEqual([]);
  });

  it('buttons beyond five rows continue in a further message instead of being dropped', () => {
    const buttons: ViewButton[] = Array.from({ length: 14 }, (_, i) => ({
      actionId: DAY_DONE_ACTION,
      label: `Day ${i + 1}`,
      style: 'default',
      planId: SAMPLE_PLAN_ID,
      value: `1:${(i % 7) + 1}`,
    }));
    const rows: WeekRow[] = buttons.map((b, i) => ({
      dayNumber: (i % 7) + 1,
      dayLabel: `D${i}`,
      typeLabel: 'Easy run',
      distance: '3 mi',
      workout: '',
      notes: '',
      mark: null,
      buttons: [b, { ...b, label: `Skip ${i}` }],
    }));
    const view = message([{ type: 'week', title: 'Week 1', total: '42 mi', rows }], 'a long week');
    const payloads = renderMessage(view);
    expect(payloads.length).toBe(2);
    const labels = payloads.flatMap((p) => p.components.flatMap((r) => r.components.map((b) => b.label)));
    expect(labels).toHaveLength(28);
    for (const p of payloads) expect(messageProblems(asJson(p), true, false)).toEqual([]);
  });

  it('the preview keeps its decision buttons until an outcome replaces them', () => {
    const plan = planFixture();
    const [open] = renderMessage(previewView(plan));
    expect(open?.components[0]?.components.map((b) => b.label)).toEqual(['Confirm', 'Regenerate', 'Cancel', 'Edit']);
    const [decided] = renderMessage(previewView(plan, 'Confirmed.'));
    expect(decided?.components).toEqual([]);
    expect(decided?.embeds.at(-1)?.footer?.text).toBe('Confirmed.');
  });
});

describe('modals', () => {
  it('splits the twelve-field draft into three steps of at most five Label components, each with a required field', () => {
    const form = draftForm({ delivery: 'dm', units: 'mi' });
    const steps = formSteps(form);
    expect(steps.map((s) => s.map((f) => f.id))).toEqual([
      ['units', 'raceName', 'distance', 'raceDate', 'goal'],
      ['fiveK', 'startDate', 'delivery'],
      ['mileage', 'recentLong', 'days', 'longDay'],
    ]);
    // The core previews once no required field is missing: a step of optional fields only would never be reached.
    for (const step of steps) expect(step.some((f) => f.required)).toBe(true);
    for (const step of [1, 2, 3]) {
      const modal = asJson(renderModal(form, step));
      expect(modalProblems(modal)).toEqual([]);
      expect((modal.components as Json[]).length).toBeLessThanOrEqual(5);
      expect(modal.title).toBe(`New training plan (${step}/3)`);
    }
  });

  it('shows an error under the field that holds the rejected value, pre-filled', () => {
    const form = draftForm({ fiveK: '22:30', mileage: 'lots', days: '2,4,6' }, { mileage: '"lots" is not a number' }, 'p1');
    const modal = asJson(renderModal(form, 3));
    const labels = modal.components as Json[];
    const mileage = labels.find((l) => (l.component as Json).custom_id === 'mileage');
    expect(mileage?.description).toBe('⚠️ "lots" is not a number');
    expect((mileage?.component as Json).value).toBe('lots');
    const days = labels.find((l) => (l.component as Json).custom_id === 'days')?.component as Json;
    expect((days.options as Json[]).filter((o) => o.default === true).map((o) => o.value)).toEqual(['2', '4', '6']);
  });

  it('knows which step to continue with and which to fix', () => {
    const missingStep2 = draftForm(
      { distance: 'marathon', raceDate: '2027-04-18', goal: '3:30:00' },
      { fiveK: 'missing', mileage: 'missing' },
      'p1',
    );
    expect(progressOf(missingStep2)).toEqual({ kind: 'continue', step: 2 });
    const badDate = draftForm({ raceDate: '2026-01-01', fiveK: '' }, { raceDate: 'too early', fiveK: 'missing' }, 'p1');
    expect(progressOf(badDate)).toMatchObject({ kind: 'fix', step: 1 });
    const reply = formReply(missingStep2, { again: 'x' });
    expect(reply.content).toContain('Step 1 of 3 saved. Continue with step 2.');
    expect(decodeCustomId(reply.components[0]?.components[0]?.custom_id ?? '')).toEqual({
      kind: 'button',
      actionId: PLAN_EDIT_DRAFT_ACTION,
      planId: 'p1',
      value: '2',
    });
  });

  it('re-opens a rejected log form from its button alone, with the values and the errors', () => {
    const form = logForm(
      SAMPLE_PLAN_ID,
      3,
      { completedDays: '4', miles: 'lots', notes: 'windy' },
      { miles: 'use a number of kilometres, 0–480' },
      'km',
    );
    const reply = formReply(form, { again: 'x' });
    const id = decodeCustomId(reply.components[0]?.components[0]?.custom_id ?? '');
    if (id?.kind !== 'reopen') throw new Error('expected a re-open button');
    const reopened = reopenedForm(id);
    expect(reopened?.values).toMatchObject({ week: '3', completedDays: '4', miles: 'lots', notes: 'windy' });
    expect(reopened?.errors.miles).toContain('kilometres');
    expect(reopened?.fields.find((f) => f.id === 'miles')?.label).toBe('Kilometres run');
  });
});

describe('custom ids', () => {
  it('round-trip within 100 characters, and forged ones decode to nothing', () => {
    const planId = 'a'.repeat(24);
    const ids = [
      encodeButtonId(PLAN_CONFIRM_ACTION, planId, null),
      encodeButtonId(DAY_DONE_ACTION, planId, '12:7'),
      encodeButtonId(WEEK_LOG_ACTION, planId, '12'),
      encodeModalId(DRAFT_FORM_ID, null, 1),
      encodeModalId(LOG_FORM_ID, planId, 1),
      encodeRerunId('log', '3', 1),
      encodeReopenId(LOG_FORM_ID, planId, 'mi', 1, ['3', '4', '22.5', '9:05', 'x'.repeat(300)], {
        shortenLast: true,
      }) ?? '',
    ];
    expect(encodeReopenId(SETTINGS_FORM_ID, planId, 'mi', 1, ['km', 'x'.repeat(90)], { shortenLast: false })).toBeUndefined();
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)).toBeDefined();
    }
    expect(decodeCustomId(encodeButtonId(DAY_DONE_ACTION, planId, '12:7'))).toEqual({
      kind: 'button',
      actionId: DAY_DONE_ACTION,
      planId,
      value: '12:7',
    });
    // Ids posted before identities were the same in every server carried a guild: still read.
    expect(decodeCustomId('b|d|' + planId + '|12:7|1234567890123456789')).toEqual({
      kind: 'button',
      actionId: DAY_DONE_ACTION,
      planId,
      value: '12:7',
    });
    expect(decodeCustomId('b|d|' + planId + '|12:7||2')).toMatchObject({ kind: 'button', value: '12:7' });
    for (const forged of [
      '',
      'b|?|p|',
      'b|c|../../x||',
      'm|z|p|1|',
      'c|rm -rf||',
      `b|c|${'p'.repeat(60)}||`,
      'x'.repeat(101),
      'o|l|p|m|%E0%A4%A|',
    ]) {
      expect(decodeCustomId(forged)).toBeUndefined();
    }
  });
});
