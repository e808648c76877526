/**
 * Accept / Keep on a result's new paces (`/plan result`). The button's value is the pending
 * change's id: the use case applies it once (a repeated or concurrent press finds it done), and
 * refuses a press on a change a newer result replaced.
 */
import { PACES_ACCEPT_ACTION } from './action-ids.js';
import type { HandlerContext } from './handler-context.js';
import type { ButtonIntent } from './intents.js';
import { textView } from './plan-views.js';
import { paceChoiceView } from './tune-up-views.js';
import type { View } from './views.js';

export async function choosePacesAction({ plans }: HandlerContext, { actor, planId, actionId, value }: ButtonIntent): Promise<View[]> {
  if (value === null || value === '')
    return [textView('That button is out of date; enter the result again with /plan result.', { ephemeral: true })];
  const accept = actionId === PACES_ACCEPT_ACTION;
  const choice = await plans.choosePaces(actor.identity, planId, value, accept);
  return [paceChoiceView(choice, accept)];
}
