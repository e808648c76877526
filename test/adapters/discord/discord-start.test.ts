/**
 * The Discord surface as the composition root starts it, on a real database and a local Discord:
 * `/plan` registered at start only when its definition changed (a hash in `command_registrations`),
 * and plans made when identities named the guild rewritten once to the user's one identity — seen
 * from a DM, and still posting their weeks to their club channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { planCommandDefinition } from '../../../src/adapters/discord/index.js';
import { commandsHash, registrationKey } from '../../../src/adapters/discord/command-sync.js';
import { startDiscordSurface } from '../../../src/app/surfaces.js';
import { createConversation } from '../../../src/conversation/conversation.js';
import { createWeekNotifier } from '../../../src/conversation/week-delivery.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../../src/log.js';
import { runDeliveryTick } from '../../../src/scheduler/delivery-runner.js';
import { MongoCommandRegistrationStore } from '../../../src/storage/mongo-command-registration-store.js';
import { MongoLeaseStore } from '../../../src/storage/mongo-lease-store.js';
import { rewriteOwnerWorkspace } from '../../../src/storage/owner-workspace-rewrite.js';
import { FakeDiscord, type Dispatched, type StoredMessage } from '../../fakes/discord/fake-discord.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

const logger = createLogger('silent');
let s: TestService;
let discord: FakeDiscord;
let registrations: MongoCommandRegistrationStore;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  discord = await FakeDiscord.start();
  registrations = new MongoCommandRegistrationStore(s.connection);
});

afterAll(async () => {
  await discord?.close();
  await s?.close();
});

function start(guildId?: string) {
  return startDiscordSurface({
    discord: { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId },
    conversation: createConversation({ plans: s.plans, logger, clock: s.clock }),
    logger,
    leases: new MongoLeaseStore(s.connection),
    commandRegistrations: registrations,
    rewriteOwnerWorkspace: (platform, workspace) => rewriteOwnerWorkspace(s.connection, platform, workspace),
  });
}

const puts = (path: RegExp) => discord.rest.callsTo('PUT', path);

describe('registering /plan at start', () => {
  it('registers in DISCORD_GUILD_ID when the definition changed, and not again on the same definition', async () => {
    const inGuild = new RegExp(`^/applications/${discord.applicationId}/guilds/${discord.guildId}/commands$`);
    // What an older build registered: another definition, another hash.
    await registrations.recordRegistration(registrationKey(discord.applicationId, discord.guildId), 'an-older-definition');

    const first = await start(discord.guildId);
    await first.stop();
    expect(puts(inGuild)).toHaveLength(1);
    expect(puts(inGuild)[0]?.body).toEqual([planCommandDefinition()]);
    expect(await registrations.registeredHash(registrationKey(discord.applicationId, discord.guildId))).toBe(commandsHash());

    const second = await start(discord.guildId);
    await second.stop();
    expect(puts(inGuild)).toHaveLength(1);
    expect(puts(/^\/applications\/\d+\/commands$/)).toHaveLength(0);
  });

  it('registers globally when no guild is configured, once, and tries again after a failure', async () => {
    const global = new RegExp(`^/applications/${discord.applicationId}/commands$`);
    discord.rest.serverErrorNext(global, { count: 4 });
    const failed = await start();
    await failed.stop();
    expect(await registrations.registeredHash(registrationKey(discord.applicationId))).toBeNull();

    const first = await start();
    await first.stop();
    const second = await start();
    await second.stop();
    expect(puts(global).filter((c) => c.status === 200)).toHaveLength(1);
    const registered = discord.rest.commands.get('global') as { contexts: number[]; integration_types: number[] }[];
    expect(registered[0]).toMatchObject({ contexts: [0, 1, 2], integration_types: [0, 1] });
  });
});

/** The message the interaction's answer left for the user (its reply, or the last follow-up). */
async function lastAnswer(interaction: Dispatched): Promise<StoredMessage> {
  await discord.answered(interaction, (c) => c.method !== 'DELETE');
  const answer = discord.rest.followUpsOf(interaction.token).at(-1) ?? discord.rest.originalOf(interaction.token);
  if (!answer) throw new Error('no answer');
  return answer;
}

describe('plans made when Discord identities named the guild', () => {
  it('are the user’s in a DM after the start, and still post their weeks to their club channel', async () => {
    const ana = discord.user('ana');
    const legacy = `discord:${discord.guildId}:${ana.id}`;
    const fields = {
      distance: '10k',
      raceDate: '2027-02-21',
      startDate: '2026-11-30',
      goal: '48:00',
      fiveK: '22:30',
      mileage: '20',
      raceName: 'Club 10K',
    };
    const preview = await s.plans.createPreview({ owner: legacy, fields, delivery: { timezone: 'UTC' } });
    await s.plans.confirmPlan(legacy, preview.id);
    await s.plans.updateSettings(legacy, preview.id, { target: 'channel', channelId: discord.clubChannelId });
    await s.connection.collection('api_keys').insertOne({ owner: legacy, prefix: 'gf_legacy' });

    const surface = await start(discord.guildId);
    try {
      const owner = `discord:@me:${ana.id}`;
      const plan = await s.plans.currentPlan(owner);
      expect(plan?.id).toBe(preview.id);
      expect(await s.plans.currentPlan(legacy)).toBeUndefined();
      expect(await s.connection.collection('api_keys').findOne({ prefix: 'gf_legacy' })).toMatchObject({ owner });

      const status = await lastAnswer(discord.command(ana, discord.dm(ana), 'status'));
      expect(JSON.stringify(status.embeds) + status.content).toContain('Club 10K');

      // The next week, posted by the scheduler, goes to the club channel the plan was set to.
      if (!plan?.nextWeekDueAt) throw new Error('no next week due');
      s.clock.set(plan.nextWeekDueAt.toISOString());
      const before = discord.rest.messagesIn(discord.clubChannelId).length;
      await runDeliveryTick(
        {
          store: s.store,
          engine: createRulesEngine(),
          clock: s.clock,
          notifier: createWeekNotifier([surface.poster]),
          instanceId: 'test',
          leaseMs: 60_000,
        },
        logger,
      );
      const posted = discord.rest.messagesIn(discord.clubChannelId).slice(before);
      expect(posted.length).toBeGreaterThan(0);
      expect(JSON.stringify(posted[0]?.embeds)).toContain('Week 2 of');

      // A second start finds nothing left to rewrite.
      expect(await rewriteOwnerWorkspace(s.connection, 'discord', '@me')).toEqual({ plans: 0, api_keys: 0 });
    } finally {
      await surface.stop();
    }
  });
});
