/**
 * Issue 20's charts in Discord, through the real REST client and gateway against the fakes: a
 * picture is a PNG attached to the message (multipart), shown as its embed's image
 * (`attachment://…`), the attachment's description its alt text — in an answer to a command, in a
 * week the scheduler posts, and in that week edited in place; with the Slack SDK loaded first, as in
 * the bot.
 */
// Loaded first, as the bot loads it: the Slack SDK's undici becomes the process's HTTP dispatcher,
// which Discord's uploads must survive (multipart-request.ts).
import '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { previewView, weekView } from '../../../src/conversation/plan-views.js';
import type { ImageBlock, MessageView } from '../../../src/conversation/views.js';
import { createLogger } from '../../../src/log.js';
import { planFixture } from '../../contract/sample-views.js';
import { FakeDiscord, type RecordedCall } from '../../fakes/discord/fake-discord.js';
import { snowflake } from '../../fakes/discord/snowflakes.js';
import { decodePng } from '../charts/png-pixels.js';

type Json = Record<string, unknown>;

let discord: FakeDiscord;
let adapter: DiscordAdapter;

const preview = previewView(planFixture());
const activePlan = planFixture({ status: 'active' });
/** A press answers with week 2 in place of the pressed message, as Done does. */
const pressed = { ...weekView(activePlan, 2), replacesSource: true };

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 1000 });
  adapter = await startDiscordAdapter({
    conversation: { handle: (intent) => Promise.resolve([intent.kind === 'button' ? pressed : preview]) },
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

function imageOf(view: MessageView): ImageBlock {
  const image = view.blocks.find((b): b is ImageBlock => b.type === 'image');
  if (!image) throw new Error('the view has no picture');
  return image;
}

/** The call's one attached picture: its PNG of `size`, described by `alt` and shown as the first embed's image. */
function expectPicture(call: RecordedCall, name: string, alt: string, size: { width: number; height: number }): void {
  expect(call.files.map((f) => [f.name, f.contentType])).toEqual([[name, 'image/png']]);
  const pixels = decodePng(call.files[0]?.bytes ?? Buffer.alloc(0));
  expect({ width: pixels.width, height: pixels.height }).toEqual(size);
  const body = call.body as Json;
  // The poster writes `attachments` itself; discord.js (interaction answers) adds a few fields of its own.
  expect(body.attachments).toEqual([expect.objectContaining({ description: alt })]);
  expect(String((body.attachments as Json[])[0]?.id)).toBe('0');
  const [embed] = body.embeds as Json[];
  expect(embed?.image).toEqual({ url: `attachment://${name}` });
}

describe('Discord: charts as images', () => {
  it('answers a command with the plan chart attached and shown in the embed', async () => {
    const user = discord.user('ana');
    const interaction = discord.command(user, discord.dm(user), 'status');
    const answer = await discord.answered(interaction, (c) => c.files.length > 0);
    const alt = imageOf(preview).alt;
    expect(alt).toContain('Weekly training volume of Boston Marathon');
    expectPicture(answer, 'plan-chart.png', alt, { width: 960, height: 460 });
    // The text stays: the embed keeps its fields (the text chart among them).
    expect(JSON.stringify(answer.body)).toContain('Weekly mileage');
  });

  it("replaces a pressed message's picture with the answer's, leaving one attachment", async () => {
    const user = discord.user('ben');
    const answered = discord.command(user, discord.dm(user), 'status');
    await discord.answered(answered, (c) => c.files.length > 0);
    const message = discord.rest.originalOf(answered.token);
    if (!message) throw new Error('no answer');
    expect(message.attachments.map((a) => a.filename)).toEqual(['plan-chart.png']);
    const click = discord.click(user, discord.dm(user), message, 'Confirm');
    // Acknowledged first, then the message edited through the interaction's webhook.
    const update = await discord.answered(click, (c) => c.method === 'PATCH');
    expect(update.files.map((f) => f.name)).toEqual(['week-card.png']);
    expect(JSON.stringify(update.body)).toContain('attachment://week-card.png');
    expect(message.attachments.map((a) => a.filename)).toEqual(['week-card.png']);
  });

  it('posts a week with its card attached, and edits it in place with one card, not two', async () => {
    const plan = planFixture({ status: 'active' });
    const week = weekView(plan, 2);
    const channel = snowflake();
    const owner = `discord:${discord.guildId}:${snowflake()}`;
    const { messageRef } = await adapter.poster.post({ owner, target: 'channel', channelId: channel }, week);
    const [post] = discord.rest.callsTo('POST', new RegExp(`^/channels/${channel}/messages$`));
    if (!post) throw new Error('no post');
    expectPicture(post, 'week-card.png', imageOf(week).alt, { width: 960, height: 270 });
    const [message] = discord.rest.messagesIn(channel);
    expect(message?.attachments.map((a) => a.filename)).toEqual(['week-card.png']);
    expect(message?.embeds[0]?.title).toContain('Week 2 of');

    await adapter.poster.update?.(messageRef, weekView(plan, 2, { note: 'Changed.' }));
    const [edit] = discord.rest.callsTo('PATCH', new RegExp(`^/channels/${channel}/messages/`));
    if (!edit) throw new Error('no edit');
    // `attachments` lists only the new card, so Discord drops the old one rather than keep both.
    expectPicture(edit, 'week-card.png', imageOf(week).alt, { width: 960, height: 270 });
    expect(discord.rest.messagesIn(channel)[0]?.attachments).toHaveLength(1);
  });
});
