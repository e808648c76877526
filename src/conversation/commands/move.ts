/**
 * `/plan move <day> [to-day]`: one run of this week to another day ("not today"), swapped with
 * what is there, while PLAN-RULES holds; without a to-day, to the first later day that takes it.
 * `today` and `tomorrow` are days too. A refusal says why and offers the nearest legal move.
 */
import { addDaysIso } from '../../domain/calendar.js';
import { today } from '../actor-time.js';
import { changedWeekViews, movedText, orRefusal } from '../move-actions.js';
import type { CommandArgument, CommandSpec } from './command-spec.js';

/** A day as typed, with `today` and `tomorrow` read as the athlete's dates. */
export function typedDay(text: string, todayIso: string): string {
  const word = text.trim().toLowerCase();
  if (word === 'today') return todayIso;
  if (word === 'tomorrow') return addDaysIso(todayIso, 1);
  return text;
}

export const dayArgument = (name: string, description: string, required: boolean, placeholder: string): CommandArgument => ({
  name,
  kind: 'text',
  description,
  required,
  maxLength: 20,
  positional: { placeholder },
});

export const moveCommand = {
  name: 'move',
  description: 'Not today: move a run of this week to another day',
  help: {
    summary: 'move a run of this week to another day (without a to-day: the next day that works); the rules still hold',
    example: { args: { day: 'sat', to: 'sun' } },
  },
  arguments: [
    dayArgument('day', 'The run to move: sat, Saturday, 6 or today', true, '<day>'),
    dayArgument('to', 'Where to (default: the next day that works)', false, '<to-day>'),
  ],
  who: 'owner',
  planStatuses: ['active'],
  private: false,
  async handle(ctx, { actor, command }, found) {
    const [fromText = command.args.day, toText = command.args.to] = command.positional;
    if (fromText === undefined) {
      return [ctx.help("Which run? /plan move sat sun moves Saturday's run to Sunday.")];
    }
    const now = today({ timezone: found.delivery.timezone }, ctx.clock);
    const request = { from: typedDay(fromText, now), ...(toText === undefined ? {} : { to: typedDay(toText, now) }) };
    return orRefusal(ctx, actor.identity, found.id, async () => {
      const moved = await ctx.plans.moveDay(actor.identity, found.id, request);
      return changedWeekViews(ctx, moved.plan, moved.weekNumber, movedText(moved.plan, moved.weekNumber, moved.from, moved.to), 'command');
    });
  },
} satisfies CommandSpec;
