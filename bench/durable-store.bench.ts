/**
 * The durable embedded store (journal + snapshots on this machine's disk, every write synced
 * before its acknowledgement), through the official driver over its Unix socket, with the same
 * real 20-week plan document as the in-memory suite:
 *  - insertOne plan and $push one week, one at a time (each pays a full fdatasync);
 *  - 50 concurrent writers against the same work in memory (group commit shares the syncs);
 *  - cold start: a data dir holding 5,000 plans, from opening it to the first answered query.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BSON, MongoClient } from 'mongodb';
import type { Collection, Document, ObjectId } from 'mongodb';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import type { EmbeddedMongo } from '../src/embedded-mongo/index.js';
import { buildFullPlan } from './engine.bench.js';
import { measure, summarize } from './harness.js';
import type { BenchRow } from './harness.js';

const SUITE = 'durable-store';
const PLAN_WEEKS = buildFullPlan();
const plan = (athlete: number): Document => ({ owner: `console:local:athlete-${athlete}`, status: 'active', weeks: PLAN_WEEKS });
const WRITERS = 50;
const OPS_PER_WRITER = 10;
const ROUNDS = 8;
const COLD_PLANS = 5_000;

type Open = { server: EmbeddedMongo; client: MongoClient; plans: Collection<Document> };

async function open(dataDir: string | undefined): Promise<Open> {
  const server = await startEmbeddedMongo(dataDir === undefined ? {} : { dataDir });
  const client = new MongoClient(server.uri, { maxPoolSize: WRITERS + 10 });
  await client.connect();
  return { server, client, plans: client.db('bench').collection('plans') };
}

async function shut(store: Open): Promise<void> {
  await store.client.close();
  await store.server.close();
}

/** One round: 50 writers, each inserting a plan and pushing weeks onto it; the round's wall time. */
async function writersRound(plans: Collection<Document>, round: number): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const { insertedId } = await plans.insertOne(plan(round * WRITERS + writer));
      for (let op = 1; op < OPS_PER_WRITER; op += 1) {
        await plans.updateOne({ _id: insertedId }, { $push: { weeks: PLAN_WEEKS[op % PLAN_WEEKS.length] } } as Document);
      }
    }),
  );
  return performance.now() - start;
}

async function writersSamples(dataDir: string | undefined): Promise<number[]> {
  const store = await open(dataDir);
  try {
    await writersRound(store.plans, -1);
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) samples.push(await writersRound(store.plans, round));
    return samples;
  } finally {
    await shut(store);
  }
}

export async function benchDurableStore(): Promise<BenchRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'gofast-bench-durable-'));
  try {
    const sizeKb = Math.round(BSON.calculateObjectSize(plan(0)) / 1024);
    const rows: BenchRow[] = [];

    const single = await open(join(work, 'single'));
    try {
      const ids: ObjectId[] = [];
      const note = `durable: journal synced before each ack; Unix socket; plan document ≈ ${sizeKb} KB`;
      rows.push(
        await measure(
          SUITE,
          'insertOne plan (20 weeks)',
          async () => {
            const { insertedId } = await single.plans.insertOne(plan(ids.length));
            ids.push(insertedId);
          },
          { iterations: 300, warmup: 30, targetMs: 3, note },
        ),
      );
      const extraWeek = { ...PLAN_WEEKS[PLAN_WEEKS.length - 1], weekNumber: 21 };
      rows.push(
        await measure(
          SUITE,
          'updateOne $push one week',
          async (iteration) => {
            const id = ids[Math.abs(iteration) % ids.length] as ObjectId;
            const result = await single.plans.updateOne({ _id: id }, { $push: { weeks: extraWeek } } as Document);
            if (result.modifiedCount !== 1) throw new Error('plan not updated');
          },
          { iterations: 300, warmup: 30, targetMs: 2, note },
        ),
      );
    } finally {
      await shut(single);
    }

    const inMemory = await writersSamples(undefined);
    const durable = await writersSamples(join(work, 'writers'));
    const ops = WRITERS * OPS_PER_WRITER;
    const memoryRound = summarize(SUITE, '', inMemory).medianMs;
    const durableRound = summarize(SUITE, '', durable).medianMs;
    const memoryRate = ops / (memoryRound / 1000);
    const durableRate = ops / (durableRound / 1000);
    const share = Math.round((durableRate / memoryRate) * 100);
    rows.push(
      summarize(SUITE, `${WRITERS} concurrent writers, in memory (one round: ${ops} writes)`, inMemory, {
        note: `${Math.round(memoryRate)} writes/s`,
      }),
      summarize(SUITE, `${WRITERS} concurrent writers, durable (one round: ${ops} writes)`, durable, {
        // ≥ 80% of the in-memory throughput is a round at most 1/0.8 as long as in memory.
        targetMs: Math.round((memoryRound / 0.8) * 10) / 10,
        note: `${Math.round(durableRate)} writes/s = ${share}% of in memory (target ≥ 80%): group commit`,
      }),
    );

    rows.push(await coldStart(join(work, 'cold'), sizeKb));
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A data dir with 5,000 plans in its snapshot: open it and answer a query, three times. */
async function coldStart(dataDir: string, sizeKb: number): Promise<BenchRow> {
  const seed = await open(dataDir);
  try {
    for (let batch = 0; batch < COLD_PLANS; batch += 250) {
      await seed.plans.insertMany(Array.from({ length: 250 }, (_, i) => plan(batch + i)));
    }
    await seed.server.compact();
  } finally {
    await shut(seed);
  }
  const samples: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const start = performance.now();
    const store = await open(dataDir);
    const found = await store.plans.findOne({ owner: `console:local:athlete-${COLD_PLANS - 1}` });
    samples.push(performance.now() - start);
    if (found === null) throw new Error('cold start lost a plan');
    await shut(store);
  }
  return summarize(
    SUITE,
    `cold start with ${COLD_PLANS.toLocaleString('en-US')} plans (open the data dir → first query answered)`,
    samples,
    {
      targetMs: 2000,
      note: `${Math.round((COLD_PLANS * sizeKb) / 1024)} MB of plans in one snapshot`,
    },
  );
}
