/**
 * A run's file dropped in the coach's Slack DM (issue 21), through the real transport against the
 * fake Web API and the real core: a FIT file written with Garmin's SDK lands on its plan day (Done,
 * with what was run) and the athlete reads "Logged: …" with an Undo button, which puts the day
 * back; the same file again logs once; a damaged file and one Slack says is over 25 MB (never
 * downloaded) get one sentence and change nothing; the bot token goes to Slack's files host only;
 * a file shared in a channel is not the coach's.
 */
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { downloadOrigins, slackFileDownloader } from '../../../src/adapters/slack/file-download.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { blockActions, directMessage, findButton, type SlackPerson } from '../../fakes/slack/payloads.js';
import { activityFit } from '../../support/fit-activity.js';
import { MARATHON_FIELDS } from '../../support/plan-service.js';
import { ATHLETE, CLUB_CHANNEL, STRANGER, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

/** A `message` event with subtype `file_share`, as Slack sends it when a person shares files. */
function fileShare(person: SlackPerson, files: Json[], where: { channelId: string; channelType: 'im' | 'channel' }): Json {
  const ts = `${Math.floor(Date.now() / 1000)}.${randomBytes(3).readUIntBE(0, 3)}`;
  return {
    token: 'legacy-verification-token',
    team_id: person.teamId,
    api_app_id: 'A0GOFAST',
    event: {
      type: 'message',
      subtype: 'file_share',
      text: '',
      files,
      upload: false,
      user: person.userId,
      display_as_bot: false,
      channel: where.channelId,
      channel_type: where.channelType,
      ts,
      event_ts: ts,
    },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: person.teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

const textOf = (call: RecordedCall): string => String(call.args.text ?? '');
const REPLIES = ['chat.postMessage', 'chat.postEphemeral', 'response_url'];

describe('a run file dropped in the Slack DM', () => {
  let world: SlackWorld;
  let planId = '';
  /** The first run day of week 1: its date and day number. */
  let runDay = { date: '', dayNumber: 0 };
  let fit: Uint8Array;

  const plan = (): Promise<PlanRecord> => world.service.plans.getPlan(identityOf(ATHLETE), planId);
  const markOf = (p: PlanRecord) => p.weeks[0]?.execution?.days?.find((m) => m.dayNumber === runDay.dayNumber);
  const replies = (since: number) => world.api.calls.slice(since).filter((c) => REPLIES.includes(c.method));
  /** Drops files in the DM and waits for the coach's answer there. */
  async function drop(files: Json[]): Promise<RecordedCall> {
    const since = world.api.mark();
    await world.transport.event(fileShare(ATHLETE, files, { channelId: dmOf(ATHLETE), channelType: 'im' }));
    return world.api.waitForCall('chat.postMessage', { since, where: (c) => c.args.channel === dmOf(ATHLETE) });
  }

  beforeAll(async () => {
    world = await startSlackWorld('socket');
    const { service } = world;
    const owner = identityOf(ATHLETE);
    service.clock.set('2026-11-25T12:00:00Z');
    const preview = await service.plans.createPreview({ owner, fields: MARATHON_FIELDS });
    await service.plans.confirmPlan(owner, preview.id);
    planId = preview.id;
    const day = (await plan()).weeks[0]?.days.find((d) => d.type !== 'rest');
    if (day === undefined) throw new Error('week 1 has no run day');
    runDay = { date: day.date, dayNumber: day.dayNumber };
    // 08:00 in Berlin (the athlete's Slack zone) on that day: 5 km in 25 minutes of timer time.
    fit = activityFit({ start: new Date(`${runDay.date}T07:00:00Z`) });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('logs the run on its plan day, with an Undo button that puts the day back', async () => {
    const before = await plan();
    const answer = await drop([world.api.shareFile('Morning_Run.fit', fit)]);

    expect(textOf(answer)).toMatch(/^Logged: \w{3} .+ 3\.1 mi @ 8:03\/mi — /);
    const undo = findButton(answer.args.blocks as Json[], 'gofast.activity.undo', 'Undo');
    const download = world.api.callsOf('files.download').at(-1);
    expect(download?.token).toBe('xoxb-test-bot-token');
    const logged = await plan();
    expect(markOf(logged)).toMatchObject({ status: 'done', source: 'file', distanceMiles: 3.107 });
    expect(logged.revision).toBe(before.revision + 1);

    const since = world.api.mark();
    await world.transport.interaction(
      blockActions(
        ATHLETE,
        undo,
        { kind: 'message', channelId: dmOf(ATHLETE), channelName: 'directmessage', ts: String((answer.response as Json).ts ?? '') },
        world.api.responseUrl('undo-1'),
      ),
    );
    await expect.poll(() => replies(since).map(textOf).join('\n')).toMatch(/Undone: \w{3} .+ is back as it was before that run\./);
    expect(markOf(await plan())).toBeUndefined();
  });

  it('logs the same file once', async () => {
    const first = await drop([world.api.shareFile('again.fit', fit)]);
    expect(textOf(first)).toMatch(/^Logged: /);
    const once = await plan();
    const second = await drop([world.api.shareFile('again-copy.fit', fit)]);
    expect(textOf(second)).toMatch(/^Already logged: /);
    const after = await plan();
    expect(after.revision).toBe(once.revision);
    expect(after.weeks.flatMap((w) => w.execution?.days ?? []).filter((m) => m.source === 'file')).toHaveLength(1);
  });

  it('refuses a damaged file in one sentence and stores nothing', async () => {
    const before = await plan();
    // The last byte is the file's CRC: a bit flipped in transit.
    const damaged = Buffer.from(fit);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 0xff, damaged.length - 1);
    const refusal = await drop([world.api.shareFile('broken.fit', damaged)]);
    expect(textOf(refusal)).toBe('That FIT file looks damaged or cut short, so nothing was logged; try exporting it again.');
    expect((await plan()).revision).toBe(before.revision);
  });

  it('asks for the file again when Slack will not give it, and stores nothing', async () => {
    const before = await plan();
    const shared = world.api.shareFile('gone.fit', fit);
    // Deleted on Slack between the event and the download: files.slack.com answers 404.
    const gone = { ...shared, url_private_download: String(shared.url_private_download).replace(/-F\w+\//, '-FGONE/') };
    const answer = await drop([gone]);
    expect(world.api.callsOf('files.download').at(-1)?.response).toEqual({ status: 404 });
    expect(textOf(answer)).toBe('I could not download that file, so nothing was logged; send it again in a moment.');
    expect((await plan()).revision).toBe(before.revision);
  });

  it('refuses a file Slack says is over 25 MB without downloading it', async () => {
    const before = await plan();
    const downloads = world.api.callsOf('files.download').length;
    const refusal = await drop([world.api.shareFile('huge.fit', fit, { size: 26 * 1024 * 1024 })]);
    expect(textOf(refusal)).toBe('That file is over 25 MB, too big for one run, so nothing was logged.');
    expect(world.api.callsOf('files.download')).toHaveLength(downloads);
    expect((await plan()).revision).toBe(before.revision);
  });

  it('tells someone with no active plan so, and downloads nothing', async () => {
    const since = world.api.mark();
    await world.transport.event(
      fileShare(STRANGER, [world.api.shareFile('ben.fit', fit)], { channelId: dmOf(STRANGER), channelType: 'im' }),
    );
    const answer = await world.api.waitForCall('chat.postMessage', { since, where: (c) => c.args.channel === dmOf(STRANGER) });
    expect(textOf(answer)).toBe('You have no active plan to log that run to; start one with /plan, then send the file again.');
    expect(world.api.callsOf('files.download', since)).toHaveLength(0);
  });

  it('never sends the bot token to a host other than Slack files', async () => {
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.end(Buffer.from(fit));
    });
    elsewhere.listen(0, '127.0.0.1');
    await once(elsewhere, 'listening');
    try {
      const { port } = elsewhere.address() as AddressInfo;
      const shared = { ...world.api.shareFile('elsewhere.fit', fit), url_private_download: `http://127.0.0.1:${port}/run.fit` };
      const answer = await drop([shared]);
      expect(textOf(answer)).toBe('I could not open that file from Slack; send it again as a file in this conversation.');
      expect(seen).toEqual([]);
    } finally {
      elsewhere.close();
    }
  });

  it('ignores a file shared in a channel', async () => {
    const before = await plan();
    const since = world.api.mark();
    await world.transport.event(
      fileShare(ATHLETE, [world.api.shareFile('club.fit', fit)], { channelId: CLUB_CHANNEL.id, channelType: 'channel' }),
    );
    // A word in the DM after it: once it is answered, the share before it has been read too.
    await world.transport.event(directMessage(ATHLETE, 'help', { channelId: dmOf(ATHLETE) }));
    await world.api.waitForCall('chat.postMessage', { since, where: (c) => c.args.channel === dmOf(ATHLETE) });
    expect(world.api.callsOf('files.download', since)).toHaveLength(0);
    expect(replies(since).filter((c) => c.args.channel === CLUB_CHANNEL.id)).toHaveLength(0);
    expect((await plan()).revision).toBe(before.revision);
  });
});

describe("the shared-file downloader's hosts", () => {
  it("sends the token only to Slack's files host over https, or the configured local Slack", () => {
    const onSlack = slackFileDownloader('xoxb-t', downloadOrigins(undefined));
    expect(onSlack.allows('https://files.slack.com/files-pri/T1-F1/download/run.fit')).toBe(true);
    for (const url of [
      'http://files.slack.com/files-pri/T1-F1/download/run.fit',
      'https://files.slack.com.example.net/run.fit',
      'https://example.net/files-pri/T1-F1/download/run.fit',
      'not a url',
    ]) {
      expect(onSlack.allows(url)).toBe(false);
    }
    const local = slackFileDownloader('xoxb-t', downloadOrigins('http://127.0.0.1:4000/api/'));
    expect(local.allows('http://127.0.0.1:4000/files-pri/T1-F1/download/run.fit')).toBe(true);
    expect(local.allows('http://127.0.0.1:4001/files-pri/T1-F1/download/run.fit')).toBe(false);
  });
});
