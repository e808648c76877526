/**
 * A console session over the real core, fed whole lines as a piped terminal would be, returning
 * everything it printed: the transcript the console tests assert on.
 */
import { PassThrough } from 'node:stream';

import { runConsoleSession, type ConsoleSessionOptions } from '../../src/adapters/console/index.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import type { Clock } from '../../src/plans/plan-context.js';

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
