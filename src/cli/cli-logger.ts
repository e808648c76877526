/**
 * The CLI's logger: pino as everywhere (same redaction), but each record is printed for a person
 * as one `gofast: level: message` line on stderr instead of JSON.
 */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../log.js';

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

export function cliLogger(level: string, write: (text: string) => void): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        try {
          const record = JSON.parse(line) as { level?: number; msg?: string };
          write(`gofast: ${LEVEL_NAMES[record.level ?? 30] ?? 'log'}: ${record.msg ?? line}\n`);
        } catch {
          write(`${line}\n`);
        }
      }
      done();
    },
  });
  return createLogger(level, sink);
}
