/**
 * The port every plan engine answers (the deterministic rules engine, the OpenAI engine). Both
 * operations return data that has already passed the validator of `src/domain/validator.ts`.
 */
import { GoFastError } from '../domain/errors.js';
import type { PlanInputs, PlanOutline, PlannedWeek, Phase, Week } from '../domain/schemas.js';

/**
 * An engine with a finite set of takes (the rules engine) has shown them all for these inputs:
 * the one sentence the athlete sees, and nothing changes.
 */
export class NoMoreTakesError extends GoFastError {
  readonly variant: number;
  constructor(variant: number) {
    super('NO_MORE_TAKES', "That's every take I have for these inputs; Edit changes them", { userFacing: true });
    this.name = 'NoMoreTakesError';
    this.variant = variant;
  }
}

/** Who made a result and at what cost; stored with each week (the seed recorded nothing). */
export type Provenance = {
  /** `rules`, or `openai:<model>`. */
  readonly source: string;
  /** Model calls it took (0 for the rules engine and for a cache hit). */
  readonly attempts: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Why another engine answered instead, when it did (`timeout`, `budget`, `invalid`). */
  readonly fallbackReason: string | null;
};

/**
 * Who waits for the answer, so an engine that may be slow knows how long it may take: a person
 * (`interactive`, the default: a preview, Regenerate, a week asked for now) gets the fallback after
 * a short total budget; the weekly scheduler (`scheduled`) may wait longer. Fast engines ignore it.
 */
export type Urgency = 'interactive' | 'scheduled';

export type OutlineRequest = {
  readonly inputs: PlanInputs;
  /** Default `interactive`. */
  readonly urgency?: Urgency;
  /** The workspace the plan belongs to (`slack:T123`): token budgets are per workspace. */
  readonly workspace?: string;
  /**
   * Another take on the same inputs (Regenerate): take 0 is the engine's first choice, and each
   * later take differs from every earlier one in what the athlete sees (Week 1 or the phases);
   * the same variant gives the same plan. An engine whose takes run out throws `NoMoreTakesError`.
   */
  readonly variant?: number;
};

export type NextWeekRequest = {
  readonly inputs: PlanInputs;
  readonly phases: readonly Phase[];
  /** Weeks 1..N−1, each with the athlete's log when there is one. */
  readonly weeks: readonly PlannedWeek[];
  readonly weekNumber: number;
  readonly variant?: number;
  /** Default `interactive`; the scheduler's weeks are `scheduled`. */
  readonly urgency?: Urgency;
  readonly workspace?: string;
  /**
   * Whether the week before's logged average pace moves this week's easy pace (within the easy
   * range, PLAN-RULES C-paces). Default 'use'; the athlete may choose to ignore it.
   */
  readonly paceDrift?: 'use' | 'ignore';
  /**
   * A week of a return ramp after a break (`/plan resume`): the week aims at no more than these
   * training miles and this long run, with at most this many quality sessions. Engines that cannot
   * follow it leave the week to one that can (the rules engine).
   */
  readonly ramp?: RampWeek;
};

/** One week of a return ramp (see `engine/rules/return-ramp.ts`). */
export type RampWeek = {
  /** Training miles the week aims at, at most. */
  readonly volume: number;
  /** The longest run of the week, at most. */
  readonly long: number;
  /** Quality sessions allowed (the long run not counted). */
  readonly quality: number;
};

export type OutlineResult = PlanOutline & { readonly provenance?: Provenance };
export type WeekResult = Week & { readonly provenance?: Provenance };

export interface PlanEngine {
  /** A short name recorded on each week it makes: `rules`, `openai:gpt-4o-mini`. */
  readonly name: string;
  outline(request: OutlineRequest): Promise<OutlineResult>;
  nextWeek(request: NextWeekRequest): Promise<WeekResult>;
}
