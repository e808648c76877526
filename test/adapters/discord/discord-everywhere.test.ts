/**
 * `/plan` wherever a Discord user types it, end to end against the real core and a local Discord:
 * help written as Discord options, one plan per user across servers and DMs, private answers in
 * someone else's DM or group DM (a user-installed app), and time zones suggested as they are typed
 * (autocomplete), guessed from the user's locale when nothing is typed yet; and a channel chosen
 * for the weeks checked at once (`GET /channels/{id}`), with the fix when the bot cannot reach it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CHANNEL_PROBLEMS } from '../../../src/adapters/discord/discord-poster.js';
import { actorOf } from '../../../src/adapters/discord/identity.js';
import { FakeDiscord, type Dispatched, type StoredMessage } from '../../fakes/discord/fake-discord.js';
import { OPTION_TYPES, type CommandOption } from '../../fakes/discord/interaction-payloads.js';
import { snowflake } from '../../fakes/discord/snowflakes.js';
import type { TestService } from '../../support/plan-service.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

type Json = Record<string, unknown>;

const EPHEMERAL = 64;
let s: TestService;
let discord: FakeDiscord;
let world: DiscordWorld | undefined;

beforeAll(async () => {
  world = await startDiscordWorld({ now: '2026-11-25T12:00:00Z', checkChannels: true });
  ({ service: s, discord } = world);
});

afterAll(async () => {
  await world?.stop();
});

/** Every text the user sees in a message (content and embeds). */
function seen(message: StoredMessage | undefined): string {
  return `${message?.content ?? ''} ${JSON.stringify(message?.embeds ?? [])}`;
}

/** The message the interaction's answer left for the user (its reply, or the last follow-up). */
async function lastAnswer(interaction: Dispatched): Promise<StoredMessage> {
  await discord.answered(interaction, (c) => c.method !== 'DELETE');
  const answer = discord.rest.followUpsOf(interaction.token).at(-1) ?? discord.rest.originalOf(interaction.token);
  if (!answer) throw new Error('no answer');
  return answer;
}

const text = (name: string, value: string): CommandOption => ({ name, type: OPTION_TYPES.string, value });

/** `/plan new` with every option: a preview at once. */
const TEN_K: readonly CommandOption[] = [
  text('distance', '10k'),
  text('race-date', '2027-02-21'),
  text('goal', '48:00'),
  text('five-k', '22:30'),
  { name: 'mileage', type: OPTION_TYPES.number, value: 20 },
  text('start', '2026-11-30'),
  text('race-name', 'Valentine 10K'),
];

/** The choices the bot answered an autocomplete request with. */
async function choicesFor(interaction: Dispatched): Promise<string[]> {
  const call = await discord.callbackOf(interaction);
  const body = call.body as { type: number; data: { choices: { name: string; value: string }[] } };
  expect(call.status).toBe(204);
  expect(body.type).toBe(8);
  return body.data.choices.map((c) => c.value);
}

describe('help on Discord', () => {
  it('is written as the options of /plan, not as typed key=value', async () => {
    const asked = discord.command(discord.user('hal'), discord.club(), 'help');
    const help = seen(await lastAnswer(asked));
    expect(help).toContain(
      '/plan new distance:marathon race-date:2027-04-18 goal:3:30:00 five-k:22:30 mileage:25 days:2,3,4,6,7 [start:YYYY-MM-DD] [race-name:Name] [units:km]',
    );
    expect(help).toContain('/plan week [week:N]');
    expect(help).toContain('/plan settings [timezone:Europe/London]');
    expect(help).toContain('/plan new — start a plan');
    expect(help).not.toMatch(/\w=\w/);
  });
});

describe('one plan per Discord user, wherever /plan is typed', () => {
  it('a plan made in a server is seen from a DM with the bot', async () => {
    const ida = discord.user('ida');
    const made = discord.command(ida, discord.club(), 'new', TEN_K);
    await discord.answered(made);
    const preview = discord.rest.originalOf(made.token);
    if (!preview) throw new Error('no preview');
    expect(preview.flags & EPHEMERAL).toBe(0);
    const confirmed = discord.click(ida, discord.club(), preview, 'Confirm');
    await discord.answered(confirmed, (c) => c.method === 'PATCH');

    const status = seen(await lastAnswer(discord.command(ida, discord.dm(ida), 'status')));
    expect(status).toContain('Valentine 10K');
    expect(status).not.toContain('no plan yet');
    expect((await s.plans.currentPlan(`discord:@me:${ida.id}`))?.status).toBe('active');
  });
});

describe('a user-installed app in someone else’s DM or a group DM', () => {
  it('answers privately there, even what a server channel would see', async () => {
    const jo = discord.user('jo');
    const where = discord.privateChannel();
    const made = discord.command(jo, where, 'new', TEN_K);
    const callback = await discord.callbackOf(made);
    expect((callback.body as Json).type).toBe(5);
    expect(((callback.body as Json).data as Json).flags).toBe(EPHEMERAL);
    const preview = await lastAnswer(made);
    expect(preview.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(seen(preview)).toContain('Valentine 10K');
    // The preview is the user's own, the same one a DM with the bot sees.
    expect((await s.plans.currentPlan(`discord:@me:${jo.id}`))?.status).toBe('preview');

    // Confirmed there: the preview gives way to the outcome, privately; Week 1 goes where the
    // weeks go, the DM with the bot, and nothing is shown to the others there.
    const confirmed = discord.click(jo, where, preview, 'Confirm');
    await discord.answered(confirmed, (c) => c.method === 'PATCH');
    for (const message of discord.rest.followUpsOf(confirmed.token)) expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discord.rest.messagesIn(where.channelId).filter((m) => (m.flags & EPHEMERAL) === 0)).toEqual([]);
    expect(seen(discord.rest.messagesIn(discord.rest.dmChannelOf(jo.id) ?? '')[0])).toContain('Week 1 of');
    expect((await s.plans.currentPlan(`discord:@me:${jo.id}`))?.status).toBe('active');
  });

  it('offers no channel delivery where the bot cannot post: the origin is a DM', () => {
    const userId = snowflake();
    const channelId = snowflake();
    const guildId = snowflake();
    // Someone else's DM or a group DM (context 2).
    expect(actorOf({ userId, guildId: null, channelId, context: 2 }).origin).toEqual({ kind: 'dm' });
    // A server where only the user installed the app: its bot is not there.
    expect(actorOf({ userId, guildId, channelId, context: 0, guildInstalled: false }).origin).toEqual({ kind: 'dm' });
    // A server the app is installed to: this channel.
    expect(actorOf({ userId, guildId, channelId, context: 0, guildInstalled: true })).toMatchObject({
      identity: `discord:@me:${userId}`,
      origin: { kind: 'channel', channelId },
      commandStyle: 'options',
    });
  });
});

describe('the time zone option', () => {
  const typing = (value: string) => [{ name: 'timezone', type: OPTION_TYPES.string, value, focused: true }];

  it('suggests a zone from the locale when nothing is typed yet', async () => {
    const kai = discord.user('kai');
    expect((await choicesFor(discord.autocomplete(kai, discord.club(), 'settings', typing(''), 'en-GB')))[0]).toBe('Europe/London');
    expect((await choicesFor(discord.autocomplete(kai, discord.club(), 'settings', typing(''), 'de')))[0]).toBe('Europe/Berlin');
    const us = await choicesFor(discord.autocomplete(kai, discord.dm(kai), 'settings', typing(''), 'en-US'));
    expect(us[0]).toBe('America/New_York');
    expect(us).toContain('America/Los_Angeles');
    expect(await choicesFor(discord.autocomplete(kai, discord.club(), 'settings', typing(''), 'xx'))).toEqual(['UTC']);
  });

  it('matches what is typed, up to 25 IANA zones, the best match first', async () => {
    const lia = discord.user('lia');
    const berlin = await choicesFor(discord.autocomplete(lia, discord.club(), 'settings', typing('berl'), 'en-US'));
    expect(berlin[0]).toBe('Europe/Berlin');
    const newYork = await choicesFor(discord.autocomplete(lia, discord.club(), 'settings', typing('new york'), 'en-US'));
    expect(newYork[0]).toBe('America/New_York');
    const many = await choicesFor(discord.autocomplete(lia, discord.club(), 'settings', typing('a'), 'en-US'));
    expect(many).toHaveLength(25);
    for (const zone of many) expect(zone.toLowerCase()).toContain('a');
    expect(await choicesFor(discord.autocomplete(lia, discord.club(), 'settings', typing('zzzz'), 'en-US'))).toEqual([]);
  });

  it('opens the settings form with the chosen zone filled in', async () => {
    const mo = discord.user('mo');
    await discord.answered(discord.command(mo, discord.dm(mo), 'new', TEN_K));
    const open = discord.command(mo, discord.dm(mo), 'settings', [text('timezone', 'Europe/London')]);
    const modal = await discord.modalFor(open);
    const zone = modal.components.find((c) => (c.component as Json | undefined)?.custom_id === 'timezone');
    expect((zone?.component as Json).value).toBe('Europe/London');
  });
});

describe('choosing a channel for the weeks', () => {
  it('says how to fix it when the bot cannot see the channel, and changes nothing; a channel it sees is taken', async () => {
    const ola = discord.user('ola');
    const made = discord.command(ola, discord.club(), 'new', TEN_K);
    await discord.answered(made);
    const preview = discord.rest.originalOf(made.token);
    if (!preview) throw new Error('no preview');
    await discord.answered(discord.click(ola, discord.club(), preview, 'Confirm'), (c) => c.method === 'PATCH');

    const hidden = snowflake();
    discord.rest.hideChannel(hidden);
    const form = await discord.modalFor(discord.command(ola, discord.club(hidden), 'settings'));
    const refused = discord.submit(ola, discord.club(hidden), form, { delivery: ['channel'] });
    await discord.answered(refused);
    const answers = [discord.rest.originalOf(refused.token), ...discord.rest.followUpsOf(refused.token)].filter((m) => m && !m.deleted);
    expect(answers.map((m) => m?.content)).toEqual([CHANNEL_PROBLEMS.hidden]);
    expect(answers[0]?.flags ?? 0).toBe(EPHEMERAL);
    expect((await s.plans.currentPlan(`discord:@me:${ola.id}`))?.delivery).toMatchObject({ target: 'dm', channelId: null });

    const visible = snowflake();
    const again = await discord.modalFor(discord.command(ola, discord.club(visible), 'settings'));
    const taken = discord.submit(ola, discord.club(visible), again, { delivery: ['channel'] });
    await discord.answered(taken, (c) => c.method === 'POST');
    expect(discord.rest.originalOf(taken.token)?.content).toContain('Settings saved');
    expect(discord.rest.callsTo('GET', new RegExp(`^/channels/${visible}$`))).toHaveLength(1);
    expect((await s.plans.currentPlan(`discord:@me:${ola.id}`))?.delivery).toMatchObject({ target: 'channel', channelId: visible });
  });
});

describe('Week 1 after Confirm follows the plan’s delivery setting', () => {
  it('goes to the club channel the weeks go to, even when Confirm is pressed in a DM', async () => {
    const pia = discord.user('pia');
    const made = discord.command(pia, discord.dm(pia), 'new', TEN_K);
    await discord.answered(made);
    const preview = discord.rest.originalOf(made.token);
    if (!preview) throw new Error('no preview');
    const identity = `discord:@me:${pia.id}`;
    const planId = (await s.plans.currentPlan(identity))?.id ?? '';
    const club = snowflake();
    await s.plans.updateSettings(identity, planId, { target: 'channel', channelId: club, timezone: 'UTC' });

    const confirmed = discord.click(pia, discord.dm(pia), preview, 'Confirm');
    await discord.answered(confirmed, (c) => c.method === 'PATCH');
    const [week1] = discord.rest.messagesIn(club);
    expect(seen(week1)).toContain('Week 1 of');
    expect(seen(preview)).toContain('Week 1 is posted in the channel your weeks go to.');
    expect(discord.rest.followUpsOf(confirmed.token).map(seen).join(' ')).not.toContain('Week 1 of');
  });

  it('is answered where Confirm was pressed when the plan’s channel refuses it, so the athlete still gets it', async () => {
    const quinn = discord.user('quinn');
    const made = discord.command(quinn, discord.dm(quinn), 'new', TEN_K);
    await discord.answered(made);
    const preview = discord.rest.originalOf(made.token);
    if (!preview) throw new Error('no preview');
    const identity = `discord:@me:${quinn.id}`;
    const planId = (await s.plans.currentPlan(identity))?.id ?? '';
    const gone = snowflake();
    await s.plans.updateSettings(identity, planId, { target: 'channel', channelId: gone, timezone: 'UTC' });
    discord.rest.failNext(new RegExp(`^/channels/${gone}/messages$`), { status: 403, body: { code: 50001, message: 'Missing Access' } });

    const confirmed = discord.click(quinn, discord.dm(quinn), preview, 'Confirm');
    await discord.answered(confirmed, (c) => c.method === 'POST');
    expect(discord.rest.messagesIn(gone)).toEqual([]);
    expect(seen(discord.rest.followUpsOf(confirmed.token)[0])).toContain('Week 1 of');
  });
});
