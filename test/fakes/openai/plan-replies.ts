/**
 * Model answers for the fake, built from the rules engine's output mapped to the OpenAI engine's
 * output schema (so a "valid" answer passes the validator), and the ways tests spoil them.
 */
import type { Phase, PlanInputs, PlannedWeek } from '../../../src/domain/schemas.js';
import { modelDaysOf, type ModelOutline, type ModelWeek } from '../../../src/engine/openai/index.js';
import { OUTLINE_FORMAT_NAME } from '../../../src/engine/openai/index.js';
import { buildOutline, buildWeek } from '../../../src/engine/rules/rules-engine.js';
import type { FakeReply, RecordedRequest, Responder } from './fake-openai.js';

export function outlineAnswer(inputs: PlanInputs, variant = 0): ModelOutline {
  const outline = buildOutline(inputs, variant);
  return { phases: outline.phases.map((p) => ({ name: p.name, weekCount: p.weekCount })), days: modelDaysOf(outline.week) };
}

export function weekAnswer(
  inputs: PlanInputs,
  phases: readonly Phase[],
  weeks: readonly PlannedWeek[],
  weekNumber: number,
  variant = 0,
): ModelWeek {
  return { days: modelDaysOf(buildWeek(inputs, phases, weeks, weekNumber, variant)) };
}

/** Weeks 1..n−1 as the rules engine makes them with no logs (what a fresh plan holds). */
export function rulesWeeks(inputs: PlanInputs, upTo: number): { phases: Phase[]; weeks: PlannedWeek[] } {
  const outline = buildOutline(inputs);
  const weeks: PlannedWeek[] = [outline.week];
  for (let n = 2; n <= upTo; n += 1) weeks.push(buildWeek(inputs, outline.phases, weeks, n));
  return { phases: outline.phases, weeks };
}

function isOutlineRequest(request: RecordedRequest): boolean {
  return request.body.response_format?.json_schema?.name === OUTLINE_FORMAT_NAME;
}

/** The week a week request asks for, from its TASK line. */
function requestedWeek(request: RecordedRequest): number {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const match = /TASK: week (\d+) of/.exec(user);
  return match ? Number(match[1]) : 1;
}

/**
 * Answers like a model that follows every rule: the rules engine's plan for these inputs (the
 * variant from the request's `seed`). Week N is built on `priorWeeks(N)`; the default is the rules
 * engine's own earlier weeks without logs.
 */
export function rulesResponder(
  inputs: PlanInputs,
  priorWeeks: (weekNumber: number) => { phases: Phase[]; weeks: PlannedWeek[] } = (n) => rulesWeeks(inputs, n - 1),
): Responder {
  return (request) => {
    const variant = request.body.seed ?? 0;
    if (isOutlineRequest(request)) return { kind: 'json', value: outlineAnswer(inputs, variant) };
    const n = requestedWeek(request);
    const { phases, weeks } = priorWeeks(n);
    return { kind: 'json', value: weekAnswer(inputs, phases, weeks.slice(0, n - 1), n, variant) };
  };
}

export function json(value: unknown): FakeReply {
  return { kind: 'json', value };
}

/** A deep copy to spoil. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
