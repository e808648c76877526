/**
 * What the athlete reads about tune-up races and results (issue 18): the answer to `/plan tuneup`,
 * a result with its new paces and Accept / Keep, the answer to that choice, and the tune-up lines
 * the week view, status and App Home show. All in the athlete's units.
 */
import { unitsOf } from './plan-labels.js';
import { DAY_SHORT_NAMES, dayNumberOf } from '../domain/calendar.js';
import { formatUnitPace } from '../domain/day-format.js';
import { PACE_CHANGE_SHARE, type TrainingPaces } from '../domain/paces.js';
import type { Day, TuneUp } from '../domain/schemas.js';
import { formatDuration } from '../domain/time.js';
import { tuneUpName, tuneUpOnDate, tuneUpTitle } from '../domain/tune-up-format.js';
import type { Units } from '../domain/units.js';
import type { PlanRecord, RaceResult } from '../plans/plan-record.js';
import type { ResultOutcome, PaceChoice } from '../plans/use-cases/record-result.js';
import type { TuneUpResult } from '../plans/use-cases/add-tune-up.js';
import { PACES_ACCEPT_ACTION, PACES_KEEP_ACTION } from './action-ids.js';
import { message, type MessageView, type ViewBlock, type ViewField } from './views.js';

/** The named distances as a runner says them; custom ones (`15 km`) read as they are. */
const DISTANCE_WORDS: Readonly<Record<string, string>> = { '5k': '5K', '10k': '10K', half: 'half marathon', marathon: 'marathon' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Sun 31 Jan`. */
function shortDate(iso: string): string {
  return `${DAY_SHORT_NAMES[dayNumberOf(iso) - 1] ?? ''} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''}`;
}

/** The label of a tune-up day in a week (`Tune-up: Winter Half · half`); undefined on other days. */
export function tuneUpDayLabel(plan: PlanRecord, day: Pick<Day, 'type' | 'date'>): string | undefined {
  if (day.type !== 'race') return undefined;
  const t = tuneUpOnDate(plan.inputs, day.date);
  return t === undefined ? undefined : tuneUpTitle(t);
}

/** The result entered for a tune-up, if any (the latest). */
function resultOf(plan: PlanRecord, t: TuneUp): RaceResult | undefined {
  return (plan.results ?? []).filter((r) => r.tuneUpDate === t.date).at(-1);
}

/** Status's line of the plan's tune-ups: `Winter Half · half, Sun 31 Jan (1:33:10)`; undefined without any. */
export function tuneUpsLine(plan: PlanRecord): string | undefined {
  const list = plan.inputs?.tuneUps ?? [];
  if (list.length === 0) return undefined;
  return list
    .map((t) => {
      const result = resultOf(plan, t);
      return `${tuneUpName(t)}, ${shortDate(t.date)}${result ? ` (${formatDuration(result.timeSeconds)})` : ''}`;
    })
    .join('; ');
}

/** The answer to `/plan tuneup`; `edited`: posted weeks whose messages now show the new week. */
export function tuneUpAddedView(result: TuneUpResult, edited: readonly number[] = []): MessageView {
  const { tuneUp: t, remade } = result;
  const again =
    remade.length === 0
      ? 'Its week is made around it: a lighter week, an easy day before and easy days after.'
      : `Week${remade.length === 1 ? '' : 's'} ${remade.join(', ')} ${remade.length === 1 ? 'was' : 'were'} made again around it (the old version is in your plan's history).`;
  const updated =
    edited.length === 0
      ? ''
      : edited.length === 1
        ? ` Week ${edited[0]}'s message is updated.`
        : ` The messages of weeks ${edited.join(', ')} are updated.`;
  const text = `Tune-up added: ${tuneUpName(t)} on ${shortDate(t.date)}. ${again}${updated} Enter your time afterwards with /plan result.`;
  return message([{ type: 'text', text }], text);
}

function paceRows(before: TrainingPaces, after: TrainingPaces, units: Units): ViewField[] {
  const pace = (s: number): string => formatUnitPace(s, units);
  const row = (label: string, a: number, b: number): ViewField => ({ label, value: `${pace(a)} → ${pace(b)}` });
  return [
    { label: 'VDOT', value: `${before.vdot.toFixed(1)} → ${after.vdot.toFixed(1)}` },
    row('Easy', before.easy, after.easy),
    row('Marathon', before.marathon, after.marathon),
    row('Threshold', before.threshold, after.threshold),
    row('Interval', before.interval, after.interval),
    row('Target race pace', before.target, after.target),
  ];
}

/** `Predicted 3:21:40 for your goal of 3:30:00 (was 3:34:10)`. */
function goalEffect(plan: PlanRecord, before: TrainingPaces, after: TrainingPaces): string {
  const goal = plan.inputs?.goalTimeSeconds;
  const ahead =
    goal === undefined
      ? ''
      : after.predictedTime <= goal
        ? ': on track for your goal'
        : `: ${formatDuration(after.predictedTime - goal)} slower than your goal`;
  return (
    `Race prediction ${formatDuration(after.predictedTime)} (was ${formatDuration(before.predictedTime)})` +
    `${goal === undefined ? '' : ` against your goal of ${formatDuration(goal)}`}${ahead}.`
  );
}

/** A result: recorded, and either the paces stand (within 1%) or the new ones with Accept / Keep. */
export function resultView(outcome: ResultOutcome): MessageView {
  const { plan, result, current, proposed, pending, shift } = outcome;
  const units = unitsOf(plan);
  const what = `${formatDuration(result.timeSeconds)} for ${DISTANCE_WORDS[result.distance] ?? result.distance}`;
  const head = `Recorded: ${what} on ${shortDate(result.date)} (VDOT ${result.vdot.toFixed(1)}).`;
  if (pending === null) {
    const why = shift > PACE_CHANGE_SHARE ? 'every week of your plan is made already' : 'this result is within 1% of them';
    const text = `${head} Your paces stand: ${why}.`;
    return message([{ type: 'text', text }], text);
  }
  const faster = proposed.threshold < current.threshold;
  const blocks: ViewBlock[] = [
    {
      type: 'text',
      text: `${head} It says you are ${faster ? 'faster' : 'slower'} than your plan's paces. New paces for the weeks not made yet:`,
    },
    { type: 'fields', fields: paceRows(current, proposed, units) },
    { type: 'text', text: goalEffect(plan, current, proposed) },
    {
      type: 'buttons',
      buttons: [
        { actionId: PACES_ACCEPT_ACTION, label: 'Accept', style: 'primary', planId: plan.id, value: pending.id },
        { actionId: PACES_KEEP_ACTION, label: 'Keep my paces', style: 'default', planId: plan.id, value: pending.id },
      ],
    },
  ];
  return message(blocks, `${head} New paces are waiting: Accept or Keep.`);
}

/** The answer to Accept / Keep, in place of the result's buttons. */
export function paceChoiceView(choice: PaceChoice, accept: boolean): MessageView {
  const total = choice.plan.totalWeeks ?? 0;
  const from = choice.fromWeek;
  const text = accept
    ? from > total
      ? 'New paces accepted; every week of your plan is already made, so they apply from your next plan.'
      : `New paces accepted: week ${from} and the weeks after it use them.${choice.outcome === 'already' ? ' (Already done.)' : ''}`
    : `Kept your paces; the result stays in your plan's record.${choice.outcome === 'already' ? ' (Already done.)' : ''}`;
  return message([{ type: 'outcome', text }], text, { replacesSource: true });
}
