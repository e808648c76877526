/**
 * `/plan club …` (issue 19): one command whose first bare word is the sub-action — the club card
 * (nothing), `new`, `join`, `leave keep|cancel`, `weeks thread|dm`, `status`, `page [off]`, `remove @member`,
 * `admins [add|remove @user]`, `close`. A club lives in a channel: typed anywhere else, one
 * sentence says so.
 *
 * Command menus (Discord) offer the sub-action, the choice (keep/cancel, thread/dm, add/remove)
 * and the person as three options, which may arrive in any order: the words are told apart by
 * what they are (an action, a choice, a person), not by their place. The forms' fields can also be typed as
 * `key=value` (typed surfaces only): `/plan club join five-k=24:00 mileage=20` joins at once.
 */
import { CLUB_FORM_ID, CLUB_JOIN_FORM_ID } from '../action-ids.js';
import {
  changeAdmins,
  clubPlace,
  platformOf,
  clubPage,
  clubStatus,
  closeChannelClub,
  createFromValues,
  newClubForm,
  joinFromValues,
  leaveChannelClub,
  removeFromClub,
  setChannelClubWeeks,
  showChannelClub,
} from '../club-actions.js';
import { clubForm } from '../forms/club-form.js';
import { clubJoinForm } from '../forms/club-join-form.js';
import type { ParsedCommand } from '../intents.js';
import { argumentValues } from './command-arguments.js';
import type { CommandArgument, CommandSpec } from './command-spec.js';

const ACTIONS = ['new', 'join', 'leave', 'weeks', 'status', 'page', 'remove', 'admins', 'close'] as const;
type ClubAction = (typeof ACTIONS)[number];
const CHOICES = ['keep', 'cancel', 'add', 'remove', 'thread', 'dm', 'off'];

const typed = (name: string, field: string, description: string, extra: Partial<CommandArgument> = {}): CommandArgument => ({
  name,
  kind: 'text',
  description,
  required: false,
  field,
  typedOnly: true,
  maxLength: 100,
  ...extra,
});

/** The new-club form's fields, typed: all of them at once make the club without the form. */
const NEW_ARGUMENTS: readonly CommandArgument[] = [
  typed('name', 'name', 'Club name'),
  typed('race', 'race', 'Race name; leave out for a season'),
  typed('date', 'date', 'Race day or the season’s end, YYYY-MM-DD'),
  typed('distance', 'distance', 'Distance: 5k, 10k, half or marathon'),
  typed('days', 'days', 'Group days: long sun quality tue easy thu'),
  typed('admins', 'admins', 'More admins: @name,@name'),
  typed('posting-day', 'postingDay', 'Weekly post day, 1 = Monday … 7 = Sunday'),
  typed('posting-hour', 'postingHour', 'Weekly post hour, 0–23'),
  typed('timezone', 'timezone', 'The club’s time zone (Europe/London)'),
];

/** The join form's fields, typed. */
const JOIN_ARGUMENTS: readonly CommandArgument[] = [
  typed('five-k', 'fiveK', 'A recent 5K time, MM:SS'),
  typed('mileage', 'mileage', 'Miles a week now'),
  typed('recent-long', 'recentLong', 'Longest run of the last 4 weeks'),
  typed('goal', 'goal', 'Goal time (optional)'),
  typed('extra-days', 'extraDays', 'Days you add to the group’s: mon,fri'),
  typed('delivery', 'delivery', 'Your weeks: thread (default) or dm'),
  typed('units', 'units', 'mi or km'),
];

const ARGUMENTS: readonly CommandArgument[] = [
  {
    name: 'action',
    kind: 'text',
    description: 'new, join, leave, weeks, status, page, remove, admins or close; nothing shows the club',
    required: false,
    choices: ACTIONS.map((a) => ({ value: a, label: a })),
    positional: { placeholder: '<action>' },
  },
  {
    name: 'choice',
    kind: 'text',
    description: 'leave: keep or cancel your plan; weeks: thread or dm; admins: add or remove; page: off',
    required: false,
    choices: CHOICES.map((c) => ({ value: c, label: c })),
    positional: { placeholder: '<choice>' },
  },
  {
    name: 'member',
    kind: 'text',
    description: 'The person: @name',
    required: false,
    maxLength: 100,
    positional: { placeholder: '<@name>' },
  },
  ...NEW_ARGUMENTS,
  ...JOIN_ARGUMENTS,
];

type Reading = { readonly action: ClubAction | undefined; readonly choice: string | undefined; readonly person: string | undefined };

/** The sub-action, the choice and the person, by what each word is. */
function readWords(positional: readonly string[]): Reading | { readonly unknown: string } {
  const words = positional.map((w) => w.trim()).filter(Boolean);
  const lower = words.map((w) => w.toLowerCase());
  const isAction = (w: string): w is ClubAction => (ACTIONS as readonly string[]).includes(w);
  // `admins remove @x` holds two action words: `admins` wins, `remove` is its choice.
  const action = lower.includes('admins') ? 'admins' : lower.find(isAction);
  let choice: string | undefined;
  let person: string | undefined;
  let actionSeen = false;
  for (const [i, word] of words.entries()) {
    const w = lower[i] ?? '';
    if (!actionSeen && w === action) {
      actionSeen = true;
      continue;
    }
    if (choice === undefined && CHOICES.includes(w)) choice = w;
    else if (person === undefined && /^(<@|@|[a-z][a-z0-9-]*:)/i.test(word)) person = word;
    else return { unknown: word };
  }
  if (words.length > 0 && action === undefined) return { unknown: words[0] ?? '' };
  return { action, choice, person };
}

const sub = (command: ParsedCommand): string | undefined => command.positional[0]?.toLowerCase();

export const clubCommand = {
  name: 'club',
  description: 'Your channel’s club: its card, join, leave, weeks; admins: new, status, page, remove, admins, close',
  help: {
    usage:
      '/plan club [new|join|leave keep|leave cancel|weeks thread|weeks dm|status|page|page off|remove @name|admins|admins add @name|admins remove @name|close]',
    summary: 'the channel’s club: one race, group days, a plan of your own for each member',
    more: [
      '  /plan club shows the club and its Join button; /plan club join asks for your 5K, volume and days.',
      '  Members: /plan club weeks thread or dm: your own week as a reply in the club’s weekly thread, or by DM.',
      '  Admins: /plan club new makes one (one a channel); status lists how members are doing; page gives a link to a web page of it (page off turns it off).',
    ],
  },
  arguments: ARGUMENTS,
  who: 'anyone',
  private: false,
  form: {
    id: CLUB_JOIN_FORM_ID,
    otherIds: [CLUB_FORM_ID],
    // Either form opens when nothing of it was typed (the use case still refuses outside a channel).
    when: (c) => (sub(c) === 'new' || sub(c) === 'join') && Object.keys(c.args).length === 0,
  },
  async handle(ctx, intent) {
    const { actor, command } = intent;
    const reading = readWords(command.positional);
    if ('unknown' in reading) {
      return [ctx.help(`I don't know "${reading.unknown}" after /plan club. These are the commands:`)];
    }
    const { action, choice, person } = reading;
    switch (action) {
      case undefined:
        return showChannelClub(ctx, actor);
      case 'new': {
        const { values, unknown } = argumentValues(NEW_ARGUMENTS, command.args);
        if (unknown.length > 0) return [ctx.help(`/plan club new does not take ${unknown.map((k) => `"${k}"`).join(', ')}:`)];
        return Object.keys(values).length === 0 ? newClubForm(ctx, actor, clubForm) : createFromValues(ctx, actor, values);
      }
      case 'join': {
        const { values, unknown } = argumentValues(JOIN_ARGUMENTS, command.args);
        if (unknown.length > 0) return [ctx.help(`/plan club join does not take ${unknown.map((k) => `"${k}"`).join(', ')}:`)];
        const place = clubPlace(ctx, actor);
        if ('kind' in place) return [place];
        if (Object.keys(values).length > 0) return joinFromValues(ctx, actor, null, values, intent.requestId);
        const club = await place.clubs.clubInChannel(platformOf(actor.identity), place.channelId);
        return club ? [clubJoinForm(club.id)] : showChannelClub(ctx, actor);
      }
      case 'leave':
        return leaveChannelClub(ctx, actor, choice);
      case 'weeks':
        return setChannelClubWeeks(ctx, actor, choice);
      case 'status':
        return clubStatus(ctx, actor);
      case 'page':
        return clubPage(ctx, actor, choice);
      case 'remove':
        return removeFromClub(ctx, actor, person);
      case 'admins':
        return changeAdmins(ctx, actor, choice, person, intent.namedBots);
      case 'close':
        return closeChannelClub(ctx, actor);
    }
  },
} satisfies CommandSpec;
