/**
 * The scheduler's ChatPoster for Slack: a week posted to the athlete's DM or to a club channel,
 * answered with `channel:ts`, and Slack's failures classified so the scheduler can wait (429),
 * retry later (5xx) or pause delivery (the channel or the user is gone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DAY_DONE_ACTION, WEEK_LOG_ACTION, WEEK_MOVE_ACTION } from '../../../src/conversation/action-ids.js';
import { DeliveryError, type PostTarget } from '../../../src/conversation/chat-poster.js';
import { weekView } from '../../../src/conversation/plan-views.js';
import type { MessageView } from '../../../src/conversation/views.js';
import { buttonsIn } from '../../fakes/slack/payloads.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, CLUB_CHANNEL, TEST_RETRY, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

let world: SlackWorld;
let week: MessageView;

beforeAll(async () => {
  world = await startSlackWorld('http');
  const owner = identityOf(ATHLETE);
  const preview = await world.service.plans.createPreview({ owner, fields: MARATHON_FIELDS });
  const plan = await world.service.plans.confirmPlan(owner, preview.id);
  week = weekView(plan, 1);
});

afterAll(async () => {
  await world?.stop();
});

const toDm: PostTarget = { owner: 'slack:T1:U1ANA', target: 'dm', channelId: null };
const toClub: PostTarget = { owner: 'slack:T1:U1ANA', target: 'channel', channelId: CLUB_CHANNEL.id };

async function failure(target: PostTarget): Promise<DeliveryError> {
  try {
    await world.adapter.poster.post(target, week);
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error('the post succeeded');
}

describe('Slack poster', () => {
  it('is the slack poster', () => {
    expect(world.adapter.poster.platform).toBe('slack');
  });

  it("posts a week to the athlete's DM and returns channel:ts", async () => {
    const since = world.api.mark();
    const { messageRef } = await world.adapter.poster.post(toDm, week);
    expect(world.api.callsOf('conversations.open', since).map((c) => c.args.users)).toEqual([ATHLETE.userId]);
    const [channel, ts] = messageRef.split(':');
    expect(channel).toBe(dmOf(ATHLETE));
    const stored = world.api.messages.get(messageRef);
    expect(stored?.ts).toBe(ts);
    expect(stored?.text).toBe(week.summary);
    const actions = buttonsIn(stored?.blocks ?? []).map((b) => b.action_id);
    expect(actions).toContain(DAY_DONE_ACTION);
    // Log, then Move a run (issue 18) last.
    expect(actions.slice(-2)).toEqual([WEEK_LOG_ACTION, WEEK_MOVE_ACTION]);
  });

  it('posts a week to a club channel', async () => {
    const { messageRef } = await world.adapter.poster.post(toClub, week);
    expect(messageRef).toMatch(new RegExp(`^${CLUB_CHANNEL.id}:\\d+\\.\\d+$`));
    expect(world.api.messages.has(messageRef)).toBe(true);
  });

  it('reports a 429 as rate-limited with Retry-After, without waiting it out itself', async () => {
    world.api.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 7 });
    const started = Date.now();
    const error = await failure(toClub);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ reason: 'rate-limited', detail: 'ratelimited', retryAfterMs: 7000 });
  });

  it('retries a 500 and succeeds when Slack recovers', async () => {
    world.api.failNext('chat.postMessage', 1, { status: 500 });
    const { messageRef } = await world.adapter.poster.post(toClub, week);
    expect(world.api.messages.has(messageRef)).toBe(true);
  });

  it('reports 500s that outlast the retries as transient', async () => {
    world.api.failNext('chat.postMessage', TEST_RETRY.retries + 1, { status: 500 });
    expect(await failure(toClub)).toMatchObject({ reason: 'transient', detail: 'http_500' });
  });

  it.each([
    ['channel_not_found', toClub, 'channel-gone'],
    ['is_archived', toClub, 'channel-gone'],
    ['not_in_channel', toClub, 'channel-gone'],
    ['account_inactive', toDm, 'recipient-unreachable'],
    ['invalid_auth', toDm, 'app-removed'],
    ['missing_scope', toClub, 'app-removed'],
  ] as const)('reports %s as %s', async (code, target, reason) => {
    world.api.failNext('chat.postMessage', 1, { error: code });
    expect(await failure(target)).toMatchObject({ reason, detail: code });
  });

  it('reports a user Slack does not know as recipient-unreachable (user_not_found)', async () => {
    expect(await failure({ owner: 'slack:T1:UGONE', target: 'dm', channelId: null })).toMatchObject({
      reason: 'recipient-unreachable',
      detail: 'user_not_found',
    });
  });

  it('reports an owner from another platform as recipient-unreachable', async () => {
    expect(await failure({ owner: 'discord:G1:U1', target: 'dm', channelId: null })).toMatchObject({
      reason: 'recipient-unreachable',
      detail: 'not_a_slack_user',
    });
  });

  it('reports internal_error as transient', async () => {
    world.api.failNext('chat.postMessage', 1, { error: 'internal_error' });
    expect(await failure(toClub)).toMatchObject({ reason: 'transient', detail: 'internal_error' });
  });
});
