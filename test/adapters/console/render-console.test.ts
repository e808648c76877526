import { describe, expect, it } from 'vitest';

import { renderConsoleView, renderConsoleViews } from '../../../src/adapters/console/index.js';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_REGENERATE_ACTION,
  WEEK_LOG_ACTION,
  WEEK_MOVE_ACTION,
} from '../../../src/conversation/action-ids.js';
import { draftForm } from '../../../src/conversation/forms/draft-fields.js';
import { dayLabel, previewView, textView, weekView } from '../../../src/conversation/plan-views.js';
import { message } from '../../../src/conversation/views.js';
import { describeRendererContract } from '../../contract/renderer-contract.js';
import { everyBlockView, planFixture, repeatsAndRacePlan, sampleFile, SAMPLE_PLAN_ID } from '../../contract/sample-views.js';

const countNumbered = (text: string): number => text.match(/\[\d+\]/g)?.length ?? 0;

describeRendererContract('console', (view) => renderConsoleView(view).text, { countButtons: countNumbered });

describe('renderConsoleView', () => {
  it('numbers the preview buttons and returns them in that order', () => {
    const { text, buttons } = renderConsoleView(previewView(planFixture()));
    expect(text).toContain('[1] Confirm  [2] Regenerate  [3] Cancel  [4] Edit');
    expect(buttons.map((b) => b.actionId)).toEqual([
      PLAN_CONFIRM_ACTION,
      PLAN_REGENERATE_ACTION,
      PLAN_CANCEL_ACTION,
      PLAN_EDIT_DRAFT_ACTION,
    ]);
    expect(buttons.every((b) => b.planId === SAMPLE_PLAN_ID)).toBe(true);
  });

  it('numbers day buttons and the Log button continuously, in the order they appear', () => {
    const plan = planFixture({ status: 'active' });
    const { text, buttons } = renderConsoleView(weekView(plan, 1));
    const runDays = plan.weeks[0]?.days.filter((d) => d.type !== 'rest') ?? [];
    expect(runDays.length).toBeGreaterThan(2);
    // Done / Skipped per run day, Log, then Move a run (issue 18).
    expect(buttons).toHaveLength(runDays.length * 2 + 2);
    const shown = [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(shown).toEqual(buttons.map((_, i) => i + 1));
    const lines = text.split('\n');
    runDays.forEach((day, i) => {
      expect(buttons[2 * i]).toMatchObject({ actionId: DAY_DONE_ACTION, label: 'Done', value: `1:${day.dayNumber}` });
      expect(buttons[2 * i + 1]).toMatchObject({ actionId: DAY_SKIPPED_ACTION, label: 'Skipped', value: `1:${day.dayNumber}` });
      // The day's buttons sit under its row (after its notes), before the next row.
      const row = lines.findIndex((line) => line.includes(`${dayLabel(day.dayNumber, day.date)} `));
      const buttonLine = lines.findIndex((line) => line.includes(`[${2 * i + 1}] Done  [${2 * i + 2}] Skipped`));
      expect(row).toBeGreaterThan(-1);
      expect(buttonLine).toBeGreaterThan(row);
      expect(lines.slice(row + 1, buttonLine).every((line) => /^\s/.test(line))).toBe(true);
    });
    expect(buttons.at(-2)).toMatchObject({ actionId: WEEK_LOG_ACTION, value: '1', label: 'Log week 1' });
    expect(text).toContain(`[${buttons.length - 1}] Log week 1`);
    expect(buttons.at(-1)).toMatchObject({ actionId: WEEK_MOVE_ACTION, label: 'Move a run' });
  });

  it('shows the day marks as ✓ done and ✗ skipped', () => {
    const plan = planFixture({ status: 'active' });
    const week = plan.weeks[0];
    const marks = week?.execution?.days ?? [];
    expect(marks.map((m) => m.status)).toEqual(['done', 'skipped']);
    const lines = renderConsoleView(weekView(plan, 1)).text.split('\n');
    for (const mark of marks) {
      const day = week?.days.find((d) => d.dayNumber === mark.dayNumber);
      const row = lines.find((line) => day !== undefined && line.includes(`${dayLabel(day.dayNumber, day.date)} `));
      expect(row?.startsWith(mark.status === 'done' ? '✓ ' : '✗ ')).toBe(true);
    }
    expect(lines.filter((l) => /^[✓✗]/.test(l))).toHaveLength(marks.length);
  });

  it('continues numbering from firstButtonNumber and across several views', () => {
    const plan = planFixture();
    expect(renderConsoleView(previewView(plan), { firstButtonNumber: 5 }).text).toContain(
      '[5] Confirm  [6] Regenerate  [7] Cancel  [8] Edit',
    );
    const both = renderConsoleViews([textView('Here it is'), previewView(plan), weekView(planFixture({ status: 'active' }), 2)]);
    expect(both.text).toContain('[3] Cancel  [4] Edit');
    expect(both.text).toContain('[5] Done');
    expect(countNumbered(both.text)).toBe(both.buttons.length);
  });

  it('scales chart bars to the biggest value and marks the highlight', () => {
    const { text } = renderConsoleView(everyBlockView(), { chartWidth: 20 });
    const bar = (label: string): string => text.split('\n').find((l) => l.trimStart().startsWith(`${label} `)) ?? '';
    const filled = (label: string): number => (bar(label).match(/█/g) ?? []).length;
    expect(filled('W3')).toBe(20);
    expect(filled('W1')).toBe(Math.round((30 / 34) * 20));
    expect(filled('W2')).toBe(0);
    expect(bar('W3')).toContain('34 mi');
    expect(bar('W3')).toContain('◀');
    expect(bar('W1')).not.toContain('◀');
  });

  it('shows distances and paces in km when the plan is in km', () => {
    const plan = planFixture({ status: 'active', units: 'km' });
    const lines = renderConsoleView(previewView(planFixture({ units: 'km' }))).text.split('\n');
    expect(lines.find((l) => l.startsWith('Goal pace:'))).toMatch(/\d:\d\d\/km$/);
    expect(lines.find((l) => l.startsWith('Week 1 ·'))).toMatch(/total [\d.]+ km$/);
    expect(lines.find((l) => l.trimStart().startsWith('W1 '))).toMatch(/[\d.]+ km {2}◀$/);
    const week = renderConsoleView(weekView(plan, 1)).text.split('\n');
    // An easy, long or recovery day reads as one line in km (R3): its total and what it is.
    const runRows = week.filter((l) => /^[ ✓✗] \w{3} \d+ \w{3} +(Easy run|Long run|Recovery run)/.test(l));
    expect(runRows.length).toBeGreaterThan(0);
    for (const row of runRows) {
      expect(row).toMatch(/ [\d.]+ km +[\d.]+ km (easy|long run|recovery)\b/);
      expect(row).not.toMatch(/\bmi\b/);
    }
    // Repeats keep track metres, at a pace per km.
    const built = renderConsoleView(weekView(repeatsAndRacePlan('km'), 1)).text;
    expect(built).toContain('6 × 800 m @ 4:18/km with 400 m jog');
    expect(built).not.toMatch(/\bmi\b/);
    expect(week.find((l) => l.startsWith('Logged:'))).toMatch(/[\d.]+ km$/);
    // The same plan in miles.
    expect(renderConsoleView(weekView(planFixture({ status: 'active' }), 1)).text).toMatch(/total [\d.]+ mi/);
  });

  it('lays out header, fields, warning and outcome readably', () => {
    const { text } = renderConsoleView(everyBlockView());
    expect(text).toMatch(/^Every block\n═+\n/);
    expect(text).toContain('Goal pace:                 7:04/mi');
    expect(text).toContain('A much longer field label: short');
    expect(text).toContain('! Ambitious goal');
    expect(text).toContain('→ Confirmed by you');
  });

  it('prefixes ephemeral messages and renders forms and files', () => {
    expect(renderConsoleView(textView('Not yours', { ephemeral: true })).text).toBe('(only you)\n\nNot yours');
    expect(renderConsoleView(message([{ type: 'text', text: 'Hi' }], 'Hi')).text).toBe('Hi');
    const form = renderConsoleView(draftForm({ distance: 'marathon' }, { raceDate: 'use a date' })).text;
    expect(form).toContain('3. Distance (required) — or a number of miles, 1–31 (now: marathon)');
    expect(form).toContain('1. 5K  2. 10K  3. Half marathon (half)  4. Marathon');
    expect(form).toContain('! use a date');
    const file = renderConsoleView(sampleFile());
    expect(file.text).toContain('gofast-boston-marathon.ics');
    expect(file.buttons).toEqual([]);
  });
});

describe('createConsolePoster', () => {
  it('prints a delivered week into the terminal and returns a reference', async () => {
    const { createConsolePoster } = await import('../../../src/adapters/console/index.js');
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const poster = createConsolePoster(out);
    const { textView } = await import('../../../src/conversation/plan-views.js');
    const result = await poster.post({ owner: 'console:local:me', target: 'dm', channelId: null }, textView('Week 2 is here'));
    expect(result.messageRef).toBe('console:1');
    expect(text).toContain('Week 2 is here');
  });
});
