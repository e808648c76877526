/**
 * Issue 20's charts in Slack, through the real transport and the fake Web API: the preview, the
 * posted weeks and the App Home show their picture in an image block whose `slack_file` is a PNG
 * uploaded through the external upload flow (unshared), with the picture's alt text; a picture is
 * uploaded once however often it is shown; and a failed upload leaves the picture out, never the
 * message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DAY_DONE_ACTION, PLAN_CONFIRM_ACTION } from '../../../src/conversation/action-ids.js';
import type { PostTarget } from '../../../src/conversation/chat-poster.js';
import { weekView } from '../../../src/conversation/plan-views.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { appHomeOpened, blockActions, buttonsIn, findButton, slashCommand, viewSubmission } from '../../fakes/slack/payloads.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { decodePng } from '../charts/png-pixels.js';
import { ATHLETE, STRANGER, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

const DRAFT_ANSWERS = {
  raceName: MARATHON_FIELDS.raceName,
  distance: MARATHON_FIELDS.distance,
  raceDate: MARATHON_FIELDS.raceDate,
  startDate: MARATHON_FIELDS.startDate,
  goal: MARATHON_FIELDS.goal,
  fiveK: MARATHON_FIELDS.fiveK,
  mileage: MARATHON_FIELDS.mileage,
  days: MARATHON_FIELDS.days,
  units: 'mi',
  delivery: 'dm',
} as const;

const blocksOf = (call: RecordedCall): Json[] => call.args.blocks as Json[];
const imagesIn = (blocks: readonly Json[]): Json[] => blocks.filter((b) => b.type === 'image');
const fileIdOf = (image: Json | undefined): string => String((image?.slack_file as Json | undefined)?.id);
const messageTs = (call: RecordedCall): string => String((call.response as Json).ts);

let world: SlackWorld;

/** The PNG the fake holds for `id`, checked to be an uploaded, unshared image of that size with something drawn. */
function uploadedPng(id: string, size: { width: number; height: number }): void {
  const file = world.api.files.get(id);
  expect(file?.bytes).toBeInstanceOf(Buffer);
  // Unshared: the file shows only where the image block puts it, not as a message of its own.
  expect(file?.channel).toBeNull();
  const pixels = decodePng(file?.bytes ?? Buffer.alloc(0));
  expect({ width: pixels.width, height: pixels.height }).toEqual(size);
  let drawn = 0;
  for (let i = 0; i < pixels.rgba.length; i += 4)
    if (pixels.rgba[i] !== 255 || pixels.rgba[i + 1] !== 255 || pixels.rgba[i + 2] !== 255) drawn += 1;
  expect(drawn / (pixels.width * pixels.height)).toBeGreaterThan(0.02);
}

const press = (on: RecordedCall, actionId: string) =>
  world.transport.interaction(
    blockActions(ATHLETE, findButton(blocksOf(on), actionId), {
      kind: 'message',
      channelId: String(on.args.channel),
      channelName: 'directmessage',
      ts: messageTs(on),
    }),
  );

describe('Slack: charts as images', () => {
  let preview: RecordedCall;
  let week1: RecordedCall;
  let weekCardId: string;

  beforeAll(async () => {
    world = await startSlackWorld('socket');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('shows the plan chart in the preview: an image block of an uploaded PNG, with the alt text', async () => {
    let since = world.api.mark();
    await world.transport.command(
      slashCommand(ATHLETE, {
        text: 'new',
        channelId: dmOf(ATHLETE),
        channelName: 'directmessage',
        responseUrl: world.api.responseUrl('new'),
      }),
    );
    const opened = await world.api.waitForCall('views.open', { since });
    since = world.api.mark();
    await world.transport.interaction(viewSubmission(ATHLETE, opened.args.view as Json, 'V0DRAFT', DRAFT_ANSWERS));
    preview = await world.api.waitForCall('chat.postMessage', { since });

    const [image, ...more] = imagesIn(blocksOf(preview));
    expect(more).toEqual([]);
    expect(image).toMatchObject({ type: 'image', title: { type: 'plain_text', text: 'Boston Marathon: weekly volume' } });
    const alt = String(image?.alt_text);
    expect(alt).toContain('Weekly training volume of Boston Marathon, a marathon on 18 Apr 2027');
    expect(alt).toContain('is marked apart');
    // The text chart stays for those who read the message rather than look at it.
    expect(JSON.stringify(blocksOf(preview))).toContain('Weekly mileage');

    // The external upload flow, before the post: an upload URL, the bytes, and completion without a channel.
    const [url] = world.api.callsOf('files.getUploadURLExternal', since);
    expect(url?.args).toMatchObject({ filename: 'plan-chart.png' });
    const [complete] = world.api.callsOf('files.completeUploadExternal', since);
    expect(complete?.args.channel_id).toBeUndefined();
    expect(complete?.args.files).toEqual([{ id: fileIdOf(image), title: 'Boston Marathon: weekly volume' }]);
    uploadedPng(fileIdOf(image), { width: 960, height: 460 });
  });

  it('posts week 1 with its week card after Confirm, and keeps the card (uploaded once) when a day is marked done', async () => {
    let since = world.api.mark();
    await press(preview, PLAN_CONFIRM_ACTION);
    // The preview, confirmed, keeps its chart: the same file, not a second upload of it.
    const confirmed = await world.api.waitForCall('chat.update', { since });
    expect(imagesIn(blocksOf(confirmed)).map(fileIdOf)).toEqual(imagesIn(blocksOf(preview)).map(fileIdOf));
    week1 = await world.api.waitForCall('chat.postMessage', { since });
    const [card] = imagesIn(blocksOf(week1));
    expect(card).toMatchObject({ title: { text: 'Week 1 at a glance' } });
    expect(String(card?.alt_text)).toMatch(/^Boston Marathon, Week 1 · base · [\d.]+ mi\. Mon 30 Nov: Rest\./);
    weekCardId = fileIdOf(card);
    uploadedPng(weekCardId, { width: 960, height: 270 });
    expect(world.api.callsOf('files.getUploadURLExternal', since).map((c) => c.args.filename)).toEqual(['week-card.png']);

    since = world.api.mark();
    await press(week1, DAY_DONE_ACTION);
    const marked = await world.api.waitForCall('chat.update', { since });
    expect(JSON.stringify(blocksOf(marked))).toContain('✅ done');
    expect(imagesIn(blocksOf(marked)).map(fileIdOf)).toEqual([weekCardId]);
    expect(world.api.callsOf('files.getUploadURLExternal', since)).toEqual([]);
  });

  it('shows the plan chart and this week’s card on the App Home, the card the one already uploaded', async () => {
    const since = world.api.mark();
    await world.transport.event(appHomeOpened(ATHLETE, dmOf(ATHLETE)));
    const published = await world.api.waitForCall('views.publish', { since });
    const images = imagesIn((published.args.view as Json).blocks as Json[]);
    expect(images.map((i) => (i.title as Json).text)).toEqual(['Boston Marathon: weekly volume', 'Week 1 at a glance']);
    const [chart, card] = images;
    // Status shades this week, so its chart differs from the preview's: one new upload, the card reused.
    expect(String(chart?.alt_text)).toContain('This is week 1.');
    uploadedPng(fileIdOf(chart), { width: 960, height: 460 });
    expect(fileIdOf(card)).toBe(weekCardId);
    expect(world.api.callsOf('files.getUploadURLExternal', since).map((c) => c.args.filename)).toEqual(['plan-chart.png']);

    // Opened again: nothing new to upload.
    const again = world.api.mark();
    await world.transport.event(appHomeOpened(ATHLETE, dmOf(ATHLETE)));
    await world.api.waitForCall('views.publish', { since: again });
    expect(world.api.callsOf('files.getUploadURLExternal', again)).toEqual([]);
  });

  it("posts the scheduler's week without its card when the upload is rate-limited", async () => {
    // Another athlete and race, so the card is a new picture (the same week of the same race would be reused).
    const owner = identityOf(STRANGER);
    const draft = await world.service.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, raceName: 'Chicago Marathon' } });
    const plan = await world.service.plans.confirmPlan(owner, draft.id);
    const since = world.api.mark();
    world.api.failNext('files.getUploadURLExternal', 1, { status: 429, retryAfterSeconds: 30 });
    const target: PostTarget = { owner, target: 'dm', channelId: null };
    const { messageRef } = await world.adapter.poster.post(target, weekView(plan, 1));
    expect(world.api.callsOf('files.getUploadURLExternal', since)).toHaveLength(1);
    const stored = world.api.messages.get(messageRef);
    expect(stored?.text).toMatch(/^Week 1: /);
    expect(imagesIn((stored?.blocks ?? []) as Json[])).toEqual([]);
    expect(buttonsIn(stored?.blocks ?? []).some((b) => b.action_id === DAY_DONE_ACTION)).toBe(true);
    expect(world.api.callsOf('files.completeUploadExternal', since)).toEqual([]);
  });

  it('posts the week again without its card when Slack refuses the just-uploaded picture (invalid_blocks)', async () => {
    const owner = identityOf(STRANGER);
    const draft = await world.service.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, raceName: 'Berlin Marathon' } });
    const plan = await world.service.plans.confirmPlan(owner, draft.id);
    const since = world.api.mark();
    world.api.failNext('chat.postMessage', 1, { error: 'invalid_blocks' });
    const { messageRef } = await world.adapter.poster.post({ owner, target: 'dm', channelId: null }, weekView(plan, 1));
    const posts = world.api.callsOf('chat.postMessage', since);
    expect(posts).toHaveLength(2);
    expect(imagesIn(blocksOf(posts[0] as RecordedCall))).toHaveLength(1);
    expect(imagesIn(blocksOf(posts[1] as RecordedCall))).toEqual([]);
    expect(world.api.messages.get(messageRef)?.text).toMatch(/^Week 1: /);
  });

  it('publishes the App Home without a new chart, and tries no more uploads, once Slack says the app lacks files:write', async () => {
    // Two weeks on (the plan started 30 Nov): status shades week 2, a picture not uploaded yet.
    world.service.clock.advanceDays(14);
    const since = world.api.mark();
    world.api.failNext('files.getUploadURLExternal', 1, { error: 'missing_scope' });
    await world.transport.event(appHomeOpened(ATHLETE, dmOf(ATHLETE)));
    const published = await world.api.waitForCall('views.publish', { since });
    const blocks = (published.args.view as Json).blocks as Json[];
    expect(JSON.stringify(blocks)).toContain('Plan status · Boston Marathon');
    expect(imagesIn(blocks).map((i) => (i.title as Json).text)).not.toContain('Boston Marathon: weekly volume');
    expect(world.api.callsOf('files.getUploadURLExternal', since)).toHaveLength(1);

    const later = world.api.mark();
    await world.transport.event(appHomeOpened(ATHLETE, dmOf(ATHLETE)));
    await world.api.waitForCall('views.publish', { since: later });
    expect(world.api.callsOf('files.getUploadURLExternal', later)).toEqual([]);
  });
});
