/**
 * The fake Strava's webhook sender keeps to what the coach reads: its events pass the inbox's
 * schema of Strava events, a re-sent delivery is the same event (same key), a revocation is the
 * athlete `authorized: "false"` update, and each delivery reports the callback's status and time.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stravaEventKey, stravaWebhookEventSchema } from '../../../src/plans/strava/strava-event-inbox.js';
import { createStravaClient } from '../../../src/integrations/strava/strava-client.js';
import { FakeStrava } from '../../fakes/strava/fake-strava.js';

let strava: FakeStrava;
let server: Server;
let posted: unknown[];

beforeEach(async () => {
  strava = await FakeStrava.start();
  posted = [];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ 'hub.challenge': url.searchParams.get('hub.challenge') }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posted.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const api = createStravaClient({
    clientId: strava.clientId,
    clientSecret: strava.clientSecret,
    apiUrl: strava.apiUrl,
    oauthUrl: strava.oauthUrl,
  });
  await api.subscriptions.create(`http://127.0.0.1:${(server.address() as AddressInfo).port}/strava/webhook`, 'verify-0123456789abcdef');
});

afterEach(async () => {
  await strava.close();
  server.close();
});

describe('the fake Strava’s webhook sender', () => {
  it('posts a create event the inbox schema reads, and reports status and time', async () => {
    const { activity, delivery } = await strava.createActivity('9001', { sportType: 'VirtualRun' });
    expect(delivery.status).toBe(200);
    expect(delivery.elapsedMs).toBeGreaterThan(0);
    const event = stravaWebhookEventSchema.parse(posted[0]);
    expect(event).toMatchObject({
      object_type: 'activity',
      object_id: activity.id,
      aspect_type: 'create',
      owner_id: '9001',
      subscription_id: String(strava.currentSubscription?.id),
    });
  });

  it('re-sends the same delivery as the same event', async () => {
    await strava.createActivity('9001');
    await strava.resendLast();
    expect(posted).toHaveLength(2);
    expect(posted[1]).toEqual(posted[0]);
    const [first, second] = posted.map((p) => stravaEventKey(stravaWebhookEventSchema.parse(p)));
    expect(second).toBe(first);
  });

  it('sends the athlete’s revocation as an update with authorized "false", and revokes the tokens', async () => {
    await strava.deauthorizeAthlete('9001');
    expect(stravaWebhookEventSchema.parse(posted[0])).toMatchObject({
      object_type: 'athlete',
      object_id: '9001',
      aspect_type: 'update',
      updates: { authorized: 'false' },
    });
    expect(strava.isAuthorized('9001')).toBe(false);
  });

  it('logs requests by method and path only', async () => {
    expect(strava.requests).toEqual([{ method: 'POST', path: '/api/v3/push_subscriptions', authorized: false, status: 201 }]);
  });
});
