/**
 * The mid-plan benchmarks' ground: the rules engine's use cases on an embedded server over
 * loopback, with a settable clock, and `count` sample marathons confirmed and made up to week
 * `weeksMade` on `madeOn` — plans under way, as the changes of issue 18 meet them.
 */
import { createRulesEngine } from '../src/engine/rules/rules-engine.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import type { Clock } from '../src/plans/plan-context.js';
import { createPlanUseCases, type PlanUseCases } from '../src/plans/plan-use-cases.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../src/storage/mongo-plan-store.js';
import { MARATHON_FIELDS } from '../test/support/sample-inputs.js';

export type PlansUnderWay = {
  readonly plans: PlanUseCases;
  /** The owner and id of plan `i`. */
  at(i: number): { readonly owner: string; readonly id: string };
  /** Moves the use cases' clock. */
  setNow(iso: string): void;
  close(): Promise<void>;
};

export async function startPlansUnderWay(options: {
  readonly prefix: string;
  readonly count: number;
  readonly weeksMade: number;
  /** When the weeks up to `weeksMade` are made (an ISO date-time). */
  readonly madeOn: string;
}): Promise<PlansUnderWay> {
  const server = await startEmbeddedMongo();
  const connection = await connectMongo(`${server.uri}bench`);
  let now = new Date('2026-11-25T12:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const close = async (): Promise<void> => {
    await connection.close();
    await server.close();
  };
  try {
    const store = new MongoPlanStore(connection);
    await store.init();
    const plans = createPlanUseCases({ store, engine: createRulesEngine(), clock });
    const ids: { owner: string; id: string }[] = [];
    for (let i = 0; i < options.count; i += 1) {
      now = new Date('2026-11-25T12:00:00Z');
      const owner = `console:bench:${options.prefix}${i}`;
      const preview = await plans.createPreview({ owner, fields: MARATHON_FIELDS });
      await plans.confirmPlan(owner, preview.id);
      now = new Date(options.madeOn);
      await plans.ensureWeek(owner, preview.id, options.weeksMade);
      ids.push({ owner, id: preview.id });
    }
    return {
      plans,
      at: (i) => ids[i] ?? { owner: '', id: '' },
      setNow: (iso) => {
        now = new Date(iso);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
