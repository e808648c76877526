/**
 * pino, with every token, key, secret and password redacted wherever it appears in a log object,
 * so a logged config or request never leaks credentials.
 */
import { Writable } from 'node:stream';
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const REDACTED_PATHS = [
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.apiKey',
  '*.secret',
  '*.signingSecret',
  '*.password',
  '*.authorization',
  'token',
  'apiKey',
  'secret',
  'password',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'mongodbUri',
  '*.mongodbUri',
  '*.appToken',
  '*.signingSecret',
  'slack.botToken',
  'discord.token',
  'openai.apiKey',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'gofast-coach' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * The same logger (same redaction) for a person at a terminal: each record becomes one
 * `gofast: level: message` line handed to `write`, instead of JSON. Used by the CLI and the console.
 */
export function createHumanLogger(level: string, write: (text: string) => void): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        let text = line;
        try {
          const record = JSON.parse(line) as { level?: number; msg?: string; ref?: string };
          text = `gofast: ${LEVEL_NAMES[record.level ?? 30] ?? 'log'}: ${record.msg ?? line}${record.ref ? ` (ref ${record.ref})` : ''}`;
        } catch {
          // Not one of pino's JSON lines: pass it through as it is.
        }
        write(`${text}\n`);
      }
      done();
    },
  });
  return createLogger(level, sink);
}
