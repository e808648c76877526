/**
 * What a command is, in one place: its name, arguments, help, who may use it, whether its answer
 * is private or a form, and its handler. Every surface derives its artefacts from these specs —
 * Discord's `/plan` options and private replies, Slack's and the console's text grammar, the help
 * text — so a new command is one module and one line in `commands/index.ts`.
 */
import type { PlanRecord, PlanStatus } from '../../plans/plan-record.js';
import type { HandlerContext } from '../handler-context.js';
import type { CommandIntent, ParsedCommand } from '../intents.js';
import type { SuggestionHints } from '../time-zone-suggestions.js';
import type { FormOption, View } from '../views.js';

/**
 * `file`: a run's file attached to the command (issue 21), where a surface's command menu takes
 * attachments (Discord's attachment option). It is never a value of the command: the surface hands
 * the file to the core as the `activity-file` intent instead. Typed surfaces do not offer it (a
 * file arrives in the conversation there: Slack's DM), in their grammar or their help.
 */
type ArgumentKind = 'text' | 'number' | 'integer' | 'file';

export type CommandArgument = {
  /** Its name in command menus (a Discord option) and, unless `key` differs, in `name=value`. */
  readonly name: string;
  readonly kind: ArgumentKind;
  /** At most 100 characters (Discord's option descriptions). */
  readonly description: string;
  readonly required: boolean;
  readonly choices?: readonly FormOption[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** A bare word (`/plan week 3`) rather than `name=value`, called `placeholder` in usage lines. */
  readonly positional?: { readonly placeholder: string };
  /** The `key=value` name it arrives as when that differs from `name` (`race-name` → `race`). */
  readonly key?: string;
  /** More names typed text accepts (`race_date`, `date`). */
  readonly aliases?: readonly string[];
  /** The form field it fills (`race-date` → the draft's `raceDate`). */
  readonly field?: string;
  /** Only typed as text: command menus leave it out (their forms ask for it instead). */
  readonly typedOnly?: boolean;
  /**
   * Values to suggest as the user types it, best first (a command menu's autocomplete); the user
   * may still type anything, which the command checks as usual.
   */
  readonly suggest?: (typed: string, hints: SuggestionHints) => readonly string[];
};

type CommandHelp = {
  /** What it does, after its usage in the help text. */
  readonly summary: string;
  /** What to type, when that is not `/plan <name>` with its bare-word arguments. */
  readonly usage?: string;
  /** Lines under it, the same on every surface. */
  readonly more?: readonly string[];
  /**
   * A one-line example with every argument, by argument name: each surface writes it its own way
   * (`race-date=2027-04-18` typed, `race-date:2027-04-18` as a command menu's option). `optional`
   * ones are shown in brackets; a value in double quotes is quoted where typed.
   */
  readonly example?: {
    readonly args: Readonly<Record<string, string>>;
    readonly optional?: Readonly<Record<string, string>>;
  };
};

type CommandForm = {
  /** The form it answers with (an id from `action-ids.ts`, a spec in `forms/index.ts`). */
  readonly id: string;
  /** More forms it answers with, by use (`/plan club new` and `/plan club join`). */
  readonly otherIds?: readonly string[];
  /** Whether this use answers with the form; default always (`/plan new` with arguments previews instead). */
  readonly when?: (command: ParsedCommand) => boolean;
  /** It opens without reading anything (no plan, no time zone), so a surface may open it at once. */
  readonly instant?: boolean;
};

type CommandBase = {
  /** Lower case, digits and dashes, at most 32 characters (Discord's subcommand names); never `unknown`. */
  readonly name: string;
  /** For command menus, at most 100 characters (Discord's subcommand description). */
  readonly description: string;
  readonly help: CommandHelp;
  readonly arguments: readonly CommandArgument[];
  /** The answer is the user's own: where a surface can, only they see it (Discord's ephemeral replies). */
  readonly private: boolean;
  readonly form?: CommandForm;
};

/** A command anyone may use: it finds what it needs itself. */
type AnyoneCommand = CommandBase & {
  readonly who: 'anyone';
  readonly handle: (ctx: HandlerContext, intent: CommandIntent) => Promise<View[]>;
};

/** A command on the caller's own current plan, which must be in one of `planStatuses`; the handler gets it. */
type OwnerCommand = CommandBase & {
  readonly who: 'owner';
  readonly planStatuses: readonly PlanStatus[];
  readonly handle: (ctx: HandlerContext, intent: CommandIntent, plan: PlanRecord) => Promise<View[]>;
};

export type CommandSpec = AnyoneCommand | OwnerCommand;
