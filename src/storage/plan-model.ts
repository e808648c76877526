/**
 * The mongoose schema of the plan document (ARCHITECTURE.md "one document per plan"): phases and
 * weeks embedded, laps as subdocuments. Unknown paths are refused (`strict: 'throw'`) so a shape
 * drift between this schema and the zod record fails loudly instead of dropping data.
 */
import { Schema, type Connection, type Model } from 'mongoose';

const opts = { _id: false, strict: 'throw' } as const;

const lapSchema = new Schema(
  {
    lapIndex: { type: Number, required: true },
    distanceMiles: { type: Number, required: true },
    paceGoal: { type: String, default: null },
    hrGoal: { type: String },
  },
  opts,
);

const daySchema = new Schema(
  {
    dayNumber: { type: Number, required: true },
    date: { type: String, required: true },
    dayOfWeek: { type: String, required: true },
    type: { type: String, required: true },
    session: { type: String },
    warmup: { type: [lapSchema], default: [] },
    workout: { type: [lapSchema], default: [] },
    cooldown: { type: [lapSchema], default: [] },
    notes: { type: String, default: '' },
  },
  opts,
);

const executionSchema = new Schema(
  {
    completedDays: { type: Number, required: true },
    totalMiles: { type: Number, required: true },
    averagePace: { type: String, default: null },
    notes: { type: String },
    days: { type: [new Schema({ dayNumber: Number, status: String }, opts)], default: undefined },
  },
  opts,
);

const weekFields = {
  weekNumber: { type: Number, required: true },
  phase: { type: String, required: true },
  miles: { type: Number, required: true },
  days: { type: [daySchema], default: [] },
};

const weekSchema = new Schema(weekFields, opts);

const provenanceSchema = new Schema(
  {
    source: { type: String, required: true },
    attempts: { type: Number, required: true },
    promptTokens: { type: Number, required: true },
    completionTokens: { type: Number, required: true },
    fallbackReason: { type: String, default: null },
  },
  opts,
);

const storedWeekSchema = new Schema(
  {
    ...weekFields,
    source: { type: String, required: true },
    provenance: { type: provenanceSchema, default: null },
    generatedAt: { type: Date, required: true },
    postedAt: { type: Date, default: null },
    messageRef: { type: String, default: null },
    execution: { type: executionSchema, default: null },
  },
  opts,
);

const phaseSchema = new Schema(
  { name: { type: String, required: true }, weekCount: { type: Number, required: true }, totalMiles: { type: Number } },
  opts,
);

const pacesSchema = new Schema(
  {
    fiveK: Number,
    predicted: Number,
    predictedMarathon: Number,
    goal: Number,
    easy: Number,
    tempo: Number,
    interval: Number,
    vdot: Number,
    predictedTime: Number,
    easySlow: Number,
    easyFast: Number,
    marathon: Number,
    threshold: Number,
    repetition: Number,
    target: Number,
  },
  opts,
);

const previewSchema = new Schema(
  {
    totalWeeks: Number,
    paces: pacesSchema,
    warnings: [String],
    phases: [phaseSchema],
    week: weekSchema,
    source: String,
    provenance: { type: provenanceSchema, default: null },
    generatedAt: Date,
    variant: Number,
  },
  opts,
);

const historySchema = new Schema(
  {
    kind: { type: String, required: true },
    weekNumber: { type: Number, default: null },
    replacedAt: { type: Date, required: true },
    reason: { type: String, required: true },
    preview: { type: previewSchema, default: null },
    week: { type: storedWeekSchema, default: null },
  },
  opts,
);

const inputsSchema = new Schema(
  {
    raceName: String,
    distance: String,
    distanceMiles: Number,
    raceDate: String,
    startDate: String,
    goalTimeSeconds: Number,
    fiveKSeconds: Number,
    weeklyMileage: Number,
    preferredDays: [Number],
    units: String,
    recentLongRunMiles: Number,
    longRunDay: Number,
  },
  opts,
);

const draftSchema = new Schema(
  {
    raceName: String,
    distance: String,
    raceDate: String,
    startDate: String,
    goal: String,
    fiveK: String,
    mileage: String,
    days: String,
    units: String,
    recentLong: String,
    longDay: String,
  },
  opts,
);

const deliverySchema = new Schema(
  {
    platform: { type: String, required: true },
    target: { type: String, required: true },
    channelId: { type: String, default: null },
    timezone: { type: String, required: true },
    postingDay: { type: Number, required: true },
    postingHour: { type: Number, required: true },
    dailyReminder: { type: Boolean, required: true },
    reminderHour: { type: Number, required: true },
    paused: { type: Boolean, required: true },
    pauseReason: { type: String, default: null },
  },
  opts,
);

export const planSchema = new Schema(
  {
    owner: { type: String, required: true },
    requestKey: { type: String, default: null },
    delivery: { type: deliverySchema, required: true },
    status: { type: String, required: true },
    draft: { type: draftSchema, default: () => ({}) },
    inputs: { type: inputsSchema, default: null },
    totalWeeks: { type: Number, default: null },
    paces: { type: pacesSchema, default: null },
    warnings: { type: [String], default: [] },
    phases: { type: [phaseSchema], default: [] },
    weeks: { type: [storedWeekSchema], default: [] },
    preview: { type: previewSchema, default: null },
    history: { type: [historySchema], default: [] },
    variant: { type: Number, default: 0 },
    nextWeekDueAt: { type: Date, default: null },
    nextReminderAt: { type: Date, default: null },
    lease: { type: new Schema({ owner: String, until: Date }, opts), default: null },
    revision: { type: Number, default: 0 },
  },
  { strict: 'throw', timestamps: true, versionKey: false, minimize: false, collection: 'plans' },
);

// An owner's plans by status, newest first (/plan status, the App Home, listing).
planSchema.index({ owner: 1, status: 1, updatedAt: -1 });
// One plan per platform request: a retried slash command or modal submission finds the first.
planSchema.index({ requestKey: 1 }, { unique: true, partialFilterExpression: { requestKey: { $type: 'string' } } });
// Due plans for the scheduler: active plans whose next week's time has come.
planSchema.index({ status: 1, nextWeekDueAt: 1 });
// Due daily reminders.
planSchema.index({ status: 1, nextReminderAt: 1 }, { partialFilterExpression: { nextReminderAt: { $type: 'date' } } });

export type PlanDocument = Record<string, unknown>;

export function planModel(connection: Connection): Model<PlanDocument> {
  return (connection.models.Plan as Model<PlanDocument> | undefined) ?? connection.model<PlanDocument>('Plan', planSchema);
}
