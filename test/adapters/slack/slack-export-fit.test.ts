/**
 * `/plan export fit` on Slack: the zip of watch workouts goes to the athlete's DM through the
 * external upload flow, byte for byte (a binary file, not text).
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand } from '../../fakes/slack/payloads.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld('http');
  const preview = await world.service.plans.createPreview({ owner: identityOf(ATHLETE), fields: MARATHON_FIELDS });
  await world.service.plans.confirmPlan(identityOf(ATHLETE), preview.id);
});

afterAll(async () => {
  await world?.stop();
});

describe('Slack: /plan export fit', () => {
  it('uploads the week as a zip of .fit files to the DM', async () => {
    const since = world.api.mark();
    const text = 'export fit';
    await world.transport.command(
      slashCommand(ATHLETE, { text, channelId: dmOf(ATHLETE), channelName: 'directmessage', responseUrl: world.api.responseUrl(text) }),
    );
    const completed = await world.api.waitForCall('files.completeUploadExternal', { since });
    expect(completed.args).toMatchObject({ channel_id: dmOf(ATHLETE), initial_comment: expect.stringContaining('watch') });
    const [fileRef] = completed.args.files as Json[];
    const file = world.api.files.get(String(fileRef?.id));
    expect(file?.filename).toBe('gofast-boston-marathon-week-1.zip');
    const names = Object.keys(unzipSync(new Uint8Array(file?.bytes ?? Buffer.alloc(0))));
    expect(names).toHaveLength(5);
    for (const name of names) expect(name).toMatch(/^2026-12-0\d-[a-z-]+\.fit$/);
  });
});
