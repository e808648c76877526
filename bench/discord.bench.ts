/**
 * The Discord adapter under a burst: 200 `/plan new` shortcuts (all options, so each makes a
 * preview) from 200 users dispatched at once through the fake gateway, the real core behind the
 * adapter (rules engine, embedded server over loopback). Measured at the fake REST API from each
 * dispatch: the deferral callback (target from issue 7: p99 ≤ 500 ms) and the preview edit.
 *
 * The bot (adapter, core, embedded database) runs in a worker thread and the fake Discord in the
 * main thread, so the fake's own work does not slow the bot, as Discord's servers would not; both
 * timestamps come from the main thread's clock. This module is also that worker's entry point.
 */
import { once } from 'node:events';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import { startDiscordAdapter } from '../src/adapters/discord/index.js';
import { createConversation } from '../src/conversation/conversation.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { createRulesEngine } from '../src/engine/rules/rules-engine.js';
import { createLogger } from '../src/log.js';
import { createPlanUseCases } from '../src/plans/plan-use-cases.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../src/storage/mongo-plan-store.js';
import { FakeDiscord, type Dispatched } from '../test/fakes/discord/fake-discord.js';
import { OPTION_TYPES, type CommandOption } from '../test/fakes/discord/interaction-payloads.js';
import { MARATHON_FIELDS } from '../test/support/sample-inputs.js';
import { summarize, type BenchRow } from './harness.js';

const BURST = 200;
const WARMUP = 20;
const BOT_ROLE = 'gofast-discord-bench-bot';

const OPTIONS: CommandOption[] = [
  { name: 'distance', type: OPTION_TYPES.string, value: MARATHON_FIELDS.distance },
  { name: 'race-date', type: OPTION_TYPES.string, value: MARATHON_FIELDS.raceDate },
  { name: 'goal', type: OPTION_TYPES.string, value: MARATHON_FIELDS.goal },
  { name: 'five-k', type: OPTION_TYPES.string, value: MARATHON_FIELDS.fiveK },
  { name: 'mileage', type: OPTION_TYPES.number, value: Number(MARATHON_FIELDS.mileage) },
  { name: 'days', type: OPTION_TYPES.string, value: MARATHON_FIELDS.days },
  { name: 'start', type: OPTION_TYPES.string, value: MARATHON_FIELDS.startDate },
  { name: 'race-name', type: OPTION_TYPES.string, value: 'Bench Marathon' },
];

type BotConfig = { readonly apiUrl: string; readonly token: string; readonly applicationId: string };

/** The bot side, in the worker: database, core, adapter; stops when told. */
async function runBot(config: BotConfig): Promise<void> {
  // A fixed "today" a week before the sample plan starts, so its dates stay valid.
  const clock = { now: () => new Date('2026-11-25T12:00:00Z') };
  const server = await startEmbeddedMongo();
  const connection = await connectMongo(`${server.uri}discordbench`);
  const store = new MongoPlanStore(connection);
  await store.init();
  const logger = createLogger('silent');
  const conversation = createConversation({ plans: createPlanUseCases({ store, engine: createRulesEngine(), clock }), logger, clock });
  const adapter = await startDiscordAdapter({ conversation, logger, ...config });
  parentPort?.once('message', () => {
    void (async () => {
      await adapter.stop();
      await connection.close();
      await server.close();
      parentPort?.postMessage('stopped');
    })();
  });
  parentPort?.postMessage('ready');
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === BOT_ROLE) {
  await runBot((workerData as { config: BotConfig }).config);
}

export async function benchDiscord(): Promise<BenchRow[]> {
  const discord = await FakeDiscord.start();
  // Node 20 does not pass tsx's loader on to workers: the worker registers it, then loads this file.
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(entry, {
    eval: true,
    workerData: { role: BOT_ROLE, config: { apiUrl: discord.apiUrl, token: discord.token, applicationId: discord.applicationId } },
  });
  try {
    const [first] = (await once(worker, 'message')) as unknown[];
    if (first !== 'ready') throw new Error(`the bot worker said ${String(first)}`);
    const previewOf = (d: Dispatched) => discord.answered(d, (c) => c.method === 'PATCH' && c.status === 200, 60_000);
    for (let i = 0; i < WARMUP; i += 1) await previewOf(discord.command(discord.user(`warm${i}`), discord.club(), 'new', OPTIONS));

    const burst: Dispatched[] = [];
    for (let i = 0; i < BURST; i += 1) burst.push(discord.command(discord.user(`runner${i}`), discord.club(), 'new', OPTIONS));
    const edits = await Promise.all(burst.map(previewOf));
    const deferrals = await Promise.all(burst.map((d) => discord.callbackOf(d, 10_000)));
    if (deferrals.some((c) => c.status !== 204)) throw new Error('a deferral came too late and was refused by the fake Discord');

    const note = `${BURST} at once; bot in a worker: real core, embedded server`;
    return [
      summarize(
        'discord',
        'dispatch → deferral callback',
        deferrals.map((c, i) => c.at - (burst[i]?.at ?? c.at)),
        { targetMs: 500, targetOn: 'p99', note },
      ),
      summarize(
        'discord',
        'dispatch → preview edit',
        edits.map((c, i) => c.at - (burst[i]?.at ?? c.at)),
        { note: `${note}; each preview is engine + database work, done 8 at a time after the deferrals` },
      ),
    ];
  } finally {
    worker.postMessage('stop');
    await Promise.race([once(worker, 'message'), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await worker.terminate();
    await discord.close();
  }
}
