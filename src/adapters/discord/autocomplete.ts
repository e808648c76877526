/**
 * Answers Discord's autocomplete interactions (type 4: the user is typing an option marked
 * `autocomplete`) with the core's suggestions for that argument — up to 25 choices, Discord's
 * limit — guessing from the interaction's `locale` when nothing is typed yet. Pure computation on
 * a list in memory, so it answers at once, without a work slot or the database.
 */
import { z } from 'zod';

import type { CommandRegistry } from '../../conversation/commands/index.js';

/** Discord's limits: 25 choices, names and values of 1–100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

const focusedSchema = z.tuple([
  z.object({
    name: z.string().max(32),
    options: z
      .array(z.object({ name: z.string().max(32), value: z.union([z.string(), z.number()]), focused: z.boolean().optional() }))
      .max(25)
      .optional(),
  }),
]);

export type Choice = { readonly name: string; readonly value: string };

/**
 * The choices for the focused option of `/plan <subcommand>`; `options` is discord.js's
 * `interaction.options.data` (validated here). Empty when the option suggests nothing.
 */
export function autocompleteChoices(options: unknown, locale: string | null, commands: CommandRegistry): Choice[] {
  const parsed = focusedSchema.safeParse(options);
  if (!parsed.success) return [];
  const [sub] = parsed.data;
  const focused = sub.options?.find((o) => o.focused === true);
  const argument = focused && commands.find(sub.name)?.arguments.find((a) => a.name === focused.name);
  if (!focused || argument?.suggest === undefined) return [];
  return argument
    .suggest(String(focused.value), { locale })
    .filter((value) => value.length > 0 && value.length <= MAX_CHOICE_LENGTH)
    .slice(0, MAX_CHOICES)
    .map((value) => ({ name: value, value }));
}
