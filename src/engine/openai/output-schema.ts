/**
 * What the model is asked to return, as zod schemas turned into strict `json_schema` response
 * formats by the SDK's zod helper. Strict mode needs every property required and no extra ones, so
 * nothing here is optional (null where a value may be absent), and only keywords strict mode
 * accepts are used (no string lengths or number bounds: those are checked and repaired after).
 *
 * The model gives day types and laps only. Dates, weekday names, week and phase of each week, and
 * every mileage total are computed by the engine (the seed: "Backend calculates dates, not AI").
 */
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { DAY_TYPES, PHASE_NAMES } from '../../domain/schemas.js';

export const modelLapSchema = z.object({
  lapIndex: z.number(),
  distanceMiles: z.number(),
  paceGoal: z.string().nullable(),
});
export type ModelLap = z.infer<typeof modelLapSchema>;

export const modelDaySchema = z.object({
  dayNumber: z.number(),
  type: z.enum(DAY_TYPES),
  warmup: z.array(modelLapSchema),
  workout: z.array(modelLapSchema),
  cooldown: z.array(modelLapSchema),
  notes: z.string(),
});
export type ModelDay = z.infer<typeof modelDaySchema>;

export const modelPhaseSchema = z.object({
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
export const WEEK_FORMAT_NAME = 'plan_week';

// The lap schema goes into `definitions` once instead of being inlined three times per day: the
// schema is sent with every request and counts as prompt tokens.
export const outlineResponseFormat = zodResponseFormat(modelOutlineSchema, OUTLINE_FORMAT_NAME, {
  schemaDefinitions: { lap: modelLapSchema },
});
export const weekResponseFormat = zodResponseFormat(modelWeekSchema, WEEK_FORMAT_NAME, {
  schemaDefinitions: { lap: modelLapSchema },
});
