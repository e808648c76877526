/**
 * A command intent to its handler through the registry: an unknown command gets help, and a
 * command on the caller's plan gets that plan, or one clear line when there is none or it is in
 * the wrong state.
 */
import type { HandlerContext } from '../handler-context.js';
import type { CommandIntent } from '../intents.js';
import { textView } from '../plan-views.js';
import type { View } from '../views.js';
import type { CommandRegistry } from './command-registry.js';

export async function runCommand(ctx: HandlerContext, commands: CommandRegistry, intent: CommandIntent): Promise<View[]> {
  const spec = commands.find(intent.command.name);
  if (spec === undefined) return [ctx.help(`I don't know "${intent.command.raw}".`)];
  if (spec.who === 'anyone') return spec.handle(ctx, intent);
  const plan = await ctx.plans.currentPlan(intent.actor.identity);
  if (!plan) return [textView('You have no plan yet. Start one with /plan.', { ephemeral: true })];
  if (!spec.planStatuses.includes(plan.status)) {
    const next = plan.status === 'preview' ? ' Confirm or regenerate the preview first.' : '';
    return [textView(`Your plan is ${plan.status}.${next}`, { ephemeral: true })];
  }
  return spec.handle(ctx, intent, plan);
}
