/**
 * A `/plan <subcommand>` interaction's options into the core's `ParsedCommand`, the same shape the
 * text grammar (`/plan new distance=marathon …`, `/plan week 3`) produces: each option is read as
 * its argument in the command registry says (a bare word, or `key=value` under its key). The
 * options are checked with zod first: whatever Discord (or anyone posing as it) sends that is not
 * one of ours becomes an `unknown` command, which the core answers with help.
 */
import { z } from 'zod';

import { COMMANDS, type CommandRegistry } from '../../conversation/commands/index.js';
import type { ParsedCommand } from '../../conversation/intents.js';

const optionSchema = z.object({
  name: z.string().max(32),
  value: z.union([z.string().max(200), z.number().finite(), z.boolean()]),
});

const subcommandSchema = z.object({
  name: z.string().max(32),
  // ApplicationCommandOptionType.Subcommand
  type: z.literal(1),
  options: z.array(optionSchema).max(25).optional(),
});

const dataSchema = z.tuple([subcommandSchema]);

function quoted(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, "'")}"` : value;
}

/** The command as the user would have typed it, for the help reply to quote. */
function rawOf(name: string, args: Readonly<Record<string, string>>, positional: readonly string[]): string {
  const parts = ['/plan', name, ...Object.entries(args).map(([k, v]) => `${k}=${quoted(v)}`), ...positional];
  return parts.join(' ');
}

/** `options` is discord.js's `interaction.options.data` (or any value: it is validated here). */
export function parsePlanOptions(options: unknown, commands: CommandRegistry = COMMANDS): ParsedCommand {
  const parsed = dataSchema.safeParse(options);
  const spec = parsed.success ? commands.find(parsed.data[0].name) : undefined;
  if (!parsed.success || spec === undefined) return { name: 'unknown', args: {}, positional: [], raw: '/plan' };
  const [sub] = parsed.data;
  const args: Record<string, string> = {};
  const positional: string[] = [];
  for (const option of sub.options ?? []) {
    const value = String(option.value).trim();
    if (value === '') continue;
    const argument = spec.arguments.find((a) => a.name === option.name);
    if (argument?.positional) positional.push(value);
    // Unknown option names are passed on as typed: the core lists what the command takes.
    else args[argument?.key ?? option.name] = value;
  }
  return { name: sub.name, args, positional, raw: rawOf(sub.name, args, positional) };
}
