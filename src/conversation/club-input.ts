/**
 * Reading what people type about clubs: a person named in a command (`@U123`, a platform mention
 * `<@U123>` or `<@!123>`, or a whole identity), and the group days (`long sun quality tue easy
 * thu fri`). A person is read in the actor's own workspace: a club lives in one.
 */
import { parseDayName } from '../domain/day-names.js';
import type { GroupDays } from '../plans/club-record.js';

const MENTION = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$|^@([A-Za-z0-9._-]+)$/;
const IDENTITY = /^[a-z][a-z0-9-]{0,31}:[^:\s]+:[^:\s]+$/;

/** The identity a typed person names, in `actor`'s workspace; undefined when it names nobody. */
function personOf(text: string, actor: string): string | undefined {
  const word = text.trim();
  if (IDENTITY.test(word)) return word;
  const match = MENTION.exec(word);
  const id = match?.[1] ?? match?.[2];
  if (id === undefined) return undefined;
  return `${actor.slice(0, actor.lastIndexOf(':'))}:${id}`;
}

/** A typed list of people (`@a, @b`): their identities, or the first word that names nobody. */
export function peopleOf(text: string, actor: string): { people: string[] } | { bad: string } {
  const people: string[] = [];
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    const person = personOf(word, actor);
    if (person === undefined) return { bad: word };
    people.push(person);
  }
  return { people };
}

const GROUPS = { long: 'longDay', quality: 'qualityDays', easy: 'easyDays' } as const;

/**
 * `long sun quality tue easy thu fri` (commas and `=` welcome: `long=sun, quality=tue`) into the
 * group days; a problem as one sentence otherwise.
 */
export function parseGroupDays(text: string): GroupDays | string {
  let group: keyof typeof GROUPS | undefined;
  const days: Record<keyof typeof GROUPS, number[]> = { long: [], quality: [], easy: [] };
  for (const word of text
    .toLowerCase()
    .split(/[\s,=:;]+/)
    .filter(Boolean)) {
    if (word in GROUPS) {
      group = word as keyof typeof GROUPS;
      continue;
    }
    const day = parseDayName(word);
    if (day === undefined) return `"${word}" is not a day: write the group days as long sun quality tue easy thu`;
    if (group === undefined) return 'start the group days with long, quality or easy: long sun quality tue easy thu';
    days[group].push(day);
  }
  const [longDay, ...more] = days.long;
  if (longDay === undefined || more.length > 0) return 'name one long-run day: long sun';
  if (days.quality.length > 2) return 'name at most two quality days';
  return { longDay, qualityDays: days.quality, easyDays: days.easy };
}
