/**
 * `gofast dev-mongo`: the embedded MongoDB-compatible server in the foreground, for pointing a
 * bot, a second bot instance or mongosh at it. Prints its URI on stdout, runs until SIGINT/SIGTERM.
 */
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const DEV_MONGO_HELP = `Usage: gofast dev-mongo [--port N]

  Starts the embedded MongoDB-compatible server on 127.0.0.1 (port N, default 27017; 0 picks a free
  one) and prints its mongodb:// URI. It keeps TCP for tests: any local process can reach it, and
  its data is in memory and lost on exit. The coach's own store is the durable one in
  GOFAST_DATA_DIR, on a socket only your user can reach.`;

export type DevMongoIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves when the process is asked to stop. */
  readonly stopSignal: () => Promise<string>;
};

export async function runDevMongoCommand(argv: readonly string[], io: DevMongoIo): Promise<void> {
  const { values } = parseFlags('dev-mongo', argv, { port: { type: 'string', default: '27017' } });
  const portText = stringFlag(values, 'port') ?? '27017';
  if (!/^\d+$/.test(portText) || Number(portText) > 65_535) {
    throw new UsageError(`gofast dev-mongo: --port must be a port number from 0 to 65535, not "${portText}"`);
  }
  let server;
  try {
    server = await startEmbeddedMongo({
      host: '127.0.0.1',
      port: Number(portText),
      onWarning: (message) => io.stderr(`dev-mongo: ${message}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`gofast dev-mongo: port ${portText} is in use; pick another with --port`);
    throw error;
  }
  io.stdout(`${server.uri}\n`);
  io.stderr('dev-mongo: embedded MongoDB-compatible server on TCP, for tests; data is in memory and lost on exit. Ctrl-C to stop.\n');
  const signal = await io.stopSignal();
  io.stderr(`dev-mongo: ${signal}, stopping\n`);
  await server.close();
}
