/**
 * HTTP mode survives what a signed request can throw at it: a payload that is not a JSON object is
 * answered 400 before Bolt sees it (Bolt itself would die on `payload=null`), a replay of a request
 * already handled is answered 401 without running the listener, and so is a timestamp from the
 * future. Everything goes through the real transport: signed POSTs to /slack/events. Socket Mode,
 * which never sees a signature, starts without the signing secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderModal } from '../../../src/adapters/slack/index.js';
import { PLAN_REGENERATE_ACTION } from '../../../src/conversation/action-ids.js';
import { draftForm } from '../../../src/conversation/forms/draft-fields.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { blockActions, findButton, slashCommand, viewSubmission } from '../../fakes/slack/payloads.js';
import { signedHeaders } from '../../fakes/slack/signing.js';
import { formRequest, interactionRequest, postSigned, type RawRequest } from '../../fakes/slack/slack-transports.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, SIGNING_SECRET, dmOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

let world: SlackWorld;
let url: string;

beforeAll(async () => {
  world = await startSlackWorld('http');
  url = world.eventsUrl ?? '';
});

afterAll(async () => {
  await world?.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const newCommand = () =>
  formRequest(
    slashCommand(ATHLETE, { text: 'new', channelId: dmOf(ATHLETE), channelName: 'directmessage', responseUrl: world.api.responseUrl('x') }),
  );
const form = (body: string): RawRequest => ({ body, contentType: 'application/x-www-form-urlencoded' });
const json = (body: string): RawRequest => ({ body, contentType: 'application/json' });

/** Sends exactly these bytes with exactly these headers: what a replaying attacker does. */
async function sendRaw(request: RawRequest, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers, body: request.body });
  await response.arrayBuffer();
  return response.status;
}

describe('Slack over HTTP: payloads that are not JSON objects', () => {
  it('answers a signed payload=null with 400, then a good request with 200, and keeps serving', async () => {
    const bad = await postSigned(url, SIGNING_SECRET, form('payload=null'));
    expect(bad.status).toBe(400);
    const since = world.api.mark();
    expect(await postSigned(url, SIGNING_SECRET, newCommand())).toEqual({ status: 200, body: null });
    await world.api.waitForCall('views.open', { since });
    // After the modal, the athlete's time zone is looked up; let it land before the next test counts calls.
    await world.api.waitForCall('users.info', { since });
  });

  it.each([
    ['payload=null', form('payload=null')],
    ['payload=42', form('payload=42')],
    ['payload="text"', form(`payload=${encodeURIComponent('"text"')}`)],
    ['payload=[]', form(`payload=${encodeURIComponent('[]')}`)],
    ['payload that is not JSON', form('payload=%7Boops')],
    ['a JSON body of null', json('null')],
    ['a JSON body that is an array', json('[1,2]')],
    ['a JSON body that is a string', json('"hello"')],
  ])('answers %s with 400 and does nothing', async (_name, request) => {
    const since = world.api.mark();
    expect((await postSigned(url, SIGNING_SECRET, request)).status).toBe(400);
    await settle();
    expect(world.api.calls.slice(since)).toEqual([]);
  });

  it('still checks the signature first: an unsigned payload=null gets 401', async () => {
    expect((await postSigned(url, 'not-the-signing-secret', form('payload=null'))).status).toBe(401);
  });
});

describe('Slack over HTTP: replays and timestamps', () => {
  it('makes one preview from 10 deliveries of one signed Regenerate click; the 9 replays get 401', async () => {
    const modal = renderModal(draftForm({ delivery: 'dm', units: 'mi' })) as unknown as Json;
    let since = world.api.mark();
    const submitted = await postSigned(
      url,
      SIGNING_SECRET,
      interactionRequest(viewSubmission(ATHLETE, modal, 'V0REPLAY', { ...MARATHON_FIELDS, units: 'mi', delivery: 'dm' })),
    );
    expect(submitted.status).toBe(200);
    const preview: RecordedCall = await world.api.waitForCall('chat.postMessage', { since });
    const click = interactionRequest(
      blockActions(ATHLETE, findButton(preview.args.blocks as Json[], PLAN_REGENERATE_ACTION), {
        kind: 'message',
        channelId: String(preview.args.channel),
        channelName: 'directmessage',
        ts: String((preview.response as Json).ts),
      }),
    );
    const headers = { ...signedHeaders(SIGNING_SECRET, click.body, { contentType: click.contentType }), ...click.headers };

    since = world.api.mark();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push(await sendRaw(click, headers));
    expect(statuses).toEqual([200, ...Array<number>(9).fill(401)]);
    await world.api.waitForCall('chat.postMessage', { since });
    await settle();
    expect(world.api.callsOf('chat.postMessage', since)).toHaveLength(1);
  });

  it('rejects a correctly signed request stamped a day in the future with 401 and does nothing', async () => {
    const since = world.api.mark();
    expect((await postSigned(url, SIGNING_SECRET, newCommand(), now() + 24 * 60 * 60)).status).toBe(401);
    await settle();
    expect(world.api.calls.slice(since)).toEqual([]);
  });

  it('accepts a timestamp a few seconds ahead (clock skew)', async () => {
    const since = world.api.mark();
    expect((await postSigned(url, SIGNING_SECRET, newCommand(), now() + 20)).status).toBe(200);
    await world.api.waitForCall('views.open', { since });
  });
});

describe('Slack over Socket Mode without a signing secret', () => {
  it('starts and answers /plan new: Socket Mode does not use the secret', async () => {
    const socketWorld = await startSlackWorld('socket', { signingSecret: '' });
    try {
      const since = socketWorld.api.mark();
      const ack = await socketWorld.transport.command(
        slashCommand(ATHLETE, {
          text: 'new',
          channelId: dmOf(ATHLETE),
          channelName: 'directmessage',
          responseUrl: socketWorld.api.responseUrl('socket'),
        }),
      );
      expect(ack.status).toBe(200);
      await socketWorld.api.waitForCall('views.open', { since });
    } finally {
      await socketWorld.stop();
    }
  });
});
