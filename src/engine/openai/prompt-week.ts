/**
 * The prompt for one later week (the seed's per-week call): the plan so far — phases, every earlier
 * week's training miles and the athlete's log, the last two weeks day by day with their sessions —
 * and this week's days and limits, which carry the R11 adaptation cap when the logs call for one.
 * Log notes are athlete text and go in the data section only.
 */
import { DAY_SHORT_NAMES } from '../../domain/calendar.js';
import { dayMiles, trainingMiles } from '../../domain/plan-math.js';
import type { PlannedWeek } from '../../domain/schemas.js';
import type { NextWeekRequest } from '../plan-engine.js';
import type { ChatMessage } from './chat-call.js';
import { MAX_NOTE_CHARS, MAX_RACE_NAME_CHARS, cleanFreeText, dataSection } from './prompt-data.js';
import { mi, phaseSummary, planFacts, planLines, weekDayLines, weekLimitLines } from './prompt-facts.js';
import { variantLine } from './prompt-outline.js';
import { SYSTEM_PROMPT } from './prompt-system.js';
import { weekBrief } from './week-facts.js';

/** Weeks shown day by day (for variety and the key-day rule across the week boundary). */
const DETAILED_WEEKS = 2;
/** Log notes quoted in the data section: the most recent ones. */
const QUOTED_NOTES = 3;

/** `3 base 28.5 (log 4/5, 25)`: planned training miles, then the log (run days done/planned, miles) or `no log`. */
function historyEntry(week: PlannedWeek): string {
  const runDays = week.days.filter((d) => d.type !== 'rest').length;
  const log = week.execution
    ? `log ${week.execution.completedDays}/${runDays}, ${mi(week.execution.totalMiles)}${week.execution.notes ? ', note in DATA' : ''}`
    : 'no log';
  return `${week.weekNumber} ${week.phase} ${mi(trainingMiles(week))} (${log})`;
}

/** `Tue easy 5, Wed tempo/cruise-intervals 8`: the session is named when it is not the type's own name. */
function daysLine(week: PlannedWeek): string {
  const days = week.days.map((d) => {
    const name = DAY_SHORT_NAMES[d.dayNumber - 1] ?? d.dayNumber;
    if (d.type === 'rest') return `${name} rest`;
    const kind = d.session !== undefined && d.session !== d.type ? `${d.type}/${d.session}` : d.type;
    return `${name} ${kind} ${mi(dayMiles(d))}`;
  });
  return `Week ${week.weekNumber} days: ${days.join(', ')}.`;
}

function weekTask(request: NextWeekRequest): string {
  const { inputs, phases, weekNumber } = request;
  const prior = request.weeks.slice(0, weekNumber - 1);
  const f = planFacts(inputs);
  const brief = weekBrief(f, { phases, weeks: prior, weekNumber });
  const cap = brief.adaptation;
  const returning =
    brief.returningFrom !== undefined && cap === undefined
      ? [`R11 return: week ${brief.returningFrom} was logged poor and the weeks since went well; build back towards the volume before it.`]
      : [];
  return [
    `TASK: week ${weekNumber} of ${f.totalWeeks} of an active plan. Return {"days": [...]} for this week only.`,
    ...planLines(f),
    `Phases: ${phaseSummary(phases)}. Week ${weekNumber} is ${brief.phase}, week ${brief.phaseWeekIndex + 1} of ${brief.phaseWeekCount} in it${brief.isRaceWeek ? '; race week' : ''}.`,
    `Weeks so far (planned training miles; the athlete's log: run days done/planned, miles): ${prior.map(historyEntry).join('; ')}.`,
    ...prior.slice(-DETAILED_WEEKS).map(daysLine),
    ...(cap ? [`R11 adaptation: this week at most ${mi(cap.limit)} mi without the race, because ${cap.why}.`] : returning),
    `Week ${weekNumber} (${brief.phase}), ${brief.days.length} days:`,
    ...weekDayLines(f, brief),
    ...weekLimitLines(f, brief),
    ...variantLine(request.variant ?? 0),
  ].join('\n');
}

function weekData(request: NextWeekRequest): Record<string, unknown> {
  const notes = request.weeks
    .slice(0, request.weekNumber - 1)
    .filter((w) => w.execution?.notes !== undefined && w.execution.notes.trim() !== '')
    .slice(-QUOTED_NOTES)
    .map((w) => ({ week: w.weekNumber, note: cleanFreeText(w.execution?.notes ?? '', MAX_NOTE_CHARS) }));
  return { raceName: cleanFreeText(request.inputs.raceName, MAX_RACE_NAME_CHARS), logNotes: notes };
}

export function weekMessages(request: NextWeekRequest): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `${weekTask(request)}\n\n${dataSection(weekData(request))}` },
  ];
}
