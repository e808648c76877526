/**
 * `/plan …` text into a `ParsedCommand`: the subcommand, `key=value` arguments (values may be
 * quoted: `race="Berlin Marathon"`) and bare words. Shared by every text-based surface.
 */
import { COMMAND_NAMES, type CommandName, type ParsedCommand } from './intents.js';

/**
 * `/plan new key=value` argument names (lower-cased, as `parseCommandText` gives them) → draft
 * form field ids. Every text surface and Discord's typed options go through this one map.
 */
export const SHORTCUT_FIELDS: Readonly<Record<string, string>> = {
  distance: 'distance',
  'race-date': 'raceDate',
  race_date: 'raceDate',
  date: 'raceDate',
  goal: 'goal',
  'five-k': 'fiveK',
  fivek: 'fiveK',
  '5k': 'fiveK',
  mileage: 'mileage',
  'recent-long': 'recentLong',
  recent_long: 'recentLong',
  recentlong: 'recentLong',
  days: 'days',
  'long-day': 'longDay',
  long_day: 'longDay',
  longday: 'longDay',
  start: 'startDate',
  race: 'raceName',
  name: 'raceName',
  units: 'units',
  delivery: 'delivery',
};

/** The draft field a `/plan new` argument fills; own keys only, so `constructor=` is unknown. */
export function shortcutField(argument: string): string | undefined {
  return Object.hasOwn(SHORTCUT_FIELDS, argument) ? SHORTCUT_FIELDS[argument] : undefined;
}

const TOKEN = /([A-Za-z][\w-]*)=("([^"]*)"|'([^']*)'|(\S*))|"([^"]*)"|(\S+)/g;

export function parseCommandText(text: string): ParsedCommand {
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
    return { name: 'new', args, positional: [], raw };
  }
  const name = first.toLowerCase();
  return (COMMAND_NAMES as readonly string[]).includes(name)
    ? { name: name as CommandName, args, positional, raw }
    : { name: 'unknown', args, positional: words, raw };
}
