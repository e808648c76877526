/**
 * How plans read in the core's views, before any renderer: the preview's goal, predicted time,
 * paces and warnings; C-goal's choice; a week's days in one line each; the mileage chart with the
 * race counted apart; what the weekly message says it assumed; and the calendar export and the
 * daily reminder, which read a day the same way.
 */
import { describe, expect, it } from 'vitest';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  REMINDER_NOT_TODAY_ACTION,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_KEEP_GOAL_ACTION,
  PLAN_REGENERATE_ACTION,
  PLAN_TRAIN_PREDICTED_ACTION,
} from '../../src/conversation/action-ids.js';
import { assumedLogNote, goalChoice, previewView, reminderView, statusView, weekView } from '../../src/conversation/plan-views.js';
import type { MessageView, ViewBlock, ViewButton } from '../../src/conversation/views.js';
import { createWeekNotifier } from '../../src/conversation/week-delivery.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { notesIn } from '../../src/domain/day-format.js';
import { renderPlanIcs } from '../../src/plans/use-cases/export-ical.js';
import { FakePoster } from '../support/fake-poster.js';
import { planFixture, repeatsAndRacePlan } from '../contract/sample-views.js';

function blocksOf<T extends ViewBlock['type']>(view: MessageView, type: T): Extract<ViewBlock, { type: T }>[] {
  return view.blocks.filter((b): b is Extract<ViewBlock, { type: T }> => b.type === type);
}

function buttonsOf(view: MessageView): ViewButton[] {
  return blocksOf(view, 'buttons').flatMap((b) => [...b.buttons]);
}

function fieldsOf(view: MessageView): Record<string, string> {
  return Object.fromEntries(blocksOf(view, 'fields').flatMap((b) => b.fields.map((f) => [f.label, f.value])));
}

function textOf(view: MessageView): string {
  return blocksOf(view, 'text')
    .map((b) => b.text)
    .join('\n');
}

describe('the preview', () => {
  it('shows the goal next to the predicted time and VDOT, then every pace in the athlete’s units', () => {
    const view = previewView(planFixture());
    expect(textOf(view)).toContain('Boston Marathon · marathon on 18 Apr 2027\nGoal 3:20:00 · predicted 3:34:42 (VDOT 43.4)\n20 weeks:');
    expect(fieldsOf(view)).toEqual({
      'Goal pace': '7:38/mi',
      'Predicted pace': '8:11/mi',
      Easy: '8:49–10:09/mi',
      Marathon: '8:11/mi',
      Threshold: '7:41/mi',
      Interval: '7:04/mi',
      Repetition: '6:40/mi',
      'Target race pace': '7:56/mi',
    });
    const km = fieldsOf(previewView(planFixture({ units: 'km' })));
    expect(km).toMatchObject({ Easy: '5:29–6:18/km', Threshold: '4:46/km', 'Target race pace': '4:56/km' });
    for (const value of Object.values(km)) expect(value).toMatch(/\/km$/);
  });

  it('computes the paces from the inputs, so a preview stored before v2 shows them all', () => {
    const plan = planFixture();
    const preview = plan.preview;
    if (!preview) throw new Error('the fixture has a preview');
    // Only the v1 keys, as previews were stored before PLAN-RULES v2.
    const { fiveK, predicted, predictedMarathon, goal, easy, tempo, interval } = preview.paces;
    const old: PlanRecord = {
      ...plan,
      preview: { ...preview, paces: { fiveK, predicted, predictedMarathon, goal, easy, tempo, interval } },
    };
    expect(fieldsOf(previewView(old))).toEqual(fieldsOf(previewView(plan)));
    expect(textOf(previewView(old))).toContain('predicted 3:34:42 (VDOT 43.4)');
  });

  it('puts the warnings (an ambitious goal, a start moved to Monday) right under the summary', () => {
    const plan = planFixture();
    const moved = 'You start on a Saturday: the plan starts on Monday 30 Nov, so Week 1 is a full week.';
    const withWarnings: PlanRecord = {
      ...plan,
      preview: plan.preview && {
        ...plan.preview,
        warnings: ['Ambitious goal: 3:20:00 is 7% faster than the 3:34:42 your 5K predicts.', moved],
      },
    };
    const view = previewView(withWarnings);
    expect(view.blocks.map((b) => b.type).slice(0, 5)).toEqual(['header', 'text', 'warning', 'warning', 'fields']);
    expect(blocksOf(view, 'warning').map((w) => w.text)).toEqual([
      'Ambitious goal: 3:20:00 is 7% faster than the 3:34:42 your 5K predicts.',
      moved,
    ]);
  });

  it('offers Confirm when the goal is within reach or only ambitious', () => {
    for (const goal of ['3:40:00', '3:30:00', '3:20:00']) {
      expect(buttonsOf(previewView(planFixture({ goal }))).map((b) => b.actionId)).toEqual([
        PLAN_CONFIRM_ACTION,
        PLAN_REGENERATE_ACTION,
        PLAN_CANCEL_ACTION,
        PLAN_EDIT_DRAFT_ACTION,
      ]);
    }
  });

  it('asks the athlete to choose when the goal is more than 8% faster than predicted (C-goal)', () => {
    const plan = planFixture({ goal: '3:05:00' });
    const view = previewView(plan);
    expect(buttonsOf(view).map((b) => [b.actionId, b.label])).toEqual([
      [PLAN_KEEP_GOAL_ACTION, 'Keep my goal'],
      [PLAN_TRAIN_PREDICTED_ACTION, 'Train for 3:34:42'],
      [PLAN_REGENERATE_ACTION, 'Regenerate'],
      [PLAN_CANCEL_ACTION, 'Cancel'],
      [PLAN_EDIT_DRAFT_ACTION, 'Edit'],
    ]);
    expect(buttonsOf(view).every((b) => b.planId === plan.id)).toBe(true);
    expect(textOf(view)).toContain('Choose below: keep your goal of 3:05:00 (race-pace runs use 7:56/mi), or train for 3:34:42.');
    expect(textOf(view)).toContain('race-pace runs use 7:56/mi');
    expect(goalChoice(plan)).toEqual({ open: true, predicted: '3:34:42' });
    expect(goalChoice(planFixture({ goal: '3:20:00' }))).toEqual({ open: false, reason: 'That choice is made: your goal is 3:20:00 now.' });

    const kept = previewView(plan, undefined, { goalKept: true });
    expect(kept.replacesSource).toBe(true);
    expect(buttonsOf(kept).map((b) => b.actionId)).toEqual([
      PLAN_CONFIRM_ACTION,
      PLAN_REGENERATE_ACTION,
      PLAN_CANCEL_ACTION,
      PLAN_EDIT_DRAFT_ACTION,
    ]);
    expect(textOf(kept)).toContain('You kept your goal of 3:05:00. Race-pace runs use 7:56/mi');

    const decided = previewView(plan, 'Cancelled.');
    expect(buttonsOf(decided)).toEqual([]);
    expect(textOf(decided)).not.toContain('Choose below');
  });
});

describe('a week', () => {
  it('reads each day in one line, labelled by its session, with the coach’s note under it', () => {
    const plan = repeatsAndRacePlan();
    const [week] = blocksOf(weekView(plan, 1), 'week');
    const rows = week?.rows.map((r) => [r.typeLabel, r.distance, r.workout, r.notes]);
    expect(rows).toEqual([
      ['Rest', '—', '', 'Rest day.'],
      [
        'Intervals',
        '6.3 mi',
        '1 mi warm-up + 6 × 800 m @ 6:55/mi with 400 m jog + 1 mi cool-down',
        'Six 800s at interval pace: hard but even, the last as fast as the first.',
      ],
      ['Easy run + strides', '5.3 mi', '5 mi easy + 6 × 20 s strides', 'Easy, then six relaxed strides.'],
      ['Tempo', '5 mi', '1 mi warm-up + 3 mi @ 7:40/mi (tempo) + 1 mi cool-down', 'Comfortably hard for three miles.'],
      ['Rest', '—', '', 'Rest day.'],
      ['Long run, race-pace finish', '15 mi', '15 mi long run, last 4 mi @ 8:01/mi', 'Finish the long run at race pace.'],
      ['Recovery run', '4 mi', '4 mi recovery', 'Very easy.'],
    ]);
    expect(week?.total).toBe('35.5 mi');
  });

  it('counts the race apart in race week’s total', () => {
    const view = weekView(repeatsAndRacePlan(), 3);
    expect(blocksOf(view, 'week')[0]?.total).toBe('12 mi + race');
    expect(view.summary).toBe('Week 3: 12 mi + race planned');
    const race = blocksOf(view, 'week')[0]?.rows.find((r) => r.typeLabel === 'Race');
    expect(race?.workout).toBe('1 mi warm-up + 26.2 mi race @ 7:56/mi + 0.5 mi cool-down');
  });
});

describe('the mileage chart', () => {
  it('charts training miles, marks the race apart, and never makes race week the tallest bar', () => {
    const view = statusView(repeatsAndRacePlan(), 3);
    const [chart] = blocksOf(view, 'chart');
    expect(chart?.bars.slice(0, 3).map((b) => [b.label, b.display])).toEqual([
      ['W1', '35.5 mi'],
      ['W2', '35.5 mi'],
      ['W3', '12 mi + race'],
    ]);
    const values = chart?.bars.map((b) => b.value) ?? [];
    expect(values[2]).toBeCloseTo(12);
    expect(Math.max(...values)).toBeGreaterThan(values[2] ?? Infinity);
    expect(view.summary).toBe('Plan status: 3 weeks, 83.1 mi + race planned');
  });

  it('covers every week of the plan, the weeks not made yet projected and race week apart', () => {
    const plan = repeatsAndRacePlan();
    const [chart] = blocksOf(statusView(plan, 2), 'chart');
    const bars = chart?.bars ?? [];
    expect(bars.map((b) => b.label)).toEqual(Array.from({ length: plan.totalWeeks ?? 0 }, (_, i) => `W${i + 1}`));
    expect(chart?.title).toBe('Weekly mileage (~ projected if all goes to plan)');
    expect(bars.slice(0, 3).every((b) => b.projected !== true)).toBe(true);
    expect(bars.slice(3).every((b) => b.projected === true && b.display.startsWith('~'))).toBe(true);
    const raceWeek = bars.at(-1);
    expect(raceWeek?.display).toMatch(/^~[\d.]+ mi \+ race$/);
    expect(raceWeek?.value).toBeLessThan(Math.max(...bars.map((b) => b.value)));
    expect(bars.filter((b) => b.highlight).map((b) => b.label)).toEqual(['W2']);
  });

  it('shows what was logged next to what was planned', () => {
    const [chart] = blocksOf(statusView(planFixture({ status: 'active' }), 2), 'chart');
    expect(chart?.bars[0]?.display).toMatch(/^[\d.]+ mi · ran 24 mi$/);
    expect(chart?.bars[1]?.display).not.toContain('ran');
  });

  it('shows km in km', () => {
    const [chart] = blocksOf(statusView(repeatsAndRacePlan('km'), 3), 'chart');
    expect(chart?.bars[2]?.display).toBe('19.3 km + race');
    expect(chart?.bars.at(-1)?.display).toMatch(/^~[\d.]+ km \+ race$/);
  });
});

describe('what the weekly message says it assumed (R11)', () => {
  const plan = repeatsAndRacePlan();
  const withLog = (execution: PlanRecord['weeks'][number]['execution']): PlanRecord => ({
    ...plan,
    weeks: plan.weeks.map((w) => (w.weekNumber === 1 ? { ...w, execution } : w)),
  });

  it('says a week without a log was taken as done as planned', () => {
    expect(assumedLogNote(plan, 2)).toBe('No log for week 1, so I assumed it went as planned.');
    expect(assumedLogNote(plan, 1)).toBeUndefined();
  });

  it('says Done / Skipped marks alone counted as a partial log', () => {
    const marked = withLog({
      completedDays: 1,
      totalMiles: 6.25,
      days: [
        { dayNumber: 2, status: 'done' },
        { dayNumber: 3, status: 'skipped' },
      ],
    });
    expect(assumedLogNote(marked, 2)).toBe(
      'Week 1 has only Done/Skipped marks (1 done, 1 skipped of 5 runs), so I counted them as a partial log: 1 run day, 6.3 mi. /plan log 1 records the whole week.',
    );
  });

  it('says nothing when the week was logged', () => {
    expect(assumedLogNote(withLog({ completedDays: 5, totalMiles: 35, averagePace: '8:40' }), 2)).toBeUndefined();
  });

  it('is in the delivered week’s message, after the scheduler’s own note', async () => {
    const poster = new FakePoster('console', () => new Date('2026-12-06T18:00:00Z'));
    const notifier = createWeekNotifier([poster]);
    await notifier.deliverWeek(plan, 2, 'The coach was away for a while.');
    await notifier.deliverWeek(withLog({ completedDays: 5, totalMiles: 35 }), 2, null);
    const [away, logged] = poster.posts.map((p) => p.view);
    expect(away && textOf(away)).toBe('The coach was away for a while.\nNo log for week 1, so I assumed it went as planned.');
    expect(logged && blocksOf(logged, 'text')).toEqual([]);
  });
});

describe('the calendar export and the daily reminder', () => {
  it('read a day as the week does, in the athlete’s units, with the coach’s note', () => {
    const ics = renderPlanIcs(repeatsAndRacePlan('km')).content.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('SUMMARY:Intervals · 10.1 km');
    expect(ics).toContain('DESCRIPTION:1.6 km warm-up + 6 × 800 m @ 4:18/km with 400 m jog + 1.6 km cool-down\\nSix 800s at interval pace');
    expect(ics).toContain('SUMMARY:Long run\\, race-pace finish · 24.1 km');
    expect(ics).not.toMatch(/\/mi\b/);

    const plan = repeatsAndRacePlan();
    const tuesday = reminderView(plan, '2026-12-01');
    expect(textOf(tuesday)).toBe(
      'Today, Tue 1 Dec: Intervals · 6.3 mi\n1 mi warm-up + 6 × 800 m @ 6:55/mi with 400 m jog + 1 mi cool-down\nSix 800s at interval pace: hard but even, the last as fast as the first.',
    );
    expect(tuesday.summary).toBe(
      'Today, Tue 1 Dec: Intervals · 6.3 mi · 1 mi warm-up + 6 × 800 m @ 6:55/mi with 400 m jog + 1 mi cool-down',
    );
    expect(textOf(reminderView(plan, '2026-12-02'))).toMatch(
      /^Today, Wed 2 Dec: Easy run \+ strides · 5.3 mi\n5 mi easy \+ 6 × 20 s strides/,
    );
    expect(textOf(reminderView(repeatsAndRacePlan('km'), '2026-12-01'))).toMatch(/^Today, Tue 1 Dec: Intervals · 10.1 km\n1.6 km warm-up/);
  });

  it('carries the week’s own Done / Skipped for that day, marked from a reminder; a rest day has none', () => {
    const plan = repeatsAndRacePlan();
    const row = blocksOf(weekView(plan, 1), 'week')[0]?.rows.find((r) => r.dayNumber === 2);
    const buttons = buttonsOf(reminderView(plan, '2026-12-01'));
    expect(buttons.map((b) => [b.actionId, b.label, b.value])).toEqual([
      [DAY_DONE_ACTION, 'Done', '1:2:r'],
      [DAY_SKIPPED_ACTION, 'Skipped', '1:2:r'],
      // And Not today, with the week's version so a stale press changes nothing.
      [REMINDER_NOT_TODAY_ACTION, 'Not today', expect.stringMatching(/^1:2:[0-9a-z]+$/)],
    ]);
    // The same labels as the week's row for the day: one home for how a day reads.
    expect(textOf(reminderView(plan, '2026-12-01'))).toContain(`${row?.dayLabel}: ${row?.typeLabel} · ${row?.distance}\n${row?.workout}`);
    const rest = plan.weeks[0]?.days.find((d) => d.type === 'rest');
    if (!rest) throw new Error('the fixture has a rest day');
    const restView = reminderView(plan, rest.date);
    expect(textOf(restView)).toMatch(/^Today, \w{3} \d{1,2} \w{3}: Rest\. /);
    expect(buttonsOf(restView)).toEqual([]);
    expect(textOf(reminderView(plan, '2030-01-01'))).toBe('No workout is planned for today (1 Jan 2030) yet.');
  });
});

describe('the race summary and the coach’s notes, in the athlete’s units', () => {
  it('reads every note of a km preview in km: paces, distances, the quarter mile', () => {
    const view = previewView(planFixture({ units: 'km' }));
    const notes = blocksOf(view, 'week')[0]?.rows.map((r) => r.notes) ?? [];
    expect(notes.join('\n')).toMatch(/\d:\d\d\/km/);
    expect(JSON.stringify(view)).not.toMatch(/\/mi\b|\d mi\b|quarter.mile/);
    // Miles stay miles for a miles athlete.
    expect(JSON.stringify(previewView(planFixture()))).toMatch(/\d:\d\d\/mi/);
  });

  it('names a custom race distance in the athlete’s units, whatever unit it was typed in', () => {
    const plan = planFixture({ units: 'km' });
    if (!plan.inputs) throw new Error('the fixture has inputs');
    const custom: PlanRecord = { ...plan, inputs: { ...plan.inputs, distance: '15 mi', distanceMiles: 15 } };
    expect(textOf(previewView(custom))).toContain('Boston Marathon · 24.1 km on 18 Apr 2027');
    expect(fieldsOf(statusView(custom, undefined)).Race).toBe('Boston Marathon · 24.1 km on 18 Apr 2027 · goal 3:20:00');
    expect(textOf(previewView(plan))).toContain('Boston Marathon · marathon on 18 Apr 2027');
  });
});

describe('notesIn', () => {
  it('turns every pace and distance of a note into km, and leaves miles alone', () => {
    const note =
      'Fartlek: 6 surges of a quarter mile at threshold effort (7:41/mi), each followed by a quarter-mile float. Easy pace this week is 8:49/mi (from 9:13/mi). Cruise intervals: 3 × 1 mi; the last 4 mi at race pace.';
    expect(notesIn(note, 'km')).toBe(
      'Fartlek: 6 surges of 400 m at threshold effort (4:46/km), each followed by a 400 m float. Easy pace this week is 5:29/km (from 5:44/km). Cruise intervals: 3 × 1600 m; the last 6.4 km at race pace.',
    );
    expect(notesIn(note, 'mi')).toBe(note);
  });
});
