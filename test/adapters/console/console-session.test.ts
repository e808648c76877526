import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { formAnswerValue, runConsoleSession } from '../../../src/adapters/console/index.js';
import {
  DAY_DONE_ACTION,
  DRAFT_FORM_ID,
  LOG_FORM_ID,
  SETTINGS_FORM_ID,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_REGENERATE_ACTION,
  WEEK_LOG_ACTION,
} from '../../../src/conversation/action-ids.js';
import { DRAFT_FIELDS, draftFields, draftForm } from '../../../src/conversation/forms/draft-fields.js';
import { logForm } from '../../../src/conversation/forms/log-form.js';
import { settingsForm } from '../../../src/conversation/forms/settings-form.js';
import type { ButtonIntent, CommandIntent, FormIntent, Intent, IntentActor } from '../../../src/conversation/intents.js';
import { previewView, textView, weekView } from '../../../src/conversation/plan-views.js';
import type { FormField, View } from '../../../src/conversation/views.js';
import { planFixture, sampleFile, SAMPLE_PLAN_ID } from '../../contract/sample-views.js';

const actor: IntentActor = { identity: 'console:local:runner', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
/** A fixed clock: each answer is checked against this day (2026-11-25 in Berlin). */
const CLOCK = { now: () => new Date('2026-11-25T12:00:00Z') };

type Responder = (intent: Intent, index: number) => View[] | Promise<View[]>;

/** Runs a session over a script of lines with a fake core; returns what the core saw and printed. */
async function session(lines: readonly string[], respond: Responder, options: { interactive?: boolean; end?: boolean } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const intents: Intent[] = [];
  const saved: Array<{ filename: string; content: string | Uint8Array }> = [];
  const text = lines.map((l) => `${l}\n`).join('');
  if (options.end === false) input.write(text);
  else input.end(text);
  const run = runConsoleSession({
    handle: async (intent) => {
      intents.push(intent);
      return respond(intent, intents.length - 1);
    },
    actor,
    clock: CLOCK,
    input,
    output,
    interactive: options.interactive ?? false,
    saveFile: async (filename, content) => {
      saved.push({ filename, content });
      return `/tmp/gofast/${filename}`;
    },
    greeting: 'GoFast Coach in your terminal. /plan help lists the commands.',
  });
  await run;
  await new Promise((resolve) => setImmediate(resolve));
  return { intents, saved, printed };
}

const ok: Responder = () => [textView('ok')];

function commands(intents: readonly Intent[]): CommandIntent[] {
  return intents.filter((i): i is CommandIntent => i.kind === 'command');
}
function presses(intents: readonly Intent[]): ButtonIntent[] {
  return intents.filter((i): i is ButtonIntent => i.kind === 'button');
}
function forms(intents: readonly Intent[]): FormIntent[] {
  return intents.filter((i): i is FormIntent => i.kind === 'form');
}
function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('runConsoleSession', () => {
  it('turns command lines into command intents for the actor', async () => {
    const { intents, printed } = await session(
      ['/plan status', 'plan week 3', '', '/plan new distance=marathon race="Berlin 2027"', 'status', 'what now?'],
      ok,
    );
    const cmds = commands(intents);
    expect(intents).toHaveLength(5);
    expect(cmds.every((c) => c.actor === actor)).toBe(true);
    expect(cmds.map((c) => c.command.name)).toEqual(['status', 'week', 'new', 'status', 'unknown']);
    expect(cmds[1]?.command.positional).toEqual(['3']);
    expect(cmds[2]?.command.args).toEqual({ distance: 'marathon', race: 'Berlin 2027' });
    expect(cmds[4]?.command.raw).toBe('what now?');
    expect(printed.startsWith('GoFast Coach in your terminal.')).toBe(true);
    expect(count(printed, 'ok\n')).toBe(5);
  });

  it('presses buttons by number or by label, case-insensitively', async () => {
    const plan = planFixture();
    const { intents, printed } = await session(['/plan status', '1', 'regenerate', 'CANCEL'], (intent) =>
      intent.kind === 'command' ? [previewView(plan)] : [textView(`pressed ${intent.kind === 'button' ? intent.actionId : ''}`)],
    );
    expect(printed).toContain('[1] Confirm  [2] Regenerate  [3] Cancel  [4] Edit');
    const pressed = presses(intents);
    expect(pressed.map((p) => p.actionId)).toEqual([PLAN_CONFIRM_ACTION, PLAN_REGENERATE_ACTION, PLAN_CANCEL_ACTION]);
    for (const p of pressed) expect(p).toMatchObject({ kind: 'button', actor, planId: SAMPLE_PLAN_ID, value: null });
  });

  it('numbers day buttons, asks for a number when a label is ambiguous, and rejects unknown numbers', async () => {
    const active = planFixture({ status: 'active' });
    const { intents, printed } = await session(['/plan week', 'done', '3', 'Skipped', 'log week 1', '42'], (intent) =>
      intent.kind === 'command' ? [weekView(active, 1)] : [textView('noted')],
    );
    const pressed = presses(intents);
    expect(pressed).toHaveLength(2);
    // [1] Done [2] Skipped are Tuesday's, [3] Done [4] Skipped Wednesday's.
    expect(pressed[0]).toMatchObject({ actionId: DAY_DONE_ACTION, planId: SAMPLE_PLAN_ID, value: '1:3' });
    expect(pressed[1]).toMatchObject({ actionId: WEEK_LOG_ACTION, planId: SAMPLE_PLAN_ID, value: '1' });
    expect(printed).toContain('Several buttons say "Done": [1], [3], [5], [7], [9]. Type the number of the one you mean.');
    expect(printed).toContain('Several buttons say "Skipped"');
    // Eleven day buttons and Log, then Move a run (issue 18).
    expect(printed).toContain('There is no button 42; choose 1–12.');
    expect(commands(intents)).toHaveLength(1);
  });

  it('forgets the buttons of a message that was replaced', async () => {
    const plan = planFixture();
    const { intents, printed } = await session(['/plan', '1', '2', 'confirm'], (intent) =>
      intent.kind === 'command' ? [previewView(plan)] : [previewView(plan, 'Confirmed by you')],
    );
    expect(presses(intents).map((p) => p.actionId)).toEqual([PLAN_CONFIRM_ACTION]);
    expect(printed).toContain('→ Confirmed by you');
    expect(printed).toContain('There are no buttons to press right now.');
    // `confirm` is no button any more, so it goes to the core as a command.
    expect(commands(intents).at(-1)?.command).toMatchObject({ name: 'unknown', raw: 'confirm' });
  });

  it('fills a form field by field, then re-asks only the fields in error and keeps the others', async () => {
    // Units first; then every field in its order, each accepted by the form's own check.
    const answers = ['km', 'Berlin Marathon', '4', '2027-04-18', '3:30:00', '22:30', '50', '20', '2, 3,4 ,6,7', 'Saturday', '', '1'];
    const fixes = ['2027-05-02', '21:45'];
    // Errors only the core knows (the fake's): the console asks those two again.
    const errors = { raceDate: 'the race must be at least 16 weeks away', fiveK: '"22:30" is out of range' };
    let submissions = 0;
    const { intents, printed } = await session(['/plan', ...answers, ...fixes, '/plan status'], (intent) => {
      if (intent.kind === 'command' && intent.command.name === 'new') return [draftForm()];
      if (intent.kind !== 'form') return [textView('status')];
      submissions += 1;
      return submissions === 1 ? [draftForm({ ...intent.values }, errors)] : [textView('Preview on its way')];
    });
    const sent = forms(intents);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({
      kind: 'form',
      actor,
      formId: DRAFT_FORM_ID,
      planId: null,
      values: {
        units: 'km',
        raceName: 'Berlin Marathon',
        distance: 'marathon',
        raceDate: '2027-04-18',
        goal: '3:30:00',
        fiveK: '22:30',
        mileage: '50',
        recentLong: '20',
        days: '2,3,4,6,7',
        longDay: '6',
        delivery: 'dm',
      },
    });
    expect(sent[1]?.values).toEqual({ ...sent[0]?.values, raceDate: '2027-05-02', fiveK: '21:45' });
    // Every field asked once (in km once the units are answered), then only the two in error.
    for (const field of draftFields('km')) {
      const again = field.id === 'raceDate' || field.id === 'fiveK';
      expect(count(printed, `\n${field.label}`), field.id).toBeGreaterThanOrEqual(again ? 2 : 1);
    }
    expect(count(printed, '\nRace name')).toBe(1);
    expect(count(printed, '\nGoal time')).toBe(1);
    expect(printed).toContain('! Race date: the race must be at least 16 weeks away');
    expect(printed).toContain('! Current 5K: "22:30" is out of range');
    expect(printed).toContain('Race date (required; or 21 Feb 2027; e.g. YYYY-MM-DD) [2027-04-18]: 2027-05-02');
    expect(printed).toContain('Distance: 4\n');
    expect(printed).toContain('  1. 5K  2. 10K  3. Half marathon (half)  4. Marathon');
    expect(printed).toContain('Preview on its way');
    expect(commands(intents).at(-1)?.command.name).toBe('status');
  });

  it('checks each answer at its prompt and asks that field again at once, showing no error of fields not reached', async () => {
    const lines = ['/plan', '', 'Rome Half', 'half', '2027-03-21', 'fast', '1:45:00', 'slow', '23:00', '', '', '', '', '', ''];
    const { intents, printed } = await session(lines, (intent) =>
      intent.kind === 'command' ? [draftForm({ units: 'mi', delivery: 'dm' })] : [textView('sent')],
    );
    // The wrong goal is named right after it, and the goal is asked again before the 5K.
    expect(printed).toContain(
      'Goal time (required; H:MM:SS or MM:SS, or 1h50, 48 min; e.g. 3:45:00): fast\n! Goal time: "fast" is not a time',
    );
    expect(printed).toContain('\nGoal time (required; H:MM:SS or MM:SS, or 1h50, 48 min; e.g. 3:45:00) [fast]: 1:45:00\nCurrent 5K');
    expect(printed).toContain('! Current 5K: "slow" is out of range');
    // Miles per week is required and still empty when the goal is checked: no word about it until it is asked.
    expect(printed.indexOf('! Miles per week now')).toBeGreaterThan(printed.indexOf('Miles per week now (required'));
    expect(printed).toMatch(/Miles per week now \(required[^\n]*: \n! Miles per week now: missing/);
    expect(forms(intents)).toHaveLength(0);
  });

  it('re-labels the prompts after the units: kilometres per week, the longest run in km', async () => {
    const lines = ['/plan', 'km', '', '10k', '2027-03-21', '48 min', '22:30', '32', '', '', '', '', ''];
    const { intents, printed } = await session(lines, (intent) =>
      intent.kind === 'command' ? [draftForm({ units: 'mi', delivery: 'dm' })] : [textView('sent')],
    );
    expect(printed).toContain('Kilometres per week now (required; 8–240 km; e.g. 40): 32');
    expect(printed).toContain('Longest run in the last 4 weeks (km) (1.6–48 km; default 30% of your week; e.g. 16): ');
    expect(printed).toContain('or a pace per km under 12:00');
    expect(printed).not.toContain('Miles per week now');
    expect(forms(intents)[0]?.values).toMatchObject({ units: 'km', distance: '10k', mileage: '32' });
  });

  it('keeps a pre-filled value on an empty answer and empties it with -', async () => {
    // Eight fields: the long-run day (issue 18) is the last.
    const { intents, printed } = await session(['/plan settings', '', '-', 'Europe/Paris', '', '', '', '', ''], (intent) =>
      intent.kind === 'command' ? [settingsForm(SAMPLE_PLAN_ID, { units: 'mi', delivery: 'dm', postingHour: '18' })] : [textView('Saved')],
    );
    const [sent] = forms(intents);
    expect(sent).toMatchObject({ formId: SETTINGS_FORM_ID, planId: SAMPLE_PLAN_ID });
    expect(sent?.values).toEqual({ units: 'mi', timezone: 'Europe/Paris', postingHour: '18' });
    expect(printed).toContain('Units [mi]: \n');
    expect(printed).toContain('Send my weeks to [dm]: -\n');
    expect(printed).toContain('Saved');
  });

  it('asks a pre-filled log only what is missing, showing the week and the marked days as kept', async () => {
    const { intents, printed } = await session(['/plan log', '20.5', '', 'felt good'], (intent) =>
      intent.kind === 'command' ? [logForm(SAMPLE_PLAN_ID, 2, { completedDays: '4' })] : [textView('Logged week 2')],
    );
    const [sent] = forms(intents);
    expect(sent).toMatchObject({ formId: LOG_FORM_ID, planId: SAMPLE_PLAN_ID });
    expect(sent?.values).toEqual({ week: '2', completedDays: '4', miles: '20.5', notes: 'felt good' });
    expect(printed).toContain('Week: 2 (kept)\nRun days completed: 4 (kept)\n');
    // The first prompt is the distance: a number typed there is never taken for the week.
    expect(printed).not.toMatch(/^Week \(required/m);
    expect(printed).toContain('Miles run (required; e.g. 22.5): 20.5\n');
    expect(printed).toContain('Logged week 2');
  });

  it('checks a log answer at once: a wrong distance is asked again before the pace', async () => {
    const { intents, printed } = await session(['/plan log', '3', 'lots', '24', '', ''], (intent) =>
      intent.kind === 'command' ? [logForm(SAMPLE_PLAN_ID, 2, {}, {}, 'km')] : [textView('Logged')],
    );
    expect(printed).toContain('Kilometres run (required; e.g. 36): lots\n! Kilometres run: use a number of kilometres, 0–480\n');
    expect(forms(intents)[0]?.values).toEqual({ week: '2', completedDays: '3', miles: '24' });
  });

  it('closes a form on /cancel without sending it, and stops when the input ends mid-form', async () => {
    const cancelled = await session(['/plan', 'Berlin', '/cancel', '/plan help'], (intent) =>
      intent.kind === 'command' && intent.command.name === 'new' ? [draftForm()] : [textView('help')],
    );
    expect(forms(cancelled.intents)).toHaveLength(0);
    expect(cancelled.printed).toContain('New training plan: closed, nothing was sent.');
    expect(commands(cancelled.intents).map((c) => c.command.name)).toEqual(['new', 'help']);

    const ended = await session(['/plan', 'Berlin', '4'], () => [draftForm()]);
    expect(forms(ended.intents)).toHaveLength(0);
    expect(ended.intents).toHaveLength(1);
  });

  it('saves a file view and says where', async () => {
    const file = sampleFile();
    const { saved, printed } = await session(['/plan export'], () => [textView('Here is your plan'), file]);
    expect(saved).toEqual([{ filename: file.filename, content: file.content }]);
    expect(printed).toContain(`Saved ${file.caption} to /tmp/gofast/${file.filename}`);
  });

  it('saves a binary file view as its bytes', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    const zip = {
      ...sampleFile(),
      filename: 'week.zip',
      mimeType: 'application/zip',
      content: bytes.toString('base64'),
      encoding: 'base64' as const,
    };
    const { saved } = await session(['/plan export fit'], () => [zip]);
    expect(saved).toEqual([{ filename: 'week.zip', content: bytes }]);
  });

  it('resolves at the end of the input, and on /quit or exit without reading further', async () => {
    expect((await session([], ok)).intents).toEqual([]);
    expect((await session(['/plan status', '/quit', '/plan help'], ok)).intents).toHaveLength(1);
    expect((await session(['exit', '/plan help'], ok, { end: false })).intents).toHaveLength(0);
  });

  it('keeps going when the core throws', async () => {
    const { intents, printed } = await session(['/plan status', '/plan help'], (_intent, i) => {
      if (i === 0) throw new Error('database unreachable');
      return [textView('help text')];
    });
    expect(intents).toHaveLength(2);
    expect(printed).toContain('Something went wrong: database unreachable.');
    expect(printed).toContain('help text');
  });

  it('prints a > prompt only when interactive', async () => {
    const piped = await session(['/plan status'], ok);
    expect(piped.printed).not.toContain('> ');
    const interactive = await session(['/plan status'], ok, { interactive: true });
    expect(interactive.printed).toContain('> /plan status\n');
  });

  it('maps choice answers to option values', () => {
    const [distance, days, units] = ['distance', 'days', 'units'].map((id) => DRAFT_FIELDS.find((f) => f.id === id)) as FormField[];
    if (!distance || !days || !units) throw new Error('draft fields changed');
    expect(formAnswerValue(distance, '3')).toBe('half');
    expect(formAnswerValue(distance, 'Half marathon')).toBe('half');
    expect(formAnswerValue(distance, '13.1')).toBe('13.1');
    expect(formAnswerValue(days, 'tuesday, 4 7')).toBe('2,4,7');
    expect(formAnswerValue(units, 'KILOMETRES')).toBe('km');
    expect(formAnswerValue(units, 'yards')).toBe('yards');
  });
});

describe('stopping the session', () => {
  it('ends after the line in flight when the stop signal fires, with the input still open', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const stop = new AbortController();
    const seen: Intent[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const run = runConsoleSession({
      handle: async (intent) => {
        seen.push(intent);
        await slow;
        return [textView('done')];
      },
      actor,
      clock: CLOCK,
      input,
      output,
      interactive: false,
      saveFile: async (filename) => filename,
      stop: stop.signal,
    });
    input.write('/plan status\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    input.write('/plan help\n');
    release();
    await run;
    expect(seen.map((i) => (i.kind === 'command' ? i.command.name : i.kind))).toEqual(['status']);
  });

  it('does not start when already stopped', async () => {
    const input = new PassThrough();
    const stop = new AbortController();
    stop.abort();
    const seen: Intent[] = [];
    input.write('/plan status\n');
    await runConsoleSession({
      handle: async (intent) => (seen.push(intent), []),
      actor,
      clock: CLOCK,
      input,
      output: new PassThrough(),
      interactive: false,
      saveFile: async (filename) => filename,
      stop: stop.signal,
    });
    expect(seen).toEqual([]);
  });
});
