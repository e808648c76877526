/**
 * The Strava use cases (issue 21) on the real stores (embedded server or MONGODB_URI) with Strava's
 * API scripted in memory: linking through the OAuth state, events stored once and worked on after
 * their group window, runs logged on the plan and told in one message, and nothing believed that
 * Strava's API does not confirm (a forged deletion or deauthorization changes nothing).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Day } from '../../../src/domain/schemas.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import type { ActivityOutcome, UndoOutcome } from '../../../src/plans/use-cases/record-activity.js';
import { StravaApiError } from '../../../src/plans/strava/strava-api.js';
import type { StravaNotifier } from '../../../src/plans/strava/strava-context.js';
import { createStravaUseCases, type StravaUseCases } from '../../../src/plans/strava/strava-use-cases.js';
import type { StravaContext } from '../../../src/plans/strava/strava-context.js';
import { refreshLink } from '../../../src/plans/strava/strava-tokens.js';
import { MongoStravaAuthorizationStore } from '../../../src/storage/mongo-strava-authorization-store.js';
import { MongoStravaConnectionStore } from '../../../src/storage/mongo-strava-connection-store.js';
import { MongoStravaEventInbox } from '../../../src/storage/mongo-strava-event-inbox.js';
import { createTokenCipher } from '../../../src/storage/token-cipher.js';
import { ATHLETE, MARATHON_FIELDS, startTestService, type TestService } from '../../support/plan-service.js';
import { ScriptedStrava, STRAVA_ATHLETE_ID } from '../../support/scripted-strava.js';

class RecordingNotifier implements StravaNotifier {
  readonly batches: ActivityOutcome[][] = [];
  readonly takenOff: UndoOutcome[] = [];
  readonly told: string[] = [];
  async activities(_identity: string, outcomes: readonly ActivityOutcome[]): Promise<void> {
    this.batches.push([...outcomes]);
  }
  async undone(_identity: string, outcome: UndoOutcome): Promise<void> {
    this.takenOff.push(outcome);
  }
  async tell(_identity: string, text: string): Promise<void> {
    this.told.push(text);
  }
}

let s: TestService;
let api: ScriptedStrava;
let notifier: RecordingNotifier;
let strava: StravaUseCases;
let context: StravaContext;
let connections: MongoStravaConnectionStore;
let eventTime = 1_790_000_000;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

beforeEach(async () => {
  for (const name of ['strava_connections', 'strava_authorizations', 'strava_events', 'plans']) {
    await s.connection.collection(name).deleteMany({});
  }
  s.clock.set('2026-11-25T12:00:00Z');
  api = new ScriptedStrava(s.clock);
  notifier = new RecordingNotifier();
  connections = new MongoStravaConnectionStore(s.connection, createTokenCipher(randomBytes(32)));
  const authorizations = new MongoStravaAuthorizationStore(s.connection);
  const inbox = new MongoStravaEventInbox(s.connection);
  await Promise.all([connections.init(), authorizations.init(), inbox.init()]);
  context = {
    api,
    connections,
    authorizations,
    inbox,
    plans: s.plans,
    notifier,
    clock: s.clock,
    baseUrl: 'https://coach.example.test',
    verifyToken: 'verify-token-0123456789',
    groupWindowMs: 3_000,
  };
  strava = createStravaUseCases(context);
});

async function activePlan(): Promise<PlanRecord> {
  const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
  return s.plans.confirmPlan(ATHLETE, preview.id);
}

function runDays(plan: PlanRecord): Day[] {
  return (plan.weeks[0]?.days ?? []).filter((d) => d.type !== 'rest' && d.type !== 'race');
}

async function connect(): Promise<void> {
  const link = await strava.connectLink(ATHLETE);
  const state = new URL(link.url).searchParams.get('state') ?? '';
  const outcome = await strava.completeConnection({ state, code: 'good-code', scope: 'read,activity:read_all' });
  expect(outcome).toMatchObject({ kind: 'connected', identity: ATHLETE, athleteName: 'Ada L.' });
}

function event(objectId: string, aspect: 'create' | 'update' | 'delete', extra: Record<string, unknown> = {}) {
  eventTime += 1;
  return {
    object_type: 'activity',
    object_id: Number(objectId),
    aspect_type: aspect,
    owner_id: Number(STRAVA_ATHLETE_ID),
    subscription_id: 4242,
    event_time: eventTime,
    updates: {},
    ...extra,
  };
}

/** Lets the group window pass and works through the inbox, as the runner does. */
async function drain(): Promise<void> {
  s.clock.set(new Date(s.clock.now().getTime() + 4_000).toISOString());
  for (;;) {
    const batch = await strava.processDueEvents('test-instance');
    if (batch.claimed === 0) return;
  }
}

async function dayStatus(planId: string, dayNumber: number): Promise<string | undefined> {
  const plan = await s.plans.getPlan(ATHLETE, planId);
  return plan.weeks[0]?.execution?.days?.find((m) => m.dayNumber === dayNumber)?.status;
}

describe('linking Strava', () => {
  it('links the identity that asked, once per link, and refuses an expired, denied or read-only consent', async () => {
    await connect();
    expect((await connections.findByIdentity(ATHLETE))?.athleteId).toBe(STRAVA_ATHLETE_ID);

    const link = await strava.connectLink(ATHLETE);
    expect(link.connectedAs).toEqual({ athleteName: 'Ada L.' });
    const state = new URL(link.url).searchParams.get('state') ?? '';
    expect(new URL(link.url).searchParams.get('redirect_uri')).toBe('https://coach.example.test/strava/callback');
    await strava.completeConnection({ state, code: 'good-code', scope: 'read,activity:read' });
    const reused = await strava.completeConnection({ state, code: 'good-code', scope: 'read,activity:read' });
    expect(reused).toMatchObject({ kind: 'refused', message: expect.stringContaining('expired or was already used') });

    const late = new URL((await strava.connectLink(ATHLETE)).url).searchParams.get('state') ?? '';
    s.clock.set('2026-11-25T12:16:00Z');
    expect(await strava.completeConnection({ state: late, code: 'good-code', scope: 'activity:read' })).toMatchObject({ kind: 'refused' });

    const denied = new URL((await strava.connectLink(ATHLETE)).url).searchParams.get('state') ?? '';
    expect(await strava.completeConnection({ state: denied, error: 'access_denied' })).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('did not authorize'),
    });
    const readOnly = new URL((await strava.connectLink(ATHLETE)).url).searchParams.get('state') ?? '';
    expect(await strava.completeConnection({ state: readOnly, code: 'good-code', scope: 'read' })).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('view your activities'),
    });
  });

  it('disconnects: revoked on Strava and the tokens deleted; when Strava cannot be reached, deleted all the same', async () => {
    await connect();
    expect(await strava.disconnect(ATHLETE)).toMatchObject({ kind: 'disconnected', revokedOnStrava: true });
    expect(api.revoked).toBe(true);
    expect(await connections.findByIdentity(ATHLETE)).toBeUndefined();
    expect(await strava.disconnect(ATHLETE)).toEqual({ kind: 'not-connected' });

    await connect();
    api.failNext.push(new StravaApiError('unavailable', 'strava is down'));
    expect(await strava.disconnect(ATHLETE)).toMatchObject({ kind: 'disconnected', revokedOnStrava: false });
    expect(await connections.findByIdentity(ATHLETE)).toBeUndefined();
  });
});

describe('webhook events', () => {
  it('answers only its own verify token', () => {
    expect(strava.answerChallenge({ mode: 'subscribe', verifyToken: 'verify-token-0123456789', challenge: 'abc' })).toBe('abc');
    expect(strava.answerChallenge({ mode: 'subscribe', verifyToken: 'wrong', challenge: 'abc' })).toBeNull();
    expect(strava.answerChallenge({ mode: 'unsubscribe', verifyToken: 'verify-token-0123456789', challenge: 'abc' })).toBeNull();
  });

  it('logs a run once however often Strava delivers its event, and tells runs arriving together in one message', async () => {
    const plan = await activePlan();
    await connect();
    const [first, second] = runDays(plan);
    if (!first || !second) throw new Error('week 1 has fewer than two runs');
    api.addRun('9001', first.date, 5.1);
    api.addRun('9002', second.date, 6);
    const created = event('9001', 'create');
    expect(await strava.receiveEvent(created)).toBe('received');
    expect(await strava.receiveEvent(created)).toBe('duplicate');
    expect(await strava.receiveEvent(event('9002', 'create'))).toBe('received');

    // Within the group window nothing is worked on.
    expect((await strava.processDueEvents('test-instance')).claimed).toBe(0);
    await drain();
    expect(notifier.batches).toHaveLength(1);
    expect(notifier.batches[0]?.map((o) => o.kind)).toEqual(['recorded', 'recorded']);
    expect(await dayStatus(plan.id, first.dayNumber)).toBe('done');
    expect(await dayStatus(plan.id, second.dayNumber)).toBe('done');
    expect(api.calls.filter((c) => c === 'activity 9001')).toHaveLength(1);

    // A title edit of a logged run says nothing.
    await strava.receiveEvent(event('9001', 'update', { updates: { title: 'Easy one' } }));
    await drain();
    expect(notifier.batches).toHaveLength(1);
  });

  it('keeps a run logged when the athlete cannot be told, and says why to the runner', async () => {
    const plan = await activePlan();
    await connect();
    const [day] = runDays(plan);
    if (!day) throw new Error('week 1 has no run');
    api.addRun('9700', day.date, 5);
    await strava.receiveEvent(event('9700', 'create'));
    const failing = new Error('the chat platform is down');
    notifier.activities = async () => {
      throw failing;
    };
    s.clock.set(new Date(s.clock.now().getTime() + 4_000).toISOString());
    const batch = await strava.processDueEvents('test-instance');
    expect(batch).toMatchObject({ claimed: 1, untold: failing });
    expect(await dayStatus(plan.id, day.dayNumber)).toBe('done');
    // Done: the run is not logged, nor told, a second time.
    expect((await strava.processDueEvents('test-instance')).claimed).toBe(0);
  });

  it('ignores what is not a run, and takes a run off the plan when it becomes a ride', async () => {
    const plan = await activePlan();
    await connect();
    const [day] = runDays(plan);
    if (!day) throw new Error('week 1 has no run');
    api.addRun('9100', day.date, 20, 'Ride');
    await strava.receiveEvent(event('9100', 'create'));
    await drain();
    expect(notifier.batches).toHaveLength(0);
    expect(await dayStatus(plan.id, day.dayNumber)).toBeUndefined();

    api.addRun('9101', day.date, 5);
    await strava.receiveEvent(event('9101', 'create'));
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBe('done');
    api.addRun('9101', day.date, 5, 'Ride');
    await strava.receiveEvent(event('9101', 'update', { updates: { type: 'Ride' } }));
    await drain();
    expect(notifier.takenOff).toHaveLength(1);
    expect(await dayStatus(plan.id, day.dayNumber)).toBeUndefined();
  });

  it('leaves a run the athlete undid alone when it is edited on Strava, unless the edit makes it a run', async () => {
    const plan = await activePlan();
    await connect();
    const [day] = runDays(plan);
    if (!day) throw new Error('week 1 has no run');
    api.addRun('9500', day.date, 5);
    await strava.receiveEvent(event('9500', 'create'));
    await drain();
    await s.plans.undoActivity(ATHLETE, plan.id, 'strava', '9500');
    await strava.receiveEvent(event('9500', 'update', { updates: { title: 'Renamed' } }));
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBeUndefined();
    expect(notifier.batches).toHaveLength(1);

    api.addRun('9501', day.date, 5, 'Ride');
    await strava.receiveEvent(event('9501', 'create'));
    await drain();
    api.addRun('9501', day.date, 5);
    await strava.receiveEvent(event('9501', 'update', { updates: { type: 'Run' } }));
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBe('done');
  });

  it('acts on a deletion only once Strava no longer has the activity', async () => {
    const plan = await activePlan();
    await connect();
    const [day] = runDays(plan);
    if (!day) throw new Error('week 1 has no run');
    api.addRun('9200', day.date, 5);
    await strava.receiveEvent(event('9200', 'create'));
    await drain();

    // Forged: the activity is still there.
    await strava.receiveEvent(event('9200', 'delete'));
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBe('done');

    api.activities.delete('9200');
    await strava.receiveEvent(event('9200', 'delete'));
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBeUndefined();
    expect(notifier.takenOff).toHaveLength(1);
  });

  it('acts on a deauthorization only once Strava refuses the tokens, then deletes the link and says so', async () => {
    await activePlan();
    await connect();
    const deauthorized = () => ({
      object_type: 'athlete',
      object_id: Number(STRAVA_ATHLETE_ID),
      aspect_type: 'update',
      owner_id: Number(STRAVA_ATHLETE_ID),
      subscription_id: 4242,
      event_time: (eventTime += 1),
      updates: { authorized: 'false' },
    });
    await strava.receiveEvent(deauthorized());
    await drain();
    expect(await connections.findByIdentity(ATHLETE)).toBeDefined();
    expect(notifier.told).toHaveLength(0);

    api.revoked = true;
    await strava.receiveEvent(deauthorized());
    await drain();
    expect(await connections.findByIdentity(ATHLETE)).toBeUndefined();
    expect(notifier.told).toEqual([expect.stringContaining('/plan connect strava')]);
  });

  it('puts an event back when Strava limits or fails, and logs the run once Strava answers', async () => {
    const plan = await activePlan();
    await connect();
    const [day] = runDays(plan);
    if (!day) throw new Error('week 1 has no run');
    api.addRun('9300', day.date, 5);
    const retryAt = new Date(s.clock.now().getTime() + 15 * 60_000);
    api.failNext.push(new StravaApiError('rate-limited', '15-minute limit', retryAt));
    await strava.receiveEvent(event('9300', 'create'));
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBeUndefined();
    expect(notifier.batches).toHaveLength(0);

    s.clock.set(retryAt.toISOString());
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBe('done');
    expect(notifier.batches).toHaveLength(1);
  });

  it('never gives an event up for waiting on Strava’s limits, however many windows a backlog takes', async () => {
    const plan = await activePlan();
    await connect();
    const [day] = runDays(plan);
    if (!day) throw new Error('week 1 has no run');
    api.addRun('9600', day.date, 5);
    await strava.receiveEvent(event('9600', 'create'));
    for (let window = 0; window < 12; window += 1) {
      const reset = new Date(s.clock.now().getTime() + 15 * 60_000);
      api.failNext.push(new StravaApiError('rate-limited', '15-minute limit', reset));
      await drain();
      s.clock.set(reset.toISOString());
    }
    await drain();
    expect(await dayStatus(plan.id, day.dayNumber)).toBe('done');

    // Strava failing is another matter: after ten tries the event is given up.
    api.addRun('9601', day.date, 5);
    await strava.receiveEvent(event('9601', 'create'));
    for (let attempt = 0; attempt < 12; attempt += 1) {
      api.failNext.push(new StravaApiError('unavailable', 'Strava is down'));
      await drain();
      s.clock.set(new Date(s.clock.now().getTime() + 2 * 3_600_000).toISOString());
    }
    const stored = await s.connection.collection('strava_events').findOne({ objectId: '9601' });
    expect(stored).toMatchObject({ status: 'done', attempts: 10, outcome: expect.stringMatching(/^gave up after 10 tries/) });
  });

  it('refreshes an access token about to expire before it fetches, and keeps the new tokens', async () => {
    const plan = await activePlan();
    await connect();
    const [day] = runDays(plan);
    if (!day) throw new Error('week 1 has no run');
    api.addRun('9400', day.date, 5);
    s.clock.set(new Date(s.clock.now().getTime() + 6 * 3_600_000 - 60_000).toISOString());
    await strava.receiveEvent(event('9400', 'create'));
    await drain();
    expect(api.calls).toContain('refresh');
    expect(await dayStatus(plan.id, day.dayNumber)).toBe('done');
    expect((await connections.findByIdentity(ATHLETE))?.refreshToken).toBe('refresh-2');
  });

  it('takes the tokens another instance refreshed when Strava refuses the refresh token it just rotated', async () => {
    await connect();
    const stale = await connections.findByIdentity(ATHLETE);
    if (stale === undefined) throw new Error('not connected');
    // Another instance refreshes first: Strava rotates the refresh token, and refuses the old one.
    const fresh = await api.refreshTokens(stale.refreshToken);
    expect(await connections.updateTokens(stale.athleteId, stale.refreshToken, fresh)).toBe(true);
    const tokens = await refreshLink(context, stale);
    expect(tokens.accessToken).toBe(fresh.accessToken);
    expect(await connections.findByIdentity(ATHLETE)).toBeDefined();

    // Refused while the link still holds the refused token: the athlete revoked us.
    api.revoked = true;
    const current = await connections.findByIdentity(ATHLETE);
    if (current === undefined) throw new Error('the link went away');
    await expect(refreshLink(context, current)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
