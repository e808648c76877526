/**
 * The plan as iCalendar: the `.ics` file of `/plan export` and the API, and the live feed a share
 * link subscribes to (`/p/<token>.ics`), from one renderer. It carries every week made, the weeks
 * not made yet as the rules engine projects them (STATUS:TENTATIVE, and said in words), the race
 * day as its own event, and the tune-ups; each event is one all-day event on the athlete's own
 * calendar date (floating, as RFC 5545 all-day events are), the session in words as the chat
 * shows it (`day-format.ts`).
 *
 * Calendar apps update an event in place when its UID stays and its SEQUENCE rises, so:
 * - a day's UID is the plan id and the date (`<plan>-2026-12-01@gofast.coach`), never the week's
 *   number or content: a regenerated week, a projected week once made, a tune-up before and after
 *   its week is made, each keeps its events; the race is `<plan>-race@…`, so a new race date moves
 *   it; a pause is `<plan>-pause-<since>@…`;
 * - SEQUENCE is the plan's revision and DTSTAMP / LAST-MODIFIED its last update: both only grow, so
 *   no client keeps an older copy, and the feed is the same bytes until the plan changes;
 * - rest days have no event: a run moved to another day leaves its old day empty, and its event
 *   leaves the feed; subscribed calendars mirror the feed, so it leaves theirs too. A downloaded
 *   file is a snapshot (an app that imported it keeps what it imported): the feed is what stays
 *   in step.
 *
 * A paused plan shows the pause itself (one event over the break) and no sessions in it, and no
 * projected weeks: the resume re-plans the weeks left around the break, so anything shown for them
 * now would be wrong. Sessions already made after an `until` date stay (a resume keeps them).
 */
import { createHash } from 'node:crypto';
import icalGenerator, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { dayNameOf, epochDayOf, type IsoDate } from '../../domain/calendar.js';
import { dayDistance, dayLabel, describeDay, formatUnitPace, notesIn } from '../../domain/day-format.js';
import { pacesForWeek } from '../../domain/paces.js';
import type { Day, PlanInputs, Week } from '../../domain/schemas.js';
import { formatDuration } from '../../domain/time.js';
import { tuneUpOnDate, tuneUpTitle } from '../../domain/tune-up-format.js';
import { RACE_DISTANCES, formatDistance, type Units } from '../../domain/units.js';
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, OPERATOR, loadPlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { projectedWeeks } from '../projected-weeks.js';
import { shortDate } from './pause-plan.js';

export type IcsFile = {
  readonly filename: string;
  readonly content: string;
  /** When the plan last changed: the feed's DTSTAMP, and a `Last-Modified` header for it. */
  readonly lastModified: Date;
  /** A strong ETag of `content` (quoted), made once with it, so a route need not hash each answer. */
  readonly etag: string;
};

/** How long a subscribed calendar may wait before fetching the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const FEED_REFRESH_SECONDS = 3600;

const UID_DOMAIN = 'gofast.coach';

/** The UID of the event on `date`: the same whatever the day holds and whichever week made it. */
function dayUid(planId: string, date: IsoDate): string {
  return `${planId}-${date}@${UID_DOMAIN}`;
}

/** The goal race's UID: its own, so that a new race date moves the event rather than adding one. */
function raceUid(planId: string): string {
  return `${planId}-race@${UID_DOMAIN}`;
}

function pauseUid(planId: string, sinceDate: IsoDate): string {
  return `${planId}-pause-${sinceDate}@${UID_DOMAIN}`;
}

type Entry = {
  readonly uid: string;
  readonly start: IsoDate;
  /** The day after the last day (DTEND of an all-day event is exclusive); absent: one day. */
  readonly end?: IsoDate;
  readonly summary: string;
  readonly description: string;
  readonly tentative: boolean;
  /** Shown as busy: the races; training days leave the athlete free for meetings. */
  readonly busy: boolean;
};

const TENTATIVE_NOTE = 'Tentative: projected as if all goes to plan; it may change when its week is made.';

function unitsOf(plan: PlanRecord): Units {
  return plan.inputs?.units ?? 'mi';
}

/** `marathon · 26.2 mi`, or just the distance for a custom race (`15 mi`). */
function raceDistance(inputs: PlanInputs, units: Units): string {
  const miles = formatDistance(inputs.distanceMiles, units);
  return Object.hasOwn(RACE_DISTANCES, inputs.distance) ? `${inputs.distance} · ${miles}` : miles;
}

function raceEntry(plan: PlanRecord, inputs: PlanInputs, day: Day | undefined, totalWeeks: number): Entry {
  const units = unitsOf(plan);
  const paces = pacesForWeek(inputs, totalWeeks);
  const lines = [
    `${inputs.raceName}, ${raceDistance(inputs, units)}. Goal ${formatDuration(inputs.goalTimeSeconds)} (${formatUnitPace(paces.goal, units)}) · predicted ${formatDuration(paces.predictedTime)}.`,
    ...(day === undefined ? [] : [describeDay(day, units), notesIn(day.notes, units)]),
  ];
  return {
    uid: raceUid(plan.id),
    start: inputs.raceDate,
    summary: `Race: ${inputs.raceName} · ${raceDistance(inputs, units)} · goal ${formatDuration(inputs.goalTimeSeconds)}`,
    description: lines.filter((line) => line.trim() !== '').join('\n'),
    tentative: false,
    busy: true,
  };
}

function dayEntry(plan: PlanRecord, week: Week, day: Day, tentative: boolean): Entry {
  const units = unitsOf(plan);
  const tuneUp = day.type === 'race' ? tuneUpOnDate(plan.inputs, day.date) : undefined;
  const label = `${tuneUp ? tuneUpTitle(tuneUp) : dayLabel(day)} · ${dayDistance(day, units)}`;
  const lines = [
    tentative ? TENTATIVE_NOTE : '',
    describeDay(day, units),
    notesIn(day.notes, units),
    day.movedFrom === undefined ? '' : `Moved from ${dayNameOf(day.movedFrom)}.`,
    `Week ${week.weekNumber} of ${plan.totalWeeks ?? week.weekNumber} · ${week.phase}.`,
  ];
  return {
    uid: dayUid(plan.id, day.date),
    start: day.date,
    summary: tentative ? `${label} (tentative)` : label,
    description: lines.filter((line) => line.trim() !== '').join('\n'),
    tentative,
    busy: tuneUp !== undefined,
  };
}

/** The break, as one event from its first day to the day before `until` (or its first day only). */
function pauseEntry(plan: PlanRecord, pause: NonNullable<PlanRecord['pause']>): Entry {
  const until = pause.until === null ? undefined : pause.until;
  return {
    uid: pauseUid(plan.id, pause.sinceDate),
    start: pause.sinceDate,
    ...(until === undefined ? {} : { end: until }),
    summary: 'Plan paused',
    description:
      until === undefined
        ? `Your plan is paused since ${shortDate(pause.sinceDate)}: no sessions until you resume (/plan resume), which re-plans the weeks left.`
        : `Your plan is paused until ${shortDate(until)}: no sessions in the break; the weeks left are re-planned when it resumes.`,
    tentative: false,
    busy: false,
  };
}

/** Whether `date` falls in the athlete's break (from its first day, up to `until` if one is set). */
function inPause(pause: PlanRecord['pause'], date: IsoDate): boolean {
  if (!pause) return false;
  return date >= pause.sinceDate && (pause.until === null || date < pause.until);
}

/** Every event of the plan, in date order (a cancelled plan has none: its sessions are gone). */
function entriesOf(plan: PlanRecord): Entry[] {
  const inputs = plan.inputs;
  if (plan.status === 'cancelled' || !inputs) return [];
  const totalWeeks = plan.totalWeeks ?? plan.weeks.length;
  const made = plan.weeks.map((week) => ({ week, tentative: false }));
  const later = projectedWeeks(plan).map((week) => ({ week, tentative: true }));
  const entries: Entry[] = [];
  const raceDays = new Set<IsoDate>();
  let raceDay: Day | undefined;
  for (const { week, tentative } of [...made, ...later]) {
    for (const day of week.days) {
      if (day.type === 'race') raceDays.add(day.date);
      if (day.type === 'rest' || inPause(plan.pause, day.date)) continue;
      if (day.type === 'race' && day.date === inputs.raceDate) {
        raceDay = day;
        continue;
      }
      entries.push(dayEntry(plan, week, day, tentative));
    }
  }
  // Tune-ups no week holds as a race day (weeks not made while paused, or not projectable).
  for (const t of inputs.tuneUps ?? []) {
    if (raceDays.has(t.date) || inPause(plan.pause, t.date)) continue;
    entries.push({
      uid: dayUid(plan.id, t.date),
      start: t.date,
      summary: `${tuneUpTitle(t)} · ${formatDistance(t.distanceMiles, unitsOf(plan))}`,
      description: 'Tune-up race: its week, with a mini-taper around it, comes with your plan.',
      tentative: false,
      busy: true,
    });
  }
  entries.push(raceEntry(plan, inputs, raceDay, totalWeeks));
  if (plan.pause) entries.push(pauseEntry(plan, plan.pause));
  return entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** A UTC-midnight Date: ical-generator writes all-day dates from its UTC fields. */
function allDay(date: IsoDate): Date {
  return new Date(epochDayOf(date) * 86_400_000);
}

export type RenderOptions = {
  /** The subscription feed: clients are told how often to fetch it again. */
  readonly feed?: boolean;
};

export function renderPlanIcs(plan: PlanRecord, options: RenderOptions = {}): IcsFile {
  const raceName = plan.inputs?.raceName ?? 'training plan';
  const calendar = icalGenerator({
    name: `GoFast: ${raceName}`,
    prodId: '//GoFast Coach//Plan//EN',
    description:
      plan.status === 'cancelled'
        ? 'This plan was cancelled: it has no sessions any more.'
        : `Training for ${raceName}. Weeks not made yet are tentative: projected as if all goes to plan.`,
    ...(options.feed === true ? { ttl: FEED_REFRESH_SECONDS } : {}),
  });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: plan.delivery.timezone }]);
  for (const entry of entriesOf(plan)) {
    calendar.createEvent({
      id: entry.uid,
      start: allDay(entry.start),
      ...(entry.end === undefined ? {} : { end: allDay(entry.end) }),
      allDay: true,
      summary: entry.summary,
      description: entry.description,
      status: entry.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      transparency: entry.busy ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
      sequence: plan.revision,
      stamp: plan.updatedAt,
      lastModified: plan.updatedAt,
    });
  }
  const slug = raceName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const content = calendar.toString();
  const etag = `"${createHash('sha256').update(content, 'utf8').digest('base64url').slice(0, 32)}"`;
  return { filename: `gofast-${slug || 'plan'}.ics`, content, lastModified: plan.updatedAt, etag };
}

/** A plan with weeks to show: confirmed (a draft or a preview has no calendar yet). */
function assertHasCalendar(plan: PlanRecord): void {
  if (plan.status === 'draft' || plan.status === 'preview' || !plan.inputs) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; confirm it to export its weeks`);
  }
}

/**
 * Calendars rendered, by the plan record they were rendered from. The store hands out the same
 * frozen record until the plan changes (its read cache, by revision), so a feed fetched again
 * costs a lookup; a changed plan is a new record and is rendered afresh. Rendering is the slow
 * part (the projection, and ical-generator's line folding): tens of milliseconds a 20-week plan.
 */
const rendered = { file: new WeakMap<PlanRecord, IcsFile>(), feed: new WeakMap<PlanRecord, IcsFile>() };

/**
 * Renders wait their turn, one at a time, each after the event loop has turned: fifty calendar
 * apps asking at once for fifty changed plans would otherwise hold the process for seconds, and
 * every database answer waiting behind them would time out (seen as 503s in `npm run bench -- page`).
 */
let renderTurn: Promise<unknown> = Promise.resolve();

function renderedOnce(plan: PlanRecord, kind: keyof typeof rendered): Promise<IcsFile> {
  const cached = rendered[kind].get(plan);
  if (cached) return Promise.resolve(cached);
  const render = renderTurn
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(() => {
      // The same record may have been rendered while this one waited.
      const done = rendered[kind].get(plan);
      if (done) return done;
      const file = renderPlanIcs(plan, { feed: kind === 'feed' });
      rendered[kind].set(plan, file);
      return file;
    });
  renderTurn = render.catch(() => undefined);
  return render;
}

/** The `.ics` file for the owner (`/plan export`, the API). */
export async function exportPlanIcs(ctx: PlanContext, actor: Actor, planId: string): Promise<IcsFile> {
  const plan = await loadPlan(ctx, planId, actor);
  assertHasCalendar(plan);
  if (plan.status === 'cancelled') throw new WrongStateError(plan.status, 'the plan is cancelled; it has no sessions to export');
  return renderedOnce(plan, 'file');
}

/**
 * The live feed of a plan (the share link's `/p/<token>.ics`: the route has already turned the
 * token into a plan id, so this acts as the operator). A cancelled plan's feed is an empty
 * calendar, not an error: subscribed apps then drop its sessions rather than keep stale ones.
 */
export async function calendarFeed(ctx: PlanContext, planId: string): Promise<IcsFile> {
  const plan = await loadPlan(ctx, planId, OPERATOR);
  assertHasCalendar(plan);
  return renderedOnce(plan, 'feed');
}
