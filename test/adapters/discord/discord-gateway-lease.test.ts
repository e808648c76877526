/**
 * Several bot instances against one local Discord and one database: only the holder of the
 * gateway lease has a gateway session, each interaction is answered once, a graceful stop hands the
 * session over at the standby's next try, and a holder that stops renewing loses it within the
 * failover window (≤ 30 s) without two sessions ever being open. Lease time is a hand-driven clock
 * with the default timing (a 20 s lease renewed every 5 s), so failover takes no real waiting.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startDiscordAdapter, type DiscordAdapter, type GatewayLeaseStore, type LeaseClock } from '../../../src/adapters/discord/index.js';
import { DEFAULT_LEASE_MS, DEFAULT_RENEW_EVERY_MS } from '../../../src/adapters/discord/gateway-lease.js';
import { startDiscordSurface } from '../../../src/app/surfaces.js';
import { createConversation, type Conversation } from '../../../src/conversation/conversation.js';
import { createLogger } from '../../../src/log.js';
import { connectMongo, type MongoConnection } from '../../../src/storage/mongo-connection.js';
import { MongoCommandRegistrationStore } from '../../../src/storage/mongo-command-registration-store.js';
import { MongoLeaseStore } from '../../../src/storage/mongo-lease-store.js';
import { rewriteOwnerWorkspace } from '../../../src/storage/owner-workspace-rewrite.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

const FAILOVER_WINDOW_MS = 30_000;
const logger = createLogger('silent');

/** Lease time moved by hand; `advance` runs every tick that falls due, in time order, and waits for it. */
class ManualLeaseClock implements LeaseClock {
  private at = Date.parse('2026-11-25T12:00:00Z');
  private readonly timers: { every: number; next: number; tick: () => Promise<void>; active: boolean }[] = [];

  now(): Date {
    return new Date(this.at);
  }

  every(ms: number, tick: () => Promise<void>): () => void {
    const timer = { every: ms, next: this.at + ms, tick, active: true };
    this.timers.push(timer);
    return () => {
      timer.active = false;
    };
  }

  async advance(ms: number): Promise<void> {
    const end = this.at + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.active && t.next <= end).sort((x, y) => x.next - y.next)[0];
      if (!due) break;
      this.at = due.next;
      due.next += due.every;
      await due.tick();
    }
    this.at = end;
  }
}

/** The lease store of one instance, which a test can cut off from the database (as if it had died). */
class CuttableLeaseStore implements GatewayLeaseStore {
  cut = false;
  constructor(private readonly inner: MongoLeaseStore) {}
  acquire(key: string, holder: string, durationMs: number) {
    return this.cut ? Promise.reject(new Error('database unreachable (test)')) : this.inner.acquire(key, holder, durationMs);
  }
  release(key: string, holder: string) {
    return this.cut ? Promise.reject(new Error('database unreachable (test)')) : this.inner.release(key, holder);
  }
}

type Instance = { readonly adapter: DiscordAdapter; readonly store: CuttableLeaseStore };

let s: TestService;
let conversation: Conversation;
/** One connection per instance, as separate replicas would have. */
const connections: MongoConnection[] = [];

beforeAll(async () => {
  s = await startTestService();
  conversation = createConversation({ plans: s.plans, logger, clock: s.clock });
});

afterAll(async () => {
  for (const connection of connections) await connection.close();
  await s?.close();
});

async function startInstance(discord: FakeDiscord, clock: ManualLeaseClock, holder: string): Promise<Instance> {
  const connection = await connectMongo(s.mongo.uri);
  connections.push(connection);
  const store = new CuttableLeaseStore(new MongoLeaseStore(connection, () => clock.now()));
  const adapter = await startDiscordAdapter({
    conversation,
    logger,
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    gatewayLease: { store, holder, clock },
  });
  return { adapter, store };
}

/** Sends `/plan help` and checks it got exactly one initial response and its answer. */
async function expectAnsweredOnce(discord: FakeDiscord, name: string): Promise<void> {
  const cmd = discord.command(discord.user(name), discord.club(), 'help');
  await discord.answered(cmd);
  const callbacks = discord.rest.callsFor(cmd.token).filter((c) => c.path.endsWith('/callback'));
  expect(callbacks).toHaveLength(1);
  expect(callbacks[0]?.status).toBe(204);
}

async function expectOpenSessions(discord: FakeDiscord, count: number): Promise<void> {
  await vi.waitFor(() => expect(discord.gateway.openSessions).toBe(count), { timeout: 5000, interval: 10 });
}

describe('the Discord gateway lease', () => {
  it('connects only the holder, and hands over at the next try when the holder stops', async () => {
    const discord = await FakeDiscord.start();
    const clock = new ManualLeaseClock();
    try {
      const a = await startInstance(discord, clock, 'replica-a');
      const b = await startInstance(discord, clock, 'replica-b');
      await expectOpenSessions(discord, 1);
      // Renewals and the standby's tries go on without a second session.
      await clock.advance(3 * DEFAULT_RENEW_EVERY_MS);
      expect(discord.gateway.identifies).toHaveLength(1);
      await expectAnsweredOnce(discord, 'ana');

      await a.adapter.stop();
      await expectOpenSessions(discord, 0);
      await clock.advance(DEFAULT_RENEW_EVERY_MS);
      await expectOpenSessions(discord, 1);
      expect(discord.gateway.identifies).toHaveLength(2);
      await expectAnsweredOnce(discord, 'ben');
      expect(discord.gateway.peakSessions).toBe(1);
      await b.adapter.stop();
    } finally {
      await discord.close();
    }
  });

  it('fails over within 30 s when the holder stops renewing, never with two sessions open', async () => {
    const discord = await FakeDiscord.start();
    const clock = new ManualLeaseClock();
    try {
      const a = await startInstance(discord, clock, 'replica-a');
      const b = await startInstance(discord, clock, 'replica-b');
      await expectOpenSessions(discord, 1);
      const lastRenewal = clock.now().getTime();
      a.store.cut = true;

      let failedOverAt: number | undefined;
      let holderLetGoAt: number | undefined;
      while (failedOverAt === undefined && clock.now().getTime() - lastRenewal < FAILOVER_WINDOW_MS) {
        await clock.advance(DEFAULT_RENEW_EVERY_MS);
        // Let the sockets' closes and identifies land before looking.
        await new Promise((done) => setTimeout(done, 50));
        if (holderLetGoAt === undefined && discord.gateway.openSessions === 0) holderLetGoAt = clock.now().getTime();
        if (discord.gateway.identifies.length === 2) failedOverAt = clock.now().getTime();
      }
      // The standby waited for the lease to expire, and the cut-off holder had let go before that.
      expect(failedOverAt).toBeDefined();
      expect((failedOverAt ?? 0) - lastRenewal).toBeGreaterThanOrEqual(DEFAULT_LEASE_MS);
      expect((failedOverAt ?? 0) - lastRenewal).toBeLessThanOrEqual(FAILOVER_WINDOW_MS);
      expect(holderLetGoAt).toBeLessThan(lastRenewal + DEFAULT_LEASE_MS);
      await expectOpenSessions(discord, 1);
      expect(discord.gateway.peakSessions).toBe(1);
      await expectAnsweredOnce(discord, 'cai');

      // Back on the database, the old holder finds the lease taken and stays a standby.
      a.store.cut = false;
      await clock.advance(DEFAULT_RENEW_EVERY_MS);
      expect(discord.gateway.identifies).toHaveLength(2);
      await a.adapter.stop();
      await b.adapter.stop();
    } finally {
      await discord.close();
    }
  });

  it('connects one of several instances started at once', async () => {
    const discord = await FakeDiscord.start();
    const clock = new ManualLeaseClock();
    try {
      const instances = await Promise.all(['a', 'b', 'c'].map((name) => startInstance(discord, clock, `replica-${name}`)));
      await expectOpenSessions(discord, 1);
      expect(discord.gateway.identifies).toHaveLength(1);
      await expectAnsweredOnce(discord, 'dee');
      for (const instance of instances) await instance.adapter.stop();
    } finally {
      await discord.close();
    }
  });

  it('is wired by the composition root: two instances on one database, one session', async () => {
    const discord = await FakeDiscord.start();
    const connection = await connectMongo(s.mongo.uri);
    connections.push(connection);
    const leases = new MongoLeaseStore(connection);
    const config = { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: undefined };
    const stores = {
      leases,
      commandRegistrations: new MongoCommandRegistrationStore(connection),
      rewriteOwnerWorkspace: (platform: string, workspace: string) => rewriteOwnerWorkspace(connection, platform, workspace),
    };
    try {
      const first = await startDiscordSurface({ discord: config, conversation, logger, ...stores, instanceId: 'host-1' });
      const second = await startDiscordSurface({ discord: config, conversation, logger, ...stores, instanceId: 'host-2' });
      await expectOpenSessions(discord, 1);
      expect(discord.gateway.identifies).toHaveLength(1);
      await expectAnsweredOnce(discord, 'eve');
      await first.stop();
      await second.stop();
    } finally {
      await discord.close();
    }
  });
});
