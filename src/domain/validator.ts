/**
 * The rule validator of PLAN-RULES v2 (coach-grade). Every engine's output passes through it
 * before a user sees it, so it names each broken rule by a stable id (`R4.session`, `C3.long-peak`,
 * …) and says in a coach's words where and why. The rules live by family in `rules/`:
 *
 * - structure-rules: R1 structure, R2 calendar (and the late start), R3 laps, DATA
 * - day-rules: R4 day types and sessions, the pace zones (C-paces), R5's fixed days, R9
 * - volume-rules: R5 taper, R6 progression, R7 first week, R8 cutbacks, R10 share, R11
 * - intensity-rules: C1 hard days, C2 intensity volume
 * - long-run-rules: C3 the long run
 * - variety-rules: C4 progression and variety
 * - tune-up-rules: T1 tune-up races (issue 18)
 *
 * Each family's header states where PLAN-RULES leaves room and how it is settled (always on the
 * safer side for the athlete: less volume, less intensity). A plan may hold only weeks 1..k of
 * totalWeeks (a plan in progress): rules that need later weeks are skipped, `validateWeek` looks
 * only at the weeks up to the one it checks, and the rules about the whole plan (C3's peak long
 * run, C4's variety) run once race week is present. Paces always come from the inputs: week N's
 * from `pacesForWeek(plan.inputs, N)` (the plan's own until a recalibration is accepted, issue
 * 18), the plan-wide caps from `computePaces(plan.inputs)`; paces stored elsewhere may be stale.
 */
import { totalWeeksBetween } from './calendar.js';
import type { Plan, PlanInputs } from './schemas.js';
import { checkDays } from './rules/day-rules.js';
import { checkIntensity } from './rules/intensity-rules.js';
import { checkLongRuns, checkPeakLong } from './rules/long-run-rules.js';
import { buildContext, type Context } from './rules/plan-context.js';
import type { Violation } from './rules/rule-ids.js';
import {
  checkDayCalendar,
  checkDayStructure,
  checkWeekShape,
  checkWeekTotal,
  validatePhases,
  validateStart,
} from './rules/structure-rules.js';
import { checkPlanVariety, checkVariety } from './rules/variety-rules.js';
import { checkVolume } from './rules/volume-rules.js';
import { checkTuneUps } from './rules/tune-up-rules.js';

export { RULE_IDS, type RuleId, type Violation } from './rules/rule-ids.js';
export { adaptationCapOf, effectiveLog, returningFrom } from './rules/adaptation.js';
export { validatePhases, validateStart } from './rules/structure-rules.js';
export { dayMiles, phaseOfWeek, trainingMiles, weekMiles } from './plan-math.js';

/** Calendar weeks from the start date's week through the race date's week. */
export function totalWeeksOf(inputs: Pick<PlanInputs, 'startDate' | 'raceDate'>): number {
  return totalWeeksBetween(inputs.startDate, inputs.raceDate);
}

function checkWeek(out: Violation[], ctx: Context, n: number): void {
  const w = ctx.weeks[n - 1];
  if (w === undefined) return;
  checkWeekTotal(out, w);
  checkWeekShape(out, ctx, w);
  for (const f of w.days) {
    checkDayCalendar(out, ctx, f.day, f.ord, n);
    checkDayStructure(out, f.day, n);
  }
  checkDays(out, ctx, w);
  checkVolume(out, ctx, w);
  checkIntensity(out, ctx, w);
  checkLongRuns(out, ctx, w);
  checkVariety(out, ctx, w);
  checkTuneUps(out, ctx, w);
  if (n === ctx.totalWeeks) {
    checkPeakLong(out, ctx);
    checkPlanVariety(out, ctx);
  }
}

/** Every rule: the start and phases, and each week present in the context of the weeks before it. */
export function validatePlan(plan: Plan): Violation[] {
  const out = [...validateStart(plan.inputs), ...validatePhases(plan.inputs, plan.phases)];
  const ctx = buildContext(plan, plan.weeks.length);
  for (let n = 1; n <= plan.weeks.length; n += 1) checkWeek(out, ctx, n);
  return out;
}

/** The rules for week `weekNumber` (the entry at that position), given the weeks before it. */
export function validateWeek(plan: Plan, weekNumber: number): Violation[] {
  if (!Number.isInteger(weekNumber) || weekNumber < 1 || weekNumber > plan.weeks.length) {
    return [
      {
        rule: 'R1.week-number',
        message: `week ${weekNumber} is not in the plan, which holds ${plan.weeks.length === 0 ? 'no weeks' : `weeks 1–${plan.weeks.length}`}`,
        weekNumber,
      },
    ];
  }
  const out: Violation[] = [];
  checkWeek(out, buildContext(plan, weekNumber), weekNumber);
  return out;
}
