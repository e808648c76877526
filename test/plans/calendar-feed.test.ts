/**
 * The live calendar (issue 20) through the plan use cases on a real store: the feed of a 20-week
 * plan parsed back with an independent iCalendar parser (ical.js) and compared with the plan —
 * every week made, the weeks left projected and tentative, the race and the tune-ups, each
 * session in words — and what subscribers see change in place when a week is regenerated, a run
 * is moved, the plan is paused or cancelled.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dayDistance, dayLabel, describeDay } from '../../src/domain/day-format.js';
import type { Day } from '../../src/domain/schemas.js';
import { NotYourPlanError, WrongStateError } from '../../src/plans/plan-errors.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { projectedWeeks } from '../../src/plans/projected-weeks.js';
import { ATHLETE, MARATHON_FIELDS, STRANGER, startTestService, type TestService } from '../support/plan-service.js';

type FeedEvent = {
  readonly uid: string;
  readonly date: string;
  /** The day after the last (DTEND of an all-day event). */
  readonly end: string;
  readonly allDay: boolean;
  readonly summary: string;
  readonly description: string;
  readonly status: string;
  readonly transparency: string;
  readonly sequence: number;
  readonly stamp: string;
  readonly lastModified: string;
};

type Feed = { readonly name: string; readonly refresh: string | null; readonly events: readonly FeedEvent[] };

/** The feed as a calendar app reads it: parsed by ical.js, not by the code that wrote it. */
function parseFeed(content: string): Feed {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      date: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      summary: event.summary,
      description: event.description,
      status: String(vevent.getFirstPropertyValue('status')),
      transparency: String(vevent.getFirstPropertyValue('transp')),
      sequence: event.sequence,
      stamp: String(vevent.getFirstPropertyValue('dtstamp')),
      lastModified: String(vevent.getFirstPropertyValue('last-modified')),
    };
  });
  const refresh = calendar.getFirstPropertyValue('refresh-interval');
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), refresh: refresh === null ? null : String(refresh), events };
}

function byDate(feed: Feed): Map<string, FeedEvent> {
  return new Map(feed.events.map((e) => [e.date, e]));
}

const runDays = (days: readonly Day[]): Day[] => days.filter((d) => d.type !== 'rest');

let s: TestService;

beforeAll(async () => {
  s = await startTestService();
});

afterAll(async () => {
  await s.close();
});

beforeEach(() => {
  s.clock.set('2026-11-25T12:00:00Z');
});

/** The sample 20-week marathon (race 2027-04-18), confirmed, weeks 1 … `made` made. */
async function planWithWeeks(made: number, owner = ATHLETE): Promise<PlanRecord> {
  const preview = await s.plans.createPreview({ owner, fields: MARATHON_FIELDS });
  await s.plans.confirmPlan(owner, preview.id);
  return (await s.plans.ensureWeek(owner, preview.id, made)).plan;
}

async function feedOf(plan: PlanRecord): Promise<Feed> {
  return parseFeed((await s.plans.calendarFeed(plan.id)).content);
}

describe('the feed of a 20-week plan, parsed back', () => {
  it('holds every week made, the weeks left as tentative projections, and the race as its own event', async () => {
    const plan = await planWithWeeks(3);
    expect(plan.totalWeeks).toBe(20);
    const feed = await feedOf(plan);
    expect(feed.name).toBe('GoFast: Boston Marathon');
    // Subscribers are told to fetch it again within the hour.
    expect(feed.refresh).toBe('PT1H');

    const events = byDate(feed);
    expect(events.size).toBe(feed.events.length);
    expect(new Set(feed.events.map((e) => e.uid)).size).toBe(feed.events.length);
    for (const event of feed.events) {
      expect(event).toMatchObject({ allDay: true, sequence: plan.revision });
      expect(event.stamp).toBe(plan.updatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      expect(event.lastModified).toBe(event.stamp);
    }

    const made = plan.weeks.flatMap((w) => runDays(w.days));
    for (const day of made) {
      expect(events.get(day.date)).toMatchObject({
        uid: `${plan.id}-${day.date}@gofast.coach`,
        summary: `${dayLabel(day)} · ${dayDistance(day, 'mi')}`,
        status: 'CONFIRMED',
        transparency: 'TRANSPARENT',
      });
      expect(events.get(day.date)?.description).toContain(describeDay(day, 'mi'));
    }

    const projected = projectedWeeks(plan);
    expect(projected.map((w) => w.weekNumber)).toEqual(Array.from({ length: 17 }, (_, i) => i + 4));
    const later = projected.flatMap((w) => runDays(w.days)).filter((d) => d.date !== '2027-04-18');
    for (const day of later) {
      const event = events.get(day.date);
      expect(event).toMatchObject({ status: 'TENTATIVE', summary: `${dayLabel(day)} · ${dayDistance(day, 'mi')} (tentative)` });
      expect(event?.description).toMatch(/^Tentative: projected as if all goes to plan/);
    }

    const race = events.get('2027-04-18');
    expect(race).toMatchObject({
      uid: `${plan.id}-race@gofast.coach`,
      summary: 'Race: Boston Marathon · marathon · 26.2 mi · goal 3:30:00',
      status: 'CONFIRMED',
      transparency: 'OPAQUE',
    });
    expect(race?.description).toMatch(
      /^Boston Marathon, marathon · 26.2 mi\. Goal 3:30:00 \(8:01\/mi\) · predicted \d:\d\d:\d\d\.\n0\.5 mi warm-up \+ 26\.2 mi race @ 8:01\/mi/,
    );
    // Nothing else: one event a run day, rest days have none.
    expect(feed.events).toHaveLength(made.length + later.length + 1);
    // Every day from the first Monday to the race is in the calendar, run days as events.
    expect(feed.events[0]?.date).toBe(made[0]?.date);
    expect(feed.events.at(-1)?.date).toBe('2027-04-18');
  });

  it('a projected week, once made, is the same sessions, confirmed, under the same UIDs', async () => {
    const plan = await planWithWeeks(3);
    const before = byDate(await feedOf(plan));
    const week4 = (await s.plans.generateNextWeek(ATHLETE, plan.id)).week;
    const after = byDate(await feedOf(await s.plans.getPlan(ATHLETE, plan.id)));
    for (const day of runDays(week4.days)) {
      const was = before.get(day.date);
      const now = after.get(day.date);
      expect(was?.status).toBe('TENTATIVE');
      expect(now).toMatchObject({ uid: was?.uid, status: 'CONFIRMED', summary: was?.summary.replace(' (tentative)', '') });
      expect(now?.sequence).toBeGreaterThan(was?.sequence ?? Infinity);
    }
  });

  it('shows each tune-up on its day, named, whether its week is made or projected', async () => {
    const plan = await planWithWeeks(2);
    await s.plans.addTuneUp(ATHLETE, plan.id, { date: '2027-02-21', distance: 'half', name: 'Winter Half' });
    const events = byDate(await feedOf(await s.plans.getPlan(ATHLETE, plan.id)));
    expect(events.get('2027-02-21')).toMatchObject({
      uid: `${plan.id}-2027-02-21@gofast.coach`,
      summary: 'Tune-up: Winter Half · 14.1 mi (tentative)',
      transparency: 'OPAQUE',
    });
    // Its week made: the same event, now confirmed.
    const made = await s.plans.ensureWeek(ATHLETE, plan.id, 12);
    const confirmed = byDate(await feedOf(made.plan)).get('2027-02-21');
    expect(confirmed).toMatchObject({
      uid: `${plan.id}-2027-02-21@gofast.coach`,
      summary: 'Tune-up: Winter Half · 14.1 mi',
      status: 'CONFIRMED',
    });
  });

  it('is the same bytes until the plan changes, then tells clients with a higher SEQUENCE', async () => {
    const plan = await planWithWeeks(1);
    const first = await s.plans.calendarFeed(plan.id);
    expect(await s.plans.calendarFeed(plan.id)).toMatchObject({ content: first.content, etag: first.etag });
    expect(first.etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.lastModified).toEqual(plan.updatedAt);
    s.clock.set('2026-11-27T08:00:00Z');
    const changed = await s.plans.logExecution(ATHLETE, plan.id, 1, { completedDays: 5, totalMiles: 30, averagePace: null });
    const again = await s.plans.calendarFeed(plan.id);
    expect(again.etag).not.toBe(first.etag);
    const second = parseFeed(again.content);
    expect(second.events.every((e) => e.sequence === changed.revision && e.sequence > plan.revision)).toBe(true);
    expect(second.events[0]?.stamp).toBe('2026-11-27T08:00:00Z');
  });
});

describe('what subscribers see change in place', () => {
  it('a regenerated week keeps its UIDs and changes its content; the weeks after it turn tentative again', async () => {
    const plan = await planWithWeeks(3);
    const before = await feedOf(plan);
    const redone = await s.plans.regenerateWeek(ATHLETE, plan.id, 2);
    const after = await feedOf(redone.plan);

    const oldWeek = plan.weeks[1];
    if (!oldWeek) throw new Error('week 2 was made');
    const weekDates = new Set(oldWeek.days.map((d) => d.date));
    const inWeek = (feed: Feed) => feed.events.filter((e) => weekDates.has(e.date));
    // Every event of the week is on the day's own UID, before and after.
    for (const event of [...inWeek(before), ...inWeek(after)]) expect(event.uid).toBe(`${plan.id}-${event.date}@gofast.coach`);
    const beforeByDate = byDate(before);
    const kept = inWeek(after).filter((e) => beforeByDate.has(e.date));
    expect(kept.length).toBeGreaterThan(0);
    // The take is another one: some session of the week reads differently, under the same UID.
    const changed = kept.filter((e) => {
      const was = beforeByDate.get(e.date);
      return was !== undefined && (was.summary !== e.summary || was.description !== e.description);
    });
    expect(changed.length).toBeGreaterThan(0);
    for (const event of inWeek(after)) expect(event).toMatchObject({ status: 'CONFIRMED', sequence: redone.plan.revision });
    expect(redone.plan.revision).toBeGreaterThan(plan.revision);

    // Week 3 went to history: its days are projected again, on the same UIDs as when it was made.
    const week3 = plan.weeks[2];
    const afterByDate = byDate(after);
    for (const day of runDays(week3?.days ?? [])) {
      const event = afterByDate.get(day.date);
      if (event === undefined) continue; // the new projection may rest on that day
      expect(event).toMatchObject({ uid: beforeByDate.get(day.date)?.uid ?? event.uid, status: 'TENTATIVE' });
    }
    expect(after.events.filter((e) => e.status === 'TENTATIVE').length).toBeGreaterThan(
      before.events.filter((e) => e.status === 'TENTATIVE').length,
    );
  });

  it('a moved run leaves its old day (which is rest now) and shows on its new day, said in words; nothing else changes', async () => {
    const plan = await planWithWeeks(2);
    const week2 = plan.weeks[1];
    if (!week2) throw new Error('week 2 was made');
    // A run the rules let move onto a rest day of the week.
    let move: { from: Day; to: Day } | undefined;
    for (const from of runDays(week2.days)) {
      const targets = await s.plans.moveTargets(ATHLETE, plan.id, 2, from.dayNumber);
      const to = week2.days.find((d) => d.type === 'rest' && targets.includes(d.dayNumber));
      if (to) {
        move = { from, to };
        break;
      }
    }
    if (!move) throw new Error('the sample week has a run that can move to a rest day');
    const before = await feedOf(plan);
    const moved = await s.plans.moveDay(ATHLETE, plan.id, {
      weekNumber: 2,
      from: String(move.from.dayNumber),
      to: String(move.to.dayNumber),
    });
    const after = await feedOf(moved.plan);
    const beforeByDate = byDate(before);
    const afterByDate = byDate(after);

    // The old day's event is gone from the feed (a subscribed calendar drops it), the new day has the run.
    expect(afterByDate.has(move.from.date)).toBe(false);
    const run = afterByDate.get(move.to.date);
    expect(run).toMatchObject({
      uid: `${plan.id}-${move.to.date}@gofast.coach`,
      summary: beforeByDate.get(move.from.date)?.summary,
      status: 'CONFIRMED',
    });
    expect(run?.description).toContain(
      `Moved from ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][move.from.dayNumber - 1]}.`,
    );
    // Every other event keeps its UID and date; the count is the same.
    expect(after.events).toHaveLength(before.events.length);
    const others = (feed: Feed) =>
      feed.events.filter((e) => e.date !== move.from.date && e.date !== move.to.date).map((e) => [e.date, e.uid]);
    expect(others(after)).toEqual(others(before));
    expect(after.events.every((e) => e.sequence === moved.plan.revision)).toBe(true);
  });

  it('a paused plan shows the break and no sessions in it, and nothing projected; the race stands', async () => {
    const plan = await planWithWeeks(3);
    s.clock.set('2026-12-09T10:00:00Z');
    const paused = await s.plans.pausePlan(ATHLETE, plan.id, { until: '2026-12-16', reason: 'sick' });
    const feed = await feedOf(paused);
    const pause = feed.events.find((e) => e.summary === 'Plan paused');
    expect(pause).toMatchObject({ uid: `${plan.id}-pause-2026-12-09@gofast.coach`, date: '2026-12-09', end: '2026-12-16' });
    expect(pause?.description).toContain('no sessions in the break');
    const sessions = feed.events.filter((e) => e !== pause);
    expect(sessions.filter((e) => e.date >= '2026-12-09' && e.date < '2026-12-16')).toEqual([]);
    expect(sessions.some((e) => e.status === 'TENTATIVE')).toBe(false);
    // The weeks made before and after the break stay; the race stays.
    const madeOutside = plan.weeks.flatMap((w) => runDays(w.days)).filter((d) => d.date < '2026-12-09' || d.date >= '2026-12-16');
    expect(sessions.map((e) => e.date)).toEqual([...madeOutside.map((d) => d.date), '2027-04-18']);

    // Resumed: the pause leaves the feed and the weeks left come back, projected again.
    s.clock.set('2026-12-16T07:00:00Z');
    const resumed = await s.plans.resumePlan(ATHLETE, plan.id);
    if (resumed.kind === 'unreachable') throw new Error('a week off leaves the race in reach');
    const back = await feedOf(resumed.plan);
    expect(back.events.some((e) => e.summary === 'Plan paused')).toBe(false);
    expect(back.events.some((e) => e.status === 'TENTATIVE')).toBe(true);
  });

  it('an open-ended pause is one event on its first day, and every session from then on waits for the resume', async () => {
    const plan = await planWithWeeks(3);
    s.clock.set('2026-12-09T10:00:00Z');
    const feed = await feedOf(await s.plans.pausePlan(ATHLETE, plan.id, {}));
    const pause = feed.events.find((e) => e.summary === 'Plan paused');
    expect(pause).toMatchObject({ date: '2026-12-09', end: '2026-12-10' });
    expect(pause?.description).toMatch(/^Your plan is paused since 9 Dec: no sessions until you resume/);
    const later = feed.events.filter((e) => e !== pause && e.date >= '2026-12-09');
    expect(later.map((e) => e.uid)).toEqual([`${plan.id}-race@gofast.coach`]);
  });

  it('a cancelled plan’s feed empties (so subscribed calendars drop its sessions); its file export is refused', async () => {
    const plan = await planWithWeeks(2);
    const cancelled = await s.plans.cancelPlan(ATHLETE, plan.id);
    const feed = parseFeed((await s.plans.calendarFeed(cancelled.id)).content);
    expect(feed.events).toEqual([]);
    await expect(s.plans.exportPlanIcs(ATHLETE, plan.id)).rejects.toThrow(WrongStateError);
  });
});

describe('who may read which', () => {
  it('the feed is the operator’s read (the share route resolves the token first); the file is the owner’s', async () => {
    const plan = await planWithWeeks(1);
    await expect(s.plans.exportPlanIcs(STRANGER, plan.id)).rejects.toThrow(NotYourPlanError);
    const file = await s.plans.exportPlanIcs(ATHLETE, plan.id);
    const feed = await s.plans.calendarFeed(plan.id);
    // One renderer: the same events; only the feed asks to be fetched again.
    expect(parseFeed(file.content).events).toEqual(parseFeed(feed.content).events);
    expect(parseFeed(file.content).refresh).toBeNull();
    const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    await expect(s.plans.calendarFeed(preview.id)).rejects.toThrow(WrongStateError);
  });
});
