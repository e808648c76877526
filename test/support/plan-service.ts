/** A plan service over a real store (embedded server or MONGODB_URI) with a fake clock. */
import type { PlanEngine } from '../../src/engine/plan-engine.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import type { Clock } from '../../src/plans/plan-context.js';
import { createPlanUseCases, type PlanUseCases } from '../../src/plans/plan-use-cases.js';
import { createClubUseCases, type ClubUseCases } from '../../src/plans/club-use-cases.js';
import { MongoClubStore } from '../../src/storage/mongo-club-store.js';
import { MongoClubWeekStore } from '../../src/storage/mongo-club-week-store.js';
import { connectMongo, type MongoConnection } from '../../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../../src/storage/mongo-plan-store.js';
import { MongoShareLinkStore } from '../../src/storage/mongo-share-link-store.js';
import { startTestMongo, type TestMongo } from './mongo.js';

export class FakeClock implements Clock {
  private current: Date;
  constructor(iso: string) {
    this.current = new Date(iso);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export type TestService = {
  readonly mongo: TestMongo;
  readonly connection: MongoConnection;
  readonly store: MongoPlanStore;
  readonly clock: FakeClock;
  readonly plans: PlanUseCases;
  /** Clubs over the same store and plans (issue 19). */
  readonly clubs: ClubUseCases;
  readonly clubStore: MongoClubStore;
  /** The clubs' weekly posts (the scheduler's club fan-out). */
  readonly clubWeeks: MongoClubWeekStore;
  /** Share links (`/plan share`), under `SHARE_BASE_URL`. */
  readonly shareLinks: MongoShareLinkStore;
  /** Another instance on its own connection to the same database. */
  instance(engine?: PlanEngine): Promise<{ plans: PlanUseCases; close(): Promise<void> }>;
  close(): Promise<void>;
};

export async function startTestService(options: { now?: string; engine?: PlanEngine } = {}): Promise<TestService> {
  const mongo = await startTestMongo();
  const connection = await connectMongo(mongo.uri);
  const store = new MongoPlanStore(connection);
  await store.init();
  const clock = new FakeClock(options.now ?? '2026-11-25T12:00:00Z');
  const engine = options.engine ?? createRulesEngine();
  const extra: MongoConnection[] = [];
  const shareLinks = new MongoShareLinkStore(connection);
  await shareLinks.init();
  const planContext = { store, engine, clock, sharing: { store: shareLinks, baseUrl: SHARE_BASE_URL } };
  const plans = createPlanUseCases(planContext);
  const clubStore = new MongoClubStore(connection);
  await clubStore.init();
  const clubWeeks = new MongoClubWeekStore(connection);
  await clubWeeks.init();
  return {
    mongo,
    connection,
    store,
    clock,
    plans,
    clubs: createClubUseCases({ clubs: clubStore, plans, planContext, clock }),
    clubStore,
    clubWeeks,
    shareLinks,
    async instance(other?: PlanEngine) {
      const c = await connectMongo(mongo.uri);
      extra.push(c);
      const sharing = { store: new MongoShareLinkStore(c), baseUrl: SHARE_BASE_URL };
      return {
        plans: createPlanUseCases({ store: new MongoPlanStore(c), engine: other ?? engine, clock, sharing }),
        close: () => c.close(),
      };
    },
    async close() {
      for (const c of extra) await c.close();
      await connection.close();
      await mongo.close();
    },
  };
}

export { MARATHON_FIELDS } from './sample-inputs.js';

/** PUBLIC_BASE_URL of the test services: what share links start with. */
export const SHARE_BASE_URL = 'https://coach.example.test';

export const ATHLETE = 'slack:T1:U1';
export const STRANGER = 'slack:T1:U2';
