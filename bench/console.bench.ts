/**
 * The console's first replies, as a newcomer types them: a line piped into a console session over
 * the real core (rules engine, embedded server over loopback), timed from the line written to the
 * reply printed — `/plan help`, a blank `/plan` (the form's first prompt) and the one-line
 * shortcut (the preview). Target: the same acknowledgement figure as Slack's (p99 ≤ 300 ms), since
 * a person at a terminal waits on it the same way.
 */
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';

import { runConsoleSession } from '../src/adapters/console/index.js';
import { createConversation } from '../src/conversation/conversation.js';
import { createRulesEngine } from '../src/engine/rules/rules-engine.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { createLogger } from '../src/log.js';
import { systemClock } from '../src/plans/plan-context.js';
import { createPlanUseCases } from '../src/plans/plan-use-cases.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../src/storage/mongo-plan-store.js';
import { summarize, type BenchRow } from './harness.js';

const SESSIONS = 120;
const WARMUP = 10;
const SHORTCUT = '/plan new distance=half race-date=2027-06-20 goal=1:45:00 five-k=23:00 mileage=20 days=tue,thu,sat,sun';

/** One piped session: `type(line, until)` writes a line and resolves with the ms until `until` is printed. */
function pipedSession(handle: Parameters<typeof runConsoleSession>[0]['handle'], identity: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  let waiting: { until: string; from: number; resolve: (ms: number) => void } | undefined;
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
    if (waiting && printed.includes(waiting.until)) {
      const { resolve, from } = waiting;
      waiting = undefined;
      resolve(performance.now() - from);
    }
  });
  const done = runConsoleSession({
    handle,
    actor: { identity, timezone: 'Europe/London', origin: { kind: 'dm' } },
    clock: systemClock,
    input,
    output,
    interactive: false,
    saveFile: async (filename) => filename,
  });
  return {
    type(line: string, until: string): Promise<number> {
      printed = '';
      return new Promise((resolve) => {
        waiting = { until, from: performance.now(), resolve };
        input.write(`${line}\n`);
      });
    },
    async close(): Promise<void> {
      input.end('/quit\n');
      await done;
    },
  };
}

export async function benchConsole(): Promise<BenchRow[]> {
  const server = await startEmbeddedMongo();
  const connection = await connectMongo(`${server.uri}bench-console`);
  try {
    const store = new MongoPlanStore(connection);
    await store.init();
    const plans = createPlanUseCases({ store, engine: createRulesEngine(), clock: systemClock });
    const core = createConversation({ plans, logger: createLogger('silent'), clock: systemClock });
    const handle: Parameters<typeof runConsoleSession>[0]['handle'] = (intent, options) => core.handle(intent, options);
    const help: number[] = [];
    const form: number[] = [];
    const preview: number[] = [];
    for (let i = 0; i < SESSIONS + WARMUP; i += 1) {
      const session = pipedSession(handle, `console:bench:first${i}`);
      const h = await session.type('/plan help', '/plan settings');
      const f = await session.type('/plan', 'Units');
      await session.type('/cancel', 'closed');
      const p = await session.type(SHORTCUT, 'Week 1');
      await session.close();
      if (i < WARMUP) continue;
      help.push(h);
      form.push(f);
      preview.push(p);
    }
    const note = 'piped console session, rules engine, embedded server over loopback';
    const target = { targetMs: 300, targetOn: 'p99' as const, note };
    return [
      summarize('console', '/plan help → help printed', help, target),
      summarize('console', '/plan → the form’s first prompt', form, target),
      summarize('console', 'one-line /plan new → preview printed', preview, target),
    ];
  } finally {
    await connection.close();
    await server.close();
  }
}
