/**
 * `/plan race [date=…] [goal=…] [distance=…]`: a new race date, goal or distance. The answer is
 * the change, old beside new, with Confirm / Cancel; nothing changes before Confirm.
 */
import { raceChangeView } from '../replan-views.js';
import type { CommandSpec } from './command-spec.js';

export const raceCommand = {
  name: 'race',
  description: 'Change the race: its date, goal or distance',
  help: {
    summary: 'change the race date, goal or distance; the weeks not yet made are re-planned after you confirm',
    example: { args: {}, optional: { date: '2027-05-16', goal: '3:45:00', distance: 'marathon' } },
  },
  arguments: [
    { name: 'date', kind: 'text', description: 'New race date (YYYY-MM-DD)', required: false, maxLength: 60 },
    { name: 'goal', kind: 'text', description: 'New goal time (H:MM:SS)', required: false, maxLength: 20 },
    { name: 'distance', kind: 'text', description: 'New distance: 5k, 10k, half, marathon', required: false, maxLength: 20 },
  ],
  who: 'owner',
  planStatuses: ['active'],
  private: false,
  async handle({ plans }, { actor, command }, found) {
    const { date, goal, distance } = command.args;
    const preview = await plans.proposeRaceChange(actor.identity, found.id, {
      ...(date === undefined ? {} : { date }),
      ...(goal === undefined ? {} : { goal }),
      ...(distance === undefined ? {} : { distance }),
    });
    return [raceChangeView(preview)];
  },
} satisfies CommandSpec;
