/**
 * A plan as it is stored: one document holding its owner, delivery target, status, inputs, the
 * preview awaiting Confirm, the weeks made so far with what the athlete logged, replaced versions,
 * and the scheduling fields. The zod schema checks every record read back from the database.
 */
import { z } from 'zod';
import { pacesSchema, phaseSchema, planInputsSchema, weekExecutionSchema, weekSchema } from '../domain/schemas.js';
import { isTimeZone } from '../domain/time-zones.js';
import { BREAK_REASONS } from '../engine/rules/return-ramp.js';
import { IDENTITY_PATTERN, PLATFORM_NAME } from './platforms.js';

export const PLAN_STATUSES = ['draft', 'preview', 'active', 'completed', 'cancelled'] as const;
export const planStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof planStatusSchema>;

/**
 * `platform:workspace:user`, the one identity format of every surface (`slack:T1:U1`). Any
 * platform word passes here, so stored documents stay readable whatever ran when they were
 * written; operators' input is checked against the registered platforms where it is read.
 */
export const identitySchema = z.string().regex(IDENTITY_PATTERN, 'must look like platform:workspace:user, e.g. chat:T123:U456');
export type Identity = z.infer<typeof identitySchema>;

function platformOf(identity: Identity): string {
  return identity.slice(0, identity.indexOf(':'));
}

export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** Where and when weeks are posted (the scheduler issue acts on it; `/plan settings` edits it). */
const deliverySchema = z.object({
  /** The registered platform that delivers the plan's weeks (its owner's, so far). */
  platform: z.string().regex(PLATFORM_NAME, 'must be a platform name: a lower-case word'),
  target: z.enum(['dm', 'channel']),
  channelId: z.string().nullable(),
  timezone: timeZoneSchema,
  /** Day of the week before a training week on which it is posted: 1 = Monday … 7 = Sunday. */
  postingDay: z.number().int().min(1).max(7),
  postingHour: z.number().int().min(0).max(23),
  dailyReminder: z.boolean(),
  reminderHour: z.number().int().min(0).max(23),
  paused: z.boolean(),
  pauseReason: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export function defaultDelivery(owner: Identity): Delivery {
  return {
    platform: platformOf(owner),
    target: 'dm',
    channelId: null,
    timezone: 'UTC',
    postingDay: 7,
    postingHour: 18,
    dailyReminder: false,
    reminderHour: 7,
    paused: false,
    pauseReason: null,
  };
}

/** The draft's fields as typed (strings), kept so a form can be re-opened pre-filled. */
export const draftSchema = z.object({
  raceName: z.string().optional(),
  distance: z.string().optional(),
  raceDate: z.string().optional(),
  startDate: z.string().optional(),
  goal: z.string().optional(),
  fiveK: z.string().optional(),
  mileage: z.string().optional(),
  days: z.string().optional(),
  units: z.string().optional(),
  recentLong: z.string().optional(),
  longDay: z.string().optional(),
  /** The quality-session days (`2,4`): set by a club's join, not by the forms. */
  qualityDays: z.string().optional(),
});
export type Draft = z.infer<typeof draftSchema>;

const provenanceSchema = z.object({
  source: z.string(),
  attempts: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  fallbackReason: z.string().nullable(),
});

export const storedWeekSchema = weekSchema.extend({
  /** Which engine made the week: `rules`, `openai:gpt-4o-mini`. */
  source: z.string(),
  /** Model calls and tokens it took, and why another engine answered if one did. */
  provenance: provenanceSchema.nullable(),
  generatedAt: z.date(),
  postedAt: z.date().nullable(),
  messageRef: z.string().nullable(),
  execution: weekExecutionSchema.nullable(),
});
export type StoredWeek = z.infer<typeof storedWeekSchema>;

const storedPreviewSchema = z.object({
  totalWeeks: z.number().int(),
  paces: pacesSchema,
  warnings: z.array(z.string()),
  phases: z.array(phaseSchema),
  week: weekSchema,
  source: z.string(),
  provenance: provenanceSchema.nullable(),
  generatedAt: z.date(),
  variant: z.number().int(),
});
export type StoredPreview = z.infer<typeof storedPreviewSchema>;

/** What a re-plan replaced (`use-cases/replan.ts`): the plan's inputs and phases before it. */
const outlineSchema = z.object({
  inputs: planInputsSchema,
  phases: z.array(phaseSchema),
  totalWeeks: z.number().int(),
});

export const historyEntrySchema = z.object({
  /** `outline`: a re-plan (resume, race change) replaced the inputs and phases; see `outline`. */
  kind: z.enum(['preview', 'week', 'outline']),
  weekNumber: z.number().int().nullable(),
  replacedAt: z.date(),
  reason: z.string(),
  preview: storedPreviewSchema.nullable(),
  week: storedWeekSchema.nullable(),
  /** On `outline` entries; absent on entries stored before re-plans existed. */
  outline: outlineSchema.nullable().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const leaseSchema = z.object({ owner: z.string(), until: z.date() });

/**
 * The athlete's own pause (`/plan pause`), distinct from `delivery.paused`, which means the
 * platform refused a post. While it is set, `nextWeekDueAt` and `nextReminderAt` are null, so the
 * scheduler's due queries never see the plan; `resumeAt` (indexed) is when the scheduler resumes
 * a pause with an `until` date by itself.
 */
const athletePauseSchema = z.object({
  since: z.date(),
  /** The athlete's date the break began (their time zone). */
  sinceDate: z.string(),
  until: z.string().nullable(),
  reason: z.enum(BREAK_REASONS).nullable(),
  resumeAt: z.date().nullable(),
});

/** The return ramp of the last resume: ramp week i applies to week `fromWeek + i`. */
const returnRampSchema = z.object({
  fromWeek: z.number().int().min(1),
  breakDays: z.number().int().min(0),
  reason: z.enum(BREAK_REASONS).nullable(),
  weeks: z.array(z.object({ volume: z.number(), long: z.number(), quality: z.number().int() })),
});
export type StoredReturnRamp = z.infer<typeof returnRampSchema>;

/**
 * A change shown to the athlete and waiting for their choice (`/plan race`, or the options
 * offered when a resume finds the race out of reach): nothing changes before they pick an
 * option; `id` goes in the buttons so a stale press is refused.
 */
const pendingChangeSchema = z.object({
  id: z.string(),
  kind: z.enum(['race', 'resume']),
  createdAt: z.date(),
  /** The plan's revision when the change was shown: the plan must not have moved since. */
  revision: z.number().int(),
  options: z.array(z.object({ label: z.string(), inputs: planInputsSchema, phases: z.array(phaseSchema) })).min(1),
});
export type PendingChange = z.infer<typeof pendingChangeSchema>;

/**
 * A race or time trial the athlete entered (`/plan result`, issue 18) and what it did to the
 * paces: `within` 1% (recorded, paces stand), `pending` (new paces offered), `accepted` or `kept`.
 */
const raceResultSchema = z.object({
  date: z.string(),
  distance: z.string(),
  distanceMiles: z.number(),
  timeSeconds: z.number().int().positive(),
  vdot: z.number(),
  /** The 5K time an athlete of this VDOT runs: how the plan stores paces. */
  fiveKSeconds: z.number().int().positive(),
  /** The tune-up it was the result of (its date), if any. */
  tuneUpDate: z.string().nullable(),
  /** `replaced`: a newer result's paces were offered before this one's were answered. */
  outcome: z.enum(['within', 'pending', 'accepted', 'kept', 'replaced']),
  /** The id of the pace change it offered, if it offered one. */
  changeId: z.string().nullable(),
  recordedAt: z.date(),
});
export type RaceResult = z.infer<typeof raceResultSchema>;

/**
 * New paces from a result, shown with Accept / Keep and waiting for the athlete's choice: nothing
 * changes before Accept. `id` goes in the buttons, so a stale or repeated press is told apart.
 */
const pendingPacesSchema = z.object({
  id: z.string(),
  fiveKSeconds: z.number().int().positive(),
  /** The result it came from (its index in `results`). */
  resultIndex: z.number().int().min(0),
  createdAt: z.date(),
});
export type PendingPaces = z.infer<typeof pendingPacesSchema>;

export const planRecordSchema = z.object({
  id: z.string(),
  owner: identitySchema,
  /**
   * The platform's id of the request that created the plan (a Slack view id, a Discord
   * interaction id): a retried delivery of the same request finds this plan instead of making a
   * second one.
   */
  requestKey: z.string().nullable(),
  /**
   * A digest of what the request that created the plan asked for (HTTP: the canonical body sent
   * with an Idempotency-Key), so a retry can be told from the same key reused for another request.
   * Absent on plans made without one, and on plans stored before it existed.
   */
  requestHash: z.string().optional(),
  delivery: deliverySchema,
  status: planStatusSchema,
  /**
   * A draft started while the owner had an active plan, and meant to replace it: that plan's id.
   * Confirming the draft cancels that plan in the same step (see `use-cases/confirm-plan.ts`).
   */
  replacesPlanId: z.string().optional(),
  /** On a plan cancelled because another was confirmed in its place: that plan's id. */
  replacedBy: z.string().optional(),
  /** A member's personal plan tied to a club (issue 19); null or absent for a solo plan. */
  clubId: z.string().nullable().optional(),
  draft: draftSchema,
  inputs: planInputsSchema.nullable(),
  totalWeeks: z.number().int().nullable(),
  paces: pacesSchema.nullable(),
  warnings: z.array(z.string()),
  phases: z.array(phaseSchema),
  weeks: z.array(storedWeekSchema),
  preview: storedPreviewSchema.nullable(),
  history: z.array(historyEntrySchema),
  variant: z.number().int(),
  nextWeekDueAt: z.date().nullable(),
  /** When the next daily reminder is due (daily reminders on), else null. */
  nextReminderAt: z.date().nullable(),
  lease: leaseSchema.nullable(),
  /** The athlete's pause, while paused; absent or null otherwise (and on older plans). */
  pause: athletePauseSchema.nullable().optional(),
  /** The return ramp weeks made later follow (after a resume); absent on older plans. */
  returnRamp: returnRampSchema.nullable().optional(),
  pendingChange: pendingChangeSchema.nullable().optional(),
  /** Results entered with `/plan result`, oldest first; absent on older plans. */
  results: z.array(raceResultSchema).optional(),
  /** New paces from a result awaiting Accept / Keep; absent or null otherwise. */
  pendingPaces: pendingPacesSchema.nullable().optional(),
  revision: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PlanRecord = z.infer<typeof planRecordSchema>;

/** What a new plan starts with; the store adds id, revision and timestamps. */
export type NewPlanRecord = Omit<PlanRecord, 'id' | 'revision' | 'createdAt' | 'updatedAt'>;
