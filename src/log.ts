/**
 * pino, with every token, key, secret and password redacted wherever it appears in a log object,
 * so a logged config or request never leaks credentials.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
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
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'gofast-coach' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
