/**
 * Intents, the only input of the conversation core. Each adapter turns its platform's events (a
 * slash command, a modal submission, a button press, a line typed in the terminal) into one of
 * these; no platform type crosses this line.
 */

/** Where the user spoke to the coach. */
export type Origin = { readonly kind: 'dm' } | { readonly kind: 'channel'; readonly channelId: string };

/**
 * How a surface's users give a command its arguments: `typed` as text (`key=value`, the console
 * and Slack), or `options` picked from the platform's command menu (`name:value`, Discord).
 */
export type CommandStyle = 'typed' | 'options';

export type IntentActor = {
  /** `platform:workspace:user`, e.g. `slack:T123:U456`. */
  readonly identity: string;
  /** The user's IANA time zone when the platform knows it. */
  readonly timezone: string | null;
  readonly origin: Origin;
  /** How this surface's users type commands, for the help text; default `typed`. */
  readonly commandStyle?: CommandStyle;
  /**
   * The platform says, with this request, that the actor administers the channel it came from
   * (Discord's permissions arrive with each interaction); absent: it did not say.
   */
  readonly channelAdmin?: boolean;
};

export type ParsedCommand = {
  /**
   * A registered command's name (see `commands/index.ts`), or `unknown` for anything else: it gets
   * help, not silence.
   */
  readonly name: string;
  /** `key=value` arguments (`distance=marathon`). */
  readonly args: Readonly<Record<string, string>>;
  /** Bare words after the subcommand (`/plan week 3` → ['3']). */
  readonly positional: readonly string[];
  /** What the user typed, for the help reply to quote. */
  readonly raw: string;
};

export type CommandIntent = {
  readonly kind: 'command';
  readonly actor: IntentActor;
  readonly command: ParsedCommand;
  /** The platform's id of this delivery (trigger id, interaction id): retries carry the same. */
  readonly requestId?: string | null;
  /**
   * People the command names whom its platform marks as bots, as identities (Discord resolves the
   * mentions of a command's options, each with its `bot` flag); absent: the platform did not say.
   */
  readonly namedBots?: readonly string[];
};

export type FormIntent = {
  readonly kind: 'form';
  readonly actor: IntentActor;
  readonly formId: string;
  /** The plan the form is about (log, settings); null for a new draft. */
  readonly planId: string | null;
  readonly values: Readonly<Record<string, string>>;
  /** The platform's id of this submission (a Slack view id, a Discord interaction id). */
  readonly requestId?: string | null;
  /**
   * Keep these values (a form left half-filled) instead of submitting them: a form that saves a
   * draft stores them there and answers with one short line (`FormSpec.keep`).
   */
  readonly keepOnly?: boolean;
};

export type ButtonIntent = {
  readonly kind: 'button';
  readonly actor: IntentActor;
  readonly actionId: string;
  readonly planId: string;
  /** Extra data of the button (`3:5` for week 3, day 5); null when it has none. */
  readonly value: string | null;
};

/**
 * A run's file (`.fit`, `.gpx`, `.tcx`) the athlete dropped in the coach's DM (issue 21). The core
 * checks the size the platform gave before it asks for the bytes, so a file over 25 MB is refused
 * without being downloaded.
 */
export type ActivityFileIntent = {
  readonly kind: 'activity-file';
  readonly actor: IntentActor;
  /** The file's name as the athlete sent it: its extension says how to read it. */
  readonly filename: string;
  /** Its size in bytes as the platform states it; null when it does not say. */
  readonly size: number | null;
  /**
   * Downloads it. A surface stops reading past `MAX_ACTIVITY_FILE_BYTES` + 1 bytes (a stated size
   * can be wrong), so an oversized body is refused as too large, never held whole. When the
   * platform will not give the file (an error status, a timeout), it rejects with
   * `FileUnavailableError`: the athlete is asked to send it again, and the cause is logged.
   */
  readonly read: () => Promise<Uint8Array>;
};

/** The platform would not give a dropped file (an error status, a timeout, a host not its own). */
export class FileUnavailableError extends Error {
  readonly code = 'FILE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileUnavailableError';
  }
}

export type Intent = CommandIntent | FormIntent | ButtonIntent | ActivityFileIntent;
