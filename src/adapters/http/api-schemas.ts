/**
 * The HTTP API's request and response bodies as zod schemas: they validate requests and generate
 * the OpenAPI document, so the two cannot drift. Plan shapes (weeks, days, laps, phases, inputs,
 * logs) are the domain's own schemas; only the envelope and the JSON forms of dates and paces
 * (ISO strings, `M:SS`) are defined here.
 */
import { z } from '@hono/zod-openapi';
import { lapSchema, daySchema, phaseNameSchema, planInputsSchema, weekExecutionSchema, weekSchema } from '../../domain/schemas.js';
import { draftSchema, planStatusSchema, timeZoneSchema } from '../../plans/plan-record.js';

// ---------------------------------------------------------------- shared parts

const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'PLAN_NOT_FOUND',
  'CLUB_NOT_FOUND',
  'NOT_FOUND',
  'WRONG_STATE',
  'PLAN_COMPLETE',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'STORAGE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      /** Each bad field and what is accepted (400 only). */
      fields: z.record(z.string(), z.string()).optional(),
      /** Quoted to support for a 500; the log line of the failure carries the same id. */
      ref: z.string().optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A plan id as the store issues it; its exact format is the store's business. */
const planIdSchema = z.string().min(1).max(100).openapi({ example: '6740a1f2c3d4e5f6a7b8c9d0' });

const paceTextSchema = z
  .string()
  .regex(/^\d{1,2}:[0-5]\d$/)
  .openapi({ example: '8:05' });

/**
 * Training paces per mile as `M:SS` (the domain keeps whole seconds): the PLAN-RULES v2 zones, and
 * the v1 keys (`fiveK`, `predictedMarathon`, `goal`, `tempo`) kept for the seed's consumers.
 */
export const pacesTextSchema = z
  .object({
    vdot: z.number().openapi({ example: 50 }),
    fiveK: paceTextSchema,
    predicted: paceTextSchema,
    predictedTime: z
      .string()
      .regex(/^(\d{1,2}:)?\d{1,2}:[0-5]\d$/)
      .openapi({ example: '3:10:49' }),
    predictedMarathon: paceTextSchema,
    goal: paceTextSchema,
    easyRange: z
      .string()
      .regex(/^\d{1,2}:[0-5]\d-\d{1,2}:[0-5]\d$/)
      .openapi({ example: '8:15-9:05' }),
    easy: paceTextSchema,
    marathon: paceTextSchema,
    threshold: paceTextSchema,
    tempo: paceTextSchema,
    interval: paceTextSchema,
    repetition: paceTextSchema,
    target: paceTextSchema,
  })
  .openapi('Paces');

export const instantSchema = z.iso.datetime();

/**
 * Null or a named (component) schema. Not `.nullable()`: the generator copies the component's
 * name onto the nullable copy, and the document then says the component itself may be null, or
 * loses the null.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/*
 * The domain's schemas were built before @hono/zod-openapi added `.openapi()` to zod (zod 4 gives
 * each instance its methods when it is made), so they are cloned (`extend({})`) before being
 * named for the document.
 */
const apiLapSchema = lapSchema.extend({}).openapi('Lap');
const apiDaySchema = daySchema
  .extend({ warmup: z.array(apiLapSchema), workout: z.array(apiLapSchema), cooldown: z.array(apiLapSchema) })
  .openapi('Day');
const apiWeekSchema = weekSchema.extend({ days: z.array(apiDaySchema) }).openapi('Week');

/** The seed's phase: a name and how many weeks it spans (plus its miles once weeks exist). */
const apiPhaseSchema = z.object({ name: phaseNameSchema, weekCount: z.number().int(), totalMiles: z.number().optional() }).openapi('Phase');

const executionSchema = weekExecutionSchema.extend({}).openapi('WeekExecution');

/** A week of a confirmed plan: the week, which engine made it, when, and what was logged. */
export const planWeekSchema = apiWeekSchema
  .extend({
    source: z.string().openapi({ description: 'Which engine made the week: rules, openai:<model>.' }),
    generatedAt: instantSchema,
    postedAt: instantSchema.nullable(),
    execution: orNull(executionSchema),
  })
  .openapi('PlanWeek');

// ---------------------------------------------------------------- requests

/** A missing field says so and what to send; a wrong type says what type is expected. */
const needs = (help: string, type = 'text') => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `missing: ${help}` : `must be ${type}: ${help}`),
});
const fieldText = (max: number, help: string) => z.string(needs(help)).max(max);
const textOrNumber = (max: number, help: string) => z.union([z.string().max(max), z.number()], needs(help, 'text or a number'));

const HELP = {
  raceName: 'the race’s name, up to 100 characters',
  distance: '5k, 10k, half, marathon or a number of miles from 1 to 31',
  date: 'a date written YYYY-MM-DD',
  goal: 'the goal time, H:MM:SS or MM:SS',
  fiveK: 'a current 5K time MM:SS, or a pace per mile M:SS',
  mileage: 'current miles per week, 5 to 150',
  days: 'preferred training days, 1 = Monday … 7 = Sunday, as an array or text ("2,3,4,6,7", "tue,thu,sat,sun")',
  units: 'mi or km',
  recentLong:
    'the longest run of the last 4 weeks, 1 to 30 miles (1.6 to 48 km with units km); default 30% of the weekly volume, at least 3 miles',
  longDay: 'the long-run day, one of the preferred days: a day name ("sat", "Saturday") or a number, 1 = Monday … 7 = Sunday',
} as const;

export const createPlanBodySchema = z
  .strictObject({
    raceName: fieldText(200, HELP.raceName).optional().openapi({ example: 'Boston Marathon' }),
    distance: textOrNumber(40, HELP.distance).openapi({ description: HELP.distance, example: 'marathon' }),
    raceDate: fieldText(40, HELP.date).openapi({ description: 'Race day, YYYY-MM-DD.', example: '2027-04-18' }),
    startDate: fieldText(40, HELP.date)
      .optional()
      .openapi({ description: 'First day of training, YYYY-MM-DD; today (in `timezone`) when left out.', example: '2026-11-30' }),
    goal: fieldText(40, HELP.goal).openapi({ description: HELP.goal, example: '3:30:00' }),
    fiveK: fieldText(40, HELP.fiveK).openapi({ description: HELP.fiveK, example: '22:30' }),
    mileage: textOrNumber(40, HELP.mileage).openapi({ description: HELP.mileage, example: 30 }),
    days: z
      .union([z.array(z.number().int().min(1).max(7)).min(1).max(7), z.string().max(40)], needs(HELP.days, 'an array or text'))
      .optional()
      .openapi({ description: HELP.days, example: [2, 3, 4, 6, 7] }),
    units: fieldText(10, HELP.units)
      .optional()
      .openapi({
        description: `Units of the numbers sent and shown: ${HELP.units}; with km, mileage, recentLong and a numeric distance are kilometres and a fiveK pace is per km.`,
        example: 'mi',
      }),
    recentLong: textOrNumber(40, HELP.recentLong).optional().openapi({ description: HELP.recentLong, example: 12 }),
    longDay: textOrNumber(40, HELP.longDay).optional().openapi({ description: HELP.longDay, example: 'sun' }),
    timezone: timeZoneSchema
      .optional()
      .openapi({ description: 'IANA time zone of the athlete (default UTC).', example: 'America/New_York' }),
  })
  .openapi('CreatePlanRequest');
export type CreatePlanBody = z.infer<typeof createPlanBodySchema>;

export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z.string().min(1).max(100).optional().openapi({
    description:
      'Repeating a create with the same key and body returns the plan the first request made; the same key with another body answers 422.',
  }),
});

export const planIdBodySchema = z.strictObject({ trainingPlanId: planIdSchema }).openapi('PlanIdRequest');

/**
 * The seed's confirm sends the generated plan along with the id; it is accepted and ignored,
 * because what is confirmed is the preview stored on the plan (what the athlete reviewed).
 */
export const confirmBodySchema = z
  .object({ trainingPlanId: planIdSchema })
  .openapi('ConfirmPlanRequest', { description: 'Other fields (the seed sends the generated plan) are ignored.' });

const previousWeekExecutionSchema = weekExecutionSchema
  .pick({ completedDays: true, totalMiles: true, averagePace: true, notes: true })
  .strict()
  .openapi('PreviousWeekExecution');

export const weekRequestSchema = z
  .strictObject({
    trainingPlanId: planIdSchema,
    weekNumber: z.number().int().min(1).max(100),
    previousWeekExecution: previousWeekExecutionSchema
      .optional()
      .openapi({ description: 'What the athlete did in week weekNumber − 1; logged on that week before this one is made.' }),
  })
  .openapi('GenerateWeekRequest');

export const planIdParamsSchema = z.object({
  id: planIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

/** `?week=N` of the FIT workouts: a week number (the use case checks it is one of the plan's). */
export const fitQuerySchema = z.object({
  week: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a week number')
    .optional()
    .openapi({ param: { name: 'week', in: 'query' }, example: '3', description: 'The week (default: this week).' }),
});

// ---------------------------------------------------------------- responses

export const createdPlanSchema = z.object({ trainingPlanId: planIdSchema, status: planStatusSchema }).openapi('CreatedPlan');

/** The seed's `GeneratedPlan` (phases and Week 1), with paces and warnings. */
export const generatedPlanSchema = z
  .object({
    trainingPlanId: planIdSchema,
    status: planStatusSchema,
    totalWeeks: z.number().int(),
    phases: z.array(z.object({ name: phaseNameSchema, weekCount: z.number().int() })),
    week: apiWeekSchema,
    paces: pacesTextSchema,
    warnings: z.array(z.string()),
  })
  .openapi('GeneratedPlan');

export const confirmedPlanSchema = z.object({ trainingPlanId: planIdSchema, status: planStatusSchema }).openapi('ConfirmedPlan');

export const generatedWeekSchema = z
  .object({ trainingPlanId: planIdSchema, totalWeeks: z.number().int(), week: planWeekSchema })
  .openapi('GeneratedWeek');

export const planSchema = z
  .object({
    trainingPlanId: planIdSchema,
    owner: z.string(),
    status: planStatusSchema,
    timezone: z.string(),
    /** The fields as typed when the plan was drafted. */
    draft: draftSchema,
    inputs: planInputsSchema.nullable(),
    totalWeeks: z.number().int().nullable(),
    paces: orNull(pacesTextSchema),
    warnings: z.array(z.string()),
    phases: z.array(apiPhaseSchema),
    /** Phases and Week 1 awaiting confirmation (status preview), else null. */
    preview: z
      .object({
        totalWeeks: z.number().int(),
        phases: z.array(apiPhaseSchema),
        week: apiWeekSchema,
        paces: pacesTextSchema,
        warnings: z.array(z.string()),
      })
      .nullable(),
    weeks: z.array(planWeekSchema),
    nextWeekDueAt: instantSchema.nullable(),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .openapi('Plan');

export const healthSchema = z.object({ status: z.enum(['ok', 'ready', 'unavailable']) }).openapi('Health');
