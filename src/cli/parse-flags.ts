/**
 * Flag parsing for the CLI on node's own `parseArgs`, with its errors turned into one-line usage
 * messages instead of stack traces.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export type ParsedFlags = {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
};

export function parseFlags(command: string, argv: readonly string[], options: Options, allowPositionals = false): ParsedFlags {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`gofast ${command}: ${message?.replace(/\. To specify a positional.*$/, '')} (see gofast ${command} --help)`);
  }
}

export function stringFlag(values: ParsedFlags['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireFlag(command: string, values: ParsedFlags['values'], name: string, what: string): string {
  const value = stringFlag(values, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`gofast ${command}: missing --${name} (${what})`);
  return value;
}
