/**
 * A button's `value` carries what the core needs to turn a press back into a ButtonIntent: the
 * plan id and the button's own value, as JSON `{planId, value}`. The `action_id` is the core's
 * stable action id, so nothing else needs decoding.
 */
import { z } from 'zod';

import type { ViewButton } from '../../conversation/views.js';
import { LIMITS } from './block-kit-limits.js';

const buttonValueSchema = z.object({ planId: z.string().min(1), value: z.string().nullable() });

export type ButtonValue = z.infer<typeof buttonValueSchema>;

export function encodeButtonValue(button: Pick<ViewButton, 'planId' | 'value'>): string {
  const encoded = JSON.stringify({ planId: button.planId, value: button.value });
  // Ids and values from the core are short; a longer one is a bug there, not something to cut.
  if (encoded.length > LIMITS.buttonValue)
    throw new Error(`button value of ${encoded.length} characters exceeds Slack's ${LIMITS.buttonValue}`);
  return encoded;
}

export function decodeButtonValue(raw: string | null | undefined): ButtonValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: a button from another app or an old message; the caller logs and ignores it.
    return undefined;
  }
}

/**
 * A day's menu (`WeekRow.menu`) is one overflow element whose options stand for the core's
 * buttons: each option's value carries the button's action id with its plan and value, as JSON
 * `{actionId, planId, value}` within Slack's 150 characters of an option value.
 */
export const DAY_MENU_ACTION = 'gofast.slack.day-menu';

const menuOptionSchema = buttonValueSchema.extend({ actionId: z.string().min(1) });

export function encodeMenuOption(button: Pick<ViewButton, 'actionId' | 'planId' | 'value'>): string {
  const encoded = JSON.stringify({ actionId: button.actionId, planId: button.planId, value: button.value });
  if (encoded.length > LIMITS.optionValue)
    throw new Error(`menu option of ${encoded.length} characters exceeds Slack's ${LIMITS.optionValue}`);
  return encoded;
}

export function decodeMenuOption(raw: string | null | undefined): (ButtonValue & { actionId: string }) | undefined {
  if (raw === null || raw === undefined) return undefined;
  try {
    const parsed = menuOptionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: an option of another app's menu; the caller logs and ignores it.
    return undefined;
  }
}
