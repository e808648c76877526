/**
 * The rules engine in process: a full 20-week marathon plan (outline + 19 next weeks, each
 * validated) and the preview alone. Targets from issue 2: full plan ≤ 5 ms, preview ≤ 1 ms.
 */
import { parsePlanInputs } from '../src/domain/plan-inputs.js';
import type { PlannedWeek } from '../src/domain/schemas.js';
import { buildOutline, buildWeek } from '../src/engine/rules/rules-engine.js';
import { MARATHON_FIELDS, SAMPLE_TODAY } from '../test/support/sample-inputs.js';
import { measure, type BenchRow } from './harness.js';

// A Monday start 19 weeks before a Sunday race: 20 calendar weeks.
const { inputs } = parsePlanInputs(MARATHON_FIELDS, SAMPLE_TODAY);

export function buildFullPlan(): PlannedWeek[] {
  const outline = buildOutline(inputs);
  const weeks: PlannedWeek[] = [outline.week];
  for (let n = 2; n <= outline.totalWeeks; n += 1) {
    const previous = weeks[n - 2];
    if (previous) {
      weeks[n - 2] = {
        ...previous,
        execution: { completedDays: previous.days.filter((d) => d.type !== 'rest').length, totalMiles: previous.miles },
      };
    }
    weeks.push(buildWeek(inputs, outline.phases, weeks, n));
  }
  return weeks;
}

export async function benchEngine(): Promise<BenchRow[]> {
  const weeks = buildFullPlan().length;
  if (weeks !== 20) throw new Error(`expected a 20-week plan, got ${weeks}`);
  return [
    await measure('engine', 'preview (phases + week 1)', () => buildOutline(inputs), {
      iterations: 2000,
      targetMs: 1,
    }),
    await measure('engine', 'full 20-week marathon plan', () => buildFullPlan(), {
      iterations: 300,
      targetMs: 5,
    }),
  ];
}
