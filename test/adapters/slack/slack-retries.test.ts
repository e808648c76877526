/**
 * Slack delivers at least once and answers with errors now and then; nothing may be lost or doubled:
 * a retried view submission makes no second plan (in one process, and across two bot processes on
 * one database), 429s and 500s from the Web API are retried until the message arrives once, and
 * a Socket Mode connection Slack recycles is reopened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PLAN_CONFIRM_ACTION } from '../../../src/conversation/action-ids.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { findButton, slashCommand, viewSubmission, type SlackPerson } from '../../fakes/slack/payloads.js';
import type { SlackTransport } from '../../fakes/slack/slack-transports.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, STRANGER, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

const ANSWERS = { ...MARATHON_FIELDS, units: 'mi', delivery: 'dm' } as const;
const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

function command(world: SlackWorld, person: SlackPerson, text: string, transport: SlackTransport = world.transport) {
  return transport.command(
    slashCommand(person, { text, channelId: dmOf(person), channelName: 'directmessage', responseUrl: world.api.responseUrl(text) }),
  );
}

async function openDraft(world: SlackWorld, person: SlackPerson): Promise<Json> {
  const since = world.api.mark();
  await command(world, person, 'new');
  return (await world.api.waitForCall('views.open', { since })).args.view as Json;
}

const planIdOf = (call: RecordedCall): string =>
  (JSON.parse(String(findButton(call.args.blocks as Json[], PLAN_CONFIRM_ACTION).value)) as { planId: string }).planId;

describe('Slack: a retried view submission', () => {
  let world: SlackWorld;
  let retried: Json;

  beforeAll(async () => {
    world = await startSlackWorld('http');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('makes one plan and one preview when Slack delivers the same submission again (X-Slack-Retry-Num)', async () => {
    retried = viewSubmission(ATHLETE, await openDraft(world, ATHLETE), 'V0RETRIED', ANSWERS);
    const since = world.api.mark();
    expect((await world.transport.interaction(retried)).status).toBe(200);
    expect((await world.transport.interaction(retried, { retryNum: 1 })).status).toBe(200);
    await world.api.waitForCall('chat.postMessage', { since });
    await settle();
    expect(world.api.callsOf('chat.postMessage', since)).toHaveLength(1);
    expect((await world.service.store.list({ owner: identityOf(ATHLETE) })).map((p) => p.status)).toEqual(['preview']);
  });

  it('makes one plan when the retry reaches a second bot process, which shows the same plan', async () => {
    const another = await world.startAnother();
    const [before] = await world.service.store.list({ owner: identityOf(ATHLETE) });
    const since = world.api.mark();
    expect((await another.transport.interaction(retried, { retryNum: 2 })).status).toBe(200);
    const preview = await world.api.waitForCall('chat.postMessage', { since });
    expect(planIdOf(preview)).toBe(before?.id);
    expect(await world.service.store.list({ owner: identityOf(ATHLETE) })).toHaveLength(1);
  });

  it('makes one plan when two processes get the same submission at the same moment', async () => {
    const another = await world.startAnother();
    const submission = viewSubmission(STRANGER, await openDraft(world, STRANGER), 'V0CONCURRENT', ANSWERS);
    const since = world.api.mark();
    await Promise.all([world.transport.interaction(submission), another.transport.interaction(submission, { retryNum: 1 })]);
    await world.api.waitForCall('chat.postMessage', { since, where: () => world.api.callsOf('chat.postMessage', since).length === 2 });
    const plans = await world.service.store.list({ owner: identityOf(STRANGER) });
    expect(plans).toHaveLength(1);
    expect(world.api.callsOf('chat.postMessage', since).map(planIdOf)).toEqual([plans[0]?.id, plans[0]?.id]);
  });
});

describe('Slack: Web API errors are retried and nothing is lost', () => {
  let world: SlackWorld;

  beforeAll(async () => {
    world = await startSlackWorld('socket');
    // A plan, so /plan status posts a message to the DM.
    const submission = viewSubmission(ATHLETE, await openDraft(world, ATHLETE), 'V0SETUP', ANSWERS);
    const since = world.api.mark();
    await world.transport.interaction(submission);
    await world.api.waitForCall('chat.postMessage', { since });
  });

  afterAll(async () => {
    await world?.stop();
  });

  const statusMessages = () => [...world.api.messages.values()].filter((m) => m.text.startsWith('Plan status'));

  it('waits out a 429 with Retry-After and posts the message once', async () => {
    const before = statusMessages().length;
    world.api.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 1 });
    const since = world.api.mark();
    await command(world, ATHLETE, 'status');
    await world.api.waitForCall('chat.postMessage', { since, where: (c) => (c.response as Json).ok === true, timeoutMs: 5000 });
    const attempts = world.api.callsOf('chat.postMessage', since);
    expect(attempts.map((c) => ('status' in c.response ? c.response.status : 'ok'))).toEqual([429, 'ok']);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(statusMessages()).toHaveLength(before + 1);
  });

  it('retries 500s and posts the message once', async () => {
    const before = statusMessages().length;
    world.api.failNext('chat.postMessage', 2, { status: 500 });
    const since = world.api.mark();
    await command(world, ATHLETE, 'status');
    await world.api.waitForCall('chat.postMessage', { since, where: (c) => (c.response as Json).ok === true });
    expect(world.api.callsOf('chat.postMessage', since).map((c) => ('status' in c.response ? c.response.status : 'ok'))).toEqual([
      500,
      500,
      'ok',
    ]);
    await settle();
    expect(statusMessages()).toHaveLength(before + 1);
  });

  it('retries a 500 from views.open with the same trigger id and opens the modal once', async () => {
    world.api.failNext('views.open', 1, { status: 500 });
    const since = world.api.mark();
    await command(world, ATHLETE, 'new');
    await world.api.waitForCall('views.open', { since, where: (c) => (c.response as Json).ok === true });
    const attempts = world.api.callsOf('views.open', since);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.args.trigger_id).toBe(attempts[1]?.args.trigger_id);
  });

  it('reconnects when Slack asks it to (disconnect: refresh_requested) and keeps working', async () => {
    const socket = world.socket;
    if (!socket) throw new Error('socket mode world without a socket');
    const connectionsBefore = socket.connections;
    const opens = world.api.callsOf('apps.connections.open').length;
    socket.disconnect();
    await socket.waitForConnections(connectionsBefore + 1);
    expect(world.api.callsOf('apps.connections.open')).toHaveLength(opens + 1);
    const since = world.api.mark();
    await command(world, ATHLETE, 'status');
    await world.api.waitForCall('chat.postMessage', { since });
  });
});
