/**
 * `/plan …` text into a `ParsedCommand`: the subcommand, `key=value` arguments (values may be
 * quoted: `race="Berlin Marathon"`) and bare words. Shared by every text-based surface; the
 * subcommands are those of the command registry.
 */
import { argumentField } from './commands/command-arguments.js';
import { COMMANDS, type CommandRegistry } from './commands/index.js';
import { newCommand } from './commands/new.js';
import type { ParsedCommand } from './intents.js';

/** The draft field a `/plan new` argument fills (`race-date`, `date` → raceDate); undefined for others. */
export function shortcutField(argument: string): string | undefined {
  return argumentField(newCommand.arguments, argument);
}

const TOKEN = /([A-Za-z][\w-]*)=("([^"]*)"|'([^']*)'|(\S*))|"([^"]*)"|(\S+)/g;

export function parseCommandText(text: string, commands: CommandRegistry = COMMANDS): ParsedCommand {
  const raw = text.trim();
  const body = raw.replace(/^\/?plan\b/i, '').trim();
  const args: Record<string, string> = {};
  const words: string[] = [];
  for (const match of body.matchAll(TOKEN)) {
    const [, key, , dq, sq, bare, quotedWord, word] = match;
    if (key !== undefined) args[key.toLowerCase()] = dq ?? sq ?? bare ?? '';
    else words.push(quotedWord ?? word ?? '');
  }
  const [first, ...positional] = words;
  if (first === undefined) {
    // `/plan` alone opens the draft form; `/plan distance=…` is the shortcut of `/plan new`.
    return { name: newCommand.name, args, positional: [], raw };
  }
  const name = first.toLowerCase();
  return commands.find(name) ? { name, args, positional, raw } : { name: 'unknown', args, positional: words, raw };
}
