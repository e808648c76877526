/**
 * What the model is asked to return, as zod schemas turned into strict `json_schema` response
 * formats by the SDK's zod helper. Strict mode needs every property required and no extra ones, so
 * nothing in the format is optional (null where a value may be absent), and only keywords strict
 * mode accepts are used (no string lengths or number bounds: those are checked and repaired after).
 *
 * The model gives day types, session kinds and laps only. Dates, weekday names, week and phase of
 * each week, and every mileage total are computed by the engine (the seed: "Backend calculates
 * dates, not AI").
 *
 * Two schemas per shape: the response format asks for `session` as one of SESSION_KINDS (null on
 * rest days), while answers are read with a lenient `session` (any text, null or absent), because
 * compatible servers without structured output do not enforce the enum and a missing or unknown
 * session has one deterministic repair (the first kind its type allows): it is not worth a
 * send-back.
 */
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { DAY_TYPES, PHASE_NAMES, SESSION_KINDS } from '../../domain/schemas.js';

const modelLapSchema = z.object({
  lapIndex: z.number(),
  distanceMiles: z.number(),
  paceGoal: z.string().nullable(),
});
export type ModelLap = z.infer<typeof modelLapSchema>;

/** A day as answers are read. */
const modelDaySchema = z.object({
  dayNumber: z.number(),
  type: z.enum(DAY_TYPES),
  session: z.string().nullable().optional(),
  warmup: z.array(modelLapSchema),
  workout: z.array(modelLapSchema),
  cooldown: z.array(modelLapSchema),
  notes: z.string(),
});
export type ModelDay = z.infer<typeof modelDaySchema>;

/** A day as the response format asks for it. */
const wireDaySchema = modelDaySchema.extend({
  session: z.enum(SESSION_KINDS).nullable(),
});

const modelPhaseSchema = z.object({
  name: z.enum(PHASE_NAMES),
  weekCount: z.number(),
});

/** The preview: the four phases and the days of week 1. */
export const modelOutlineSchema = z.object({
  phases: z.array(modelPhaseSchema),
  days: z.array(modelDaySchema),
});
export type ModelOutline = z.infer<typeof modelOutlineSchema>;

/** One later week: its days. */
export const modelWeekSchema = z.object({
  days: z.array(modelDaySchema),
});
export type ModelWeek = z.infer<typeof modelWeekSchema>;

export const OUTLINE_FORMAT_NAME = 'plan_outline';
const WEEK_FORMAT_NAME = 'plan_week';

// The lap schema goes into `definitions` once instead of being inlined three times per day: the
// schema is sent with every request and counts as prompt tokens.
export const outlineResponseFormat = zodResponseFormat(
  z.object({ phases: z.array(modelPhaseSchema), days: z.array(wireDaySchema) }),
  OUTLINE_FORMAT_NAME,
  { schemaDefinitions: { lap: modelLapSchema } },
);
export const weekResponseFormat = zodResponseFormat(z.object({ days: z.array(wireDaySchema) }), WEEK_FORMAT_NAME, {
  schemaDefinitions: { lap: modelLapSchema },
});
