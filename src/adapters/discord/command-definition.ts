/**
 * The `/plan` application command as Discord registers it: one subcommand per core command, and
 * `new` with optional typed options for the one-line shortcut (the same grammar as `/plan new
 * key=value …` typed as text). Choices come from the core's form options so both stay in step.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

import { DAY_OPTIONS, DISTANCE_OPTIONS, UNIT_OPTIONS } from '../../conversation/forms.js';
import type { CommandName } from '../../conversation/intents.js';

export const PLAN_COMMAND_NAME = 'plan';

/** `/plan new` option name → the core's `key=value` argument name. */
export const NEW_OPTION_ARGS: Readonly<Record<string, string>> = {
  distance: 'distance',
  'race-date': 'race-date',
  goal: 'goal',
  'five-k': 'five-k',
  mileage: 'mileage',
  'recent-long': 'recent-long',
  days: 'days',
  'long-day': 'long-day',
  start: 'start',
  'race-name': 'race',
  units: 'units',
};

/** The integer option of `week`, `log` and `regenerate`: the week number (a positional word). */
export const WEEK_OPTION = 'week';

const text = (name: string, description: string, extra: { max_length?: number } = {}): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name,
  description,
  required: false,
  ...extra,
});

const weekOption = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.Integer,
  name: WEEK_OPTION,
  description,
  required: false,
  min_value: 1,
  max_value: 52,
});

const NEW_OPTIONS: APIApplicationCommandBasicOption[] = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'distance',
    description: 'Race distance',
    required: false,
    choices: DISTANCE_OPTIONS.map((o) => ({ name: o.label, value: o.value })),
  },
  text('race-date', 'Race date, YYYY-MM-DD', { max_length: 10 }),
  text('goal', 'Goal time, H:MM:SS or MM:SS (3:45:00)', { max_length: 8 }),
  text('five-k', 'A recent 5K time, MM:SS (24:30)', { max_length: 8 }),
  {
    type: ApplicationCommandOptionType.Number,
    name: 'mileage',
    // Up to 240: with units km the volume is kilometres (8–240); the core checks the range per unit.
    description: 'Miles you run per week now (km with units km)',
    required: false,
    min_value: 5,
    max_value: 240,
  },
  {
    type: ApplicationCommandOptionType.Number,
    name: 'recent-long',
    description: 'Your longest run of the last 4 weeks, miles (km with units km)',
    required: false,
    min_value: 1,
    max_value: 48,
  },
  text('days', 'Days you can run: tue,thu,sat,sun or 2,4,6,7 (1 = Monday)', { max_length: 40 }),
  {
    type: ApplicationCommandOptionType.String,
    name: 'long-day',
    description: 'The day of your long run, one of your days',
    required: false,
    choices: DAY_OPTIONS.map((o) => ({ name: o.label, value: o.value })),
  },
  text('start', 'Start date, YYYY-MM-DD (default today)', { max_length: 10 }),
  text('race-name', 'Race name (Berlin Marathon)', { max_length: 100 }),
  {
    type: ApplicationCommandOptionType.String,
    name: 'units',
    description: 'Miles or kilometres',
    required: false,
    choices: UNIT_OPTIONS.map((o) => ({ name: o.label, value: o.value })),
  },
];

const SUBCOMMANDS: ReadonlyArray<{ name: CommandName; description: string; options?: APIApplicationCommandBasicOption[] }> = [
  { name: 'new', description: 'Start a plan: a short form, or everything at once with the options', options: NEW_OPTIONS },
  { name: 'status', description: 'Where your plan stands' },
  { name: 'week', description: 'This week of your plan, or week N', options: [weekOption('Week number (default: this week)')] },
  { name: 'log', description: 'Log a week: run days done and distance', options: [weekOption('Week number (default: last week)')] },
  { name: 'regenerate', description: 'Another take on the preview, or on future week N', options: [weekOption('Future week to make again')] },
  { name: 'export', description: 'Your plan as a calendar file (.ics)' },
  { name: 'cancel', description: 'Stop your plan' },
  { name: 'settings', description: 'Units, where weeks are sent, time zone, posting day and hour' },
  { name: 'help', description: 'What the coach can do' },
];

/** The `/plan` command, usable in servers and in DMs with the bot. */
export function planCommandDefinition(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: PLAN_COMMAND_NAME,
    description: 'Your running coach: training plans for your next race',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: SUBCOMMANDS.map((s) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: s.name,
      description: s.description,
      ...(s.options ? { options: s.options } : {}),
    })),
  };
}
