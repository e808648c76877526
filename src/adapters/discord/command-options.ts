/**
 * A `/plan <subcommand>` interaction's options into the core's `ParsedCommand`, the same shape the
 * text grammar (`/plan new distance=marathon …`, `/plan week 3`) produces. The options are checked
 * with zod first: whatever Discord (or anyone posing as it) sends that is not one of ours becomes
 * an `unknown` command, which the core answers with help.
 */
import { z } from 'zod';

import { COMMAND_NAMES, type ParsedCommand } from '../../conversation/intents.js';
import { NEW_OPTION_ARGS, WEEK_OPTION } from './command-definition.js';

const optionSchema = z.object({
  name: z.string().max(32),
  value: z.union([z.string().max(200), z.number().finite(), z.boolean()]),
});

const subcommandSchema = z.object({
  name: z.enum(COMMAND_NAMES),
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
export function parsePlanOptions(options: unknown): ParsedCommand {
  const parsed = dataSchema.safeParse(options);
  if (!parsed.success) return { name: 'unknown', args: {}, positional: [], raw: '/plan' };
  const [sub] = parsed.data;
  const args: Record<string, string> = {};
  const positional: string[] = [];
  for (const option of sub.options ?? []) {
    const value = String(option.value).trim();
    if (value === '') continue;
    if (option.name === WEEK_OPTION) {
      positional.push(value);
      continue;
    }
    // Unknown option names are passed on as typed: the core lists what `/plan new` takes.
    args[sub.name === 'new' ? (NEW_OPTION_ARGS[option.name] ?? option.name) : option.name] = value;
  }
  return { name: sub.name, args, positional, raw: rawOf(sub.name, args, positional) };
}
