/**
 * Composition shared by `main.ts` and the operators' CLI: resolve where plans live, connect, make
 * sure the indexes exist, and bind the use cases to the store, the engine and the clock.
 */
import type { Logger } from 'pino';
import type { AppConfig } from './config.js';
import type { PlanEngine } from './engine/plan-engine.js';
import { systemClock, type Clock, type PlanContext } from './plans/plan-context.js';
import { createPlanUseCases, type PlanUseCases } from './plans/plan-use-cases.js';
import { MongoPlanStore, connectMongo } from './storage/mongo-plan-store.js';
import { resolveMongo, type MongoSource } from './storage/mongo-resolution.js';

export type PlanService = {
  readonly plans: PlanUseCases;
  /** Store, engine and clock, for the scheduler's delivery context. */
  readonly context: PlanContext;
  readonly source: MongoSource;
  /** Where plans live, without credentials. */
  readonly label: string;
  close(): Promise<void>;
};

export async function openPlanService(options: {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly engine: PlanEngine;
  /** Overrides MONGODB_URI (the CLI's --mongo). */
  readonly mongoUri?: string;
  readonly clock?: Clock;
}): Promise<PlanService> {
  const { config, logger } = options;
  const mongo = await resolveMongo({
    nodeEnv: config.nodeEnv,
    uri: options.mongoUri ?? config.mongodbUri,
    systemBinary: config.mongodSystemBinary,
    dataDir: config.dataDir,
    logger,
  });
  try {
    const connection = await connectMongo(mongo.uri);
    const store = new MongoPlanStore(connection);
    await store.init();
    const context: PlanContext = { store, engine: options.engine, clock: options.clock ?? systemClock };
    const plans = createPlanUseCases(context);
    return {
      plans,
      context,
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
