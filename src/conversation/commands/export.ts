/**
 * `/plan export [ics|fit] [week N]`: the plan as an iCalendar file (the default), or a week of it
 * (this week without N) as a zip of FIT workouts for a watch, one per run day.
 */
import { FIT_ZIP_MIME } from '../../plans/use-cases/export-fit.js';
import { textView } from '../plan-views.js';
import type { FileView, View } from '../views.js';
import { notAWeek, typedWeekNumber, weekArgument } from './command-arguments.js';
import type { CommandSpec } from './command-spec.js';

const FORMATS = ['ics', 'fit'] as const;
type Format = (typeof FORMATS)[number];

type Reading = { readonly format: Format; readonly week: number | undefined } | { readonly bad: View };

/** The bare words in any order: a format, `week` (optional), a week number. */
function readWords(words: readonly string[]): Reading {
  let format: Format = 'ics';
  let week: number | undefined;
  for (const raw of words) {
    const word = raw.trim().toLowerCase();
    if ((FORMATS as readonly string[]).includes(word)) format = word as Format;
    else if (word !== 'week' && word !== '') {
      const n = typedWeekNumber(word);
      if (n === 'bad' || n === undefined) return { bad: notAWeek(raw) };
      week = n;
    }
  }
  if (format === 'ics' && week !== undefined) {
    return {
      bad: textView('The calendar file holds your whole plan; /plan export fit week N gives one week for your watch.', {
        ephemeral: true,
      }),
    };
  }
  return { format, week };
}

export const exportCommand = {
  name: 'export',
  description: 'Your plan as a calendar file (.ics), or a week of workouts for your watch (fit)',
  help: {
    summary:
      'your plan as a calendar file (.ics); with fit [week N]: this week (or week N) as workouts for your watch, a zip of .fit files',
  },
  arguments: [
    {
      name: 'format',
      kind: 'text',
      description: 'ics: a calendar file (default); fit: a week of watch workouts',
      required: false,
      choices: [
        { value: 'ics', label: 'Calendar file (.ics)' },
        { value: 'fit', label: 'Watch workouts (.fit zip)' },
      ],
      positional: { placeholder: 'ics|fit' },
    },
    weekArgument('With fit: the week (default: this week)'),
  ],
  who: 'owner',
  planStatuses: ['active', 'completed'],
  private: true,
  async handle({ plans }, { actor, command }, found) {
    const reading = readWords(command.positional);
    if ('bad' in reading) return [reading.bad];
    if (reading.format === 'ics') {
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
    }
    const zip = await plans.fitWorkouts(actor.identity, found.id, reading.week);
    const file: FileView = {
      kind: 'file',
      filename: zip.filename,
      mimeType: FIT_ZIP_MIME,
      content: Buffer.from(zip.content).toString('base64'),
      encoding: 'base64',
      caption: `Week ${zip.weekNumber} as workouts for your watch, one .fit file per run: import them in Garmin Connect, or copy them to GARMIN/NewFiles on the watch over USB`,
    };
    return [file];
  },
} satisfies CommandSpec;
