/**
 * `/plan tuneup date=… distance=… [name=…]`: a tune-up (B) race inside the plan. Its week gets a
 * mini-taper around it; weeks already made around it that have not started are made again, and a
 * posted one's message is edited where the platform allows (else the new week follows).
 */
import { weekView } from '../plan-views.js';
import { tuneUpAddedView } from '../tune-up-views.js';
import type { View } from '../views.js';
import type { CommandSpec } from './command-spec.js';

export const tuneupCommand = {
  name: 'tuneup',
  description: 'Add a tune-up race: its week tapers a little around it',
  help: {
    summary: 'add a tune-up race inside your plan; its week gets a mini-taper and easy days after',
    example: { args: { date: '2027-01-31', distance: 'half' }, optional: { name: '"Winter Half"' } },
  },
  arguments: [
    { name: 'date', kind: 'text', description: 'Race date (YYYY-MM-DD)', required: true, maxLength: 60 },
    { name: 'distance', kind: 'text', description: 'Distance: 5k, 10k, half or 15 km', required: true, maxLength: 40 },
    { name: 'name', kind: 'text', description: 'Its name (Winter Half)', required: false, maxLength: 60 },
  ],
  who: 'owner',
  planStatuses: ['active'],
  private: false,
  async handle({ plans, weekMessages }, { actor, command }, found) {
    const { date, distance, name } = command.args;
    const result = await plans.addTuneUp(actor.identity, found.id, {
      date: date ?? '',
      distance: distance ?? '',
      ...(name === undefined ? {} : { name }),
    });
    const edited: number[] = [];
    const followUps: View[] = [];
    for (const n of result.posted) {
      if ((await weekMessages?.edit(result.plan, n)) ?? false) edited.push(n);
      else followUps.push(weekView(result.plan, n, { note: `Week ${n}, made again around your tune-up:` }));
    }
    return [tuneUpAddedView(result, edited), ...followUps];
  },
} satisfies CommandSpec;
