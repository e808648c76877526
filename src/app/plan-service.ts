/**
 * Composition shared by `main.ts` and the operators' CLI: resolve where plans live, connect, make
 * sure the indexes exist, and bind the use cases to the store, the engine and the clock.
 */
import type { Logger } from 'pino';
import type { AppConfig, OpenAiConfig } from '../config.js';
import type { PlanEngine } from '../engine/plan-engine.js';
import { systemClock, type Clock, type PlanContext } from '../plans/plan-context.js';
import { createPlanUseCases, type PlanUseCases } from '../plans/plan-use-cases.js';
import { createApiKeyUseCases, type ApiKeyUseCases } from '../plans/api-keys.js';
import { createClubUseCases, type ClubUseCases } from '../plans/club-use-cases.js';
import { MongoClubStore } from '../storage/mongo-club-store.js';
import { MongoClubWeekStore } from '../storage/mongo-club-week-store.js';
import type { ClubStore } from '../plans/club-store.js';
import type { ClubWeekStore } from '../plans/club-week-store.js';
import { MongoApiKeyStore } from '../storage/mongo-api-key-store.js';
import { MongoShareLinkStore } from '../storage/mongo-share-link-store.js';
import { MongoOutlineCache } from '../storage/mongo-outline-cache.js';
import { connectMongo, type MongoConnection } from '../storage/mongo-connection.js';
import { MongoLeaseStore } from '../storage/mongo-lease-store.js';
import { MongoCommandRegistrationStore } from '../storage/mongo-command-registration-store.js';
import { rewriteOwnerWorkspace, type OwnerRewrite } from '../storage/owner-workspace-rewrite.js';
import type { CommandRegistrationStore } from '../plans/command-registration-store.js';
import { MongoPlanStore } from '../storage/mongo-plan-store.js';
import type { LeaseStore } from '../plans/lease-store.js';
import { MongoTokenBudget } from '../storage/mongo-token-budget.js';
import { resolveMongo, type MongoSource, type StoreRole } from '../storage/mongo-resolution.js';
import { MongoStravaAuthorizationStore } from '../storage/mongo-strava-authorization-store.js';
import { MongoStravaConnectionStore } from '../storage/mongo-strava-connection-store.js';
import { MongoStravaEventInbox } from '../storage/mongo-strava-event-inbox.js';
import { createTokenCipher } from '../storage/token-cipher.js';
import type { StravaAuthorizationStore, StravaConnectionStore } from '../plans/strava/strava-connection-store.js';
import type { StravaEventInbox } from '../plans/strava/strava-event-inbox.js';

export type PlanService = {
  readonly plans: PlanUseCases;
  /** Clubs (issue 19), on the same plans. */
  readonly clubs: ClubUseCases;
  /** The clubs and their weekly posts, for the scheduler's club fan-out (`ClubDelivery` without its notifier). */
  readonly clubDelivery: { readonly store: ClubStore; readonly weeks: ClubWeekStore };
  /** Store, engine and clock, for the scheduler's delivery context. */
  readonly context: PlanContext;
  /** API keys of the HTTP API, in the same database. */
  readonly apiKeys: ApiKeyUseCases;
  /** Named leases instances compete for (the Discord gateway session). */
  readonly leases: LeaseStore;
  /** The hash of the command definitions each chat platform last registered. */
  readonly commandRegistrations: CommandRegistrationStore;
  /** One-time rewrite of every owner of `platform` into `workspace` (see owner-workspace-rewrite.ts). */
  rewriteOwnerWorkspace(platform: string, workspace: string): Promise<OwnerRewrite>;
  /** Strava's links (tokens encrypted with GOFAST_ENCRYPTION_KEY) and webhook inbox; present when Strava is configured. */
  readonly strava: StravaStores | undefined;
  /** True while the database answers a ping (the HTTP API's /readyz). */
  ready(): Promise<boolean>;
  readonly source: MongoSource;
  /** Where plans live, without credentials. */
  readonly label: string;
  close(): Promise<void>;
};

export type StravaStores = {
  readonly connections: StravaConnectionStore;
  readonly authorizations: StravaAuthorizationStore;
  readonly inbox: StravaEventInbox;
};

export type OpenDatabase = {
  readonly connection: MongoConnection;
  readonly source: MongoSource;
  /** Where plans live, without credentials. */
  readonly label: string;
  close(): Promise<void>;
};

/**
 * Resolves where plans live (MONGODB_URI, a local mongod, or the embedded store in the data dir)
 * and connects to it: the raw database for the operators' commands (backup, export), and the base
 * of every plan service.
 */
export async function openDatabase(options: {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** Overrides MONGODB_URI (the CLI's --mongo). */
  readonly mongoUri?: string;
  readonly role: StoreRole;
}): Promise<OpenDatabase> {
  const { config, logger } = options;
  const mongo = await resolveMongo({
    nodeEnv: config.nodeEnv,
    uri: options.mongoUri ?? config.mongodbUri,
    systemBinary: config.mongodSystemBinary,
    dataDir: config.dataDir,
    role: options.role,
    logger,
  });
  try {
    const connection = await connectMongo(mongo.uri);
    return {
      connection,
      source: mongo.source,
      label: mongo.label,
      close: async () => {
        await connection.close();
        await mongo.stop();
      },
    };
  } catch (error) {
    await mongo.stop();
    throw error;
  }
}

export async function openPlanService(options: {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly engine: PlanEngine;
  /** Overrides MONGODB_URI (the CLI's --mongo). */
  readonly mongoUri?: string;
  readonly clock?: Clock;
  /** Use the OpenAI engine (backed by `engine`) when OPENAI_API_KEY is set. */
  readonly useOpenAi?: boolean;
  /** Who is opening the store; default `cli`. */
  readonly role?: StoreRole;
}): Promise<PlanService> {
  const { config, logger } = options;
  const database = await openDatabase({
    config,
    logger,
    role: options.role ?? 'cli',
    ...(options.mongoUri === undefined ? {} : { mongoUri: options.mongoUri }),
  });
  try {
    const { connection } = database;
    const store = new MongoPlanStore(connection);
    await store.init();
    const clock = options.clock ?? systemClock;
    const engine =
      options.useOpenAi === true && config.openai !== undefined
        ? await openAiEngine(connection, config.openai, options.engine, logger, clock)
        : options.engine;
    const shareLinks = new MongoShareLinkStore(connection);
    await shareLinks.init();
    const context: PlanContext = { store, engine, clock, sharing: { store: shareLinks, baseUrl: config.publicBaseUrl } };
    const plans = createPlanUseCases(context);
    const keyStore = new MongoApiKeyStore(connection);
    await keyStore.init();
    const apiKeys = createApiKeyUseCases({ store: keyStore, clock });
    const clubStore = new MongoClubStore(connection);
    await clubStore.init();
    const clubs = createClubUseCases({ clubs: clubStore, plans, planContext: context, clock });
    const clubWeeks = new MongoClubWeekStore(connection);
    await clubWeeks.init();
    const strava = config.strava === undefined ? undefined : await openStravaStores(connection, config.strava.encryptionKey);
    return {
      plans,
      clubs,
      clubDelivery: { store: clubStore, weeks: clubWeeks },
      context,
      apiKeys,
      leases: new MongoLeaseStore(connection),
      commandRegistrations: new MongoCommandRegistrationStore(connection),
      rewriteOwnerWorkspace: (platform, workspace) => rewriteOwnerWorkspace(connection, platform, workspace),
      strava,
      ready: () => connection.ping(),
      source: database.source,
      label: database.label,
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function openStravaStores(connection: MongoConnection, encryptionKey: Buffer): Promise<StravaStores> {
  const connections = new MongoStravaConnectionStore(connection, createTokenCipher(encryptionKey));
  const authorizations = new MongoStravaAuthorizationStore(connection);
  const inbox = new MongoStravaEventInbox(connection);
  await Promise.all([connections.init(), authorizations.init(), inbox.init()]);
  return { connections, authorizations, inbox };
}

/** The OpenAI engine with its MongoDB cache and token budget; the SDK loads only when a key is set. */
async function openAiEngine(
  connection: MongoConnection,
  config: OpenAiConfig,
  fallback: PlanEngine,
  logger: Logger,
  clock: Clock,
): Promise<PlanEngine> {
  const cache = new MongoOutlineCache(connection, () => clock.now());
  const budget = new MongoTokenBudget(connection);
  await Promise.all([cache.init(), budget.init()]);
  const { createOpenAiEngine } = await import('../engine/openai/index.js');
  return createOpenAiEngine({ config, fallback, cache, budget, logger, clock: () => clock.now() });
}
