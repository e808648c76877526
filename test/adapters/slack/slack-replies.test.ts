/**
 * Replies where the person is, against the fake Slack over Socket Mode, with the app renamed to
 * `/coach` (SLACK_COMMAND) end to end: a command typed outside the app's DM gets a private note
 * there with a link to the DM while the answer goes to the DM; help and hints name `/coach`; words typed in the
 * app's DM (Messages tab) are answered there; Week 1 after Confirm goes to the plan's club channel;
 * and choosing "this channel" is refused, in one sentence, where the bot cannot post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PLAN_CONFIRM_ACTION } from '../../../src/conversation/action-ids.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import {
  blockActions,
  buttonsIn,
  directMessage,
  findButton,
  slashCommand,
  viewSubmission,
  type SlackPerson,
} from '../../fakes/slack/payloads.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, CLUB_CHANNEL, STRANGER, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

const PRIVATE_CHANNEL = { id: 'G0SECRET', name: 'privategroup' } as const;
const ARCHIVED_CHANNEL = { id: 'C0OLDCLUB', name: 'old-club' } as const;
const DM_LINK = 'https://slack.com/app_redirect?app=A0GOFAST&team=T1';

const SHORTCUT = [
  `distance=${MARATHON_FIELDS.distance}`,
  `race-date=${MARATHON_FIELDS.raceDate}`,
  `goal=${MARATHON_FIELDS.goal}`,
  `five-k=${MARATHON_FIELDS.fiveK}`,
  `mileage=${MARATHON_FIELDS.mileage}`,
  `days=${MARATHON_FIELDS.days}`,
  `start=${MARATHON_FIELDS.startDate}`,
  'race="Boston Marathon"',
].join(' ');

const blocksOf = (call: RecordedCall): Json[] => call.args.blocks as Json[];
const textOf = (call: RecordedCall): string => JSON.stringify(call.args.blocks ?? call.args.text);
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('Slack replies where the person is, with the command renamed /coach', () => {
  let world: SlackWorld;
  let reply = 0;

  const command = (person: SlackPerson, text: string, channel: { id: string; name: string }) => {
    reply += 1;
    return world.transport.command(
      slashCommand(person, {
        text,
        channelId: channel.id,
        channelName: channel.name,
        responseUrl: world.api.responseUrl(`${person.userId}-${reply}`),
        command: '/coach',
      }),
    );
  };
  const say = (person: SlackPerson, text: string, options: { bot?: boolean; edited?: boolean } = {}) =>
    world.transport.event(directMessage(person, text, { channelId: dmOf(person), ...options }));
  const plansOf = (person: SlackPerson) => world.service.store.list({ owner: identityOf(person) });
  const dmPosts = (since: number) => world.api.callsOf('chat.postMessage', since).filter((c) => c.args.channel === dmOf(ATHLETE));

  beforeAll(async () => {
    world = await startSlackWorld('socket', { command: '/coach' });
    world.api.addChannel({ id: PRIVATE_CHANNEL.id, name: 'secret-runs', isPrivate: true });
    world.api.addChannel({ id: ARCHIVED_CHANNEL.id, name: ARCHIVED_CHANNEL.name, isArchived: true, member: true });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('answers /coach help in the channel, privately, naming /coach and never /plan', async () => {
    const since = world.api.mark();
    expect(await command(ATHLETE, 'help', CLUB_CHANNEL)).toEqual({ status: 200, body: null });
    const help = await world.api.waitForCall('response_url', { since });
    expect(help.args).toMatchObject({ response_type: 'ephemeral' });
    const text = textOf(help);
    expect(text).toContain('/coach week');
    expect(text).not.toMatch(/\/plan\b/);
    await settle();
    // Help is private and complete where it was asked: no DM, and no note pointing to one.
    expect(world.api.callsOf('chat.postMessage', since)).toEqual([]);
    expect(world.api.callsOf('response_url', since)).toHaveLength(1);
  });

  it('refuses "this channel" in a private channel the bot is not in, says how to fix it, and changes nothing', async () => {
    const since = world.api.mark();
    await command(ATHLETE, `new ${SHORTCUT} delivery=channel`, PRIVATE_CHANNEL);
    const refusal = await world.api.waitForCall('response_url', { since });
    expect(textOf(refusal)).toContain(
      "I can't post in this channel: it is a private channel I am not in — invite me with /invite @GoFast Coach, or choose a direct message.",
    );
    expect(world.api.callsOf('conversations.info', since).map((c) => c.args.channel)).toEqual([PRIVATE_CHANNEL.id]);
    await settle();
    expect(world.api.callsOf('chat.postMessage', since)).toEqual([]);
    expect(await plansOf(ATHLETE)).toEqual([]);
  });

  it('refuses an archived channel by name', async () => {
    const since = world.api.mark();
    await command(ATHLETE, `new ${SHORTCUT} delivery=channel`, ARCHIVED_CHANNEL);
    const refusal = await world.api.waitForCall('response_url', { since });
    expect(textOf(refusal)).toContain("I can't post in #old-club: it is archived — choose a direct message or another channel.");
    expect(await plansOf(ATHLETE)).toEqual([]);
  });

  let preview: RecordedCall;

  it('posts the preview to the DM and leaves a private note in the public channel with a link to the DM', async () => {
    const since = world.api.mark();
    await command(ATHLETE, `new ${SHORTCUT} delivery=channel`, CLUB_CHANNEL);
    preview = await world.api.waitForCall('chat.postMessage', { since });
    expect(preview.args.channel).toBe(dmOf(ATHLETE));
    expect(blocksOf(preview)[0]).toMatchObject({ type: 'header', text: { text: 'Your plan: Boston Marathon' } });
    const note = await world.api.waitForCall('response_url', { since });
    expect(note.args).toMatchObject({ response_type: 'ephemeral', text: 'Sent to your DM with GoFast Coach.' });
    expect(textOf(note)).toContain(`<${DM_LINK}|open it>`);
    // A public channel is fine without an invite (chat:write.public): the choice is kept.
    const [plan] = await plansOf(ATHLETE);
    expect(plan?.delivery).toMatchObject({ target: 'channel', channelId: CLUB_CHANNEL.id });
    // The note comes after the answer it points to.
    const order = world.api.calls.slice(since).map((c) => c.method);
    expect(order.lastIndexOf('chat.postMessage')).toBeLessThan(order.indexOf('response_url'));
  });

  it('posts Week 1 to the club channel after Confirm and says so in the DM', async () => {
    const since = world.api.mark();
    await world.transport.interaction(
      blockActions(ATHLETE, findButton(blocksOf(preview), PLAN_CONFIRM_ACTION), {
        kind: 'message',
        channelId: dmOf(ATHLETE),
        channelName: 'directmessage',
        ts: String((preview.response as Json).ts),
      }),
    );
    const update = await world.api.waitForCall('chat.update', { since });
    expect(update.args.channel).toBe(dmOf(ATHLETE));
    expect(JSON.stringify(blocksOf(update))).toContain('Week 1 is posted in the channel your weeks go to.');
    const week1 = await world.api.waitForCall('chat.postMessage', { since });
    expect(week1.args.channel).toBe(CLUB_CHANNEL.id);
    expect(blocksOf(week1)[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^Week 1 of \d+/) } });
    expect(buttonsIn(blocksOf(week1)).map((b) => (b.text as Json).text)).toContain('Done');
    await settle();
    expect(dmPosts(since)).toEqual([]);
    expect((await plansOf(ATHLETE)).map((p) => p.status)).toEqual(['active']);
  });

  it("leaves the note in a DM between people too, and none when the command was typed in the app's own DM", async () => {
    let since = world.api.mark();
    await command(ATHLETE, 'export', { id: 'D0WITHBEN', name: 'directmessage' });
    const upload = await world.api.waitForCall('files.completeUploadExternal', { since });
    expect(upload.args.channel_id).toBe(dmOf(ATHLETE));
    const note = await world.api.waitForCall('response_url', { since });
    expect(textOf(note)).toContain(`<${DM_LINK}|open it>`);

    since = world.api.mark();
    await command(ATHLETE, 'export', { id: dmOf(ATHLETE), name: 'directmessage' });
    await world.api.waitForCall('files.completeUploadExternal', { since });
    await settle();
    expect(world.api.callsOf('response_url', since)).toEqual([]);
  });

  it('answers "help", "status" and "week" typed in the DM, in the DM, naming /coach', async () => {
    let since = world.api.mark();
    expect((await say(ATHLETE, 'help')).status).toBe(200);
    const help = await world.api.waitForCall('chat.postMessage', { since });
    expect(help.args.channel).toBe(dmOf(ATHLETE));
    expect(textOf(help)).toContain('/coach week');
    expect(textOf(help)).not.toMatch(/\/plan\b/);

    since = world.api.mark();
    await say(ATHLETE, 'Status');
    const status = await world.api.waitForCall('chat.postMessage', { since });
    expect(status.args.channel).toBe(dmOf(ATHLETE));
    expect(textOf(status)).toContain('Plan status · Boston Marathon');

    since = world.api.mark();
    await say(ATHLETE, 'week');
    const week = await world.api.waitForCall('chat.postMessage', { since });
    expect(week.args.channel).toBe(dmOf(ATHLETE));
    expect(blocksOf(week)[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^Week 1 of \d+/) } });
  });

  it('reads "/coach …" and "plan …" typed as text the same way', async () => {
    for (const typed of ['/coach status', 'plan status', '/plan status']) {
      const since = world.api.mark();
      await say(ATHLETE, typed);
      const answer = await world.api.waitForCall('chat.postMessage', { since });
      expect(textOf(answer), typed).toContain('Plan status · Boston Marathon');
    }
  });

  it('refuses /coach settings → "This channel" in a private channel the bot is not in, and keeps the club channel', async () => {
    let since = world.api.mark();
    await command(ATHLETE, 'settings', PRIVATE_CHANNEL);
    const opened = await world.api.waitForCall('views.open', { since });
    const modal = opened.args.view as Json;
    since = world.api.mark();
    const ack = await world.transport.interaction(viewSubmission(ATHLETE, modal, 'V0SETTINGS', { delivery: 'channel' }));
    expect(ack).toEqual({ status: 200, body: null });
    const refusal = await world.api.waitForCall('chat.postEphemeral', { since });
    expect(refusal.args).toMatchObject({ channel: dmOf(ATHLETE), user: ATHLETE.userId });
    expect(textOf(refusal)).toContain(
      "I can't post in this channel: it is a private channel I am not in — invite me with /invite @GoFast Coach",
    );
    const [plan] = await plansOf(ATHLETE);
    expect(plan?.delivery).toMatchObject({ target: 'channel', channelId: CLUB_CHANNEL.id });
  });

  it('answers an unknown word with help, and a word that opens a form with the command that opens it', async () => {
    let since = world.api.mark();
    await say(ATHLETE, 'hello coach');
    const unknown = await world.api.waitForCall('chat.postMessage', { since });
    expect(textOf(unknown)).toContain('hello');
    expect(textOf(unknown)).toContain('/coach week');

    since = world.api.mark();
    await say(ATHLETE, 'settings');
    const hint = await world.api.waitForCall('chat.postMessage', { since });
    expect(textOf(hint)).toContain('type /coach settings');
    expect(world.api.callsOf('views.open', since)).toEqual([]);
  });

  it("ignores bots' messages, edits, and the same message delivered twice", async () => {
    const since = world.api.mark();
    await say(ATHLETE, 'help', { bot: true });
    await say(ATHLETE, 'help', { edited: true });
    await settle();
    expect(world.api.callsOf('chat.postMessage', since)).toEqual([]);

    const event = directMessage(STRANGER, 'help', { channelId: dmOf(STRANGER) });
    await world.transport.event(event);
    await world.api.waitForCall('chat.postMessage', { since });
    await world.transport.event(event, { retryNum: 1 });
    await settle();
    expect(world.api.callsOf('chat.postMessage', since).map((c) => c.args.channel)).toEqual([dmOf(STRANGER)]);
  });

  it('called only methods its scopes allow, with nothing refused but the checks it meant to make', () => {
    const refused = world.api.calls
      .filter((c) => (c.response as Json).ok === false)
      .map((c) => `${c.method}: ${String((c.response as Json).error)}`);
    expect([...new Set(refused)]).toEqual(['conversations.info: channel_not_found']);
  });
});
