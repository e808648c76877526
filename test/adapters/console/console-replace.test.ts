/** A console transcript against the real core: `/plan new …` while a plan is active asks before replacing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../../support/plan-service.js';
import { transcriptOn } from '../../support/console-transcript.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

const SHORTCUT = '/plan new distance=half race-date=2027-03-21 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

const transcript = (actor: IntentActor, lines: readonly string[]): Promise<string> => transcriptOn(s, actor, lines);

describe('console: one active plan at a time', () => {
  it('asks before replacing; Keep keeps; Replace + confirm leaves one active plan, shown by status', async () => {
    const actor: IntentActor = { identity: 'console:local:replacer', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
    const old = await s.plans.confirmPlan(
      actor.identity,
      (await s.plans.createPreview({ owner: actor.identity, fields: MARATHON_FIELDS })).id,
    );

    const kept = await transcript(actor, [SHORTCUT, 'keep', '/plan status']);
    expect(kept).toContain('You already have an active plan: Boston Marathon on 18 Apr 2027. Replace it?');
    expect(kept).toMatch(/\[1\] Replace/);
    expect(kept).toMatch(/\[2\] Keep/);
    expect(kept).toContain('Kept Boston Marathon on 18 Apr 2027; nothing changed.');
    expect(kept).toContain('Plan status · Boston Marathon');

    const replaced = await transcript(actor, [SHORTCUT, '1', 'confirm', '/plan status']);
    expect(replaced).toContain('Replace it?');
    expect(replaced).toContain('Your previous plan is cancelled.');
    expect(replaced).toContain('Plan status · Rome Half');
    const active = await s.plans.listPlans({ owner: actor.identity, statuses: ['active'] });
    expect(active).toHaveLength(1);
    expect(active[0]?.inputs?.raceName).toBe('Rome Half');
    expect((await s.plans.getPlan(actor.identity, old.id)).status).toBe('cancelled');
  });
});
