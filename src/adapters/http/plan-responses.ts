/**
 * Stored plans to response bodies: the same data, in JSON's terms (dates as ISO strings, paces as
 * `M:SS` per mile, the store's bookkeeping left out). No decisions are made here.
 */
import type { z } from '@hono/zod-openapi';
import type { Phase, PlanInputs, Week } from '../../domain/schemas.js';
import { computePaces, formatPaces } from '../../domain/paces.js';
import type { PlanRecord, StoredPreview, StoredWeek } from '../../plans/plan-record.js';
import type { generatedPlanSchema, generatedWeekSchema, pacesTextSchema, planSchema, planWeekSchema } from './api-schemas.js';

type PacesText = z.infer<typeof pacesTextSchema>;
type WeekJson = z.infer<typeof planWeekSchema>;
type PlanJson = z.infer<typeof planSchema>;

/** Paces are derived from the inputs, so they are computed afresh rather than read from storage. */
function pacesText(inputs: PlanInputs): PacesText {
  return formatPaces(computePaces(inputs));
}

function weekJson(week: Week): Week {
  return { weekNumber: week.weekNumber, phase: week.phase, miles: week.miles, days: week.days };
}

function phaseJson(phase: Phase): Phase {
  return phase.totalMiles === undefined
    ? { name: phase.name, weekCount: phase.weekCount }
    : { name: phase.name, weekCount: phase.weekCount, totalMiles: phase.totalMiles };
}

function storedWeekJson(week: StoredWeek): WeekJson {
  return {
    ...weekJson(week),
    source: week.source,
    generatedAt: week.generatedAt.toISOString(),
    postedAt: week.postedAt?.toISOString() ?? null,
    execution: week.execution,
  };
}

function previewJson(inputs: PlanInputs, preview: StoredPreview) {
  return {
    totalWeeks: preview.totalWeeks,
    phases: preview.phases.map(phaseJson),
    week: weekJson(preview.week),
    paces: pacesText(inputs),
    warnings: preview.warnings,
  };
}

/** The seed's `GeneratedPlan` from a plan in preview. */
export function generatedPlanJson(
  plan: PlanRecord & { readonly inputs: PlanInputs },
  preview: StoredPreview,
): z.infer<typeof generatedPlanSchema> {
  return {
    trainingPlanId: plan.id,
    status: plan.status,
    totalWeeks: preview.totalWeeks,
    // The seed's phases carry only name and weekCount.
    phases: preview.phases.map((p) => ({ name: p.name, weekCount: p.weekCount })),
    week: weekJson(preview.week),
    paces: pacesText(plan.inputs),
    warnings: preview.warnings,
  };
}

export function generatedWeekJson(plan: PlanRecord, week: StoredWeek): z.infer<typeof generatedWeekSchema> {
  return { trainingPlanId: plan.id, totalWeeks: plan.totalWeeks ?? plan.weeks.length, week: storedWeekJson(week) };
}

export function planJson(plan: PlanRecord): PlanJson {
  return {
    trainingPlanId: plan.id,
    owner: plan.owner,
    status: plan.status,
    timezone: plan.delivery.timezone,
    draft: plan.draft,
    inputs: plan.inputs,
    totalWeeks: plan.totalWeeks,
    paces: plan.inputs ? pacesText(plan.inputs) : null,
    warnings: plan.warnings,
    phases: plan.phases.map(phaseJson),
    preview: plan.preview && plan.inputs ? previewJson(plan.inputs, plan.preview) : null,
    weeks: plan.weeks.map(storedWeekJson),
    nextWeekDueAt: plan.nextWeekDueAt?.toISOString() ?? null,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

/**
 * `planJson` as response text, kept per plan object. The store hands out one deep-frozen object
 * per plan revision, so a frozen plan's text can never go stale, and a plan read again at the same
 * revision (a client polling it) costs no mapping and no JSON.stringify: for a 20-week plan that
 * is ~47 KB, most of a GET's time. Plans that are not frozen are serialized each time.
 */
const planTexts = new WeakMap<PlanRecord, JsonText<PlanJson>>();

/** JSON text that is a `T` serialized; `jsonText` is its only maker. */
export type JsonText<T> = string & { readonly jsonOf: T };

function jsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

export function planJsonText(plan: PlanRecord): JsonText<PlanJson> {
  const known = planTexts.get(plan);
  if (known !== undefined) return known;
  const text = jsonText(planJson(plan));
  if (Object.isFrozen(plan)) planTexts.set(plan, text);
  return text;
}
