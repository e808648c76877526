/**
 * A registry built from a list of command specs, checked when it is built, and the lookups every
 * surface derives its artefacts from: the names, which answers are private, which open a form, and
 * the help text. `commands/index.ts` builds the app's; tests build their own with extra commands.
 */
import type { ParsedCommand } from '../intents.js';
import { message, type MessageView, type ViewBlock } from '../views.js';
import type { CommandSpec } from './command-spec.js';

export type CommandRegistry = {
  /** In the order of the list: help, menus and usage hints show them so. */
  readonly specs: readonly CommandSpec[];
  readonly names: readonly string[];
  find(name: string): CommandSpec | undefined;
  /** Whether the answer to `name` is private; anything unknown gets help, which is. */
  isPrivate(name: string): boolean;
  /** Whether the core will most likely answer `command` with a form. */
  answersWithForm(command: ParsedCommand): boolean;
  /** …and without reading anything first, so a surface can open it within a short window. */
  opensFormAtOnce(command: ParsedCommand): boolean;
  /** The command that answers with `formId` (to ask for that form again). */
  commandOfForm(formId: string): CommandSpec | undefined;
  /** The help text, a line each. */
  readonly helpLines: readonly string[];
  /** The help reply, with `intro` above the list. */
  helpView(intro?: string): MessageView;
};

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
/** Discord's limits on a command's options and on descriptions, which every menu fits within. */
const MAX_ARGUMENTS = 25;
const MAX_DESCRIPTION = 100;

function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(`command registry: ${problem}`);
}

function describes(text: string): boolean {
  return text.length > 0 && text.length <= MAX_DESCRIPTION;
}

function checkSpec(spec: CommandSpec): void {
  check(NAME.test(spec.name) && spec.name !== 'unknown', `"${spec.name}" is not a usable command name`);
  check(describes(spec.description), `${spec.name}: the description must be 1–${MAX_DESCRIPTION} characters`);
  check(spec.help.summary.trim() !== '', `${spec.name}: no help summary`);
  check(spec.arguments.length <= MAX_ARGUMENTS, `${spec.name}: more than ${MAX_ARGUMENTS} arguments`);
  const names = new Set<string>();
  for (const a of spec.arguments) {
    check(NAME.test(a.name) && !names.has(a.name), `${spec.name}: argument "${a.name}" is repeated or badly named`);
    check(describes(a.description), `${spec.name} ${a.name}: the description must be 1–${MAX_DESCRIPTION} characters`);
    names.add(a.name);
  }
}

function usageOf(spec: CommandSpec): string {
  if (spec.help.usage !== undefined) return spec.help.usage;
  const words = spec.arguments.flatMap(({ positional, required }) =>
    positional ? [required ? positional.placeholder : `[${positional.placeholder}]`] : [],
  );
  return ['/plan', spec.name, ...words].join(' ');
}

function helpLinesOf(specs: readonly CommandSpec[]): string[] {
  return specs.flatMap((spec) => [`${usageOf(spec)} — ${spec.help.summary}`, ...(spec.help.more ?? [])]);
}

function opensForm(spec: CommandSpec | undefined, command: ParsedCommand): boolean {
  return spec?.form !== undefined && (spec.form.when?.(command) ?? true);
}

export function createCommandRegistry(specs: readonly CommandSpec[]): CommandRegistry {
  specs.forEach(checkSpec);
  const byName = new Map(specs.map((s) => [s.name, s]));
  check(byName.size === specs.length, 'two commands share a name');
  const helpLines = helpLinesOf(specs);
  const find = (name: string): CommandSpec | undefined => byName.get(name);
  return {
    specs,
    names: specs.map((s) => s.name),
    find,
    isPrivate: (name) => find(name)?.private ?? true,
    answersWithForm: (command) => opensForm(find(command.name), command),
    opensFormAtOnce: (command) => opensForm(find(command.name), command) && find(command.name)?.form?.instant === true,
    commandOfForm: (formId) => specs.find((s) => s.form?.id === formId),
    helpLines,
    helpView(intro) {
      const blocks: ViewBlock[] = [];
      if (intro) blocks.push({ type: 'text', text: intro });
      blocks.push({ type: 'header', text: 'GoFast Coach' }, { type: 'text', text: helpLines.join('\n') });
      return message(blocks, 'GoFast Coach: /plan to start, /plan help for commands', { ephemeral: true });
    },
  };
}
