/**
 * The `/plan` usage hint Slack shows while typing (`usage_hint` in `manifests/slack.yaml`),
 * derived from the command registry; a test keeps the manifest equal to it, since Slack reads the
 * manifest, not the code.
 */
import { COMMANDS, type CommandRegistry } from '../../conversation/commands/index.js';

/** `[new | status | week N | …]`: each command with its bare-word arguments. */
export function planUsageHint(commands: CommandRegistry = COMMANDS): string {
  const uses = commands.specs.map((spec) => [
    spec.name,
    ...spec.arguments.flatMap((a) => (a.positional ? [a.positional.placeholder] : [])),
  ]);
  return `[${uses.map((words) => words.join(' ')).join(' | ')}]`;
}
