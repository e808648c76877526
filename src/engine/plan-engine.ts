/**
 * The port every plan engine answers (the deterministic rules engine, the OpenAI engine). Both
 * operations return data that has already passed the validator of `src/domain/validator.ts`.
 */
import type { PlanInputs, PlanOutline, PlannedWeek, Phase, Week } from '../domain/schemas.js';

export type OutlineRequest = {
  readonly inputs: PlanInputs;
  /** Another take on the same inputs (Regenerate); the same variant gives the same plan. */
  readonly variant?: number;
};

export type NextWeekRequest = {
  readonly inputs: PlanInputs;
  readonly phases: readonly Phase[];
  /** Weeks 1..N−1, each with the athlete's log when there is one. */
  readonly weeks: readonly PlannedWeek[];
  readonly weekNumber: number;
  readonly variant?: number;
};

export interface PlanEngine {
  /** A short name recorded on each week it makes: `rules`, `openai:gpt-4o-mini`. */
  readonly name: string;
  outline(request: OutlineRequest): Promise<PlanOutline>;
  nextWeek(request: NextWeekRequest): Promise<Week>;
}
