/**
 * The console form, driven against the real conversation core, accepts what a runner types:
 * "tue, thu, sat", "10 km", "48 min" and "21 Feb 2027" make a preview without any error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createConversation, type Conversation } from '../../../src/conversation/conversation.js';
import { DRAFT_FIELDS } from '../../../src/conversation/forms/draft-fields.js';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { createLogger } from '../../../src/log.js';
import { consoleTranscript } from '../../support/console-transcript.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

let s: TestService;
let core: Conversation;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  core = createConversation({ plans: s.plans, logger: createLogger('error', { write: () => undefined }), clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

const actor: IntentActor = { identity: 'console:local:forgiving', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };

const ANSWERS: Readonly<Record<string, string>> = {
  raceName: 'Valentine 10K',
  distance: '10 km',
  raceDate: '21 Feb 2027',
  goal: '48 min',
  fiveK: '22:30',
  mileage: '20',
  days: 'tue, thu, sat',
};

describe('the console form with forgiving input', () => {
  it('accepts "tue, thu, sat", "10 km", "48 min" and "21 Feb 2027" and shows the preview', async () => {
    // One answer per field, in the form's own order; an empty line keeps a field's default.
    const lines = ['/plan', ...DRAFT_FIELDS.map((f) => ANSWERS[f.id] ?? ''), '/quit'];
    const printed = await consoleTranscript({ handle: (intent) => core.handle(intent), actor, clock: s.clock, lines });
    expect(printed).not.toMatch(/^ *! /m);
    expect(printed).toContain('Your plan: Valentine 10K');
    const [plan] = await s.plans.listPlans({ owner: actor.identity });
    expect(plan?.inputs).toMatchObject({ distance: '10k', raceDate: '2027-02-21', goalTimeSeconds: 2880, preferredDays: [2, 4, 6] });
  });
});
