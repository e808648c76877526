/**
 * A registry built from a list of command specs, checked when it is built, and the lookups every
 * surface derives its artefacts from: the names, which answers are private, which open a form, and
 * the help text. `commands/index.ts` builds the app's; tests build their own with extra commands.
 *
 * The help text has one home, the specs, and two renderings: `typed` (`/plan week [N]`,
 * `distance=marathon`) for surfaces where commands are typed as text, and `options`
 * (`/plan week [week:N]`, `distance:marathon`) for command menus, naming each argument as the
 * menu's option (Discord's `/plan` options are the arguments' names). A file argument is offered
 * only by a menu (`options`), on a line of its own; typed surfaces leave it out.
 */
import type { CommandStyle, ParsedCommand } from '../intents.js';
import { message, type MessageView, type ViewBlock } from '../views.js';
import type { CommandArgument, CommandSpec } from './command-spec.js';

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
  /** The help text as typed (`key=value`), a line each. */
  readonly helpLines: readonly string[];
  /** The help text in a surface's style, a line each. */
  helpLinesFor(style: CommandStyle): readonly string[];
  /** The help reply in a surface's style (default typed), with `intro` above the list. */
  helpView(intro?: string, style?: CommandStyle): MessageView;
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
    // A file is attached in a command menu, never typed: not a bare word, not required of typed surfaces.
    check(
      a.kind !== 'file' || (a.positional === undefined && a.typedOnly !== true && !a.required),
      `${spec.name} ${a.name}: a file argument is optional and only attached`,
    );
    names.add(a.name);
  }
  const example = spec.help.example;
  for (const name of Object.keys({ ...example?.args, ...example?.optional })) {
    check(names.has(name), `${spec.name}: the help example names "${name}", which is not one of its arguments`);
  }
}

/** One argument as written in `style`: `key=value` typed, `name:value` as a menu option. */
function argumentText(argument: CommandArgument | undefined, name: string, value: string, style: CommandStyle): string {
  if (style === 'options') return `${name}:${value.replace(/^"(.*)"$/, '$1')}`;
  return `${argument?.key ?? name}=${value}`;
}

/** The usage: typed, bare words (`/plan week [N]`); in a menu, every command is `/plan <name>` with options. */
function usageOf(spec: CommandSpec, style: CommandStyle): string {
  if (style === 'typed' && spec.help.usage !== undefined) return spec.help.usage;
  const words = spec.arguments.flatMap(({ name, positional, required, typedOnly }) => {
    if (!positional || (style === 'options' && typedOnly === true)) return [];
    const word = style === 'options' ? `${name}:${positional.placeholder}` : positional.placeholder;
    return [required ? word : `[${word}]`];
  });
  return ['/plan', spec.name, ...words].join(' ');
}

/** The example line with every argument; a menu leaves out what it does not offer (`typedOnly`). */
function exampleOf(spec: CommandSpec, style: CommandStyle): string[] {
  const example = spec.help.example;
  if (example === undefined) return [];
  const shown = (entries: Readonly<Record<string, string>>, optional: boolean): string[] =>
    Object.entries(entries).flatMap(([name, value]) => {
      const argument = spec.arguments.find((a) => a.name === name);
      if (style === 'options' && argument?.typedOnly === true) return [];
      const text = argumentText(argument, name, value, style);
      return [optional ? `[${text}]` : text];
    });
  return [['/plan', spec.name, ...shown(example.args, false), ...shown(example.optional ?? {}, true)].join(' ')];
}

/** A menu's line for each file it takes (`/plan log file:<file> — a run from your watch …`); typed surfaces take none. */
function fileLinesOf(spec: CommandSpec, style: CommandStyle): string[] {
  if (style !== 'options') return [];
  return spec.arguments
    .filter((a) => a.kind === 'file')
    .map((a) => `/plan ${spec.name} ${a.name}:<file> — ${a.description.charAt(0).toLowerCase()}${a.description.slice(1)}`);
}

function helpLinesOf(specs: readonly CommandSpec[], style: CommandStyle): string[] {
  return specs.flatMap((spec) => [
    `${usageOf(spec, style)} — ${spec.help.summary}`,
    ...fileLinesOf(spec, style),
    ...exampleOf(spec, style),
    ...(spec.help.more ?? []),
  ]);
}

function opensForm(spec: CommandSpec | undefined, command: ParsedCommand): boolean {
  return spec?.form !== undefined && (spec.form.when?.(command) ?? true);
}

export function createCommandRegistry(specs: readonly CommandSpec[]): CommandRegistry {
  specs.forEach(checkSpec);
  const byName = new Map(specs.map((s) => [s.name, s]));
  check(byName.size === specs.length, 'two commands share a name');
  const helpLines = helpLinesOf(specs, 'typed');
  const helpLinesByStyle: Readonly<Record<CommandStyle, readonly string[]>> = { typed: helpLines, options: helpLinesOf(specs, 'options') };
  const find = (name: string): CommandSpec | undefined => byName.get(name);
  return {
    specs,
    names: specs.map((s) => s.name),
    find,
    isPrivate: (name) => find(name)?.private ?? true,
    answersWithForm: (command) => opensForm(find(command.name), command),
    opensFormAtOnce: (command) => opensForm(find(command.name), command) && find(command.name)?.form?.instant === true,
    commandOfForm: (formId) => specs.find((s) => s.form?.id === formId || (s.form?.otherIds ?? []).includes(formId)),
    helpLines,
    helpLinesFor: (style) => helpLinesByStyle[style],
    helpView(intro, style = 'typed') {
      const blocks: ViewBlock[] = [];
      if (intro) blocks.push({ type: 'text', text: intro });
      blocks.push({ type: 'header', text: 'GoFast Coach' }, { type: 'text', text: helpLinesByStyle[style].join('\n') });
      return message(blocks, 'GoFast Coach: /plan to start, /plan help for commands', { ephemeral: true });
    },
  };
}
