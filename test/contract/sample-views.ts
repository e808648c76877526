/**
 * The views every renderer is checked against: real views from the core's builders, over a plan
 * record made by the rules engine (a marathon preview, and the same plan active with two weeks,
 * week 1 marked and logged), over hand-built weeks in the v2 lap layout (repeats, strides, a
 * race-pace finish, race week), plus a file and a view holding every block type.
 */
import { DAY_DONE_ACTION, PLAN_CONFIRM_ACTION, WEEK_LOG_ACTION, dayButtonValue } from '../../src/conversation/action-ids.js';
import { COMMANDS } from '../../src/conversation/commands/index.js';
import { draftForm } from '../../src/conversation/forms/draft-fields.js';
import { logForm } from '../../src/conversation/forms/log-form.js';
import { settingsForm } from '../../src/conversation/forms/settings-form.js';
import { previewView, statusView, textView, weekView } from '../../src/conversation/plan-views.js';
import { pausedView, raceChangeView, unreachableView } from '../../src/conversation/replan-views.js';
import { message, type FileView, type MessageView, type View } from '../../src/conversation/views.js';
import { parsePlanInputs } from '../../src/domain/plan-inputs.js';
import type { Week } from '../../src/domain/schemas.js';
import type { Units } from '../../src/domain/units.js';
import { buildOutline, buildWeek } from '../../src/engine/rules/rules-engine.js';
import { defaultDelivery, type PlanRecord, type StoredWeek } from '../../src/plans/plan-record.js';
import { MARATHON_FIELDS, SAMPLE_TODAY } from '../support/sample-inputs.js';
import { intervalWeek, raceWeek } from './sample-days.js';

export const SAMPLE_PLAN_ID = 'plan-0001';
const SAMPLE_OWNER = 'console:local:runner';
const AT = new Date('2026-11-25T09:00:00Z');

export type PlanFixtureOptions = {
  readonly units?: Units;
  /** `preview`: awaiting Confirm; `active`: weeks 1 and 2 made, week 1 marked and logged. */
  readonly status?: 'preview' | 'active';
  /**
   * Goal time. The default (3:20:00 from a 22:30 5K, 7% faster than predicted) is ambitious enough
   * to warn about; 3:05:00 (14% faster) makes the preview ask the athlete to choose (C-goal).
   */
  readonly goal?: string;
};

/** A realistic plan record: the sample marathon through the rules engine. */
export function planFixture(options: PlanFixtureOptions = {}): PlanRecord {
  const units = options.units ?? 'mi';
  const draft = { ...MARATHON_FIELDS, goal: options.goal ?? '3:20:00', units };
  const { inputs } = parsePlanInputs(draft, SAMPLE_TODAY);
  const outline = buildOutline(inputs);
  const base: PlanRecord = {
    id: SAMPLE_PLAN_ID,
    owner: SAMPLE_OWNER,
    requestKey: null,
    delivery: defaultDelivery(SAMPLE_OWNER),
    status: 'preview',
    draft,
    inputs,
    totalWeeks: outline.totalWeeks,
    paces: null,
    warnings: [],
    phases: [],
    weeks: [],
    preview: { ...outline, source: 'rules', provenance: null, generatedAt: AT, variant: 0 },
    history: [],
    variant: 0,
    nextWeekDueAt: null,
    nextReminderAt: null,
    lease: null,
    revision: 1,
    createdAt: AT,
    updatedAt: AT,
  };
  if ((options.status ?? 'preview') === 'preview') return base;

  const runDays = outline.week.days.filter((d) => d.type !== 'rest');
  const [firstRun, secondRun] = runDays;
  const week1: StoredWeek = {
    ...outline.week,
    source: 'rules',
    provenance: null,
    generatedAt: AT,
    postedAt: AT,
    messageRef: null,
    execution: {
      completedDays: runDays.length - 1,
      totalMiles: Number((outline.week.miles * 0.8).toFixed(1)),
      averagePace: '8:10',
      notes: 'Legs heavy on Wednesday',
      days: [
        ...(firstRun ? [{ dayNumber: firstRun.dayNumber, status: 'done' as const }] : []),
        ...(secondRun ? [{ dayNumber: secondRun.dayNumber, status: 'skipped' as const }] : []),
      ],
    },
  };
  const week2 = buildWeek(inputs, outline.phases, [week1], 2);
  return {
    ...base,
    status: 'active',
    paces: outline.paces,
    warnings: outline.warnings,
    phases: outline.phases,
    weeks: [week1, { ...week2, source: 'rules', provenance: null, generatedAt: AT, postedAt: null, messageRef: null, execution: null }],
    preview: null,
    nextWeekDueAt: new Date('2026-12-13T18:00:00Z'),
    revision: 4,
  };
}

/**
 * The sample plan active with hand-built weeks (numbered 1, 2, … in order): what a runner reads
 * does not then depend on the engine's choices of the day.
 */
function builtWeeksPlan(weeks: readonly Week[], options: { units?: Units } = {}): PlanRecord {
  const active = planFixture({ status: 'active', ...(options.units === undefined ? {} : { units: options.units }) });
  return {
    ...active,
    weeks: weeks.map((week, i) => ({
      ...week,
      weekNumber: i + 1,
      source: 'rules',
      provenance: null,
      generatedAt: AT,
      postedAt: AT,
      messageRef: null,
      execution: null,
    })),
  };
}

/** Two build weeks with intervals, strides, a tempo and a race-pace finish, then race week. */
export function repeatsAndRacePlan(units?: Units): PlanRecord {
  return builtWeeksPlan(
    [intervalWeek(1, '2026-11-30'), intervalWeek(2, '2026-12-07'), raceWeek(3, '2026-12-14')],
    units === undefined ? {} : { units },
  );
}

export function sampleFile(): FileView {
  return {
    kind: 'file',
    filename: 'gofast-boston-marathon.ics',
    mimeType: 'text/calendar',
    content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
    caption: 'Your Boston Marathon plan as a calendar',
  };
}

/** One message holding every block type, with awkward content (multi-line, a zero bar, marks). */
export function everyBlockView(): MessageView {
  return message(
    [
      { type: 'header', text: 'Every block' },
      { type: 'text', text: 'First line of text\nSecond line of text' },
      {
        type: 'fields',
        fields: [
          { label: 'Goal pace', value: '7:04/mi' },
          { label: 'A much longer field label', value: 'short' },
        ],
      },
      { type: 'warning', text: 'Ambitious goal: slow down on easy days' },
      {
        type: 'week',
        title: 'Week 3 · build',
        total: '34 mi',
        rows: [
          {
            dayNumber: 1,
            dayLabel: 'Mon 14 Dec',
            typeLabel: 'Rest',
            distance: '—',
            workout: '',
            notes: 'Rest or cross-train',
            mark: null,
            buttons: [],
          },
          {
            dayNumber: 2,
            dayLabel: 'Tue 15 Dec',
            typeLabel: 'Tempo',
            distance: '7 mi',
            workout: '1 mi warmup · 5 mi @ 7:20/mi · 1 mi cooldown',
            notes: 'Comfortably hard',
            mark: 'done',
            buttons: [
              { actionId: DAY_DONE_ACTION, label: 'Done', style: 'primary', planId: SAMPLE_PLAN_ID, value: dayButtonValue(3, 2) },
              { actionId: 'gofast.day.skipped', label: 'Skipped', style: 'default', planId: SAMPLE_PLAN_ID, value: dayButtonValue(3, 2) },
            ],
          },
          {
            dayNumber: 3,
            dayLabel: 'Wed 16 Dec',
            typeLabel: 'Easy run',
            distance: '5 mi',
            workout: '0.5 mi warmup · 4 mi @ 9:26/mi · 0.5 mi cooldown',
            notes: '',
            mark: 'skipped',
            buttons: [{ actionId: DAY_DONE_ACTION, label: 'Done', style: 'primary', planId: SAMPLE_PLAN_ID, value: dayButtonValue(3, 3) }],
          },
        ],
      },
      {
        type: 'chart',
        title: 'Weekly mileage',
        bars: [
          { label: 'W1', value: 30, display: '30 mi', highlight: false },
          { label: 'W2', value: 0, display: '0 mi', highlight: false },
          { label: 'W3', value: 34, display: '34 mi', highlight: true },
        ],
      },
      { type: 'outcome', text: 'Confirmed by you' },
      {
        type: 'buttons',
        buttons: [
          { actionId: PLAN_CONFIRM_ACTION, label: 'Confirm', style: 'primary', planId: SAMPLE_PLAN_ID, value: null },
          { actionId: WEEK_LOG_ACTION, label: 'Log week 3', style: 'default', planId: SAMPLE_PLAN_ID, value: '3' },
        ],
      },
    ],
    'Every block type',
  );
}

export type SampleView = { readonly name: string; readonly view: View };

/** A pause in status, a race change old beside new, and a race out of reach with its choices. */
function midPlanViews(active: PlanRecord): SampleView[] {
  const inputs = active.inputs;
  if (!inputs) return [];
  const paused: PlanRecord = {
    ...active,
    pause: { since: AT, sinceDate: '2026-12-03', until: '2026-12-20', reason: 'sick', resumeAt: AT },
  };
  const later = { ...inputs, raceDate: '2027-05-16' };
  const phases = active.phases.map((p) => ({ ...p, weekCount: p.name === 'build' ? p.weekCount + 4 : p.weekCount }));
  const change = {
    id: '0123456789ab',
    kind: 'resume' as const,
    createdAt: AT,
    revision: 3,
    options: [
      { label: 'Race on 16 May 2027 (4 weeks later)', inputs: later, phases },
      { label: 'Run the half marathon on 18 Apr instead', inputs: { ...inputs, distance: 'half', distanceMiles: 13.109 }, phases },
    ],
  };
  return [
    { name: 'status while paused', view: statusView(paused, 2) },
    { name: 'paused', view: pausedView(paused) },
    {
      name: 'race change old beside new',
      view: raceChangeView({
        plan: active,
        change: { ...change, kind: 'race', options: change.options.slice(0, 1) },
        before: { inputs, phases: active.phases },
      }),
    },
    {
      name: 'race out of reach',
      view: unreachableView({
        kind: 'unreachable',
        plan: paused,
        why: 'after 21 days off the plan restarts with a base block, and a marathon plan needs at least 10 weeks; 6 are left before the race',
        change,
      }),
    },
  ];
}

export function sampleViews(): readonly SampleView[] {
  const preview = planFixture();
  const previewKm = planFixture({ units: 'km' });
  const active = planFixture({ status: 'active' });
  const activeKm = planFixture({ status: 'active', units: 'km' });
  return [
    { name: 'preview', view: previewView(preview) },
    { name: 'preview in km', view: previewView(previewKm) },
    { name: 'preview confirmed', view: previewView(preview, 'Confirmed: week 1 is on its way') },
    { name: 'preview asking to choose', view: previewView(planFixture({ goal: '3:05:00' })) },
    { name: 'preview with the goal kept', view: previewView(planFixture({ goal: '3:05:00', units: 'km' }), undefined, { goalKept: true }) },
    { name: 'week of repeats', view: weekView(repeatsAndRacePlan(), 1) },
    { name: 'week of repeats in km', view: weekView(repeatsAndRacePlan('km'), 2) },
    { name: 'race week', view: weekView(repeatsAndRacePlan(), 3) },
    { name: 'status through race week', view: statusView(repeatsAndRacePlan(), 3) },
    { name: 'week 1 marked and logged', view: weekView(active, 1) },
    { name: 'week 2 with a note', view: weekView(active, 2, { note: 'Week 2 is ready. Nice work last week.', replacesSource: true }) },
    { name: 'week 1 in km', view: weekView(activeKm, 1) },
    { name: 'week not ready', view: weekView(active, 9) },
    { name: 'status', view: statusView(active, 2) },
    { name: 'status without a plan', view: statusView(undefined, undefined) },
    ...midPlanViews(active),
    { name: 'help', view: COMMANDS.helpView('I did not understand "/plan fly".') },
    { name: 'ephemeral text', view: textView('That plan belongs to someone else.', { ephemeral: true }) },
    { name: 'draft form', view: draftForm() },
    {
      name: 'draft form with values and errors',
      view: draftForm(
        {
          raceName: 'Berlin Marathon',
          distance: 'marathon',
          raceDate: '2026-01-01',
          goal: 'fast',
          fiveK: '22:30',
          mileage: '30',
          days: '2,4,6',
        },
        { raceDate: 'the race (2026-01-01) must be after the start date (2026-11-25)', goal: '"fast" is not a time: use H:MM:SS or MM:SS' },
      ),
    },
    {
      name: 'log form',
      view: logForm(SAMPLE_PLAN_ID, 1, { completedDays: '4', miles: 'lots' }, { miles: 'use a number of miles, 0–300' }),
    },
    {
      name: 'settings form',
      view: settingsForm(
        SAMPLE_PLAN_ID,
        { units: 'km', delivery: 'dm', timezone: 'Mars/Olympus' },
        { timezone: '"Mars/Olympus" is not a time zone' },
      ),
    },
    { name: 'file', view: sampleFile() },
    { name: 'every block type', view: everyBlockView() },
  ];
}
