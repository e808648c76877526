/**
 * The HTTP API over the plan and key stores of one database, wired as the composition root wires
 * it (rules engine, system clock), for the tests and benchmarks that run it against a store they
 * stop and start themselves. `close` stops the API, then closes its connection.
 */
import { createConversation } from '../../src/conversation/conversation.js';
import { startHttpApi, type RunningHttpApi, type StartHttpApiOptions } from '../../src/adapters/http/index.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createApiKeyUseCases, type ApiKeyUseCases } from '../../src/plans/api-keys.js';
import { createClubUseCases } from '../../src/plans/club-use-cases.js';
import { systemClock } from '../../src/plans/plan-context.js';
import { createPlanUseCases } from '../../src/plans/plan-use-cases.js';
import { MongoApiKeyStore } from '../../src/storage/mongo-api-key-store.js';
import { MongoClubStore } from '../../src/storage/mongo-club-store.js';
import { connectMongo } from '../../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../../src/storage/mongo-plan-store.js';

export type ApiOnDatabase = {
  readonly api: RunningHttpApi;
  readonly apiKeys: ApiKeyUseCases;
  close(): Promise<void>;
};

export async function startApiOnDatabase(
  uri: string,
  options: Pick<StartHttpApiOptions, 'logger' | 'rateLimitPerMinute'>,
): Promise<ApiOnDatabase> {
  const connection = await connectMongo(uri);
  try {
    const store = new MongoPlanStore(connection);
    await store.init();
    const keyStore = new MongoApiKeyStore(connection);
    await keyStore.init();
    const apiKeys = createApiKeyUseCases({ store: keyStore, clock: systemClock });
    const planContext = { store, engine: createRulesEngine(), clock: systemClock };
    const plans = createPlanUseCases(planContext);
    const clubStore = new MongoClubStore(connection);
    await clubStore.init();
    const api = await startHttpApi({
      port: 0,
      plans,
      clubs: createClubUseCases({ clubs: clubStore, plans, planContext, clock: systemClock }),
      conversation: createConversation({ plans, logger: options.logger, clock: systemClock }),
      apiKeys,
      ready: () => connection.ping(),
      bodyLimitBytes: 100_000,
      ...options,
    });
    return {
      api,
      apiKeys,
      close: async () => {
        await api.stop();
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
