/**
 * The plan's data shapes, as zod schemas with their inferred types. They check shape at every
 * boundary (LLM output, database reads, files given to the CLI); the coaching rules on top of the
 * shape live in `validator.ts`. Distances are miles and paces seconds per mile (or `M:SS` text in
 * laps), whatever the athlete's display units.
 */
import { z } from 'zod';
import { DAY_NAMES, isIsoDate } from './calendar.js';

const isoDateSchema = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');

export const PHASE_NAMES = ['base', 'build', 'peak', 'taper'] as const;
export const phaseNameSchema = z.enum(PHASE_NAMES);
export type PhaseName = z.infer<typeof phaseNameSchema>;

export const DAY_TYPES = ['rest', 'easy', 'moderate', 'recovery', 'long', 'tempo', 'intervals', 'shakeout', 'race'] as const;
const dayTypeSchema = z.enum(DAY_TYPES);
export type DayType = z.infer<typeof dayTypeSchema>;

/**
 * What a run day is for (PLAN-RULES v2 R4): each `type` (the seed's values, kept for its API
 * consumers) allows a few session kinds.
 */
export const SESSION_KINDS = [
  'easy',
  'strides',
  'recovery',
  'shakeout',
  'medium-long',
  'tempo',
  'cruise-intervals',
  'progression',
  'race-pace',
  'intervals',
  'hills',
  'fartlek',
  'long',
  'long-race-pace-finish',
  'race',
  /** A run day done as another sport, by time at easy effort (see `cross-training.ts`). */
  'cross-training',
] as const;
const sessionKindSchema = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof sessionKindSchema>;

/** The session kinds each day type may name (R4). */
export const SESSIONS_OF_TYPE: Readonly<Record<DayType, readonly SessionKind[]>> = {
  rest: [],
  easy: ['easy', 'strides', 'cross-training'],
  recovery: ['recovery', 'cross-training'],
  shakeout: ['shakeout'],
  moderate: ['medium-long'],
  tempo: ['tempo', 'cruise-intervals', 'progression', 'race-pace'],
  intervals: ['intervals', 'hills', 'fartlek'],
  long: ['long', 'long-race-pace-finish'],
  race: ['race'],
};

/** The sports a run day may be done as instead (`/plan cross`; equivalences in `cross-training.ts`). */
export const CROSS_MODES = ['bike', 'swim', 'elliptical', 'other'] as const;

export const lapSchema = z.object({
  lapIndex: z.number().int(),
  distanceMiles: z.number(),
  paceGoal: z.string().nullable(),
  hrGoal: z.string().nullable().optional(),
});
export type Lap = z.infer<typeof lapSchema>;

export const daySchema = z.object({
  dayNumber: z.number().int().min(1).max(7),
  date: isoDateSchema,
  dayOfWeek: z.enum(DAY_NAMES),
  type: dayTypeSchema,
  /** What the run is for (R4); absent on rest days and on weeks stored before PLAN-RULES v2. */
  session: sessionKindSchema.optional(),
  warmup: z.array(lapSchema),
  workout: z.array(lapSchema),
  cooldown: z.array(lapSchema),
  notes: z.string(),
  /**
   * Set when the athlete moved this day's session here from another day of the week (`/plan
   * move`): the day it came from. R9 leaves the athlete's own choice for the week alone.
   */
  movedFrom: z.number().int().min(1).max(7).optional(),
  /** On a `cross-training` day: the sport and its minutes at easy effort (laps hold its equivalent miles). */
  cross: z
    .object({
      mode: z.enum(CROSS_MODES),
      minutes: z.number().int().min(1).max(600),
    })
    .optional(),
});
export type Day = z.infer<typeof daySchema>;

export const weekSchema = z.object({
  weekNumber: z.number().int().min(1),
  phase: phaseNameSchema,
  miles: z.number(),
  days: z.array(daySchema),
  /**
   * The long-run day this week was made with when it differs from the plan's inputs (the athlete
   * changed `long-day` later): null when the coach chose. Absent: the inputs' `longRunDay` (R9).
   */
  longRunDay: z.number().int().min(1).max(7).nullable().optional(),
});
export type Week = z.infer<typeof weekSchema>;

export const phaseSchema = z.object({
  name: phaseNameSchema,
  weekCount: z.number().int(),
  totalMiles: z.number().optional(),
});
export type Phase = z.infer<typeof phaseSchema>;

const paceTextSchema = z.string().regex(/^\d{1,2}:[0-5]\d$/, 'must be M:SS');

/**
 * A day's Done / Skipped. A run recorded from an activity (issue 21, `activity.ts`) also keeps
 * what was run and where it came from; these fields are optional so that marks stored before
 * read as they were.
 */
const dayMarkSchema = z.object({
  dayNumber: z.number().int().min(1).max(7),
  status: z.enum(['done', 'skipped']),
  /** Distance run, miles. */
  distanceMiles: z.number().min(0).max(700).optional(),
  movingSeconds: z.number().int().min(0).optional(),
  /** Average moving pace per mile. */
  averagePace: paceTextSchema.optional(),
  source: z.enum(['file', 'strava']).optional(),
  /** The activity's id within its source: recording it again changes nothing. */
  sourceId: z.string().max(128).optional(),
  /** The athlete's own mark the activity replaced; undoing the activity puts it back. */
  replaced: z.enum(['done', 'skipped']).optional(),
});
export type DayMark = z.infer<typeof dayMarkSchema>;

/**
 * What the athlete reported for a week; feeds R11 adaptation. `days` holds per-day Done/Skipped
 * marks when they came from the week's buttons (the totals are then derived from them).
 */
export const weekExecutionSchema = z.object({
  completedDays: z.number().int().min(0).max(7),
  totalMiles: z.number().min(0).max(300),
  averagePace: paceTextSchema.nullable().optional(),
  notes: z.string().max(500, 'must be at most 500 characters').optional(),
  days: z.array(dayMarkSchema).optional(),
  /**
   * The athlete's own log of the whole week (the log form), kept when days were marked after it:
   * R11 reads the lower of it and the marks (the safer week), and undoing the last recorded run
   * brings it back as the week's log.
   */
  logged: z
    .object({
      completedDays: z.number().int().min(0).max(7),
      totalMiles: z.number().min(0).max(300),
      averagePace: paceTextSchema.nullable().optional(),
    })
    .optional(),
});
export type WeekExecution = z.infer<typeof weekExecutionSchema>;

const unitsSchema = z.enum(['mi', 'km']);

/**
 * A tune-up (B) race inside the plan (issue 18, docs/design/tune-ups-and-results.md): its day is
 * raced at the predicted pace for its distance, and its week tapers a little around it.
 */
const tuneUpSchema = z.object({
  date: isoDateSchema,
  /** As the athlete named it: `half`, `10k`, `15 km`. */
  distance: z.string().max(40),
  distanceMiles: z.number().min(1).max(31),
  name: z.string().max(100),
});
export type TuneUp = z.infer<typeof tuneUpSchema>;

/**
 * Paces recalibrated from a result and accepted by the athlete: weeks from `fromWeek` on (the
 * weeks not yet made when it was accepted) take their paces from this 5K equivalent.
 */
const paceChangeSchema = z.object({
  /** The pending change's id it was accepted from (a repeated Accept finds it here). */
  id: z.string().max(40),
  fromWeek: z.number().int().min(1),
  fiveKSeconds: z.number().int().positive(),
});

/** Validated, canonical inputs of a plan (what `parsePlanInputs` produces). */
export const planInputsSchema = z.object({
  raceName: z.string().max(100),
  distance: z.string(),
  distanceMiles: z.number().min(1).max(31),
  raceDate: isoDateSchema,
  startDate: isoDateSchema,
  goalTimeSeconds: z.number().int().positive(),
  fiveKSeconds: z.number().int().positive(),
  weeklyMileage: z.number().min(5).max(150),
  preferredDays: z.array(z.number().int().min(1).max(7)).min(3).max(7),
  units: unitsSchema,
  /** Longest run of the last 4 weeks, miles (C3); absent: max(3, 0.3 × weeklyMileage). */
  recentLongRunMiles: z.number().min(1).max(30).optional(),
  /** The day the athlete wants the long run on, 1 = Monday … 7 = Sunday (R9). */
  longRunDay: z.number().int().min(1).max(7).optional(),
  /**
   * The days the athlete wants the quality sessions on, first choice first (a club's quality
   * days, issue 19): at most two, each a preferred day. Where a rule keeps a day from a week's
   * quality session, the coach chooses (R9, `week-layout.ts`). Absent: the coach chooses.
   */
  qualityDays: z.array(z.number().int().min(1).max(7)).max(2).optional(),
  /** Tune-up races, by date (absent on plans stored before issue 18). */
  tuneUps: z.array(tuneUpSchema).optional(),
  /** Accepted pace recalibrations, oldest first (absent: the paces come from `fiveKSeconds`). */
  paceChanges: z.array(paceChangeSchema).optional(),
});
export type PlanInputs = z.infer<typeof planInputsSchema>;

/**
 * Training paces as stored, whole seconds per mile (`vdot` and `predictedTime` excepted). The v2
 * keys are optional so that previews stored before PLAN-RULES v2 still read; `computePaces` writes
 * them all, and readers recompute paces from the inputs (`computePaces`) rather than trust these.
 */
export const pacesSchema = z.object({
  fiveK: z.number(),
  predicted: z.number(),
  predictedMarathon: z.number(),
  goal: z.number(),
  easy: z.number(),
  tempo: z.number(),
  interval: z.number(),
  vdot: z.number().optional(),
  predictedTime: z.number().optional(),
  easySlow: z.number().optional(),
  easyFast: z.number().optional(),
  marathon: z.number().optional(),
  threshold: z.number().optional(),
  repetition: z.number().optional(),
  target: z.number().optional(),
});

/** Every pace of C-paces, as `computePaces` returns them (the outline an engine answers). */
const trainingPacesSchema = pacesSchema.required();

/** A week of a plan together with what the athlete logged for it, if anything. */
export const plannedWeekSchema = weekSchema.extend({
  execution: weekExecutionSchema.nullable().optional(),
});
export type PlannedWeek = z.infer<typeof plannedWeekSchema>;

/** The preview: phases and Week 1 (the seed's `GeneratedPlan`, with paces and warnings). */
export const planOutlineSchema = z.object({
  totalWeeks: z.number().int(),
  paces: trainingPacesSchema,
  warnings: z.array(z.string()),
  phases: z.array(phaseSchema),
  week: weekSchema,
});
export type PlanOutline = z.infer<typeof planOutlineSchema>;

/** A plan as the validator and the engines see it: inputs, phases and the weeks so far. */
export type Plan = { inputs: PlanInputs; phases: Phase[]; weeks: PlannedWeek[] };
