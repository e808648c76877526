/**
 * The plan use cases in process against the embedded server over loopback: confirm (one guarded
 * update) and next week (read the plan, generate and validate week N, one guarded $push).
 * Targets from issue 4: each ≤ 10 ms median.
 */
import { createRulesEngine } from '../src/engine/rules/rules-engine.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { systemClock } from '../src/plans/plan-context.js';
import { createPlanUseCases } from '../src/plans/plan-use-cases.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../src/storage/mongo-plan-store.js';
import { MARATHON_FIELDS } from '../test/support/sample-inputs.js';
import { measure, type BenchRow } from './harness.js';

const FIELDS = { ...MARATHON_FIELDS, raceName: 'Bench Marathon' };

const CONFIRMS = 200;
const WEEKS_PER_PLAN = 19;
const NEXT_WEEKS = 19 * 12;

export async function benchPlanStore(): Promise<BenchRow[]> {
  const server = await startEmbeddedMongo();
  const connection = await connectMongo(`${server.uri}bench`);
  try {
    const store = new MongoPlanStore(connection);
    await store.init();
    const plans = createPlanUseCases({ store, engine: createRulesEngine(), clock: systemClock });
    const note = 'rules engine, embedded server over loopback';

    const previews: string[] = [];
    for (let i = 0; i < CONFIRMS + 20; i += 1) {
      previews.push((await plans.createPreview({ owner: `console:bench:a${i}`, fields: FIELDS })).id);
    }
    let nextPreview = 0;
    const confirm = await measure(
      'plans',
      'confirm (preview → active, one guarded update)',
      async () => {
        const id = previews[nextPreview++];
        if (id === undefined) throw new Error('ran out of previews');
        await plans.confirmPlan(`console:bench:a${nextPreview - 1}`, id);
      },
      { iterations: CONFIRMS, warmup: 20, targetMs: 10, note },
    );

    const active: string[] = [];
    for (let i = 0; i < NEXT_WEEKS / WEEKS_PER_PLAN + 1; i += 1) {
      const preview = await plans.createPreview({ owner: `console:bench:b${i}`, fields: FIELDS });
      active.push((await plans.confirmPlan(preview.owner, preview.id)).id);
    }
    let made = 0;
    const next = await measure(
      'plans',
      'next week (read, generate + validate, guarded $push)',
      async () => {
        const id = active[Math.floor(made / WEEKS_PER_PLAN)];
        made += 1;
        if (id === undefined) throw new Error('ran out of plans');
        await plans.generateNextWeek('operator', id);
      },
      { iterations: NEXT_WEEKS - WEEKS_PER_PLAN, warmup: WEEKS_PER_PLAN, targetMs: 10, note },
    );
    return [confirm, next];
  } finally {
    await connection.close();
    await server.close();
  }
}
