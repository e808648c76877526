/**
 * Crash safety of the durable store, the hard way: the store owner runs as its own process, writers
 * hit it concurrently (plan inserts, $push of the next week, two-document transactions), and at a
 * random moment it is killed with SIGKILL — mid-write, mid-sync, or in the middle of the start-up
 * compaction that follows every restart. After each restart:
 *  - every acknowledged write is there;
 *  - an unacknowledged write is there whole or not at all (a plan equals one of the versions sent;
 *    both documents of a transaction or neither);
 *  - every stored plan is a real rules-engine plan that passes the validator.
 * 200 kills in all (two data dirs side by side, 100 each); a final pass re-reads everything.
 * Randomness is seeded, so a failure replays with the same schedule.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanInputs } from '../../../src/domain/plan-inputs.js';
import type { Plan, PlannedWeek } from '../../../src/domain/schemas.js';
import { validatePlan } from '../../../src/domain/validator.js';
import { buildOutline, buildWeek } from '../../../src/engine/rules/rules-engine.js';
import { MARATHON_FIELDS, SAMPLE_TODAY } from '../../support/sample-inputs.js';
import { bundleStoreOwner, startStoreOwner, stopStoreOwner, type StoreOwner } from '../../support/store-owner.js';

const KILLS_PER_DIR = 100;
const WRITERS = 6;
const SEED = 20261206;

/** mulberry32: a small seeded generator, so every run kills at the same moments. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A real plan from the rules engine; every stored plan must equal one of its prefixes.
const { inputs } = parsePlanInputs(MARATHON_FIELDS, SAMPLE_TODAY);
const outline = buildOutline(inputs);
const FULL: PlannedWeek[] = [outline.week];
for (let n = 2; n <= outline.totalWeeks; n += 1) FULL.push(buildWeek(inputs, outline.phases, FULL, n));
const planWith = (weeks: number): Plan => ({ inputs, phases: outline.phases, weeks: FULL.slice(0, weeks) });

type PlanState = { readonly id: string; insert: 'acked' | 'unknown'; weeksAcked: number; weeksTried: number };
type PairState = { readonly id: string; commit: 'acked' | 'unknown' };
type Lane = {
  dir: string;
  plans: Map<string, PlanState>;
  pairs: Map<string, PairState>;
  touched: Set<string>;
  next: number;
  /** Acknowledged plans that can take another week and that no writer is growing now. */
  growable: PlanState[];
  /** Writes acknowledged in the current run, and who waits for the next one. */
  acked: number;
  onAck: (() => void) | undefined;
};

function acknowledged(lane: Lane): void {
  lane.acked += 1;
  lane.onAck?.();
}

/** Resolves once `count` writes of this run are acknowledged (or after `ms`, if the store stalls). */
function afterAcks(lane: Lane, count: number, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      lane.onAck = undefined;
      resolve();
    }
    lane.onAck = () => {
      if (lane.acked >= count) done();
    };
    lane.onAck();
  });
}

let ownerScript = '';
let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'gofast-crash-'));
  // Bundled once, so each of the 200 restarts costs a plain `node` start, not a TypeScript compile.
  ownerScript = await bundleStoreOwner(workDir);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const startOwner = (dir: string): Promise<StoreOwner> => startStoreOwner(ownerScript, dir);
const kill = (owner: StoreOwner): Promise<void> => stopStoreOwner(owner, 'SIGKILL');

/**
 * One writer: operations one after another, until the store goes away. A plan is grown by one
 * writer at a time (taken out of the growable pool), so its weeks are always a prefix of the plan.
 */
async function writer(lane: Lane, plans: Collection<Document>, client: MongoClient, rand: () => number, name: string): Promise<void> {
  for (;;) {
    const roll = rand();
    try {
      if (roll < 0.4 && lane.growable.length > 0) {
        const [target] = lane.growable.splice(Math.floor(rand() * lane.growable.length), 1) as [PlanState];
        target.weeksTried += 1;
        lane.touched.add(target.id);
        await plans.updateOne({ _id: target.id } as Document, { $push: { weeks: FULL[target.weeksTried - 1] } } as Document);
        target.weeksAcked = target.weeksTried;
        acknowledged(lane);
        if (target.weeksTried < FULL.length) lane.growable.push(target);
      } else if (roll < 0.55) {
        const pair: PairState = { id: `${name}-pair-${lane.next++}`, commit: 'unknown' };
        lane.pairs.set(pair.id, pair);
        lane.touched.add(pair.id);
        const session = client.startSession();
        try {
          await session.withTransaction(async () => {
            await plans.insertOne({ _id: `${pair.id}-a`, pair: pair.id } as Document, { session });
            await plans.insertOne({ _id: `${pair.id}-b`, pair: pair.id } as Document, { session });
          });
        } finally {
          await session.endSession().catch(() => undefined);
        }
        pair.commit = 'acked';
        acknowledged(lane);
      } else {
        const plan: PlanState = { id: `${name}-plan-${lane.next++}`, insert: 'unknown', weeksAcked: 1, weeksTried: 1 };
        lane.plans.set(plan.id, plan);
        lane.touched.add(plan.id);
        await plans.insertOne({ _id: plan.id, ...planWith(1) } as Document);
        plan.insert = 'acked';
        acknowledged(lane);
        lane.growable.push(plan);
      }
    } catch {
      // The store was killed under this operation: it stays unacknowledged, and this writer stops.
      return;
    }
  }
}

/** Checks the documents of `ids` (every id when undefined) against what was sent and acknowledged. */
async function verify(lane: Lane, plans: Collection<Document>, ids: ReadonlySet<string> | undefined): Promise<number> {
  const pairIds = [...lane.pairs.keys()].filter((id) => ids === undefined || ids.has(id));
  const planIds = [...lane.plans.keys()].filter((id) => ids === undefined || ids.has(id));
  const wanted = [...planIds, ...pairIds.flatMap((id) => [`${id}-a`, `${id}-b`])];
  const found = new Map((await plans.find({ _id: { $in: wanted } } as Document).toArray()).map((doc) => [String(doc._id), doc]));
  for (const id of planIds) {
    const state = lane.plans.get(id) as PlanState;
    const doc = found.get(id);
    if (state.insert === 'acked') expect(doc, `acknowledged plan ${id}`).toBeDefined();
    if (doc === undefined) continue;
    const weeks = (doc.weeks as unknown[]).length;
    // Whole versions only: the acknowledged weeks, or one more whose push was cut off by the kill.
    expect(weeks === state.weeksAcked || weeks === state.weeksTried, `plan ${id} has ${weeks} weeks`).toBe(true);
    const { _id, ...stored } = doc;
    expect(stored).toEqual(planWith(weeks));
  }
  for (const id of pairIds) {
    const a = found.has(`${id}-a`);
    const b = found.has(`${id}-b`);
    expect(a, `transaction ${id} applied in part`).toBe(b);
    if (lane.pairs.get(id)?.commit === 'acked') expect(a, `acknowledged transaction ${id}`).toBe(true);
  }
  return found.size;
}

async function runLane(lane: Lane, seed: number): Promise<{ killed: number; stored: number }> {
  const rand = random(seed);
  let killed = 0;
  for (let run = 0; run < KILLS_PER_DIR; run += 1) {
    const owner = await startOwner(lane.dir);
    // Short timeouts: once the owner is killed, nothing should wait for it (close's endSessions).
    const client = new MongoClient(owner.uri, {
      serverSelectionTimeoutMS: 300,
      socketTimeoutMS: 2_000,
      retryWrites: false,
      retryReads: false,
    });
    await client.connect();
    const plans = client.db('crash').collection<Document>('plans');
    await verify(lane, plans, lane.touched);
    lane.touched = new Set();
    const writers = Array.from({ length: WRITERS }, (_, i) =>
      writer(lane, plans, client, random(seed * 1000 + run * WRITERS + i), `w${run}.${i}`),
    );
    // A random moment while writes are in flight: after a random number of acknowledged writes
    // (so every run writes, however busy the machine), then a random fraction of a write more. The
    // start-up compaction runs meanwhile, so some kills land in it.
    lane.acked = 0;
    await afterAcks(lane, 1 + Math.floor(rand() * 12), 5_000);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 3)));
    await kill(owner);
    killed += 1;
    // Fails what is still in flight at once, instead of each writer's next call waiting for a server.
    await client.close(true).catch(() => undefined);
    await Promise.all(writers);
  }
  const owner = await startOwner(lane.dir);
  const client = new MongoClient(owner.uri, { serverSelectionTimeoutMS: 2_000 });
  await client.connect();
  try {
    const stored = await verify(lane, client.db('crash').collection<Document>('plans'), undefined);
    return { killed, stored };
  } finally {
    await client.close();
    await kill(owner);
  }
}

describe('the durable store killed with SIGKILL during concurrent writes', () => {
  it('keeps every acknowledged write, never half-applies one, and every stored plan passes the validator (200 kills)', async () => {
    for (let weeks = 1; weeks <= FULL.length; weeks += 1) expect(validatePlan(planWith(weeks))).toEqual([]);
    const lanes: Lane[] = [];
    for (let i = 0; i < 2; i += 1) {
      lanes.push({
        dir: await mkdtemp(join(workDir, `dir${i}-`)),
        plans: new Map(),
        pairs: new Map(),
        touched: new Set(),
        next: 0,
        growable: [],
        acked: 0,
        onAck: undefined,
      });
    }
    const results = await Promise.all(lanes.map((lane, i) => runLane(lane, SEED + i)));
    expect(results.reduce((sum, r) => sum + r.killed, 0)).toBe(KILLS_PER_DIR * 2);
    // The schedule really wrote between kills: inserts, pushes and transactions were acknowledged.
    const plans = lanes.flatMap((lane) => [...lane.plans.values()]);
    const ackedInserts = plans.filter((p) => p.insert === 'acked').length;
    const ackedPushes = plans.reduce((sum, p) => sum + p.weeksAcked - 1, 0);
    const ackedPairs = lanes.flatMap((lane) => [...lane.pairs.values()]).filter((p) => p.commit === 'acked').length;
    // Every run waited for at least one acknowledged write before its kill (1–12, 6.5 on average).
    expect(ackedInserts + ackedPushes + ackedPairs).toBeGreaterThanOrEqual(KILLS_PER_DIR * 2);
    expect(ackedInserts).toBeGreaterThan(100);
    expect(ackedPushes).toBeGreaterThan(100);
    expect(ackedPairs).toBeGreaterThan(50);
    expect(results.reduce((sum, r) => sum + r.stored, 0)).toBeGreaterThanOrEqual(ackedInserts + 2 * ackedPairs);
  }, 240_000);
});
