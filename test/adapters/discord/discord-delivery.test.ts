/**
 * Deliveries through the Discord `ChatPoster` against the fake REST API scripted to fail the way
 * Discord fails: a short 429 is waited out and the message arrives once; a long one, closed DMs
 * (50007), a missing channel and a lasting outage become `DeliveryError`s in the core's vocabulary.
 * Also the gateway's heartbeats, and the "I can't DM you" notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DM_CLOSED_NOTICE, startDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { DeliveryError } from '../../../src/conversation/chat-poster.js';
import { weekView } from '../../../src/conversation/plan-views.js';
import { textView } from '../../../src/conversation/plan-views.js';
import { createLogger } from '../../../src/log.js';
import { planFixture } from '../../contract/sample-views.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { snowflake } from '../../fakes/discord/snowflakes.js';

let discord: FakeDiscord;
let adapter: DiscordAdapter;

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 100 });
  adapter = await startDiscordAdapter({
    conversation: { handle: () => Promise.resolve([textView('unused')]) },
    logger: createLogger('silent'),
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    maxDeliveryWaitMs: 2000,
  });
});

afterAll(async () => {
  await adapter?.stop();
  await discord?.close();
});

const week = () => weekView(planFixture({ status: 'active' }), 2);

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('the Discord poster', () => {
  it('posts a week to a club channel', async () => {
    const channel = snowflake();
    const owner = `discord:${discord.guildId}:${snowflake()}`;
    const result = await adapter.poster.post({ owner, target: 'channel', channelId: channel }, week());
    const [message] = discord.rest.messagesIn(channel);
    expect(result.messageRef).toBe(`${channel}:${message?.id}`);
    expect(message?.embeds[0]?.title).toContain('Week 2 of');
    expect(adapter.poster.platform).toBe('discord');
  });

  it('honours a 429: waits retry_after, retries, and the message arrives once', async () => {
    const channel = snowflake();
    discord.rest.rateLimitNext(new RegExp(`^/channels/${channel}/messages$`), 0.3);
    const owner = `discord:${discord.guildId}:${snowflake()}`;
    await adapter.poster.post({ owner, target: 'channel', channelId: channel }, week());
    const attempts = discord.rest.callsTo('POST', new RegExp(`^/channels/${channel}/messages$`));
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    const [limited, retried] = attempts;
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(280);
    expect(discord.rest.messagesIn(channel)).toHaveLength(1);
  });

  it('fails fast as rate-limited, with the wait, when Discord asks for longer than a tick should block', async () => {
    const channel = snowflake();
    discord.rest.rateLimitNext(new RegExp(`^/channels/${channel}/messages$`), 30);
    const error = await failure(
      adapter.poster.post({ owner: `discord:${discord.guildId}:${snowflake()}`, target: 'channel', channelId: channel }, week()),
    );
    expect(error.reason).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(discord.rest.messagesIn(channel)).toHaveLength(0);
  });

  it('classifies closed DMs (50007) as recipient-unreachable, and can tell the user in the channel', async () => {
    const user = snowflake();
    discord.rest.closeDms(user);
    const error = await failure(
      adapter.poster.post({ owner: `discord:${discord.guildId}:${user}`, target: 'dm', channelId: null }, week()),
    );
    expect(error.reason).toBe('recipient-unreachable');
    expect(error.detail).toBe('50007 CannotSendMessagesToThisUser');
    expect(discord.rest.dmChannelOf(user)).toBeDefined();

    const notice = await adapter.noticeDmClosed(discord.clubChannelId, user);
    const posted = discord.rest.callsTo('POST', new RegExp(`^/channels/${discord.clubChannelId}/messages$`)).at(-1);
    expect(posted?.body).toMatchObject({ content: `<@${user}> ${DM_CLOSED_NOTICE}`, allowed_mentions: { parse: [], users: [user] } });
    expect(notice.messageRef.startsWith(`${discord.clubChannelId}:`)).toBe(true);
  });

  it('retries a brief outage itself, and reports a lasting one as transient', async () => {
    const brief = snowflake();
    discord.rest.serverErrorNext(new RegExp(`^/channels/${brief}/messages$`), { count: 2 });
    await adapter.poster.post({ owner: `discord:${discord.guildId}:${snowflake()}`, target: 'channel', channelId: brief }, week());
    expect(discord.rest.messagesIn(brief)).toHaveLength(1);

    const down = snowflake();
    discord.rest.serverErrorNext(new RegExp(`^/channels/${down}/messages$`), { count: 10 });
    const error = await failure(
      adapter.poster.post({ owner: `discord:${discord.guildId}:${snowflake()}`, target: 'channel', channelId: down }, week()),
    );
    expect(error.reason).toBe('transient');
    expect(error.detail).toMatch(/^http_5\d\d$/);
  });

  it("reports a deleted channel and lost access as channel-gone, and another platform's owner as unreachable", async () => {
    const gone = snowflake();
    discord.rest.failNext(new RegExp(`^/channels/${gone}/messages$`), { status: 404, body: { code: 10003, message: 'Unknown Channel' } });
    const missing = await failure(
      adapter.poster.post({ owner: `discord:${discord.guildId}:${snowflake()}`, target: 'channel', channelId: gone }, week()),
    );
    expect([missing.reason, missing.detail]).toEqual(['channel-gone', '10003 UnknownChannel']);

    const locked = snowflake();
    discord.rest.failNext(new RegExp(`^/channels/${locked}/messages$`), { status: 403, body: { code: 50001, message: 'Missing Access' } });
    const denied = await failure(
      adapter.poster.post({ owner: `discord:${discord.guildId}:${snowflake()}`, target: 'channel', channelId: locked }, week()),
    );
    expect([denied.reason, denied.detail]).toEqual(['channel-gone', '50001 MissingAccess']);

    const other = await failure(adapter.poster.post({ owner: 'slack:T1:U1', target: 'dm', channelId: null }, week()));
    expect([other.reason, other.detail]).toEqual(['recipient-unreachable', 'not_discord']);
  });

  it('keeps the gateway alive: heartbeats are sent and acknowledged', async () => {
    const start = discord.gateway.heartbeats;
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(discord.gateway.heartbeats).toBeGreaterThan(start);
  });
});
