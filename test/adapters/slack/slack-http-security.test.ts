/**
 * HTTP mode only answers requests Slack signed: a wrong signature or a timestamp older than five
 * minutes gets 401 and changes nothing. Signed payloads of shapes we do not know are acknowledged,
 * logged and ignored, and the app keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DRAFT_FORM_ID } from '../../../src/conversation/action-ids.js';
import { draftForm } from '../../../src/conversation/forms/draft-fields.js';
import { renderModal } from '../../../src/adapters/slack/index.js';
import { appHomeOpened, slashCommand, viewSubmission } from '../../fakes/slack/payloads.js';
import { signedHeaders } from '../../fakes/slack/signing.js';
import { eventRequest, formRequest, interactionRequest, postSigned } from '../../fakes/slack/slack-transports.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, SIGNING_SECRET, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

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
const newCommand = () =>
  formRequest(
    slashCommand(ATHLETE, { text: 'new', channelId: dmOf(ATHLETE), channelName: 'directmessage', responseUrl: world.api.responseUrl('x') }),
  );
const submission = () => {
  const modal = renderModal(draftForm({ delivery: 'dm', units: 'mi' })) as unknown as Record<string, unknown>;
  return interactionRequest(viewSubmission(ATHLETE, modal, 'V0SECURE', { ...MARATHON_FIELDS, units: 'mi', delivery: 'dm' }));
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('Slack over HTTP: request signatures', () => {
  it('answers a correctly signed slash command (the control case)', async () => {
    const since = world.api.mark();
    expect(await postSigned(url, SIGNING_SECRET, newCommand())).toEqual({ status: 200, body: null });
    expect((await world.api.waitForCall('views.open', { since })).args.view).toMatchObject({ callback_id: DRAFT_FORM_ID });
    // After the modal, the athlete's time zone is looked up for the submission to come.
    await world.api.waitForCall('users.info', { since });
  });

  it.each([
    ['a wrong signature', () => postSigned(url, 'not-the-signing-secret', newCommand())],
    ['a stale timestamp (6 minutes old)', () => postSigned(url, SIGNING_SECRET, newCommand(), now() - 6 * 60)],
    ['a wrong signature on a view submission', () => postSigned(url, 'not-the-signing-secret', submission())],
    ['a stale view submission', () => postSigned(url, SIGNING_SECRET, submission(), now() - 5 * 60 - 30)],
    ['a stale event', () => postSigned(url, SIGNING_SECRET, eventRequest(appHomeOpened(ATHLETE, dmOf(ATHLETE))), now() - 10 * 60)],
  ])('rejects %s with 401 and does nothing', async (_name, send) => {
    const since = world.api.mark();
    const answer = await send();
    expect(answer.status).toBe(401);
    await settle();
    expect(world.api.calls.slice(since)).toEqual([]);
    expect(await world.service.store.list({ owner: identityOf(ATHLETE) })).toEqual([]);
  });

  it('rejects a body altered after signing', async () => {
    const request = newCommand();
    const since = world.api.mark();
    const response = await fetch(url, {
      method: 'POST',
      headers: signedHeaders(SIGNING_SECRET, request.body, { contentType: request.contentType }),
      body: request.body.replace('text=new', 'text=cancel'),
    });
    expect(response.status).toBe(401);
    await settle();
    expect(world.api.calls.slice(since)).toEqual([]);
  });
});

describe('Slack over HTTP: payloads of unknown shapes', () => {
  it.each([
    [
      'a block_actions without actions',
      interactionRequest({
        type: 'block_actions',
        user: { id: ATHLETE.userId },
        team: { id: 'T1' },
        container: { type: 'message' },
        actions: [],
      }),
    ],
    [
      'a button that is not ours',
      interactionRequest({
        type: 'block_actions',
        user: { id: ATHLETE.userId, team_id: 'T1' },
        container: { type: 'message', channel_id: 'C1', message_ts: '1.2' },
        trigger_id: '1.2.3',
        actions: [{ type: 'button', action_id: 'someone.else', value: 'x' }],
      }),
    ],
    [
      'a button whose value is not JSON',
      interactionRequest({
        type: 'block_actions',
        user: { id: ATHLETE.userId, team_id: 'T1' },
        container: { type: 'message', channel_id: 'C1', message_ts: '1.2' },
        trigger_id: '1.2.3',
        actions: [{ type: 'button', action_id: 'gofast.plan.confirm', value: '{oops' }],
      }),
    ],
    [
      'a submission of a view that is not ours',
      interactionRequest({
        type: 'view_submission',
        user: { id: ATHLETE.userId, team_id: 'T1' },
        view: { id: 'V1', type: 'modal', callback_id: 'other.form', private_metadata: '', state: { values: {} } },
      }),
    ],
    [
      'a submission without state',
      interactionRequest({ type: 'view_submission', user: { id: ATHLETE.userId }, view: { id: 'V1', callback_id: DRAFT_FORM_ID } }),
    ],
    [
      'an app_home_opened without a user',
      eventRequest({
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A0GOFAST',
        event_id: 'Ev1',
        event_time: 1,
        event: { type: 'app_home_opened', channel: 'D1' },
      }),
    ],
  ])('acks %s, logs it and changes nothing', async (_name, request) => {
    const since = world.api.mark();
    const answer = await postSigned(url, SIGNING_SECRET, request);
    expect(answer.status).toBe(200);
    await settle();
    expect(world.api.calls.slice(since).map((c) => c.method)).toEqual([]);
  });

  it('still works afterwards', async () => {
    const since = world.api.mark();
    await postSigned(url, SIGNING_SECRET, newCommand());
    await world.api.waitForCall('views.open', { since });
  });
});
