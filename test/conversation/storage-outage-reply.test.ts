/**
 * The conversation core while the database cannot be reached: the athlete is told to come back in
 * a minute (not shown the generic apology with a ref), and the same intent works once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/conversation/command-parser.js';
import { createConversation, STORAGE_UNAVAILABLE_REPLY, type Conversation } from '../../src/conversation/conversation.js';
import type { Intent, IntentActor } from '../../src/conversation/intents.js';
import { textView } from '../../src/conversation/plan-views.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../src/log.js';
import { createPlanUseCases } from '../../src/plans/plan-use-cases.js';
import { FaultInjectingPlanStore } from '../support/fault-injecting-plan-store.js';
import { startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let store: FaultInjectingPlanStore;
let core: Conversation;
const lines: string[] = [];

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  store = new FaultInjectingPlanStore(s.store);
  const logger = createLogger('warn', { write: (line: string) => lines.push(line) });
  core = createConversation({ plans: createPlanUseCases({ store, engine: createRulesEngine(), clock: s.clock }), logger, clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

const ANA: IntentActor = { identity: 'slack:T1:OUTAGE', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
const status: Intent = { kind: 'command', actor: ANA, command: parseCommandText('status') };

describe('a chat intent while the database cannot be reached', () => {
  it('answers "catching its breath", then the same intent works once the database is back', async () => {
    const normal = await core.handle(status);
    const callsBefore = store.injected;
    // Every read of this intent fails, as when the database is down.
    store.failNext('list', 10, 'database-down');
    const views = await core.handle(status);
    expect(store.injected).toBeGreaterThan(callsBefore);
    expect(views).toEqual([textView(STORAGE_UNAVAILABLE_REPLY, { ephemeral: true })]);
    expect(STORAGE_UNAVAILABLE_REPLY).toBe('The coach is catching its breath — try again in a minute.');
    expect(lines.some((line) => line.includes('the database cannot be reached'))).toBe(true);
    expect(lines.some((line) => line.includes('"intent failed"'))).toBe(false);

    // The database is back: the same answer as before the outage.
    while (store.pendingFaults > 0) await store.list({ owner: ANA.identity }).catch(() => undefined);
    expect(await core.handle(status)).toEqual(normal);
  });
});
