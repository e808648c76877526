/**
 * A Slack app whose core is stuck: every work slot is held by a core call that has not answered,
 * and the work queue's waiting line is full. Acks still go out at once; one more request is not
 * queued but answered straight away, privately, that the coach is busy; and once the core answers,
 * the queued work drains. Real transport (signed POSTs to /slack/events), the fake Slack Web API,
 * and a test double for the core that holds every call until released.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { WORK_CONCURRENCY } from '../../../src/adapters/slack/listener-deps.js';
import { PLAN_CONFIRM_ACTION } from '../../../src/conversation/action-ids.js';
import { BUSY_REPLY } from '../../../src/conversation/conversation.js';
import type { Intent } from '../../../src/conversation/intents.js';
import { textView } from '../../../src/conversation/plan-views.js';
import type { View } from '../../../src/conversation/views.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { blockActions, slashCommand } from '../../fakes/slack/payloads.js';
import type { Delivered } from '../../fakes/slack/slack-transports.js';
import { ATHLETE, CLUB_CHANNEL, dmOf, startSlackWorld, type SlackWorld } from './slack-world.js';

/** How many requests' work may wait for a slot in this test. */
const QUEUE_LIMIT = 4;
/** Slack's window for an ack. */
const ACK_WINDOW_MS = 3000;

/** A core that takes every intent and answers none until `release()`. */
function stuckCore() {
  const seen: Intent[] = [];
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    seen,
    release: () => release(),
    async handle(intent: Intent): Promise<View[]> {
      seen.push(intent);
      await gate;
      return [textView('done', { ephemeral: true })];
    },
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const textOf = (call: RecordedCall): unknown => call.args.text;

describe('Slack over HTTP: a full work queue', () => {
  let world: SlackWorld;
  const core = stuckCore();

  beforeAll(async () => {
    world = await startSlackWorld('http', { conversation: core, workQueueLimit: QUEUE_LIMIT });
  });

  afterAll(async () => {
    core.release();
    await world?.stop();
  });

  /** `/plan status` from the athlete, answered at the response_url `id`; resolves with the ack and how long it took. */
  async function status(id: string): Promise<{ ack: Delivered; ms: number }> {
    const started = performance.now();
    const ack = await world.transport.command(
      slashCommand(ATHLETE, {
        text: 'status',
        channelId: dmOf(ATHLETE),
        channelName: 'directmessage',
        responseUrl: world.api.responseUrl(id),
      }),
    );
    return { ack, ms: performance.now() - started };
  }

  it('acks in time, tells the overflow request the coach is busy, and drains the queued work once the core answers', async () => {
    // Every slot taken by a stuck core call, then the line filled.
    const held = WORK_CONCURRENCY + QUEUE_LIMIT;
    const acks: { ack: Delivered; ms: number }[] = [];
    for (let i = 0; i < held; i += 1) acks.push(await status(`held-${i}`));
    await until(() => core.seen.length === WORK_CONCURRENCY, `${WORK_CONCURRENCY} core calls`);

    const since = world.api.mark();
    const overflow = await status('overflow');
    const busy = await world.api.waitForCall('response_url', { since, where: (c) => c.args.responseId === 'overflow' });
    expect(busy.args).toMatchObject({ response_type: 'ephemeral', text: BUSY_REPLY });

    // A button press while the line is full: the presser alone is told, in the button's channel.
    const pressed = await world.transport.interaction(
      blockActions(
        ATHLETE,
        { action_id: PLAN_CONFIRM_ACTION, value: JSON.stringify({ planId: 'p1', value: null }) },
        {
          kind: 'message',
          channelId: CLUB_CHANNEL.id,
          channelName: CLUB_CHANNEL.name,
          ts: '1700000000.000100',
        },
      ),
    );
    expect(pressed).toEqual({ status: 200, body: null });
    const ephemeral = await world.api.waitForCall('chat.postEphemeral', { since });
    expect(ephemeral.args).toMatchObject({ channel: CLUB_CHANNEL.id, user: ATHLETE.userId, text: BUSY_REPLY });

    for (const { ack, ms } of [...acks, overflow]) {
      expect(ack).toEqual({ status: 200, body: null });
      expect(ms).toBeLessThan(ACK_WINDOW_MS);
    }
    // Neither refused request reached the core, nor did the queued ones while the slots were stuck.
    expect(core.seen).toHaveLength(WORK_CONCURRENCY);

    core.release();
    await until(() => world.api.callsOf('response_url', since).filter((c) => textOf(c) === 'done').length === held, 'every held answer');
    expect(core.seen).toHaveLength(held);
    expect(world.api.callsOf('response_url', since).filter((c) => textOf(c) === BUSY_REPLY)).toHaveLength(1);
  });
});
