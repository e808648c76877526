/**
 * `/plan result time=… [distance=…] [date=…]`: a race or time trial. It recomputes VDOT; new paces
 * more than 1% from the plan's are shown with the effect on the goal and Accept / Keep, and
 * nothing changes before Accept. Without a distance, the latest tune-up's is used; without a time,
 * the result form asks for it.
 */
import { RESULT_FORM_ID } from '../action-ids.js';
import { resultForm } from '../forms/result-form.js';
import { resultView } from '../tune-up-views.js';
import type { CommandSpec } from './command-spec.js';

export const resultCommand = {
  name: 'result',
  description: 'Enter a race or time trial result to check your paces',
  help: {
    summary:
      'enter a race or time-trial time (distance: your latest tune-up’s unless given); new paces over 1% apart wait for Accept or Keep',
    example: { args: { time: '1:33:10' }, optional: { distance: 'half', date: '2027-01-31' } },
  },
  arguments: [
    // Not required: without a time the result form asks for it (Slack and Discord open it as a modal).
    { name: 'time', kind: 'text', description: 'Your time (H:MM:SS or MM:SS)', required: false, maxLength: 20 },
    {
      name: 'distance',
      kind: 'text',
      description: 'Distance: 5k, 10k, half (default: your latest tune-up)',
      required: false,
      maxLength: 40,
    },
    { name: 'date', kind: 'text', description: 'When you ran it (default: today)', required: false, maxLength: 60 },
  ],
  who: 'owner',
  planStatuses: ['active'],
  private: false,
  form: { id: RESULT_FORM_ID, when: (c) => c.args.time === undefined },
  async handle({ plans }, { actor, command }, found) {
    const { time, distance, date } = command.args;
    if (time === undefined) {
      return [resultForm(found.id, { ...(distance === undefined ? {} : { distance }), ...(date === undefined ? {} : { date }) })];
    }
    const outcome = await plans.recordResult(actor.identity, found.id, {
      time: time ?? '',
      ...(distance === undefined ? {} : { distance }),
      ...(date === undefined ? {} : { date }),
    });
    return [resultView(outcome)];
  },
} satisfies CommandSpec;
