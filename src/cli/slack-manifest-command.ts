/**
 * `gofast slack manifest [--command /name]`: prints the Slack app manifest for this build, with the
 * slash command the app answers (SLACK_COMMAND, default `/plan`), ready to paste into
 * https://api.slack.com/apps → Create New App → From an app manifest.
 */
import { slackManifestYaml } from '../adapters/slack/app-manifest.js';
import { COMMAND_NAME } from '../adapters/slack/command-name.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const SLACK_HELP = `Usage: gofast slack manifest [--command /name]

  Prints the Slack app manifest (YAML): the slash command, the App Home with its Messages tab, the
  events and exactly the bot scopes the app uses. The command is SLACK_COMMAND (default /plan);
  --command overrides it. The app must then run with the same SLACK_COMMAND.`;

/** `argv`: the words after `gofast slack`; `configured`: SLACK_COMMAND. */
export function runSlackManifestCommand(argv: readonly string[], configured: string): string {
  const { values, positionals } = parseFlags('slack', argv, { command: { type: 'string' } }, true);
  if (positionals.length !== 1 || positionals[0] !== 'manifest') {
    throw new UsageError(
      `gofast slack: expected \`gofast slack manifest [--command /name]\`${positionals.length === 0 ? '' : `, not "${positionals.join(' ')}"`}`,
    );
  }
  const command = stringFlag(values, 'command') ?? configured;
  if (!COMMAND_NAME.test(command)) {
    throw new UsageError(`gofast slack manifest: --command must be a slash then 1–31 lower-case letters, digits, - or _, not "${command}"`);
  }
  return slackManifestYaml(command);
}
