/**
 * One gateway session per bot across instances. Every instance sharing the database competes for
 * the lease `discord-gateway:<applicationId>`; only its holder connects to the gateway (Discord
 * sends each interaction to every session of a bot, so two sessions would answer it twice). The
 * others stay standing by — their REST client still posts weekly deliveries — and try again every
 * `renewEveryMs`.
 *
 * Timing, with the defaults: the holder renews a 20 s lease every 5 s. When it stops renewing (it
 * crashed, or lost the database), the lease expires at most 20 s after its last renewal, a standby
 * takes it within one more try (≤ 25 s) and connects in a second or two: failover within 30 s. A
 * holder that cannot renew lets go of its session one try before its lease runs out, so a database
 * outage never leaves two sessions open. A graceful stop releases the lease at once; a standby then
 * connects at its next try.
 *
 * The store is the core's `LeaseStore` port (src/plans/lease-store.ts, over MongoDB in
 * src/storage/mongo-lease-store.ts). Chat adapters import only the conversation core, so the
 * shape needed here is declared here and the composition root's compiler checks that the store
 * fits it. Times come from one injected clock, so tests drive failover without waiting.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import type { Logger } from 'pino';
import { z } from 'zod';

type LeaseGrant = { readonly held: boolean; readonly holder: string | null; readonly expiresAt: Date | null };

/** What the adapter needs of the core's `LeaseStore`. */
export type GatewayLeaseStore = {
  acquire(key: string, holder: string, durationMs: number): Promise<LeaseGrant>;
  release(key: string, holder: string): Promise<boolean>;
};

/** The time leases are measured in, and the timer that drives the tries. */
export type LeaseClock = {
  now(): Date;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => Promise<void>): () => void;
};

const systemLeaseClock: LeaseClock = {
  now: () => new Date(),
  every(ms, tick) {
    const timer = setInterval(() => void tick(), ms);
    // The lease never keeps a process alive on its own: the adapter's stop ends it.
    timer.unref();
    return () => clearInterval(timer);
  },
};

export type GatewayLeaseOptions = {
  readonly store: GatewayLeaseStore;
  /** This instance's name on the lease; default `<hostname>-<pid>-<random>`. */
  readonly holder?: string;
  /** How long a taken or renewed lease lasts (default 20 s). */
  readonly leaseMs?: number;
  /** How often the holder renews and a standby tries (default 5 s); at most a third of `leaseMs`. */
  readonly renewEveryMs?: number;
  readonly clock?: LeaseClock;
};

export const DEFAULT_LEASE_MS = 20_000;
export const DEFAULT_RENEW_EVERY_MS = 5_000;

const timingSchema = z
  .object({
    holder: z.string().min(1, 'the lease holder name is empty'),
    leaseMs: z.number().int().min(100).default(DEFAULT_LEASE_MS),
    renewEveryMs: z.number().int().min(10).default(DEFAULT_RENEW_EVERY_MS),
  })
  // The holder must get at least two tries to renew before it has to let go of its session.
  .refine((t) => t.leaseMs >= 3 * t.renewEveryMs, { message: 'leaseMs must be at least 3 × renewEveryMs', path: ['leaseMs'] });

/** The lease's name for one bot: all instances of the bot compete for it. */
export function gatewayLeaseKey(applicationId: string): string {
  return `discord-gateway:${applicationId}`;
}

function defaultHolder(): string {
  // Random too: a restarted container keeps its hostname and often its pid (1).
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

type KeeperDeps = {
  readonly key: string;
  readonly options: GatewayLeaseOptions;
  readonly logger: Logger;
  /** Opens the gateway session; rejects when it cannot. */
  connect(): Promise<void>;
  /** Closes the session, if any. */
  disconnect(): Promise<void>;
};

export type GatewayLeaseKeeper = {
  /** The first try, awaited at start: a holder connects before it returns, and a failure to connect rejects. */
  start(): Promise<void>;
  /** Stops trying and releases the lease, so another instance takes over at once; the session is the caller's to close. */
  stop(): Promise<void>;
};

export function createGatewayLeaseKeeper(deps: KeeperDeps): GatewayLeaseKeeper {
  const { key, logger } = deps;
  const { store } = deps.options;
  const clock = deps.options.clock ?? systemLeaseClock;
  const { holder, leaseMs, renewEveryMs } = timingSchema.parse({
    holder: deps.options.holder ?? defaultHolder(),
    leaseMs: deps.options.leaseMs,
    renewEveryMs: deps.options.renewEveryMs,
  });
  const log = logger.child({ lease: key, holder });
  let holding = false;
  /** When this instance's lease runs out, by the clock; meaningful while `holding`. */
  let heldUntil = 0;
  let stopped = false;
  let cancel: (() => void) | undefined;
  /** The try in progress: tries never overlap, and `stop` waits for the last one. */
  let trying: Promise<void> | undefined;
  /** Session changes run one after another, so a connect never races a disconnect. */
  let sessionChanges: Promise<void> = Promise.resolve();

  function changeSession(change: () => Promise<void>): Promise<void> {
    const next = sessionChanges.then(change);
    sessionChanges = next.catch(() => undefined);
    return next;
  }

  async function letGo(reason: string, detail: Record<string, unknown> = {}): Promise<void> {
    holding = false;
    log.warn(detail, `discord gateway lease ${reason}; disconnecting`);
    await changeSession(() => deps.disconnect());
  }

  /** Lets go of the session one try before the lease would run out unrenewed. */
  async function fenceIfExpiring(): Promise<void> {
    if (holding && clock.now().getTime() >= heldUntil - renewEveryMs) {
      await letGo('could not be renewed in time', { expiredAt: new Date(heldUntil) });
    }
  }

  async function release(): Promise<void> {
    try {
      await store.release(key, holder);
    } catch (error) {
      // Not fatal: the lease then expires by itself within leaseMs.
      log.warn({ err: error }, 'discord gateway lease could not be released; it will expire');
    }
  }

  /**
   * Connects after the lease was taken. Not part of the try: renewals go on while a slow gateway
   * answers, and a connect that outlasts the lease is fenced like any holder that cannot renew.
   */
  async function connectHolding(first: boolean): Promise<void> {
    try {
      await changeSession(() => deps.connect());
    } catch (error) {
      holding = false;
      await release();
      // At start a bad token or an unreachable gateway fails the start, as without a lease.
      if (first) throw error;
      log.error({ err: error }, 'discord gateway could not connect; lease released, trying again later');
    }
  }

  /** One try: renew or take the lease, or let go of it; returns the connect it started, if any. */
  async function tryOnce(first: boolean): Promise<Promise<void> | undefined> {
    let grant: LeaseGrant;
    try {
      grant = await store.acquire(key, holder, leaseMs);
    } catch (error) {
      log.warn({ err: error }, holding ? 'discord gateway lease renewal failed' : 'discord gateway lease could not be tried');
      await fenceIfExpiring();
      return undefined;
    }
    if (!grant.held || grant.expiresAt === null) {
      if (holding) await letGo('was taken by another instance', { by: grant.holder });
      return undefined;
    }
    heldUntil = grant.expiresAt.getTime();
    if (holding || stopped) return undefined;
    holding = true;
    log.info({ until: grant.expiresAt }, 'discord gateway lease taken; connecting');
    return connectHolding(first);
  }

  /** Resolves once the try and any session change it caused are done (a manual clock waits for that). */
  function tick(): Promise<void> {
    // A timer has no one to reject to: a session that failed to close is logged, and the next try goes on.
    return tickOnce().catch((error: unknown) => log.error({ err: error }, 'discord gateway lease: a try failed'));
  }

  function tickOnce(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (trying) {
      // The last try still hangs (a slow database): the session may have to go before it returns.
      return fenceIfExpiring();
    }
    const attempt = tryOnce(false).finally(() => {
      trying = undefined;
    });
    trying = attempt.then(() => undefined);
    return attempt.then((connecting) => connecting);
  }

  return {
    async start() {
      const attempt = tryOnce(true).finally(() => {
        trying = undefined;
      });
      trying = attempt.then(() => undefined);
      const connecting = await attempt;
      await connecting;
      if (!holding) log.info('discord gateway lease not taken here; standing by');
      cancel = clock.every(renewEveryMs, tick);
    },
    async stop() {
      stopped = true;
      cancel?.();
      await trying;
      await sessionChanges;
      holding = false;
      await release();
    },
  };
}
