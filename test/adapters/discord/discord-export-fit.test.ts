/**
 * `/plan export` with `format:fit` on Discord: the week's watch workouts arrive as a private
 * reply with the zip attached, byte for byte (a binary file, not text).
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { discordIdentity } from '../../../src/adapters/discord/identity.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { OPTION_TYPES } from '../../fakes/discord/interaction-payloads.js';
import type { TestService } from '../../support/plan-service.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

let s: TestService;
let discord: FakeDiscord;
let world: DiscordWorld | undefined;
const errors: string[] = [];

beforeAll(async () => {
  world = await startDiscordWorld({ now: '2026-11-25T12:00:00Z', logLines: errors });
  ({ service: s, discord } = world);
});

afterAll(async () => {
  await world?.stop();
  expect(errors).toEqual([]);
});

describe('Discord: /plan export format:fit', () => {
  it('attaches the week as a zip of .fit files, privately', async () => {
    const ana = discord.user('ana');
    const preview = await s.plans.createPreview({ owner: discordIdentity(ana.id), fields: MARATHON_FIELDS });
    await s.plans.confirmPlan(preview.owner, preview.id);
    const exp = discord.command(ana, discord.club(), 'export', [
      { name: 'format', type: OPTION_TYPES.string, value: 'fit' },
      { name: 'week', type: OPTION_TYPES.integer, value: 1 },
    ]);
    const call = await discord.answered(exp);
    expect(call.files).toHaveLength(1);
    expect(call.files[0]?.name).toBe('gofast-boston-marathon-week-1.zip');
    const names = Object.keys(unzipSync(new Uint8Array(call.files[0]?.bytes ?? Buffer.alloc(0))));
    expect(names).toHaveLength(5);
    for (const name of names) expect(name).toMatch(/^2026-12-0\d-[a-z-]+\.fit$/);
  });
});
