/**
 * Intents as a chat surface would send them, and what a person reads in the core's answers: the
 * small vocabulary the conversation tests drive the core with.
 */
import { parseCommandText } from '../../src/conversation/command-parser.js';
import type { Intent, IntentActor } from '../../src/conversation/intents.js';
import type { View, ViewButton } from '../../src/conversation/views.js';

/** A command typed as in chat (`/plan week 3`). */
export const commandIntent = (actor: IntentActor, text: string): Intent => ({ kind: 'command', actor, command: parseCommandText(text) });

/** A press of a button of an earlier answer. */
export const pressIntent = (actor: IntentActor, b: ViewButton): Intent => ({
  kind: 'button',
  actor,
  actionId: b.actionId,
  planId: b.planId,
  value: b.value,
});

/** The buttons of the answers' button rows, in order. */
export const buttonsOf = (views: readonly View[]): ViewButton[] =>
  views.flatMap((v) => (v.kind === 'message' ? v.blocks.flatMap((b) => (b.type === 'buttons' ? [...b.buttons] : [])) : []));

/** Everything in the answers, as text to search. */
export const textOf = (views: readonly View[]): string => JSON.stringify(views);
