/**
 * What the club command, its two forms and its buttons do, in one place: find the channel's club,
 * check who is an admin (`club-roles.ts`), call one club use case and answer with a view. A club
 * lives in a channel: anywhere else one sentence says so. An admin command from anyone else gets a
 * private refusal and changes nothing.
 */
import { parseDayName } from '../domain/day-names.js';
import { parseHourOfDay } from '../domain/time.js';
import { isWeekDelivery, type ClubRecord, type WeekDelivery } from '../plans/club-record.js';
import type { ClubUseCases, JoinOutcome } from '../plans/club-use-cases.js';
import { clubDigest } from '../plans/club-digest.js';
import { today } from './actor-time.js';
import { isClubAdmin, mayCreateClub } from './club-roles.js';
import { clubCardView, clubText, digestView, joinAskView, joinedText, weekDeliveryText } from './club-views.js';
import { parseGroupDays, peopleOf } from './club-input.js';
import type { HandlerContext } from './handler-context.js';
import type { IntentActor } from './intents.js';
import { mentionOf } from './mentions.js';
import { weekView } from './plan-views.js';
import type { View } from './views.js';

const NOT_IN_CHANNEL = 'A club belongs to a channel: use /plan club in the club’s channel, not in a direct message.';
const NO_CLUBS = 'Clubs are not set up on this surface.';
const NOT_ADMIN = 'Only the club’s admins can do that; nothing was changed.';
const NO_CLUB = 'This channel has no club yet. An admin can make one with /plan club new.';

type ChannelActor = IntentActor & { readonly origin: { readonly kind: 'channel'; readonly channelId: string } };

function inChannel(actor: IntentActor): actor is ChannelActor {
  return actor.origin.kind === 'channel';
}

export const platformOf = (identity: string): string => identity.slice(0, identity.indexOf(':'));

/** The club use cases and the channel, or the one sentence that stops here. */
export function clubPlace(ctx: HandlerContext, actor: IntentActor): { clubs: ClubUseCases; channelId: string } | View {
  if (ctx.clubs === undefined) return clubText(NO_CLUBS);
  if (!inChannel(actor)) return clubText(NOT_IN_CHANNEL);
  return { clubs: ctx.clubs, channelId: actor.origin.channelId };
}

function isView(value: object): value is View {
  return 'kind' in value;
}

/** The channel's active club, or the sentence saying why there is none to act on. */
async function channelClub(ctx: HandlerContext, actor: IntentActor): Promise<{ clubs: ClubUseCases; club: ClubRecord } | View> {
  const place = clubPlace(ctx, actor);
  if (isView(place)) return place;
  const club = await place.clubs.clubInChannel(platformOf(actor.identity), place.channelId);
  return club ? { clubs: place.clubs, club } : clubText(NO_CLUB);
}

export async function showChannelClub(ctx: HandlerContext, actor: IntentActor): Promise<View[]> {
  const found = await channelClub(ctx, actor);
  if (isView(found)) return [found];
  return [clubCardView(found.club, today(actor, ctx.clock))];
}

/** A club from the new-club form's values (or the same typed as `key=value`). */
/**
 * `/plan club new` with nothing typed: the form, for those who may make a club here — a non-admin
 * is told so before filling in five fields for nothing.
 */
export async function newClubForm(ctx: HandlerContext, actor: IntentActor, form: () => View): Promise<View[]> {
  const place = clubPlace(ctx, actor);
  if (isView(place)) return [place];
  if (!(await mayCreateClub(actor.identity, place.channelId, ctx.clubRoles, actor.channelAdmin))) return [clubText(NOT_ADMIN)];
  return [form()];
}

export async function createFromValues(ctx: HandlerContext, actor: IntentActor, values: Readonly<Record<string, string>>): Promise<View[]> {
  const place = clubPlace(ctx, actor);
  if (isView(place)) return [place];
  if (!(await mayCreateClub(actor.identity, place.channelId, ctx.clubRoles, actor.channelAdmin))) return [clubText(NOT_ADMIN)];
  const get = (id: string): string => values[id]?.trim() ?? '';
  const days = parseGroupDays(get('days'));
  if (typeof days === 'string') return [clubText(`${days.charAt(0).toUpperCase()}${days.slice(1)}.`)];
  const admins = peopleOf(get('admins'), actor.identity);
  if ('bad' in admins) return [clubText(`"${admins.bad}" names nobody: list admins as @name.`)];
  const goal = { name: get('race') || get('name'), distance: get('distance') };
  const postingDay = parseDayName(get('postingDay') || '7');
  if (postingDay === undefined) return [clubText(`"${get('postingDay')}" is not a day: write the posting day as sun or 7.`)];
  const postingHour = parseHourOfDay(get('postingHour') || '18');
  if (postingHour === undefined) return [clubText(`"${get('postingHour')}" is not an hour: write the posting hour as 0–23.`)];
  const isBot = botCheck(ctx);
  const club = await place.clubs.createClub({
    creator: actor.identity,
    channelId: place.channelId,
    name: get('name'),
    // No race named: a season, ending on the date given.
    ...(get('race') === '' ? { season: { ...goal, endDate: get('date') } } : { race: { ...goal, date: get('date') } }),
    groupDays: days,
    delivery: { postingDay, postingHour, timezone: get('timezone') || actor.timezone || 'UTC' },
    admins: admins.people,
    ...(isBot === undefined ? {} : { isBot }),
  });
  return [
    clubCardView(
      club,
      today(actor, ctx.clock),
      `Made the club ${club.name} for this channel. Members join with the button or /plan club join.`,
    ),
  ];
}

/**
 * Who the platform says is a bot: the people this request named that it marked as bots (Discord's
 * resolved mentions), else the platform's port; undefined where neither can tell.
 */
function botCheck(ctx: HandlerContext, namedBots: readonly string[] = []): ((identity: string) => Promise<boolean>) | undefined {
  const isBot = ctx.clubRoles?.isBot;
  if (namedBots.length === 0) return isBot === undefined ? undefined : (identity) => isBot(identity);
  return async (identity) => namedBots.includes(identity) || (isBot !== undefined && (await isBot(identity)));
}

/**
 * The answer to a join: the member's plan, or Replace / Keep when they have an active plan — the
 * Replace button carrying where they chose their weeks to go, so the answer keeps their choice.
 */
function joinAnswer(outcome: JoinOutcome, weekDelivery: WeekDelivery): View[] {
  if (outcome.kind === 'ask') return [joinAskView(outcome.club, outcome.active, outcome.draftId, weekDelivery)];
  // The member's own week, to them only: a channel of thirty members' weeks is what clubs avoid.
  const week = outcome.plan.weeks.length > 0 ? [{ ...weekView(outcome.plan, outcome.plan.weeks.length), ephemeral: true }] : [];
  return [clubText(joinedText(outcome.club, outcome.plan)), ...week];
}

/** A join from the join form's values (or typed): `clubId` is the form's, else the channel's club. */
export async function joinFromValues(
  ctx: HandlerContext,
  actor: IntentActor,
  clubId: string | null,
  values: Readonly<Record<string, string>>,
  requestId?: string | null,
): Promise<View[]> {
  if (ctx.clubs === undefined) return [clubText(NO_CLUBS)];
  let id = clubId;
  if (id === null) {
    const found = await channelClub(ctx, actor);
    if (isView(found)) return [found];
    id = found.club.id;
  }
  const get = (key: string): string | undefined => {
    const v = values[key]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const delivery = get('delivery')?.toLowerCase() ?? 'thread';
  if (!isWeekDelivery(delivery)) return [clubText(`"${get('delivery')}" is not where weeks go: write delivery=thread or delivery=dm.`)];
  const outcome = await ctx.clubs.joinClub(actor.identity, id, {
    fiveK: get('fiveK') ?? '',
    mileage: get('mileage') ?? '',
    weekDelivery: delivery,
    timezone: actor.timezone,
    ...(get('recentLong') === undefined ? {} : { recentLong: get('recentLong') }),
    ...(get('goal') === undefined ? {} : { goal: get('goal') }),
    ...(get('extraDays') === undefined ? {} : { extraDays: get('extraDays') }),
    ...(get('units') === undefined ? {} : { units: get('units') }),
    ...(requestId ? { requestKey: `${actor.identity}:club:${requestId}` } : {}),
  });
  return joinAnswer(outcome, delivery);
}

/**
 * Replace and join, after a join found an active plan. `value` is the Replace button's: where the
 * member chose their weeks to go (a button from before it carried one: the thread, the default).
 */
export async function replaceAndJoin(ctx: HandlerContext, actor: IntentActor, draftId: string, value: string | null): Promise<View[]> {
  if (ctx.clubs === undefined) return [clubText(NO_CLUBS)];
  const weekDelivery = value !== null && isWeekDelivery(value) ? value : 'thread';
  return joinAnswer(await ctx.clubs.completeJoin(actor.identity, draftId, weekDelivery), weekDelivery);
}

/** `/plan club weeks thread|dm`: where the member's own week goes; anyone else is told in one sentence. */
export async function setChannelClubWeeks(ctx: HandlerContext, actor: IntentActor, choice: string | undefined): Promise<View[]> {
  const found = await channelClub(ctx, actor);
  if (isView(found)) return [found];
  if (!found.club.members.some((m) => m.identity === actor.identity)) {
    return [
      clubText(`Only members choose where their weeks go, and you are not a member of ${found.club.name}: /plan club join joins it.`),
    ];
  }
  if (choice === undefined || !isWeekDelivery(choice)) {
    return [clubText('Say where your weeks go: /plan club weeks thread (the club’s weekly thread) or /plan club weeks dm.')];
  }
  await found.clubs.setWeekDelivery(actor.identity, found.club.id, choice);
  return [clubText(weekDeliveryText(found.club, choice))];
}

export async function leaveChannelClub(ctx: HandlerContext, actor: IntentActor, choice: string | undefined): Promise<View[]> {
  const found = await channelClub(ctx, actor);
  if (isView(found)) return [found];
  if (choice !== 'keep' && choice !== 'cancel') {
    return [clubText('Say what happens to your plan: /plan club leave keep (it goes on as your own) or /plan club leave cancel.')];
  }
  const { club, plan } = await found.clubs.leaveClub(actor.identity, found.club.id, choice);
  const after = choice === 'keep' ? `your plan for ${plan.inputs?.raceName ?? 'your race'} goes on as your own` : 'your plan is cancelled';
  return [clubText(`You left ${club.name}; ${after}.`)];
}

/** An admin command: the channel's club and the check, then `act`; a non-admin is refused privately. */
async function asAdmin(
  ctx: HandlerContext,
  actor: IntentActor,
  act: (clubs: ClubUseCases, club: ClubRecord) => Promise<View[]>,
): Promise<View[]> {
  const found = await channelClub(ctx, actor);
  if (isView(found)) return [found];
  if (!(await isClubAdmin(found.club, actor.identity, ctx.clubRoles, actor.channelAdmin))) return [clubText(NOT_ADMIN)];
  return act(found.clubs, found.club);
}

/** A person named in a command (`@name`), or the sentence asking for one. */
function named(actor: IntentActor, text: string | undefined, what: string): string | View {
  const people = text === undefined ? { people: [] } : peopleOf(text, actor.identity);
  if ('bad' in people || people.people.length !== 1) return clubText(`Name the ${what} as @name.`);
  return people.people[0] ?? '';
}

export function clubStatus(ctx: HandlerContext, actor: IntentActor): Promise<View[]> {
  return asAdmin(ctx, actor, async (clubs, club) => {
    const digests = clubDigest(await clubs.memberPlans(club), today(actor, ctx.clock));
    return [digestView(club, digests, mentionOf)];
  });
}

/**
 * `/plan club page [off]`: a link to the club's page for its admins, every member's progress
 * outside chat. The link is a credential, so the answer is private, and says who it is for.
 */
export function clubPage(ctx: HandlerContext, actor: IntentActor, choice: string | undefined): Promise<View[]> {
  return asAdmin(ctx, actor, async (clubs, club) => {
    if (choice === 'off') {
      const had = await clubs.unshareClubPage(true, club.id);
      return [clubText(had ? `The page of ${club.name} is off: its link no longer works.` : `${club.name} has no page link to turn off.`)];
    }
    if (choice !== undefined) return [clubText('/plan club page makes a link to the club’s page; /plan club page off turns it off.')];
    const link = await clubs.shareClubPage(true, club.id, actor.identity);
    const replaced = link.replaced ? ' It replaces the earlier link, which no longer works.' : '';
    return [
      clubText(
        `The page of ${club.name}, with every member's progress, for the club's admins: ${link.url} Anyone with the link can see it, so keep it among the admins.${replaced} /plan club page off turns it off.`,
      ),
    ];
  });
}

export function removeFromClub(ctx: HandlerContext, actor: IntentActor, who: string | undefined): Promise<View[]> {
  return asAdmin(ctx, actor, async (clubs, club) => {
    const member = named(actor, who, 'member to remove');
    if (typeof member !== 'string') return [member];
    await clubs.removeMember(true, club.id, member);
    return [clubText(`Removed ${mentionOf(member)} from ${club.name}; their plan goes on as their own.`)];
  });
}

/** The club's listed admins, as chat names them (the channel's admins count too). */
function adminsText(club: ClubRecord): string {
  const listed = [club.createdBy, ...club.admins.filter((a) => a !== club.createdBy)].map(mentionOf).join(', ');
  return `Admins of ${club.name}: ${listed}, and whoever administers this channel. Change the list with /plan club admins add @name or /plan club admins remove @name.`;
}

/** `namedBots`: the people the request named that its platform marks as bots (see `CommandIntent`). */
export function changeAdmins(
  ctx: HandlerContext,
  actor: IntentActor,
  change: string | undefined,
  who: string | undefined,
  namedBots: readonly string[] = [],
): Promise<View[]> {
  return asAdmin(ctx, actor, async (clubs, club) => {
    if (change !== 'add' && change !== 'remove') return [clubText(adminsText(club))];
    const person = named(actor, who, 'admin');
    if (typeof person !== 'string') return [person];
    const after =
      change === 'add'
        ? await clubs.addAdmin(true, club.id, person, botCheck(ctx, namedBots))
        : await clubs.removeAdmin(true, club.id, person);
    return [clubText(`${change === 'add' ? 'Added' : 'Removed'} ${mentionOf(person)} as an admin of ${after.name}.`)];
  });
}

export function closeChannelClub(ctx: HandlerContext, actor: IntentActor): Promise<View[]> {
  return asAdmin(ctx, actor, async (clubs, club) => {
    const closed = await clubs.closeClub(true, club.id);
    const members = closed.members.length;
    return [
      clubText(
        `Closed ${closed.name}. Its ${members} member${members === 1 ? '' : 's'} keep their plans as their own; the weekly club posts end.`,
      ),
    ];
  });
}
