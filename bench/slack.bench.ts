/**
 * The Slack adapter under a club's Monday-morning rush, in HTTP mode against the local fake Slack
 * (all on loopback): 200 concurrent `/plan new` slash commands, then 200 concurrent draft
 * submissions, each a signed request as Slack sends it. Every ack must come within Slack's 3 s
 * (the run fails otherwise); the target is p99 ack ≤ 300 ms. Also reported: the time from a
 * submission to its preview arriving at Slack (the core's real work: store + rules engine).
 *
 * As in production, the app runs alone in this process and the outside world elsewhere: this same
 * file started as child processes (GOFAST_SLACK_BENCH_ROLE) holds, in `world`, the fake Slack Web
 * API and the MongoDB server (the embedded one), and in `load`, the load generator playing
 * Slack's side, so its own timing is not slowed by the fake's work.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { renderModal, startSlackAdapter } from '../src/adapters/slack/index.js';
import { createConversation } from '../src/conversation/conversation.js';
import { draftForm } from '../src/conversation/forms/draft-fields.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { createRulesEngine } from '../src/engine/rules/rules-engine.js';
import { createLogger } from '../src/log.js';
import { createPlanUseCases } from '../src/plans/plan-use-cases.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../src/storage/mongo-plan-store.js';
import { FakeSlackApi } from '../test/fakes/slack/fake-slack-api.js';
import { slashCommand, viewSubmission, type SlackPerson } from '../test/fakes/slack/payloads.js';
import { formRequest, interactionRequest, postSigned } from '../test/fakes/slack/slack-transports.js';
import { FakeClock } from '../test/support/plan-service.js';
import { MARATHON_FIELDS, SAMPLE_TODAY } from '../test/support/sample-inputs.js';
import { summarize, type BenchRow } from './harness.js';

const CONCURRENT = 200;
/** Requests before the timed rounds, so lazy start-up (fetch, first connections, JIT) is not timed. */
const WARMUP = 20;
const ACK_DEADLINE_MS = 3000;
const SIGNING_SECRET = 'bench-signing-secret';
const BOT_TOKEN = 'xoxb-bench';
const ROLE_VARIABLE = 'GOFAST_SLACK_BENCH_ROLE';

type Json = Record<string, unknown>;

type Timings = { readonly commandAcks: number[]; readonly submissionAcks: number[]; readonly toPreview: number[] };

/** What a child process says: ready (with what it started), done (with timings), or failed. */
type ChildMessage =
  | { readonly type: 'ready'; readonly fakeUrl: string; readonly apiUrl: string; readonly mongoUri: string }
  | { readonly type: 'done'; readonly timings: Timings }
  | { readonly type: 'failed'; readonly message: string };

type ParentMessage = { readonly type: 'run'; readonly eventsUrl: string; readonly fakeUrl: string } | { readonly type: 'stop' };

function athlete(i: number): SlackPerson {
  return { teamId: 'T1', userId: `UB${String(i).padStart(4, '0')}`, name: `runner${i}`, tz: 'Europe/Berlin' };
}

const everyone = (): SlackPerson[] => Array.from({ length: WARMUP + CONCURRENT }, (_, i) => athlete(i));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; startedAt: number; result: T }> {
  const startedAt = Date.now();
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, startedAt, result };
}

function checkAcks(what: string, acks: readonly { ms: number; result: { status: number } }[]): void {
  const failed = acks.filter((a) => a.result.status !== 200);
  if (failed.length > 0) throw new Error(`${failed.length} ${what} were not acknowledged with 200`);
  const late = acks.filter((a) => a.ms >= ACK_DEADLINE_MS);
  if (late.length > 0)
    throw new Error(
      `${late.length} ${what} acks took ${ACK_DEADLINE_MS} ms or more (slowest ${Math.max(...late.map((a) => a.ms)).toFixed(0)} ms)`,
    );
}

type RemoteCall = { readonly method: string; readonly at: number; readonly channel: string | null };

/** The fake Slack's record, read over HTTP from the load process. */
class RemoteFake {
  constructor(private readonly url: string) {}

  async calls(method: string, since: number): Promise<{ total: number; calls: RemoteCall[] }> {
    const response = await fetch(`${this.url}/_fake/calls?method=${encodeURIComponent(method)}&since=${since}`);
    return (await response.json()) as { total: number; calls: RemoteCall[] };
  }

  async mark(): Promise<number> {
    return (await this.calls('-', 0)).total;
  }

  /** Polls until `count` calls of `method` arrived after `since`. */
  async waitFor(method: string, since: number, count: number, timeoutMs = 60_000): Promise<RemoteCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { calls } = await this.calls(method, since);
      if (calls.length >= count) return calls;
      if (Date.now() > deadline) throw new Error(`only ${calls.length} of ${count} ${method} calls arrived`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Slack's side of the rush, played from the load process against the app's HTTP endpoint. */
async function playRush(fake: RemoteFake, fakeUrl: string, eventsUrl: string): Promise<Timings> {
  const people = everyone();
  const warmup = people.slice(0, WARMUP);
  const rush = people.slice(WARMUP);
  // The draft modal the app opens for /plan new (the same rendering of the same core form).
  const modal = renderModal(draftForm({ delivery: 'dm', units: 'mi' })) as unknown as Json;
  const command = (p: SlackPerson) =>
    timed(() =>
      postSigned(
        eventsUrl,
        SIGNING_SECRET,
        formRequest(
          slashCommand(p, {
            text: 'new',
            channelId: `D${p.userId}`,
            channelName: 'directmessage',
            responseUrl: `${fakeUrl}/respond/${p.userId}`,
          }),
        ),
      ),
    );
  const submit = (p: SlackPerson) =>
    timed(() =>
      postSigned(
        eventsUrl,
        SIGNING_SECRET,
        interactionRequest(viewSubmission(p, modal, `VBENCH${p.userId}`, { ...MARATHON_FIELDS, units: 'mi', delivery: 'dm' })),
      ),
    );

  let since = await fake.mark();
  for (const p of warmup) await command(p);
  await fake.waitFor('views.open', since, WARMUP);
  since = await fake.mark();
  for (const p of warmup) await submit(p);
  await fake.waitFor('chat.postMessage', since, WARMUP);

  // Open the generator's 200 keep-alive connections first (with Slack's own ssl_check request, which
  // the app answers without a listener): what is timed is the app, not a cold client pool.
  await Promise.all(
    rush.map(() =>
      fetch(eventsUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1' }).then(
        (r) => r.arrayBuffer(),
      ),
    ),
  );
  // 200 concurrent /plan new: ack, then the draft modal opens.
  since = await fake.mark();
  const commands = await Promise.all(rush.map(command));
  checkAcks('slash commands', commands);
  await fake.waitFor('views.open', since, CONCURRENT);
  await fake.waitFor('users.info', since, CONCURRENT);

  // 200 concurrent submissions of that draft: ack, then the preview is posted to each DM.
  since = await fake.mark();
  const submissions = await Promise.all(rush.map(submit));
  checkAcks('view submissions', submissions);
  const posted = await fake.waitFor('chat.postMessage', since, CONCURRENT);
  const postedAt = new Map(posted.map((c) => [String(c.channel), c.at]));
  const toPreview = rush.map((p, i) => (postedAt.get(`D${p.userId}`) ?? Number.NaN) - (submissions[i]?.startedAt ?? 0));
  if (toPreview.some((ms) => Number.isNaN(ms))) throw new Error('a preview was not posted to its DM');
  return { commandAcks: commands.map((c) => c.ms), submissionAcks: submissions.map((s) => s.ms), toPreview };
}

const sendToParent = (message: ChildMessage) => process.send?.(message);

/** The world process: fake Slack and MongoDB, until told to stop. */
async function runWorld(): Promise<void> {
  const mongo = await startEmbeddedMongo();
  const api = await FakeSlackApi.start({ botToken: BOT_TOKEN, teamId: 'T1', checkBlocks: false });
  for (const p of everyone()) api.addUser({ id: p.userId, teamId: p.teamId, tz: p.tz, name: p.name });
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') void Promise.all([api.stop(), mongo.close()]).finally(() => process.exit(0));
  });
  sendToParent({ type: 'ready', fakeUrl: api.url, apiUrl: api.apiUrl, mongoUri: `${mongo.uri}slackbench` });
}

/** The load process: plays the rush when told to. */
function runLoad(): void {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') process.exit(0);
    playRush(new RemoteFake(message.fakeUrl), message.fakeUrl, message.eventsUrl).then(
      (timings) => sendToParent({ type: 'done', timings }),
      (error: unknown) => sendToParent({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  sendToParent({ type: 'ready', fakeUrl: '', apiUrl: '', mongoUri: '' });
}

function startChild(role: 'world' | 'load'): ChildProcess {
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  return fork(fileURLToPath(import.meta.url), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [ROLE_VARIABLE]: role },
  });
}

function nextMessage(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a bench child process exited (${String(code)})`));
    child.once('exit', onExit);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

async function expectReady(child: ChildProcess): Promise<Extract<ChildMessage, { type: 'ready' }>> {
  const message = await nextMessage(child);
  if (message.type !== 'ready')
    throw new Error(`a bench child did not start: ${message.type === 'failed' ? message.message : message.type}`);
  return message;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Our own child: if it does not finish on its own, end it.
  const timer = setTimeout(() => child.kill(), 5000);
  await once(child, 'exit');
  clearTimeout(timer);
}

export async function benchSlack(): Promise<BenchRow[]> {
  const world = startChild('world');
  const load = startChild('load');
  try {
    const [ready] = await Promise.all([expectReady(world), expectReady(load)]);
    const logger = createLogger('silent');
    const connection = await connectMongo(ready.mongoUri);
    const store = new MongoPlanStore(connection);
    await store.init();
    const clock = new FakeClock(`${SAMPLE_TODAY}T12:00:00Z`);
    const plans = createPlanUseCases({ store, engine: createRulesEngine(), clock });
    const adapter = await startSlackAdapter({
      conversation: createConversation({ plans, logger, clock }),
      logger,
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      mode: 'http',
      port: 0,
      host: '127.0.0.1',
      apiUrl: ready.apiUrl,
      retry: { retries: 3, minTimeoutMs: 10, maxTimeoutMs: 100 },
      now: () => clock.now(),
    });
    try {
      load.send({
        type: 'run',
        eventsUrl: `http://127.0.0.1:${adapter.port ?? 0}/slack/events`,
        fakeUrl: ready.fakeUrl,
      } satisfies ParentMessage);
      const result = await nextMessage(load);
      if (result.type !== 'done') throw new Error(result.type === 'failed' ? result.message : 'the load process answered out of turn');
      const note = 'HTTP mode, signed requests; Slack, load and MongoDB in other processes';
      return [
        summarize('slack', `slash command ack (${CONCURRENT} concurrent)`, result.timings.commandAcks, {
          targetMs: 300,
          targetOn: 'p99',
          note,
        }),
        summarize('slack', `view submission ack (${CONCURRENT} concurrent)`, result.timings.submissionAcks, {
          targetMs: 300,
          targetOn: 'p99',
          note,
        }),
        summarize('slack', `submit → preview posted (${CONCURRENT} concurrent)`, result.timings.toPreview, {
          note: 'rules engine, embedded MongoDB; ms resolution',
        }),
      ];
    } finally {
      await adapter.stop();
      await connection.close();
    }
  } finally {
    await Promise.all([stopChild(load), stopChild(world)]);
  }
}

const role = process.env[ROLE_VARIABLE];
if (role === 'world') await runWorld();
if (role === 'load') runLoad();
