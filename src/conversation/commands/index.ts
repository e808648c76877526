/**
 * Every command of the core, one line each, in the order help and menus show them. A new command
 * is a module beside these (`satisfies CommandSpec`) and a line here; every surface picks it up.
 */
import { cancelCommand } from './cancel.js';
import { clubCommand } from './club.js';
import { connectCommand, disconnectCommand } from './connect.js';
import { createCommandRegistry } from './command-registry.js';
import { exportCommand } from './export.js';
import { helpCommand } from './help.js';
import { logCommand } from './log.js';
import { moveCommand } from './move.js';
import { crossCommand } from './cross.js';
import { newCommand } from './new.js';
import { pauseCommand } from './pause.js';
import { raceCommand } from './race.js';
import { tuneupCommand } from './tuneup.js';
import { resultCommand } from './result.js';
import { resumeCommand } from './resume.js';
import { regenerateCommand } from './regenerate.js';
import { settingsCommand } from './settings.js';
import { shareCommand } from './share.js';
import { statusCommand } from './status.js';
import { weekCommand } from './week.js';

export { createCommandRegistry, type CommandRegistry } from './command-registry.js';
export type { CommandArgument, CommandSpec } from './command-spec.js';

export const COMMANDS = createCommandRegistry([
  newCommand,
  statusCommand,
  weekCommand,
  logCommand,
  regenerateCommand,
  pauseCommand,
  resumeCommand,
  raceCommand,
  tuneupCommand,
  resultCommand,
  moveCommand,
  crossCommand,
  exportCommand,
  shareCommand,
  connectCommand,
  disconnectCommand,
  cancelCommand,
  settingsCommand,
  clubCommand,
  helpCommand,
]);

export const COMMAND_NAMES: readonly string[] = COMMANDS.names;
