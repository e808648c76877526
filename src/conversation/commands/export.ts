/** `/plan export`: the plan as an iCalendar file. */
import type { CommandSpec } from './command-spec.js';

export const exportCommand = {
  name: 'export',
  description: 'Your plan as a calendar file (.ics)',
  help: { summary: 'your plan as a calendar file (.ics)' },
  arguments: [],
  who: 'owner',
  planStatuses: ['active', 'completed'],
  private: true,
  async handle({ plans }, { actor }, found) {
    const ics = await plans.exportPlanIcs(actor.identity, found.id);
    return [
      {
        kind: 'file',
        filename: ics.filename,
        mimeType: 'text/calendar',
        content: ics.content,
        caption: 'Your training plan (calendar file)',
      },
    ];
  },
} satisfies CommandSpec;
