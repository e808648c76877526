/**
 * A console transcript against the real core: a plan paused for illness shows the pause in its
 * status, and resuming ten days later re-plans the week with a gentle return, shown with the week.
 * The commands come from the registry, so Slack and Discord get the same answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { transcriptOn } from '../../support/console-transcript.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

const SHORTCUT =
  '/plan new distance=half race-date=2027-03-21 start=2026-11-30 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

const transcript = (actor: IntentActor, lines: readonly string[]): Promise<string> => transcriptOn(s, actor, lines);

describe('console: pause and resume', () => {
  it('pauses for illness, shows it in status, refuses a second pause, and resumes gently', async () => {
    const actor: IntentActor = { identity: 'console:local:pause', timezone: 'UTC', origin: { kind: 'dm' } };
    await transcript(actor, [SHORTCUT, 'confirm']);
    s.clock.set('2026-12-16T09:00:00Z');
    const paused = await transcript(actor, ['/plan pause reason=sick', '/plan status', '/plan pause']);
    expect(paused).toContain('Your plan is paused: no weekly posts or reminders. Bring it back with /plan resume.');
    expect(paused).toContain('Paused since 16 Dec (sick) — /plan resume');
    expect(paused).toContain('Your plan is already paused since 16 Dec; /plan resume brings it back');

    s.clock.set('2026-12-26T09:00:00Z');
    const resumed = await transcript(actor, ['/plan resume', '/plan status', '/plan resume']);
    expect(resumed).toContain('Welcome back after 10 days off (sick).');
    expect(resumed).toContain('Week 4 at about 60%, week 5 at about 75% of your training before the break');
    expect(resumed).toContain('Easy running only the first week back.');
    expect(resumed).toContain('Week 4 of 16 · Rome Half');
    expect(resumed).toContain('Next week arrives: 27 Dec 2026, 18:00 UTC');
    expect(resumed).not.toContain('Paused since');
    expect(resumed).toContain('Your plan is not paused; /plan pause stops it for a while');
  });

  it('shows a race change old beside new, changes nothing on Cancel, and re-plans on Confirm', async () => {
    const actor: IntentActor = { identity: 'console:local:race', timezone: 'UTC', origin: { kind: 'dm' } };
    s.clock.set('2026-11-25T12:00:00Z');
    await transcript(actor, [SHORTCUT, 'confirm']);
    s.clock.set('2026-12-02T09:00:00Z');
    const cancelled = await transcript(actor, ['/plan race date=2027-04-04', 'cancel', '/plan race date=2026-12-01']);
    expect(cancelled).toContain('Change the race?');
    expect(cancelled).toContain('Phases now: base 4 · build 6 · peak 4 · taper 2');
    expect(cancelled).toContain('Phases new: base 5 · build 7 · peak 4 · taper 2');
    expect(cancelled).toContain('Week 1 and its log stay as they are; the weeks after are re-planned.');
    expect(cancelled).toContain('Cancelled: nothing changed.');
    expect(cancelled).toContain('2026-12-01 is not after today (2026-12-02); the race must be ahead of you');
    const [before] = await s.plans.listPlans({ owner: actor.identity, statuses: ['active'] });
    expect(before?.inputs?.raceDate).toBe('2027-03-21');

    const confirmed = await transcript(actor, ['/plan race date=2027-04-04', 'confirm', '/plan status']);
    expect(confirmed).toContain('Confirmed. Your plan now leads to Rome Half: half on 4 Apr 2027; 18 weeks in all.');
    expect(confirmed).toContain('Weeks made:        1 of 18');
  });
});
