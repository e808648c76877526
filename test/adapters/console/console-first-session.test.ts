/**
 * A new athlete's first console session against the real core (piped, as a script or a newcomer
 * would type it): a wrong goal is named at its prompt; `/plan help` at a prompt leaves the form,
 * keeping the draft, and shows help; `/plan new` offers the draft back, and the forgiving answers
 * finish it into a preview; a second form left by `/plan new …` at the goal prompt runs that
 * shortcut; and `/plan new` with an active plan asks before replacing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { IntentActor } from '../../../src/conversation/intents.js';
import { startTestService, type TestService } from '../../support/plan-service.js';
import { transcriptOn } from '../../support/console-transcript.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

const actor: IntentActor = { identity: 'console:local:first', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };

const SHORTCUT = '/plan new distance=half race-date=2027-03-21 goal=1:45:00 five-k=23:00 mileage=20 days=tue,thu,sat,sun race="Rome Half"';

const GOAL_PROMPT = 'Goal time (required; H:MM:SS or MM:SS, or 1h50, 48 min; e.g. 3:45:00)';

const transcript = (lines: readonly string[]): Promise<string> => transcriptOn(s, actor, lines);

/** The part of `text` from `from` up to (not including) `to`. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  expect(start, `"${from}" in the transcript`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(to, start + from.length);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('console: a first session that never goes wrong', () => {
  it('checks at each prompt, leaves a form for a /command, keeps and continues the draft, and asks before replacing', async () => {
    const printed = await transcript([
      // A form: units kept (miles), a race in forgiving words, then a goal that is no time.
      '/plan',
      '',
      'Valentine 10K',
      '10 km',
      '21 Feb 2027',
      'fast',
      // /plan help at the goal prompt: the draft is kept, and help is shown.
      '/plan help',
      // /plan new offers the draft back; Continue asks from the goal on.
      '/plan new',
      'continue',
      '48 min',
      '22:30',
      '20',
      '',
      'tue, thu, sat',
      '',
      '',
      '',
      // A second form, left at the goal prompt by the one-line shortcut, which runs.
      '/plan new',
      '',
      'Rome Half',
      'half',
      '2027-03-21',
      'quick',
      SHORTCUT,
      'confirm',
      // /plan new with a plan active: asked first; Keep keeps it.
      '/plan new',
      'keep',
      '/plan status',
    ]);

    // The wrong goal is named at once, and the goal is asked again.
    expect(printed).toContain(`${GOAL_PROMPT}: fast\n! Goal time: "fast" is not a time`);
    expect(printed).toContain(`${GOAL_PROMPT} [fast]: /plan help\n`);
    // No word about the fields not reached yet.
    expect(between(printed, 'Valentine 10K', '/plan help')).not.toContain('! Current 5K');

    // /plan help at a prompt: the draft is kept, and the help follows.
    const help = between(printed, '[fast]: /plan help', 'You have a draft plan');
    expect(help).toContain('Kept your draft — /plan new offers to continue it.');
    expect(help).toContain('/plan status');
    expect(help).not.toContain('Goal time');

    // /plan new offers the kept draft; Continue asks from the goal it holds on, in the form's order.
    expect(printed).toContain('You have a draft plan (Valentine 10K). Continue it, or start afresh?');
    expect(printed).toMatch(/\[1\] Continue {2}\[2\] Start afresh/);
    const continued = between(printed, 'Start afresh', 'Your plan: Valentine 10K');
    expect(continued).not.toContain('Race name');
    expect(continued).toContain(`! Goal time: "fast" is not a time`);
    expect(continued).toContain(`${GOAL_PROMPT} [fast]: 48 min\nCurrent 5K`);
    expect(continued).toContain('Days you can run: tue, thu, sat\n');
    // The forgiving answers are accepted: no error after the goal's, and a preview.
    expect(between(continued, '48 min', '(Preview plan)')).not.toMatch(/^! /m);
    expect(printed).toContain('Your plan: Valentine 10K');

    // The second form: the wrong goal, then the shortcut typed at the goal prompt runs.
    expect(printed).toContain(`${GOAL_PROMPT}: quick\n! Goal time: "quick" is not a time`);
    expect(printed).toContain(`${GOAL_PROMPT} [quick]: ${SHORTCUT}\n`);
    expect(between(printed, `[quick]: ${SHORTCUT}`, 'Your plan: Rome Half')).toContain('Kept your draft');
    expect(printed).toContain('Your plan: Rome Half');
    expect(printed).toContain('Confirmed. Week 1 starts');

    // /plan new with Rome Half active: Replace / Keep, and Keep changes nothing.
    expect(printed).toContain('You already have an active plan: Rome Half on 21 Mar 2027. Replace it?');
    expect(printed).toMatch(/\[1\] Replace {2}\[2\] Keep/);
    expect(printed).toContain('Kept Rome Half on 21 Mar 2027; nothing changed.');
    expect(printed).toContain('Plan status · Rome Half');

    const plans = await s.plans.listPlans({ owner: actor.identity });
    const byStatus = (status: string) => plans.filter((p) => p.status === status).map((p) => p.draft.raceName ?? p.inputs?.raceName);
    expect(byStatus('active')).toEqual(['Rome Half']);
    expect(byStatus('preview')).toEqual(['Valentine 10K']);
    // The second form's draft, kept when the shortcut left it.
    expect(byStatus('draft')).toEqual(['Rome Half']);
    const valentine = plans.find((p) => p.status === 'preview');
    expect(valentine?.inputs).toMatchObject({ distance: '10k', raceDate: '2027-02-21', goalTimeSeconds: 2880, preferredDays: [2, 4, 6] });
  });
});
