/**
 * The plan web page's content (`GET /p/<token>`), formatted like every other view of the core:
 * the race, goal and predicted time, the paces, every week of the plan with its days (weeks not
 * made yet say when they arrive), today marked, and what the athlete logged. The HTTP adapter
 * lays it out as HTML; the wording is the chat's own (plan-views.ts, domain/day-format.ts).
 */
import { unitsOf } from './plan-labels.js';
import { addDaysIso, dateOfPlanDay, dayNumberOf, weekNumberOf } from '../domain/calendar.js';
import { formatUnitPace } from '../domain/day-format.js';
import { formatDuration, parsePace } from '../domain/time.js';
import { formatDistance } from '../domain/units.js';
import { phaseOfWeek } from '../domain/plan-math.js';
import type { PlanRecord } from '../plans/plan-record.js';
import { weeklyVolumes } from '../plans/plan-volumes.js';
import { dateLabel, dayLabel, dueLabel, marksOf, pacesFields, pacesOf, raceLine, weekBlock } from './plan-views.js';
import { pauseLine } from './replan-views.js';
import { tuneUpsLine } from './tune-up-views.js';
import type { ViewField, WeekRow } from './views.js';

export type PlanPageDay = Omit<WeekRow, 'buttons' | 'menu'> & {
  readonly date: string;
  readonly isToday: boolean;
  readonly isRace: boolean;
};

export type PlanPageWeek = {
  readonly weekNumber: number;
  /** `Week 3 · Build`. */
  readonly title: string;
  /** `7 Dec – 13 Dec`. */
  readonly dates: string;
  /** `32 mi`, `18 mi + race`; a week not made yet: its projection, `about 34 mi`. */
  readonly total: string | undefined;
  readonly isCurrent: boolean;
  /** Empty for a week not made yet. */
  readonly days: readonly PlanPageDay[];
  /** Why a week has no days: `Not made yet: it arrives 6 Dec 2026, 18:00 UTC.` */
  readonly note: string | undefined;
  /** What the athlete logged for the week; empty when nothing was. */
  readonly log: readonly ViewField[];
};

export type PlanPage = {
  /** The race's name, as the athlete typed it (the page title). */
  readonly title: string;
  /** `Berlin Marathon · marathon on 18 Apr 2027 · goal 3:30:00`. */
  readonly race: string;
  /** `Tue 1 Dec` in the athlete's time zone. */
  readonly today: string;
  readonly todayIso: string;
  readonly summary: readonly ViewField[];
  readonly paces: readonly ViewField[];
  readonly weeks: readonly PlanPageWeek[];
};

function logFields(plan: PlanRecord, weekNumber: number): ViewField[] {
  const log = plan.weeks[weekNumber - 1]?.execution;
  if (!log) return [];
  const units = unitsOf(plan);
  const pace = log.averagePace ? parsePace(log.averagePace) : undefined;
  return [
    {
      label: 'Logged',
      value: `${log.completedDays} run day${log.completedDays === 1 ? '' : 's'} · ${formatDistance(log.totalMiles, units)}`,
    },
    ...(pace === undefined ? [] : [{ label: 'Average pace', value: formatUnitPace(pace, units) }]),
    ...(log.notes !== undefined && log.notes.trim() !== '' ? [{ label: 'Notes', value: log.notes }] : []),
  ];
}

/** The page of an active or completed plan on `todayIso` (the athlete's date). */
export function planPageView(plan: PlanRecord, todayIso: string): PlanPage {
  const inputs = plan.inputs;
  const units = unitsOf(plan);
  const paces = pacesOf(plan);
  const total = plan.totalWeeks ?? plan.weeks.length;
  const current = inputs ? weekNumberOf(inputs.startDate, todayIso) : 0;
  const summary: ViewField[] = [
    { label: 'Status', value: pauseLine(plan) ?? plan.status },
    ...(inputs ? [{ label: 'Goal', value: formatDuration(inputs.goalTimeSeconds) }] : []),
    ...(paces ? [{ label: 'Predicted', value: `${formatDuration(paces.predictedTime)} (VDOT ${paces.vdot.toFixed(1)})` }] : []),
    { label: 'Weeks made', value: `${plan.weeks.length} of ${total}` },
    { label: 'Weeks logged', value: String(plan.weeks.filter((w) => w.execution).length) },
  ];
  const tuneUps = tuneUpsLine(plan);
  if (tuneUps !== undefined) summary.push({ label: 'Tune-ups', value: tuneUps });
  const weeks: PlanPageWeek[] = [];
  const volumes = weeklyVolumes(plan);
  for (let n = 1; n <= total; n += 1) {
    const monday = inputs ? dateOfPlanDay(inputs.startDate, n, 1) : undefined;
    const dates = monday === undefined ? '' : `${dateLabel(monday).slice(0, -5)} – ${dateLabel(addDaysIso(monday, 6)).slice(0, -5)}`;
    const made = plan.weeks[n - 1];
    if (made) {
      const block = weekBlock(plan, made, { dayButtons: false, marks: marksOf(plan, n) });
      const days = block.rows.map((row): PlanPageDay => {
        const day = made.days.find((d) => d.dayNumber === row.dayNumber);
        const { buttons: _buttons, menu: _menu, ...shown } = row;
        return { ...shown, date: day?.date ?? '', isToday: day?.date === todayIso, isRace: day?.type === 'race' };
      });
      weeks.push({
        weekNumber: n,
        title: block.title,
        dates,
        total: block.total,
        isCurrent: n === current,
        days,
        note: undefined,
        log: logFields(plan, n),
      });
      continue;
    }
    const phase = phaseOfWeek(plan.phases, n);
    const projected = volumes[n - 1];
    const arrives =
      n === plan.weeks.length + 1 && plan.nextWeekDueAt ? ` It arrives ${dueLabel(plan.nextWeekDueAt, plan.delivery.timezone)}.` : '';
    weeks.push({
      weekNumber: n,
      title: phase === undefined ? `Week ${n}` : `Week ${n} · ${phase}`,
      dates,
      total:
        projected?.projected === true
          ? `about ${formatDistance(projected.planned, units)}${projected.raceWeek ? ' + race' : ''}`
          : undefined,
      isCurrent: n === current,
      days: [],
      note: `Not made yet: each week is made from how the weeks before it went, so its volume is a projection if all goes to plan.${arrives}`,
      log: [],
    });
  }
  return {
    title: inputs?.raceName ?? 'Training plan',
    race: raceLine(plan),
    today: dayLabel(dayNumberOf(todayIso), todayIso),
    todayIso,
    summary,
    paces: paces ? pacesFields(paces, units).fields : [],
    weeks,
  };
}
