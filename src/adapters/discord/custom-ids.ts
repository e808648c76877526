/**
 * Every custom id the adapter puts on a button or modal, encoded and decoded here and nowhere
 * else. Discord gives each id 100 characters and hands it back verbatim on a click or submit, so
 * it is the only state a component carries: `kind|…` segments separated by `|`.
 *
 *   b|action|planId|value          a core button (actions shortened to one letter)
 *   m|form|planId|step             a modal: which form, which saved draft, which step
 *   c|command|arg|step             run a command again, opening its form at a step
 *   o|form|planId|units|step|packed  open a log or settings modal with the values given
 *
 * Ids made before Discord identities became the same in every server carried the guild of the
 * identity in one more segment (a DM click names no guild); identities no longer need it, so such
 * a trailing number is read and ignored, and the buttons of weeks posted then keep working.
 * Decoding is zod-checked: a forged or stale id becomes `undefined`, never an intent.
 */
import { z } from 'zod';

import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_NEW_ACTION,
  PLAN_REGENERATE_ACTION,
  WEEK_LOG_ACTION,
} from '../../conversation/action-ids.js';
import { COMMANDS, type CommandRegistry } from '../../conversation/commands/index.js';
import { formSpec, formSpecByCode } from '../../conversation/forms/index.js';
import { LIMITS } from './limits.js';

const ACTION_CODES: Readonly<Record<string, string>> = {
  [PLAN_CONFIRM_ACTION]: 'c',
  [PLAN_REGENERATE_ACTION]: 'r',
  [PLAN_CANCEL_ACTION]: 'x',
  [WEEK_LOG_ACTION]: 'l',
  [DAY_DONE_ACTION]: 'd',
  [DAY_SKIPPED_ACTION]: 's',
  [PLAN_NEW_ACTION]: 'n',
  [PLAN_EDIT_DRAFT_ACTION]: 'e',
};
const ACTION_BY_CODE: Record<string, string> = Object.fromEntries(Object.entries(ACTION_CODES).map(([id, code]) => [code, id]));

/** A form's one-letter code (its spec's), or the id itself for a form without one. */
function formCode(formId: string): string {
  return formSpec(formId)?.code ?? formId;
}

type ButtonId = {
  readonly kind: 'button';
  readonly actionId: string;
  readonly planId: string;
  readonly value: string | null;
};
type ModalId = {
  readonly kind: 'modal';
  readonly formId: string;
  readonly planId: string | null;
  readonly step: number;
};
type RerunId = {
  readonly kind: 'rerun';
  /** A command of the registry the id was decoded with. */
  readonly command: string;
  readonly arg: string | null;
  /** The step of the form the command answers with to open. */
  readonly step: number;
};
export type ReopenId = {
  readonly kind: 'reopen';
  readonly formId: string;
  readonly planId: string;
  readonly units: 'mi' | 'km';
  readonly step: number;
  /** The values, in the form's field order (empty string for a blank field). */
  readonly values: readonly string[];
};
export type CustomId = ButtonId | ModalId | RerunId | ReopenId;

const SEP = '|';
const planIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
const optionalPlanId = z.union([z.literal(''), planIdSchema]).transform((v) => (v === '' ? null : v));
const valueSchema = z
  .string()
  .regex(/^[\w:.,-]{0,24}$/)
  .transform((v) => (v === '' ? null : v));
// One-letter codes for the core's actions; a longer id is a core action this adapter has no code
// for yet (added after it was written): passed on, and the core answers it.
const actionSchema = z.string().transform((code, ctx) => {
  const id = code.length === 1 ? ACTION_BY_CODE[code] : /^gofast\.[\w.-]{1,60}$/.test(code) ? code : undefined;
  if (id === undefined) ctx.addIssue({ code: 'custom', message: `unknown action ${code}` });
  return id ?? '';
});
const formSchema = z.string().transform((code, ctx) => {
  const id = formSpecByCode(code)?.id;
  if (id === undefined) ctx.addIssue({ code: 'custom', message: `unknown form ${code}` });
  return id ?? '';
});
const stepSchema = z
  .string()
  .regex(/^[1-9]$/)
  .transform(Number);
// Any command-like name here; whether the registry has it is checked when decoding.
const commandSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
const unitsSchema = z.enum(['m', 'k']).transform((u) => (u === 'k' ? ('km' as const) : ('mi' as const)));
// Packed values: each percent-encoded (so `|` and `~` never appear raw), joined by `~`.
const packedSchema = z
  .string()
  .regex(/^[A-Za-z0-9%~!*'()._-]*$/)
  .transform((packed, ctx) => {
    try {
      return packed.split('~').map((v) => decodeURIComponent(v));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'bad packed values' });
      return [];
    }
  });
// Trailing segments: a de-duplication suffix (see `withSuffix`) or an older id's guild (empty when
// it had none), both ignored here.
const suffix = z.string().regex(/^\d{0,25}$/);

const buttonSchema = z.tuple([z.literal('b'), actionSchema, planIdSchema, valueSchema]).rest(suffix);
const modalSchema = z.tuple([z.literal('m'), formSchema, optionalPlanId, stepSchema]).rest(suffix);
const rerunSchema = z.tuple([z.literal('c'), commandSchema, valueSchema, stepSchema]).rest(suffix);
const reopenSchema = z.tuple([z.literal('o'), formSchema, planIdSchema, unitsSchema, stepSchema, packedSchema]).rest(suffix);

function join(parts: readonly string[]): string {
  const id = parts.join(SEP);
  if (id.length > LIMITS.customId) throw new Error(`custom id over ${LIMITS.customId} characters: ${id}`);
  return id;
}

export function encodeButtonId(actionId: string, planId: string, value: string | null): string {
  return join(['b', ACTION_CODES[actionId] ?? actionId, planId, value ?? '']);
}

export function encodeModalId(formId: string, planId: string | null, step: number): string {
  return join(['m', formCode(formId), planId ?? '', String(step)]);
}

export function encodeRerunId(command: string, arg: string | null, step: number): string {
  return join(['c', command, arg ?? '', String(step)]);
}

function pack(value: string): string {
  return encodeURIComponent(value).replace(/~/g, '%7E');
}

/**
 * A re-open id carrying the values, or undefined when they cannot fit in 100 characters. With
 * `shortenLast` the last value (free text: a note) is shortened until the id fits, so the short
 * fields always survive; the caller shows the full text in the message beside the button.
 */
export function encodeReopenId(
  formId: string,
  planId: string,
  units: 'mi' | 'km',
  step: number,
  values: readonly string[],
  options: { shortenLast: boolean },
): string | undefined {
  const head = ['o', formCode(formId), planId, units === 'km' ? 'k' : 'm', String(step)];
  const fixed = values.slice(0, -1).map(pack);
  let last = values.at(-1) ?? '';
  for (;;) {
    const id = [...head, [...fixed, pack(last)].join('~')].join(SEP);
    if (id.length <= LIMITS.customId) return id;
    if (!options.shortenLast || last === '') return undefined;
    last = [...last].slice(0, -1).join('');
  }
}

/** The same id made unique within one message (Discord rejects duplicate ids in a message). */
export function withSuffix(id: string, n: number): string {
  return join([id, String(n)]);
}

/** `commands`: the registry whose commands a re-run id may name (the app's by default). */
export function decodeCustomId(raw: string, commands: CommandRegistry = COMMANDS): CustomId | undefined {
  const id = z.string().min(1).max(LIMITS.customId).safeParse(raw);
  if (!id.success) return undefined;
  const parts = id.data.split(SEP);
  switch (parts[0]) {
    case 'b': {
      const p = buttonSchema.safeParse(parts);
      if (!p.success) return undefined;
      const [, actionId, planId, value] = p.data;
      return { kind: 'button', actionId, planId, value };
    }
    case 'm': {
      const p = modalSchema.safeParse(parts);
      if (!p.success) return undefined;
      const [, formId, planId, step] = p.data;
      return { kind: 'modal', formId, planId, step };
    }
    case 'c': {
      const p = rerunSchema.safeParse(parts);
      if (!p.success) return undefined;
      const [, command, arg, step] = p.data;
      return commands.find(command) ? { kind: 'rerun', command, arg, step } : undefined;
    }
    case 'o': {
      const p = reopenSchema.safeParse(parts);
      if (!p.success) return undefined;
      const [, formId, planId, units, step, values] = p.data;
      return { kind: 'reopen', formId, planId, units, step, values };
    }
    default:
      return undefined;
  }
}
