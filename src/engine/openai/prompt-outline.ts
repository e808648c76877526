/**
 * The preview prompt (the seed's full prompt: phases with week counts and week 1 only), rebuilt on
 * computed numbers: the seed asked the model to work out dates, day numbers and its own mileage
 * targets; here the backend states them and the model chooses day types and laps.
 */
import { distanceClass } from '../../domain/units.js';
import type { PlanInputs } from '../../domain/schemas.js';
import { splitPhases } from '../rules/phase-split.js';
import { buildWeekContext } from '../rules/week-context.js';
import type { ChatMessage } from './chat-call.js';
import { MAX_RACE_NAME_CHARS, cleanFreeText, dataSection } from './prompt-data.js';
import { dayMilesLine, phaseSummary, planFacts, planLines, weekDayLines, windowLines } from './prompt-facts.js';
import { SYSTEM_PROMPT } from './prompt-system.js';

/** How a regenerated take differs in the prompt (and in the sampling: see openai-engine.ts). */
export function variantLine(variant: number): string[] {
  return variant > 0
    ? [`Take ${variant}: another version for the same athlete. Vary the session placement and workouts; every rule still holds.`]
    : [];
}

export function outlineTask(inputs: PlanInputs, variant: number): string {
  const f = planFacts(inputs);
  // The suggested split is also what week 1's window is computed with: week 1 is base either way.
  const suggested = splitPhases(f.totalWeeks, distanceClass(inputs.distanceMiles));
  const ctx = buildWeekContext({ inputs, phases: suggested, totalWeeks: f.totalWeeks, weeks: [], weekNumber: 1, variant });
  return [
    'TASK: the preview of a new plan: its four phases and the days of week 1 only (no later weeks). Return {"phases": [...], "days": [...]}.',
    ...planLines(f),
    `Phases: base, build, peak, taper, adding up to ${f.totalWeeks} weeks. Suggested: ${phaseSummary(suggested)}.`,
    dayMilesLine(f, 1),
    `Week 1 (${ctx.phase}), ${ctx.dayNumbers.length} day${ctx.dayNumbers.length === 1 ? '' : 's'}:`,
    ...weekDayLines(ctx),
    ...windowLines(ctx),
    ...variantLine(variant),
  ].join('\n');
}

export function outlineData(inputs: PlanInputs): Record<string, unknown> {
  return { raceName: cleanFreeText(inputs.raceName, MAX_RACE_NAME_CHARS) };
}

export function outlineMessages(inputs: PlanInputs, variant: number): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `${outlineTask(inputs, variant)}\n\n${dataSection(outlineData(inputs))}` },
  ];
}
