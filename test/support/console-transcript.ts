/**
 * A console session over the real core, fed whole lines as a piped terminal would be, returning
 * everything it printed: the transcript the console tests assert on.
 */
import { PassThrough } from 'node:stream';

import { runConsoleSession, type ConsoleSessionOptions } from '../../src/adapters/console/index.js';
import { createConversation } from '../../src/conversation/conversation.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import { createLogger } from '../../src/log.js';
import type { Clock } from '../../src/plans/plan-context.js';
import type { PlanUseCases } from '../../src/plans/plan-use-cases.js';

export type TranscriptOptions = {
  readonly handle: ConsoleSessionOptions['handle'];
  readonly actor: IntentActor;
  readonly clock: Clock;
  readonly lines: readonly string[];
  readonly greeting?: string;
};

export async function consoleTranscript(options: TranscriptOptions): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  input.end(options.lines.map((l) => `${l}\n`).join(''));
  await runConsoleSession({
    handle: options.handle,
    actor: options.actor,
    clock: options.clock,
    input,
    output,
    interactive: false,
    saveFile: async (filename) => `/tmp/gofast/${filename}`,
    ...(options.greeting === undefined ? {} : { greeting: options.greeting }),
  });
  return printed;
}

/** `lines` typed by `actor` into a console session over a fresh core on `service`'s use cases and clock. */
export function transcriptOn(
  service: { readonly plans: PlanUseCases; readonly clock: Clock },
  actor: IntentActor,
  lines: readonly string[],
): Promise<string> {
  const core = createConversation({ plans: service.plans, logger: createLogger('silent'), clock: service.clock });
  return consoleTranscript({ handle: (intent) => core.handle(intent), actor, clock: service.clock, lines, greeting: 'GoFast Coach' });
}
