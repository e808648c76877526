/**
 * `/plan connect strava` and `/plan disconnect strava` in the console (issue 21), over the real
 * core and the Strava use cases on the real stores, Strava's API scripted: the console prints the
 * authorize link; where Strava is not set up it says so in one sentence and points to files; a
 * service other than Strava gets one sentence too.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../../src/conversation/conversation.js';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { createLogger } from '../../../src/log.js';
import { createStravaUseCases, type StravaUseCases } from '../../../src/plans/strava/strava-use-cases.js';
import { MongoStravaAuthorizationStore } from '../../../src/storage/mongo-strava-authorization-store.js';
import { MongoStravaConnectionStore } from '../../../src/storage/mongo-strava-connection-store.js';
import { MongoStravaEventInbox } from '../../../src/storage/mongo-strava-event-inbox.js';
import { createTokenCipher } from '../../../src/storage/token-cipher.js';
import { consoleTranscript, transcriptOn } from '../../support/console-transcript.js';
import { startTestService, type TestService } from '../../support/plan-service.js';
import { ScriptedStrava } from '../../support/scripted-strava.js';

const actor: IntentActor = { identity: 'console:local:strava', timezone: 'UTC', origin: { kind: 'dm' } };
let s: TestService;
let strava: StravaUseCases;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  const connections = new MongoStravaConnectionStore(s.connection, createTokenCipher(randomBytes(32)));
  const authorizations = new MongoStravaAuthorizationStore(s.connection);
  await Promise.all([connections.init(), authorizations.init()]);
  strava = createStravaUseCases({
    api: new ScriptedStrava(s.clock),
    connections,
    authorizations,
    inbox: new MongoStravaEventInbox(s.connection),
    plans: s.plans,
    notifier: { activities: async () => undefined, undone: async () => undefined, tell: async () => undefined },
    clock: s.clock,
    baseUrl: 'https://coach.example.test',
    verifyToken: 'verify-token-0123456789',
  });
});

afterAll(async () => {
  await s.close();
});

describe('console: Strava', () => {
  it('prints a private authorize link for /plan connect strava, and disconnecting with no link says so', async () => {
    const core = createConversation({ plans: s.plans, logger: createLogger('silent'), clock: s.clock, strava });
    const printed = await consoleTranscript({
      handle: (intent) => core.handle(intent),
      actor,
      clock: s.clock,
      lines: ['/plan connect strava', '/plan connect garmin', '/plan disconnect strava'],
    });
    expect(printed).toMatch(
      /Connect Strava: https:\/\/strava\.test\/oauth\/authorize\?redirect_uri=https%3A%2F%2Fcoach\.example\.test%2Fstrava%2Fcallback&state=[\w-]{32}/,
    );
    expect(printed).toContain('The link is yours alone and works once, for 15 minutes.');
    expect(printed).toContain('I can connect Strava only: /plan connect strava.');
    expect(printed).toContain('Strava is not connected; nothing to disconnect.');
  });

  it('says Strava is not set up where the operator has not configured it', async () => {
    const printed = await transcriptOn(s, actor, ['/plan connect strava']);
    expect(printed).toContain('Strava is not set up on this coach (the operator sets STRAVA_CLIENT_ID and the other Strava settings).');
    expect(printed).not.toContain('authorize');
  });
});
