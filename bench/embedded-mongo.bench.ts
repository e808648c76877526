/**
 * The embedded MongoDB-compatible server through the official driver over loopback, with a
 * plan-sized document (a rules-engine 20-week marathon plan, every day's laps and notes): insert one,
 * read it back by _id, and $push one more week onto an existing plan.
 */
import { BSON, MongoClient } from 'mongodb';
import type { ObjectId } from 'mongodb';
import type { PlannedWeek } from '../src/domain/schemas.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { buildFullPlan } from './engine.bench.js';
import { measure } from './harness.js';
import type { BenchRow } from './harness.js';

const SUITE = 'embedded-mongo';
const ITERATIONS = 300;
const WARMUP = 30;
const TARGET_MS = 2;

type Plan = { owner: string; status: string; weeks: PlannedWeek[] };

// A real 20-week marathon plan from the rules engine: its laps, notes and dates, not a synthetic shape.
const PLAN_WEEKS = buildFullPlan();

function plan(athlete: number): Plan {
  return { owner: `console:local:athlete-${athlete}`, status: 'active', weeks: PLAN_WEEKS };
}

/** measure() passes -1, -2, … during warm-up and 0, 1, … afterwards; each gets its own slot. */
function slot(iteration: number): number {
  return iteration < 0 ? ITERATIONS + (-1 - iteration) : iteration;
}

export async function benchEmbeddedMongo(): Promise<BenchRow[]> {
  const server = await startEmbeddedMongo();
  const client = new MongoClient(server.uri);
  try {
    await client.connect();
    const plans = client.db('bench').collection<Plan>('plans');
    const template = plan(0);
    const sizeKb = Math.round(BSON.calculateObjectSize(template) / 1024);
    const note = `official driver over loopback; plan document ≈ ${sizeKb} KB`;
    const ids: ObjectId[] = [];

    const insert = await measure(
      SUITE,
      'insertOne plan (20 weeks)',
      async (iteration) => {
        // The driver adds `_id` to the object it is given, so each insert gets its own shell.
        const { insertedId } = await plans.insertOne({ ...template, owner: `console:local:athlete-${iteration}` });
        ids[slot(iteration)] = insertedId;
      },
      { iterations: ITERATIONS, warmup: WARMUP, targetMs: TARGET_MS, note },
    );
    const read = await measure(
      SUITE,
      'findOne plan by _id',
      async (iteration) => {
        const found = await plans.findOne({ _id: ids[slot(iteration)] as ObjectId });
        if (found === null) throw new Error('plan not found');
      },
      { iterations: ITERATIONS, warmup: WARMUP, targetMs: TARGET_MS, note },
    );
    const last = PLAN_WEEKS[PLAN_WEEKS.length - 1];
    if (last === undefined) throw new Error('the engine built no weeks');
    const extraWeek: PlannedWeek = { ...last, weekNumber: 21 };
    const push = await measure(
      SUITE,
      'updateOne $push one week',
      async (iteration) => {
        // Each iteration grows a different plan, so every push sees a 20-week document.
        const result = await plans.updateOne({ _id: ids[slot(iteration)] as ObjectId }, { $push: { weeks: extraWeek } });
        if (result.modifiedCount !== 1) throw new Error('plan not updated');
      },
      { iterations: ITERATIONS, warmup: WARMUP, targetMs: TARGET_MS, note },
    );
    return [insert, read, push];
  } finally {
    await client.close();
    await server.close();
  }
}
