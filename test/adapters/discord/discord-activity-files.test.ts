/**
 * `/plan log file:` on Discord (issue 21): a run's file attached to the command, through the real
 * gateway and REST transports against the local Discord (which also plays the attachment CDN) and
 * the real core. A FIT file written with Garmin's SDK and a GPX fixture land on their plan days
 * (Done) and the athlete reads "Logged: …" with an Undo button that works; a file Discord says is
 * over 25 MB is refused without being downloaded, one that lied about its size is cut off at the
 * limit, a damaged one is refused, all in one sentence that changes nothing; a link off Discord's
 * attachment hosts is never fetched; no bot token goes to the CDN; `/plan log` without a file is
 * the log form as before.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { attachmentOrigins, discordAttachmentDownloader } from '../../../src/adapters/discord/attachment-download.js';
import { parsePlanOptions } from '../../../src/adapters/discord/command-options.js';
import { discordIdentity } from '../../../src/adapters/discord/identity.js';
import { planCommandDefinition } from '../../../src/adapters/discord/index.js';
import { createCommandRegistry } from '../../../src/conversation/commands/command-registry.js';
import { COMMANDS, type CommandSpec } from '../../../src/conversation/commands/index.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import { FakeDiscord, type Dispatched, type StoredMessage } from '../../fakes/discord/fake-discord.js';
import { snowflake } from '../../fakes/discord/snowflakes.js';
import { OPTION_TYPES, type FakeUser } from '../../fakes/discord/interaction-payloads.js';
import { activityFit } from '../../support/fit-activity.js';
import { MARATHON_FIELDS, type TestService } from '../../support/plan-service.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

const EPHEMERAL = 64;
const TOO_LARGE = 'That file is over 25 MB, too big for one run, so nothing was logged.';
const UNOPENED = 'I could not open that file from Discord; attach it again to /plan log.';

let s: TestService;
let discord: FakeDiscord;
let world: DiscordWorld | undefined;
let ana: FakeUser;
let planId = '';
/** The first two run days of week 1. */
let runDays: { date: string; dayNumber: number }[] = [];
let fit: Uint8Array;
const logLines: string[] = [];

const plan = (): Promise<PlanRecord> => s.plans.getPlan(discordIdentity(ana.id), planId);
const markOn = (p: PlanRecord, dayNumber: number | undefined) => p.weeks[0]?.execution?.days?.find((m) => m.dayNumber === dayNumber);

/** The message the user now sees in answer to `interaction`: its last follow-up, else its reply. */
function shownFor(interaction: Dispatched): StoredMessage | undefined {
  const original = discord.rest.originalOf(interaction.token);
  return discord.rest.followUpsOf(interaction.token).at(-1) ?? (original?.deleted === true ? undefined : original);
}

/** Waits until the answer to `interaction` reads `text`, and returns it. */
async function answerReading(interaction: Dispatched, text: RegExp | string): Promise<StoredMessage> {
  await expect.poll(() => shownFor(interaction)?.content ?? '', { timeout: 5000 }).toMatch(text);
  const shown = shownFor(interaction);
  if (shown === undefined) throw new Error('no answer');
  return shown;
}

function damaged(bytes: Uint8Array): Buffer {
  // The last byte is the file's CRC: a bit flipped in transit.
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(copy.length - 1) ^ 0xff, copy.length - 1);
  return copy;
}

beforeAll(async () => {
  world = await startDiscordWorld({ now: '2026-11-25T12:00:00Z', logLines });
  ({ service: s, discord } = world);
  ana = discord.user('ana');
  const preview = await s.plans.createPreview({ owner: discordIdentity(ana.id), fields: MARATHON_FIELDS });
  await s.plans.confirmPlan(preview.owner, preview.id);
  planId = preview.id;
  runDays = (await plan()).weeks[0]?.days.filter((d) => d.type !== 'rest').slice(0, 2) ?? [];
  if (runDays.length < 2) throw new Error('week 1 has fewer than two run days');
  // 07:00 UTC on the first run day (Discord states no zone: the plan's, UTC): 5 km in 25 minutes.
  fit = activityFit({ start: new Date(`${runDays[0]?.date}T07:00:00Z`) });
});

afterAll(async () => {
  await world?.stop();
  // Only the refused foreign link is worth a warning.
  expect(logLines.filter((line) => !line.includes("an attached file was unreadable or off Discord's attachment hosts"))).toEqual([]);
});

describe('Discord: /plan log file:', () => {
  it('logs a FIT file on its plan day in the DM, without sending the bot token to the CDN, and Undo puts the day back', async () => {
    const before = await plan();
    const dm = discord.dm(ana);
    const sent = discord.commandWithFile(ana, dm, 'log', 'file', { filename: 'Morning_Run.fit', bytes: fit });
    const answer = await answerReading(sent, /^Logged: \w{3} .+ 3\.1 mi @ 8:03\/mi — /);
    // In the DM with the bot it stays, like any message there.
    expect(answer.flags & EPHEMERAL).toBe(0);
    const [download] = discord.rest.attachmentDownloads();
    expect(download?.authorization).toBeNull();
    const logged = await plan();
    expect(markOn(logged, runDays[0]?.dayNumber)).toMatchObject({ status: 'done', source: 'file', distanceMiles: 3.107 });
    expect(logged.revision).toBe(before.revision + 1);

    const undo = discord.click(ana, dm, answer, 'Undo');
    await answerReading(undo, /^Undone: \w{3} .+ is back as it was before that run\.$/);
    expect(markOn(await plan(), runDays[0]?.dayNumber)).toBeUndefined();
  });

  it('logs a GPX file attached in a server channel, answering privately', async () => {
    const gpx = readFileSync(new URL('../../fixtures/activities/run-with-pause.gpx', import.meta.url), 'utf8').replaceAll(
      '2026-03-04T',
      `${runDays[1]?.date}T`,
    );
    const sent = discord.commandWithFile(ana, discord.club(), 'log', 'file', { filename: 'Evening_Run.gpx', bytes: Buffer.from(gpx) });
    const answer = await answerReading(sent, /^Logged: \w{3} .+ — /);
    expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(answer.components).toHaveLength(1);
    expect(markOn(await plan(), runDays[1]?.dayNumber)).toMatchObject({ status: 'done', source: 'file' });
  });

  it('refuses a file Discord says is over 25 MB in one sentence, without downloading it', async () => {
    const before = await plan();
    const downloads = discord.rest.attachmentDownloads().length;
    const sent = discord.commandWithFile(ana, discord.dm(ana), 'log', 'file', { filename: 'huge.fit', bytes: fit, size: 26 * 1024 * 1024 });
    await answerReading(sent, TOO_LARGE);
    expect(discord.rest.attachmentDownloads()).toHaveLength(downloads);
    expect((await plan()).revision).toBe(before.revision);
  });

  it('stops reading a file whose stated size lied at 25 MB, and refuses it', async () => {
    const before = await plan();
    const huge = Buffer.alloc(26 * 1024 * 1024, 0x20);
    const sent = discord.commandWithFile(ana, discord.dm(ana), 'log', 'file', { filename: 'huge.gpx', bytes: huge, size: 4096 });
    await answerReading(sent, TOO_LARGE);
    expect((await plan()).revision).toBe(before.revision);
  });

  it('refuses a damaged file in one sentence and changes nothing', async () => {
    const before = await plan();
    const sent = discord.commandWithFile(ana, discord.dm(ana), 'log', 'file', { filename: 'broken.fit', bytes: damaged(fit) });
    await answerReading(sent, 'That FIT file looks damaged or cut short, so nothing was logged; try exporting it again.');
    expect((await plan()).revision).toBe(before.revision);
  });

  it('never fetches an attachment link off Discord’s attachment hosts', async () => {
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.end(Buffer.from(fit));
    });
    elsewhere.listen(0, '127.0.0.1');
    await once(elsewhere, 'listening');
    try {
      const { port } = elsewhere.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/attachments/1/2/run.fit`;
      const sent = discord.commandWithFile(ana, discord.dm(ana), 'log', 'file', {
        id: snowflake(),
        filename: 'run.fit',
        size: fit.byteLength,
        url,
        proxy_url: url,
      });
      await answerReading(sent, UNOPENED);
      expect(seen).toEqual([]);
    } finally {
      elsewhere.close();
    }
  });

  it('answers an attachment option Discord did not resolve with the same sentence', async () => {
    const sent = discord.command(ana, discord.dm(ana), 'log', [{ name: 'file', type: OPTION_TYPES.attachment, value: snowflake() }]);
    await answerReading(sent, UNOPENED);
  });

  it('tells someone with no active plan so, and downloads nothing', async () => {
    const ben = discord.user('ben');
    const downloads = discord.rest.attachmentDownloads().length;
    const sent = discord.commandWithFile(ben, discord.dm(ben), 'log', 'file', { filename: 'ben.fit', bytes: fit });
    await answerReading(sent, 'You have no active plan to log that run to; start one with /plan, then send the file again.');
    expect(discord.rest.attachmentDownloads()).toHaveLength(downloads);
  });

  it('opens the log form as before when no file is attached', async () => {
    const modal = await discord.modalFor(discord.command(ana, discord.dm(ana), 'log'));
    expect(modal.title).toMatch(/week/i);
  });
});

describe('the file option', () => {
  it('is an optional attachment option of /plan log, after the week', () => {
    const log = planCommandDefinition().options?.find((o) => o.name === 'log');
    const options = log && 'options' in log ? (log.options ?? []) : [];
    expect(options).toEqual([
      expect.objectContaining({ name: 'week', type: 4, required: false }),
      expect.objectContaining({ name: 'file', type: 11, required: false }),
    ]);
  });

  it('is in the help of a command menu, and not in the typed help', () => {
    expect(COMMANDS.helpLinesFor('options')).toContain(
      '/plan log file:<file> — a run from your watch (.fit, .gpx or .tcx) to log on its plan day',
    );
    const typed = COMMANDS.helpLinesFor('typed').join('\n');
    expect(typed).not.toContain('file:');
    expect(typed).not.toContain('a run from your watch');
  });

  it('is only ever optional and attached: a registry asking it typed, as a bare word or required is refused', () => {
    const log = COMMANDS.find('log') as CommandSpec;
    const file = log.arguments.find((a) => a.kind === 'file');
    if (file === undefined) throw new Error('log takes no file');
    for (const wrong of [
      { ...file, required: true },
      { ...file, typedOnly: true },
      { ...file, positional: { placeholder: 'FILE' } },
    ]) {
      expect(() => createCommandRegistry([{ ...log, arguments: [wrong] }])).toThrow(/a file argument is optional and only attached/);
    }
  });

  it('is no word of the parsed command', () => {
    const parsed = parsePlanOptions([{ name: 'log', type: 1, options: [{ name: 'file', type: 11, value: snowflake() }] }]);
    expect(parsed).toMatchObject({ name: 'log', args: {}, positional: [] });
  });
});

describe("the attachment downloader's hosts", () => {
  it("fetches only from Discord's attachment CDN over https, or the configured local Discord", () => {
    const onDiscord = discordAttachmentDownloader(attachmentOrigins(undefined));
    expect(onDiscord.allows('https://cdn.discordapp.com/attachments/1/2/run.fit?ex=1&is=2&hm=3')).toBe(true);
    expect(onDiscord.allows('https://media.discordapp.net/attachments/1/2/run.fit')).toBe(true);
    for (const url of [
      'http://cdn.discordapp.com/attachments/1/2/run.fit',
      'https://cdn.discordapp.com.example.net/run.fit',
      'https://discord.com/api/v10/attachments/1/2/run.fit',
      'https://example.net/attachments/1/2/run.fit',
      'not a url',
    ]) {
      expect(onDiscord.allows(url)).toBe(false);
    }
    const local = discordAttachmentDownloader(attachmentOrigins('http://127.0.0.1:4000/api'));
    expect(local.allows('http://127.0.0.1:4000/attachments/1/2/run.fit')).toBe(true);
    expect(local.allows('http://127.0.0.1:4001/attachments/1/2/run.fit')).toBe(false);
  });
});
