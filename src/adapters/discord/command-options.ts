/**
 * A `/plan <subcommand>` interaction's options into the core's `ParsedCommand`, the same shape the
 * text grammar (`/plan new distance=marathon …`, `/plan week 3`) produces: each option is read as
 * its argument in the command registry says (a bare word, or `key=value` under its key). The
 * options are checked with zod first: whatever Discord (or anyone posing as it) sends that is not
 * one of ours becomes an `unknown` command, which the core answers with help. A file attached to a
 * file argument (`/plan log file:`) is read apart, from the attachments Discord resolved.
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
    // An attachment's id is no word of the command: the file goes to the core on its own (`attachedFile`).
    if (argument?.kind === 'file') continue;
    if (argument?.positional) positional.push(value);
    // Unknown option names are passed on as typed: the core lists what the command takes.
    else args[argument?.key ?? option.name] = value;
  }
  return { name: sub.name, args, positional, raw: rawOf(sub.name, args, positional) };
}

/** An attachment as discord.js resolves it from `data.resolved.attachments` (its `filename` as `name`). */
const attachmentSchema = z.object({
  id: z.string().regex(/^\d{17,25}$/),
  name: z.string().min(1).max(1024),
  size: z.number().int().nonnegative(),
  url: z.string().min(1).max(4096),
  contentType: z.string().max(255).nullish(),
});

export type AttachedFile = z.infer<typeof attachmentSchema>;

/**
 * The file attached to the subcommand's file argument: undefined when none is (the command as
 * usual), `unreadable` when the option names an attachment Discord did not resolve, or one not in
 * Discord's shape.
 */
export function attachedFile(
  options: unknown,
  attachments: ReadonlyMap<string, unknown> | undefined,
  commands: CommandRegistry = COMMANDS,
): AttachedFile | 'unreadable' | undefined {
  const parsed = dataSchema.safeParse(options);
  if (!parsed.success) return undefined;
  const [sub] = parsed.data;
  const spec = commands.find(sub.name);
  const option = (sub.options ?? []).find((o) => spec?.arguments.find((a) => a.name === o.name)?.kind === 'file');
  if (option === undefined) return undefined;
  const attachment = attachmentSchema.safeParse(attachments?.get(String(option.value)));
  return attachment.success && attachment.data.id === String(option.value) ? attachment.data : 'unreadable';
}
