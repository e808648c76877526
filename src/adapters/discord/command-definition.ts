/**
 * The `/plan` application command as Discord registers it, derived from the core's command
 * registry: one subcommand per command, its arguments as typed options (`new`'s one-line shortcut,
 * the week number of `week`, `log` and `regenerate`) and a file argument as an attachment option
 * (`/plan log file:`). Arguments only typed as text are left out.
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
        // Suggestions come as the user types (autocomplete.ts); Discord allows them only without fixed choices.
        ...(argument.suggest !== undefined && argument.choices === undefined ? { autocomplete: true } : choicesOf(argument)),
      };
    case 'number':
      return { type: ApplicationCommandOptionType.Number, name, description, required, ...range };
    case 'integer':
      return { type: ApplicationCommandOptionType.Integer, name, description, required, ...range };
    case 'file':
      // An attachment: Discord uploads it with the command and names it in `resolved.attachments`.
      return { type: ApplicationCommandOptionType.Attachment, name, description, required };
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

/**
 * The `/plan` command: installable to a server and to a user's account, and usable in servers, in
 * DMs with the bot and — installed to the user — in their other DMs and group DMs, where every
 * answer is private (interaction-handler.ts).
 */
export function planCommandDefinition(commands: CommandRegistry = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: PLAN_COMMAND_NAME,
    description: 'Your running coach: training plans for your next race',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
    options: commands.specs.map(subcommandOf),
  };
}
