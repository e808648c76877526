/**
 * `/plan cross <day> [bike|swim|elliptical|other]`: a run day of this week done as another sport,
 * for the same time at easy effort; it counts in the week's log at its equivalent miles
 * (docs/design/moves-and-cross-training.md).
 */
import { CROSS_FACTORS, CROSS_MODES } from '../../domain/cross-training.js';
import { today } from '../actor-time.js';
import { changedWeekViews, orRefusal } from '../move-actions.js';
import type { CommandSpec } from './command-spec.js';
import { dayArgument, typedDay } from './move.js';

export const crossCommand = {
  name: 'cross',
  description: 'Do a run of this week as cross-training (bike, swim, elliptical, other)',
  help: {
    summary: 'do a run as cross-training for the same time at easy effort; it counts as running miles',
    example: { args: { day: 'thu' }, optional: { sport: 'bike' } },
  },
  arguments: [
    dayArgument('day', 'The run to replace: thu, Thursday, 4 or today', true, '<day>'),
    {
      name: 'sport',
      kind: 'text',
      description: 'bike, swim, elliptical or other (default other)',
      required: false,
      choices: CROSS_MODES.map((mode) => ({ value: mode, label: mode })),
      positional: { placeholder: '<sport>' },
    },
  ],
  who: 'owner',
  planStatuses: ['active'],
  private: false,
  async handle(ctx, { actor, command }, found) {
    const [dayText = command.args.day, sport = command.args.sport] = command.positional;
    if (dayText === undefined) return [ctx.help('Which day? /plan cross thu bike rides Thursday instead of running.')];
    const now = today({ timezone: found.delivery.timezone }, ctx.clock);
    return orRefusal(ctx, actor.identity, found.id, async () => {
      const crossed = await ctx.plans.crossTrain(actor.identity, found.id, {
        day: typedDay(dayText, now),
        ...(sport === undefined ? {} : { mode: sport }),
      });
      const day = crossed.plan.weeks[crossed.weekNumber - 1]?.days.find((d) => d.dayNumber === crossed.dayNumber);
      const minutes = day?.cross?.minutes ?? 0;
      const counted = CROSS_FACTORS[crossed.mode] === 1 ? 'minute for minute' : `at ${CROSS_FACTORS[crossed.mode] * 100}% of its minutes`;
      const said = `${day?.dayOfWeek ?? 'That day'} is now ${minutes} min of ${crossed.mode} at easy effort, counted as running ${counted}`;
      return changedWeekViews(ctx, crossed.plan, crossed.weekNumber, said, 'command');
    });
  },
} satisfies CommandSpec;
