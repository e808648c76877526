/**
 * The `/plan` application command as Discord registers it, derived from the core's command
 * registry: one subcommand per command, its arguments as typed options (`new`'s one-line shortcut,
 * the week number of `week`, `log` and `regenerate`). Arguments only typed as text are left out.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

import { COMMANDS, type CommandArgument, type CommandRegistry, type CommandSpec } from '../../conversation/commands/index.js';

export const PLAN_COMMAND_NAME = 'plan';

function choicesOf(argument: CommandArgument) {
  return argument.choices ? { choices: argument.choices.map((o) => ({ name: o.label, value: o.value })) } : {};
}

function optionOf(argument: CommandArgument): APIApplicationCommandBasicOption {
  const { name, description, required } = argument;
  const range = {
    ...(argument.min === undefined ? {} : { min_value: argument.min }),
    ...(argument.max === undefined ? {} : { max_value: argument.max }),
  };
  switch (argument.kind) {
    case 'text':
      return {
        type: ApplicationCommandOptionType.String,
        name,
        description,
        required,
        ...(argument.maxLength === undefined ? {} : { max_length: argument.maxLength }),
        ...choicesOf(argument),
      };
    case 'number':
      return { type: ApplicationCommandOptionType.Number, name, description, required, ...range };
    case 'integer':
      return { type: ApplicationCommandOptionType.Integer, name, description, required, ...range };
  }
}

function subcommandOf(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  const options = spec.arguments.filter((a) => a.typedOnly !== true).map(optionOf);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    description: spec.description,
    ...(options.length > 0 ? { options } : {}),
  };
}

/** The `/plan` command, usable in servers and in DMs with the bot. */
export function planCommandDefinition(commands: CommandRegistry = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: PLAN_COMMAND_NAME,
    description: 'Your running coach: training plans for your next race',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: commands.specs.map(subcommandOf),
  };
}
