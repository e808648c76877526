/**
 * `/plan share` in the console, against the real core: it prints the link under PUBLIC_BASE_URL,
 * says when a new link replaced the old one, and `/plan share off` turns it off. Where
 * PUBLIC_BASE_URL is unset it says in one sentence that the operator must set it, and makes no link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { createPlanUseCases } from '../../../src/plans/plan-use-cases.js';
import { transcriptOn } from '../../support/console-transcript.js';
import { SHARE_BASE_URL, startTestService, type TestService } from '../../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

const SHORTCUT =
  '/plan new distance=half race-date=2027-03-21 start=2026-11-30 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

describe('console: /plan share', () => {
  it('prints a link, replaces it when asked again, and turns it off', async () => {
    const actor: IntentActor = { identity: 'console:local:share', timezone: 'UTC', origin: { kind: 'dm' } };
    const preview: IntentActor = { identity: 'console:local:preview', timezone: 'UTC', origin: { kind: 'dm' } };
    const before = await transcriptOn(s, preview, [SHORTCUT, '/plan share']);
    // A preview is not shared: only a confirmed plan.
    expect(before).toContain('Your plan is preview. Confirm or regenerate the preview first.');
    expect(before).not.toContain('/p/');
    await transcriptOn(s, actor, [SHORTCUT, 'confirm']);
    const shared = await transcriptOn(s, actor, ['/plan share', '/plan share', '/plan share off', '/plan share off']);
    // Each answer names its page, and beside it the page's calendar (.ics) and watch workouts (/fit).
    const links = [...new Set([...shared.matchAll(new RegExp(`${SHARE_BASE_URL}/p/([A-Za-z0-9_-]{43})`, 'g'))].map((m) => m[1]))];
    expect(links).toHaveLength(2);
    expect(shared).toContain(`webcal://${SHARE_BASE_URL.replace(/^https?:\/\//, '')}/p/${links[0]}.ics`);
    expect(shared).toContain(`${SHARE_BASE_URL}/p/${links[1]}/fit`);
    expect(links[0]).not.toBe(links[1]);
    expect(shared).toContain('Anyone with this link can see your plan (read-only)');
    expect(shared).toContain('It replaces your earlier link, which no longer works.');
    expect(shared).toContain('Sharing is off: the link to your plan no longer works.');
    expect(shared).toContain('Your plan has no share link to turn off.');
  });

  it('says the operator must set PUBLIC_BASE_URL where it is unset, and makes no link', async () => {
    const actor: IntentActor = { identity: 'console:local:unset', timezone: 'UTC', origin: { kind: 'dm' } };
    await transcriptOn(s, actor, [SHORTCUT, 'confirm']);
    const unset = createPlanUseCases({
      store: s.store,
      engine: createRulesEngine(),
      clock: s.clock,
      sharing: { store: s.shareLinks, baseUrl: undefined },
    });
    const answer = await transcriptOn({ plans: unset, clock: s.clock }, actor, ['/plan share']);
    expect(answer).toContain('Sharing is not set up on this server: its operator must set PUBLIC_BASE_URL first.');
    expect(answer).not.toContain('/p/');
  });
});
