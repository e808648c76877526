/**
 * pino, with every credential redacted before a record is written: values under keys that name a
 * secret (token, secret, password, apiKey, authorization, …) at any depth, and credentials inside
 * text — a URI's user and password and its secret-looking query parameters, bearer tokens, chat
 * and API keys by their shape — in messages, error messages and stacks and every string value.
 * What is left (hosts, ids, counts) keeps the logs readable.
 */
import { Writable } from 'node:stream';
import { pino, type Logger, type DestinationStream, type LogFn } from 'pino';
import { MASK, isSecretName, redactText, redactUri } from './domain/redaction.js';

export type { Logger };

/** Deeper than any record of ours: past it, a value is cut rather than walked. */
const MAX_DEPTH = 24;

/**
 * `value` with credentials masked at any depth, as a copy: the caller's objects are never
 * changed. Errors stay errors (pino's serializer then prints type, message and stack as usual);
 * values under a secret key are masked unless they are numbers or booleans (token counts).
 */
function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet(), depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (value instanceof URL) return redactUri(value.href);
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, seen, depth);
    if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, seen, depth + 1));
    // Values that say how to print themselves (ObjectId, Decimal128) carry no secrets by key.
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = redactEntry(key, child, seen, depth + 1);
    return copy;
  } finally {
    // Only ancestors count as a cycle: the same object twice side by side is printed twice.
    seen.delete(value);
  }
}

function redactEntry(key: string, value: unknown, seen: WeakSet<object>, depth: number): unknown {
  const harmless = value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean';
  return isSecretName(key) && !harmless ? MASK : redactValue(value, seen, depth);
}

function redactError(error: Error, seen: WeakSet<object>, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const [key, child] of Object.entries(error))
    (copy as unknown as Record<string, unknown>)[key] = redactEntry(key, child, seen, depth + 1);
  // message, stack and cause are own but not enumerable: copied the same way, masked.
  const hidden = { writable: true, configurable: true, enumerable: false };
  Object.defineProperty(copy, 'message', { ...hidden, value: redactText(error.message) });
  if (error.stack !== undefined) Object.defineProperty(copy, 'stack', { ...hidden, value: redactText(error.stack) });
  if (error.cause !== undefined) Object.defineProperty(copy, 'cause', { ...hidden, value: redactValue(error.cause, seen, depth + 1) });
  return copy;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'gofast-coach' },
    formatters: {
      // A child logger's bindings are printed on every record: masked once, when bound.
      bindings: (bindings: Record<string, unknown>) => redactValue(bindings) as Record<string, unknown>,
    },
    hooks: {
      // Every argument of every call — the object, the message and its format arguments — is
      // masked before pino sees it, so nothing reaches a destination unredacted.
      logMethod(this: Logger, args: Parameters<LogFn>, method: LogFn) {
        method.apply(this, args.map((arg: unknown) => redactValue(arg)) as Parameters<LogFn>);
      },
    },
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
