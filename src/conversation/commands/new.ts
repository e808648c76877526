/**
 * `/plan new` (and `/plan` alone): the draft form, or with `key=value` arguments the whole draft
 * at once — a preview when it is complete, the form with its errors otherwise. While the athlete
 * has an active plan it asks first, Replace / Keep (`askToReplace`); the active plan is cancelled
 * only when the new one is confirmed. A preview or draft is not active: it stays, and a new one is
 * started beside it as before (status shows the newest); a blank `/plan new` first offers to
 * continue a half-filled draft (`newDraftAnswer`).
 */
import { DRAFT_FORM_ID } from '../action-ids.js';
import { askToReplace, newDraftAnswer, previewFromFields } from '../draft-flow.js';
import { DAY_OPTIONS, DELIVERY_OPTIONS, DISTANCE_OPTIONS, UNIT_OPTIONS } from '../forms/form-fields.js';
import { argumentValues } from './command-arguments.js';
import type { CommandArgument, CommandSpec } from './command-spec.js';

const text = (name: string, field: string, description: string, extra: Partial<CommandArgument> = {}): CommandArgument => ({
  name,
  kind: 'text',
  description,
  required: false,
  field,
  ...extra,
});

const NEW_ARGUMENTS: readonly CommandArgument[] = [
  text('distance', 'distance', 'Race distance', { choices: DISTANCE_OPTIONS }),
  text('race-date', 'raceDate', 'Race date, YYYY-MM-DD', { maxLength: 10, aliases: ['race_date', 'date'] }),
  text('goal', 'goal', 'Goal time, H:MM:SS or MM:SS (3:45:00)', { maxLength: 8 }),
  text('five-k', 'fiveK', 'A recent 5K time, MM:SS (24:30)', { maxLength: 8, aliases: ['fivek', '5k'] }),
  // Up to 240: with units km the volume is kilometres (8–240); the core checks the range per unit.
  text('mileage', 'mileage', 'Miles you run per week now (km with units km)', { kind: 'number', min: 5, max: 240 }),
  text('recent-long', 'recentLong', 'Your longest run of the last 4 weeks, miles (km with units km)', {
    kind: 'number',
    min: 1,
    max: 48,
    aliases: ['recent_long', 'recentlong'],
  }),
  text('days', 'days', 'Days you can run: tue,thu,sat,sun or 2,4,6,7 (1 = Monday)', { maxLength: 40 }),
  text('long-day', 'longDay', 'The day of your long run, one of your days', { choices: DAY_OPTIONS, aliases: ['long_day', 'longday'] }),
  text('start', 'startDate', 'Start date, YYYY-MM-DD (default today)', { maxLength: 10 }),
  text('race-name', 'raceName', 'Race name (Berlin Marathon)', { maxLength: 100, key: 'race', aliases: ['name'] }),
  text('units', 'units', 'Miles or kilometres', { choices: UNIT_OPTIONS }),
  // Where weeks go: "this channel" needs the channel the form is opened in, so menus leave it to the form.
  text('delivery', 'delivery', 'Where your weeks go: dm or channel', { choices: DELIVERY_OPTIONS, typedOnly: true }),
];

export const newCommand = {
  name: 'new',
  description: 'Start a plan: a short form, or everything at once with the options',
  help: {
    usage: '/plan',
    summary: 'start a plan (a form asks for your race and your running now)',
    example: {
      args: { distance: 'marathon', 'race-date': '2027-04-18', goal: '3:30:00', 'five-k': '22:30', mileage: '25', days: '2,3,4,6,7' },
      optional: { start: 'YYYY-MM-DD', 'race-name': '"Name"', units: 'km' },
    },
  },
  arguments: NEW_ARGUMENTS,
  who: 'anyone',
  private: false,
  // "Instant": no time zone needed; the one quick read (is a plan active?) still answers in time.
  form: { id: DRAFT_FORM_ID, when: (c) => Object.keys(c.args).length === 0 && c.positional.length === 0, instant: true },
  async handle(ctx, intent) {
    const { values, unknown } = argumentValues(NEW_ARGUMENTS, intent.command.args);
    if (unknown.length > 0) {
      return [ctx.help(`I don't know ${unknown.map((k) => `"${k}"`).join(', ')}. These are the arguments /plan new takes:`)];
    }
    const active = await ctx.plans.activeSoloPlan(intent.actor.identity);
    if (active) return askToReplace(ctx, intent.actor, active, values, intent.requestId);
    if (Object.keys(values).length === 0) return newDraftAnswer(ctx, intent.actor);
    return previewFromFields(ctx, intent.actor, values, intent.requestId);
  },
} satisfies CommandSpec;
