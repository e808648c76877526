/**
 * Strava's whole loop (issue 21) through real transports on loopback: the coach's HTTP server with
 * the Strava routes, the Slack adapter against the fake Slack, and the fake Strava (OAuth, API v3,
 * rate-limit headers and 429s, the webhook sender), wired as main.ts wires them (`openStrava`).
 *
 * An athlete types `/plan connect strava` in the DM, follows the link, and authorizes; a run
 * recorded on Strava arrives as a webhook, is fetched, lands Done on its plan day, and the athlete
 * reads "Logged: …" with Undo; a duplicate delivery logs once; a 429 is ridden out; an expired
 * token is refreshed; runs arriving together are told in one message; `/plan disconnect strava`
 * revokes; a revocation on Strava's side is confirmed and told. Tokens never reach a log line and
 * are stored encrypted (read from the raw documents).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApi, type RunningHttpApi } from '../../src/adapters/http/index.js';
import { openStrava, type RunningStrava } from '../../src/app/strava-wiring.js';
import { runStravaCommand } from '../../src/cli/strava-command.js';
import type { StravaConfig } from '../../src/config.js';
import type { ChatPoster } from '../../src/conversation/chat-poster.js';
import { createConversation } from '../../src/conversation/conversation.js';
import type { Day } from '../../src/domain/schemas.js';
import { createLogger } from '../../src/log.js';
import { createApiKeyUseCases } from '../../src/plans/api-keys.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { MongoApiKeyStore } from '../../src/storage/mongo-api-key-store.js';
import { MongoStravaAuthorizationStore } from '../../src/storage/mongo-strava-authorization-store.js';
import { MongoStravaConnectionStore } from '../../src/storage/mongo-strava-connection-store.js';
import { MongoStravaEventInbox } from '../../src/storage/mongo-strava-event-inbox.js';
import { createTokenCipher } from '../../src/storage/token-cipher.js';
import { startSlackWorld, ATHLETE, dmOf, identityOf, type SlackWorld } from '../adapters/slack/slack-world.js';
import type { RecordedCall } from '../fakes/slack/fake-slack-api.js';
import { blockActions, findButton, slashCommand } from '../fakes/slack/payloads.js';
import { FakeStrava } from '../fakes/strava/fake-strava.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';
import { freePort } from '../support/free-port.js';

type Json = Record<string, unknown>;

const STRAVA_ATHLETE = '5150';
const VERIFY_TOKEN = 'loop-verify-token-0123456789';
/** The events' group window: runs arriving within it are told together. */
const GROUP_WINDOW_MS = 300;

const textOf = (call: RecordedCall): string => String(call.args.text ?? '');

describe('Strava, the whole loop', () => {
  let service: TestService;
  let fake: FakeStrava;
  let world: SlackWorld;
  let api: RunningHttpApi;
  let strava: RunningStrava;
  let config: StravaConfig;
  const logLines: string[] = [];
  const posters: ChatPoster[] = [];
  let plan: PlanRecord;
  let runDays: Day[] = [];

  const owner = identityOf(ATHLETE);
  const currentPlan = () => service.plans.getPlan(owner, plan.id);
  const stravaMarks = async () =>
    (await currentPlan()).weeks.flatMap((w, i) =>
      (w.execution?.days ?? []).filter((m) => m.source === 'strava').map((m) => ({ week: i + 1, ...m })),
    );
  const dmMessages = (since: number) => world.api.callsOf('chat.postMessage', since).filter((c) => c.args.channel === dmOf(ATHLETE));
  const waitForDm = (since: number, pattern: RegExp) =>
    world.api.waitForCall('chat.postMessage', { since, where: (c) => c.args.channel === dmOf(ATHLETE) && pattern.test(textOf(c)) });
  const command = async (text: string): Promise<string> => {
    const since = world.api.mark();
    await world.transport.command(
      slashCommand(ATHLETE, {
        text,
        channelId: dmOf(ATHLETE),
        channelName: 'directmessage',
        responseUrl: world.api.responseUrl(`strava-${text}-${since}`),
      }),
    );
    const reply = await world.api.waitForCall('response_url', { since });
    return textOf(reply);
  };
  /** Lets the group window pass on the core's clock, and works through whatever is due. */
  const settle = async () => {
    service.clock.set(new Date(service.clock.now().getTime() + GROUP_WINDOW_MS + 1).toISOString());
    await strava.drain();
  };
  const runOn = (day: Day, miles: number) => ({
    startLocal: `${day.date}T07:00:00`,
    utcOffsetSeconds: 3600,
    distanceMetres: Math.round(miles * 1609.344),
    movingSeconds: Math.round(miles * 552),
  });

  async function connect(): Promise<void> {
    const reply = await command('connect strava');
    expect(reply).toMatch(/^Connect Strava: /);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)/.exec(reply)?.[1];
    if (link === undefined) throw new Error(`no authorize link in: ${reply}`);
    const since = world.api.mark();
    const page = await fake.authorize(link, { athleteId: STRAVA_ATHLETE });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Strava connected');
    await waitForDm(since, /^Strava connected as Ada Lovelace/);
  }

  beforeAll(async () => {
    service = await startTestService({ now: '2026-11-25T12:00:00Z' });
    fake = await FakeStrava.start({ now: () => service.clock.now().getTime() });
    fake.addAthlete(STRAVA_ATHLETE, { firstname: 'Ada', lastname: 'Lovelace' });
    const port = await freePort();
    config = {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      verifyToken: VERIFY_TOKEN,
      apiUrl: fake.apiUrl,
      oauthUrl: fake.oauthUrl,
      publicBaseUrl: `http://127.0.0.1:${port}`,
      encryptionKey: randomBytes(32),
    };
    const logger = createLogger(
      'trace',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    );
    const connections = new MongoStravaConnectionStore(service.connection, createTokenCipher(config.encryptionKey));
    const authorizations = new MongoStravaAuthorizationStore(service.connection);
    const inbox = new MongoStravaEventInbox(service.connection);
    await Promise.all([connections.init(), authorizations.init(), inbox.init()]);
    strava = openStrava({
      config,
      stores: { connections, authorizations, inbox },
      plans: service.plans,
      posters: () => posters,
      instanceId: 'loop-test',
      logger,
      clock: service.clock,
      groupWindowMs: GROUP_WINDOW_MS,
    });
    const core = createConversation({ plans: service.plans, clubs: service.clubs, logger, clock: service.clock, strava: strava.useCases });
    world = await startSlackWorld('socket', { service, conversation: core });
    posters.push(world.adapter.poster);
    const keys = new MongoApiKeyStore(service.connection);
    await keys.init();
    api = await startHttpApi({
      plans: service.plans,
      clubs: service.clubs,
      conversation: core,
      apiKeys: createApiKeyUseCases({ store: keys, clock: service.clock }),
      logger,
      ready: async () => true,
      bodyLimitBytes: 100_000,
      rateLimitPerMinute: 1000,
      port,
      host: '127.0.0.1',
      strava: strava.webhook,
    });
    // The operator subscribes once, as `gofast strava subscribe` does: Strava checks the challenge.
    expect(await runStravaCommand(['subscribe'], { config })).toMatch(/\d/);
    expect(fake.currentSubscription?.callbackUrl).toBe(`${config.publicBaseUrl}/strava/webhook`);

    const preview = await service.plans.createPreview({ owner, fields: MARATHON_FIELDS });
    plan = await service.plans.confirmPlan(owner, preview.id);
    runDays = (plan.weeks[0]?.days ?? []).filter((d) => d.type !== 'rest' && d.type !== 'race');
    expect(runDays.length).toBeGreaterThanOrEqual(4);
  });

  afterAll(async () => {
    await strava?.stop();
    await api?.stop();
    await world?.stop();
    await fake?.close();
  });

  it('connects through Strava’s consent page, and keeps the tokens encrypted', async () => {
    await connect();
    const raw = await service.connection.collection('strava_connections').findOne({ _id: STRAVA_ATHLETE as never });
    expect(raw).not.toBeNull();
    const stored = JSON.stringify(raw);
    const tokens = fake.tokensIssuedTo(STRAVA_ATHLETE);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(stored).not.toContain(token);
    expect(stored).toContain(owner);
  });

  it('logs a run recorded on Strava on its plan day, once however often Strava delivers the event, with Undo', async () => {
    const day = runDays[0] as Day;
    const since = world.api.mark();
    const { delivery } = await fake.createActivity(STRAVA_ATHLETE, runOn(day, 5.1));
    expect(delivery.status).toBe(200);
    expect(delivery.elapsedMs).toBeLessThan(2000);
    const again = await fake.resendLast();
    expect(again.status).toBe(200);
    await settle();
    const logged = await waitForDm(since, /^Logged: /);
    expect(textOf(logged)).toMatch(/^Logged: \w{3} .+ 5\.1 mi @ 9:12\/mi — /);
    await settle();
    expect(dmMessages(since).filter((c) => /^Logged: /.test(textOf(c)))).toHaveLength(1);
    expect(await stravaMarks()).toEqual([
      expect.objectContaining({ week: 1, dayNumber: day.dayNumber, status: 'done', distanceMiles: 5.1, averagePace: '9:12' }),
    ]);
    expect(fake.requests.filter((r) => r.path.startsWith('/api/v3/activities/'))).toHaveLength(1);

    const undoAt = world.api.mark();
    await world.transport.interaction(
      blockActions(
        ATHLETE,
        findButton(logged.args.blocks as Json[], 'gofast.activity.undo', 'Undo'),
        { kind: 'message', channelId: dmOf(ATHLETE), channelName: 'directmessage', ts: String((logged.response as Json).ts ?? '') },
        world.api.responseUrl('strava-undo'),
      ),
    );
    await expect
      .poll(() => world.api.calls.slice(undoAt).map(textOf).join('\n'))
      .toMatch(/Undone: \w{3} .+ is back as it was before that run\./);
    expect(await stravaMarks()).toEqual([]);
  });

  it('rides out a 429: the event waits for Strava’s next window and the run is logged then', async () => {
    const day = runDays[1] as Day;
    fake.failNext(1, '15-minute');
    const since = world.api.mark();
    const { delivery } = await fake.createActivity(STRAVA_ATHLETE, runOn(day, 6));
    expect(delivery.status).toBe(200);
    await settle();
    expect(dmMessages(since)).toEqual([]);
    expect(await stravaMarks()).toEqual([]);
    // Strava's 15-minute window resets on the quarter hour.
    const now = service.clock.now().getTime();
    service.clock.set(new Date(Math.ceil(now / 900_000) * 900_000 + 1000).toISOString());
    await strava.drain();
    await waitForDm(since, /^Logged: /);
    expect(await stravaMarks()).toEqual([expect.objectContaining({ dayNumber: day.dayNumber, status: 'done' })]);
  });

  it('refreshes an expired token before fetching, and tells runs arriving together in one message', async () => {
    const refreshes = fake.refreshCount(STRAVA_ATHLETE);
    service.clock.set(new Date(service.clock.now().getTime() + 7 * 3_600_000).toISOString());
    const [third, fourth] = [runDays[2] as Day, runDays[3] as Day];
    const since = world.api.mark();
    await fake.createActivity(STRAVA_ATHLETE, runOn(third, 4));
    await fake.createActivity(STRAVA_ATHLETE, runOn(fourth, 5));
    await settle();
    const message = await waitForDm(since, /^Logged: /);
    expect(
      textOf(message)
        .split('\n')
        .filter((line) => line.startsWith('Logged: ')),
    ).toHaveLength(2);
    expect(dmMessages(since).filter((c) => /Logged: /.test(textOf(c)))).toHaveLength(1);
    expect(fake.refreshCount(STRAVA_ATHLETE)).toBe(refreshes + 1);
    const marks = await stravaMarks();
    expect(marks.map((m) => m.dayNumber).sort()).toEqual([runDays[1], third, fourth].map((d) => d?.dayNumber).sort());
  });

  it('never writes a token or the client secret to a log line', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('');
    for (const secret of [...fake.tokensIssuedTo(STRAVA_ATHLETE), config.clientSecret]) expect(all).not.toContain(secret);
  });

  it('refuses a challenge without our verify token, an event that is no event, and a callback that no one asked for', async () => {
    const challenge = await fetch(`${api.url}/strava/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=abc`);
    expect(challenge.status).toBe(403);
    const garbage = await fetch(`${api.url}/strava/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":1}',
    });
    expect(garbage.status).toBe(400);
    const stray = await fetch(`${api.url}/strava/callback?state=made-up&code=abc&scope=activity:read_all`);
    expect(stray.status).toBe(400);
    expect(await stray.text()).toContain('expired or was already used');
  });

  it('disconnects: access revoked on Strava and the tokens deleted', async () => {
    expect(await command('disconnect strava')).toMatch(/^Strava disconnected: /);
    expect(fake.isAuthorized(STRAVA_ATHLETE)).toBe(false);
    expect(await service.connection.collection('strava_connections').countDocuments()).toBe(0);
    expect(await command('disconnect strava')).toBe('Strava is not connected; nothing to disconnect.');
  });

  it('hears a revocation made on Strava, confirms it, deletes the link and tells the athlete', async () => {
    await connect();
    const since = world.api.mark();
    const delivery = await fake.deauthorizeAthlete(STRAVA_ATHLETE);
    expect(delivery.status).toBe(200);
    await settle();
    await waitForDm(since, /^Strava no longer lets GoFast Coach read your activities/);
    expect(await service.connection.collection('strava_connections').countDocuments()).toBe(0);
  });
});
