/** What crosses the thread boundary between `parse-off-thread.ts` and its worker, checked on both sides. */
import { z } from 'zod';
import { activitySchema } from '../../domain/activity.js';

export const fileJobSchema = z.object({
  id: z.number().int(),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'the file'),
  filename: z.string(),
  timeZone: z.string(),
});
export type FileJob = z.infer<typeof fileJobSchema>;

const REFUSALS = ['too-large', 'unknown-type', 'corrupt', 'no-data', 'implausible', 'not-a-run'] as const;

export const fileJobAnswerSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), activity: activitySchema }),
  z.object({ id: z.number().int(), ok: z.literal(false), refusal: z.object({ reason: z.enum(REFUSALS), message: z.string() }) }),
  z.object({ id: z.number().int(), ok: z.literal(false), failure: z.string() }),
]);
export type FileJobAnswer = z.infer<typeof fileJobAnswerSchema>;
