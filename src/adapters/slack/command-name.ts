/**
 * The slash command's name in this workspace. The core speaks of `/plan` on every surface; a Slack
 * app may be told to answer another name (SLACK_COMMAND, e.g. `/coach`, to avoid a clash), and then
 * every hint a person reads in Slack — help, usage, "start again with /plan" — must name the
 * command they can actually type. The views are rewritten on their way out, so the core stays
 * platform-neutral and the default name costs nothing.
 */
import type { View } from '../../conversation/views.js';

export const DEFAULT_COMMAND = '/plan';

/** A slash, then 1–31 lower-case letters, digits, `-` or `_` (config.ts checks SLACK_COMMAND the same way). */
export const COMMAND_NAME = /^\/[a-z0-9_-]{1,31}$/;

/** `/plan` as a word of its own: not `/planner`, not a URL's `…/plan`. */
const PLAN_WORD = /(^|[^\w/.:-])\/plan(?![\w-])/g;

function renameText(text: string, command: string): string {
  return text.replace(PLAN_WORD, (_match, before: string) => `${before}${command}`);
}

type Json = string | number | boolean | null | undefined | readonly Json[] | { readonly [key: string]: Json };

function renameDeep(value: Json, command: string): Json {
  if (typeof value === 'string') return renameText(value, command);
  if (Array.isArray(value)) return value.map((item: Json) => renameDeep(item, command));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renameDeep(item, command)]));
  }
  return value;
}

/** `view` with every mention of `/plan` naming `command` instead; the same object for the default. */
export function withCommandName<V extends View>(view: V, command: string): V {
  if (command === DEFAULT_COMMAND) return view;
  if (view.kind === 'file') return { ...view, caption: renameText(view.caption, command) };
  // Views are plain data (strings, numbers, arrays, objects): a deep copy keeps their shape.
  return renameDeep(view as unknown as Json, command) as unknown as V;
}

/** Text the person typed after the command, as the core's parser reads it (`/coach week 3` → `/plan week 3`). */
export function asPlanText(text: string, command: string): string {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (command !== DEFAULT_COMMAND && (lower === command || lower.startsWith(`${command} `))) {
    return `${DEFAULT_COMMAND}${trimmed.slice(command.length)}`;
  }
  return trimmed;
}
