/**
 * The preview prompt (the seed's full prompt: phases with week counts and week 1 only), rebuilt on
 * computed numbers: the seed asked the model to work out dates, day numbers and its own mileage
 * targets; here the backend states them, with the athlete's zone paces and week 1's limits, and
 * the model chooses day types, sessions and laps.
 */
import type { PlanInputs } from '../../domain/schemas.js';
import type { ChatMessage } from './chat-call.js';
import { MAX_RACE_NAME_CHARS, cleanFreeText, dataSection } from './prompt-data.js';
import { phaseSummary, planFacts, planLines, weekDayLines, weekLimitLines } from './prompt-facts.js';
import { SYSTEM_PROMPT } from './prompt-system.js';
import { suggestedPhases, weekBrief } from './week-facts.js';

/** How a regenerated take differs in the prompt (and in the sampling: see openai-engine.ts). */
export function variantLine(variant: number): string[] {
  return variant > 0
    ? [`Take ${variant}: another version for the same athlete. Vary the session placement and workouts; every rule still holds.`]
    : [];
}

function outlineTask(inputs: PlanInputs, variant: number): string {
  const f = planFacts(inputs);
  // The suggested split is also what week 1's limits are computed with: week 1 is base either way.
  const suggested = suggestedPhases(f);
  const brief = weekBrief(f, { phases: suggested, weeks: [], weekNumber: 1 });
  return [
    'TASK: the preview of a new plan: its four phases and the days of week 1 only (no later weeks). Return {"phases": [...], "days": [...]}.',
    ...planLines(f),
    `Phases: base, build, peak, taper, adding up to ${f.totalWeeks} weeks. Suggested: ${phaseSummary(suggested)}.`,
    `Week 1 (${brief.phase}), ${brief.days.length} day${brief.days.length === 1 ? '' : 's'}:`,
    ...weekDayLines(f, brief),
    ...weekLimitLines(f, brief),
    ...variantLine(variant),
  ].join('\n');
}

function outlineData(inputs: PlanInputs): Record<string, unknown> {
  return { raceName: cleanFreeText(inputs.raceName, MAX_RACE_NAME_CHARS) };
}

export function outlineMessages(inputs: PlanInputs, variant: number): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `${outlineTask(inputs, variant)}\n\n${dataSection(outlineData(inputs))}` },
  ];
}
