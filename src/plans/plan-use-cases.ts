/**
 * The use cases bound to their dependencies: what every adapter (console, Slack, Discord, HTTP)
 * and the scheduler call. Each method is one use case from `use-cases/`.
 */
import type { DayMark } from '../domain/schemas.js';
import type { Draft, PlanRecord, PlanStatus } from './plan-record.js';
import type { Actor, PlanContext } from './plan-context.js';
import { cancelPlan, completeIfFinished } from './use-cases/close-plan.js';
import { confirmPlan } from './use-cases/confirm-plan.js';
import { startDraft, updateDraft, type StartDraftRequest } from './use-cases/draft-plan.js';
import { calendarFeed, exportPlanIcs, type IcsFile } from './use-cases/export-ical.js';
import { fitWorkouts, sharedFitWorkouts, type FitZip } from './use-cases/export-fit.js';
import { sharePlan, sharedPlan, unsharePlan, type SharedLink } from './use-cases/share-plan.js';
import { ensureWeek, generateNextWeek, requestWeek, type WeekResult } from './use-cases/generate-week.js';
import { logExecution } from './use-cases/log-execution.js';
import { markDay } from './use-cases/mark-day.js';
import { recordActivity, undoActivity, type ActivityOutcome, type UndoOutcome } from './use-cases/record-activity.js';
import type { Activity, ActivitySource } from '../domain/activity.js';
import { moveDay, moveTargets, type MoveRequest, type MoveResult } from './use-cases/move-day.js';
import { crossTrain, type CrossRequest, type CrossResult } from './use-cases/cross-train.js';
import { updateSettings, type SettingsChange } from './use-cases/update-settings.js';
import { createPreview, previewPlan, regeneratePreview } from './use-cases/preview-plan.js';
import type { PlanPage } from './plan-store.js';
import { activeSoloPlan, currentPlan, getPlan, listPlanPage, listPlans, type PlanListPage } from './use-cases/query-plans.js';
import { regenerateWeek } from './use-cases/regenerate-week.js';
import { addTuneUp, type TuneUpRequest, type TuneUpResult } from './use-cases/add-tune-up.js';
import { choosePaces, recordResult, type PaceChoice, type ResultOutcome, type ResultRequest } from './use-cases/record-result.js';
import { pausePlan, resumePlan, type PauseRequest, type ResumeOutcome } from './use-cases/pause-plan.js';
import {
  applyPendingChange,
  dropPendingChange,
  proposeRaceChange,
  type RaceChangePreview,
  type RaceChangeRequest,
} from './use-cases/change-race.js';

export type PlanUseCases = {
  startDraft(request: StartDraftRequest): Promise<PlanRecord>;
  updateDraft(actor: Actor, planId: string, fields: Draft): Promise<PlanRecord>;
  previewPlan(actor: Actor, planId: string): Promise<PlanRecord>;
  createPreview(request: StartDraftRequest): Promise<PlanRecord>;
  regeneratePreview(actor: Actor, planId: string): Promise<PlanRecord>;
  confirmPlan(actor: Actor, planId: string): Promise<PlanRecord>;
  generateNextWeek(actor: Actor, planId: string): Promise<WeekResult>;
  ensureWeek(actor: Actor, planId: string, weekNumber: number): Promise<WeekResult>;
  requestWeek(actor: Actor, planId: string, weekNumber: number, previousWeekExecution?: unknown): Promise<WeekResult>;
  regenerateWeek(actor: Actor, planId: string, weekNumber: number): Promise<WeekResult>;
  logExecution(actor: Actor, planId: string, weekNumber: number, log: unknown): Promise<PlanRecord>;
  markDay(actor: Actor, planId: string, weekNumber: number, dayNumber: number, status: DayMark['status']): Promise<PlanRecord>;
  /** A run from Strava or a file, recorded on its plan day (issue 21); the same activity twice records once. */
  recordActivity(actor: Actor, planId: string, activity: Activity): Promise<ActivityOutcome>;
  /** Takes a recorded run back off its day: the day and the week's log are as they were. */
  undoActivity(actor: Actor, planId: string, source: ActivitySource, sourceId: string): Promise<UndoOutcome>;
  updateSettings(actor: Actor, planId: string, change: SettingsChange): Promise<PlanRecord>;
  /** Moves one day of a week to another day of it, within PLAN-RULES (`/plan move`). */
  moveDay(actor: Actor, planId: string, request: MoveRequest): Promise<MoveResult>;
  /** The days a day of week N may move to now, within PLAN-RULES (the Move… choice). */
  moveTargets(actor: Actor, planId: string, weekNumber: number, dayNumber: number): Promise<number[]>;
  /** Turns a run day into time-equivalent cross-training (`/plan cross`). */
  crossTrain(actor: Actor, planId: string, request: CrossRequest): Promise<CrossResult>;
  cancelPlan(actor: Actor, planId: string): Promise<PlanRecord>;
  completeIfFinished(actor: Actor, planId: string): Promise<PlanRecord>;
  getPlan(actor: Actor, planId: string): Promise<PlanRecord>;
  listPlans(filter: { owner?: string; statuses?: readonly PlanStatus[] }): Promise<PlanRecord[]>;
  /** A page of plans, newest first by creation, with the cursor of the next page. */
  listPlanPage(filter: { owner?: string; statuses?: readonly PlanStatus[] }, page: PlanPage): Promise<PlanListPage>;
  currentPlan(owner: string): Promise<PlanRecord | undefined>;
  /** The owner's one active plan that a new one would replace (see `activeSoloPlanOf`). */
  activeSoloPlan(owner: string): Promise<PlanRecord | undefined>;
  exportPlanIcs(actor: Actor, planId: string): Promise<IcsFile>;
  /** Week N (default: this week) as a zip of FIT workouts, one per run day (`/plan export fit`). */
  fitWorkouts(actor: Actor, planId: string, week?: number): Promise<FitZip>;
  /** The same through a share link (`GET /p/<token>/fit`); undefined when the token opens no plan. */
  sharedFitWorkouts(token: string, week?: number): Promise<FitZip | undefined>;
  /**
   * The live calendar feed of a plan, as the operator (a share link's route resolves its token to
   * the plan id first): made weeks, projected weeks as tentative, the race and tune-ups.
   */
  calendarFeed(planId: string): Promise<IcsFile>;
  /** A new share link to the plan's web page, retiring its earlier one (`/plan share`). */
  sharePlan(actor: Actor, planId: string): Promise<SharedLink>;
  /** Retires the plan's share link at once; false when it had none (`/plan share off`). */
  unsharePlan(actor: Actor, planId: string): Promise<boolean>;
  /** The plan a share token opens, or undefined (malformed, unknown, revoked, or no longer shareable). */
  sharedPlan(token: string): Promise<PlanRecord | undefined>;
  /** Adds a tune-up race, remaking the weeks around it not yet started (`/plan tuneup`). */
  addTuneUp(actor: Actor, planId: string, request: TuneUpRequest): Promise<TuneUpResult>;
  /** Records a race or time trial; new paces wait for Accept / Keep when they move over 1% (`/plan result`). */
  recordResult(actor: Actor, planId: string, request: ResultRequest): Promise<ResultOutcome>;
  /** Accept (true) or Keep the pending paces `pendingId`. */
  choosePaces(actor: Actor, planId: string, pendingId: string, accept: boolean): Promise<PaceChoice>;
  pausePlan(actor: Actor, planId: string, request: PauseRequest): Promise<PlanRecord>;
  /** `showsWeek` (default true): the caller shows the current week, so the scheduler posts the next. */
  resumePlan(actor: Actor, planId: string, showsWeek?: boolean): Promise<ResumeOutcome>;
  proposeRaceChange(actor: Actor, planId: string, request: RaceChangeRequest): Promise<RaceChangePreview>;
  applyPendingChange(actor: Actor, planId: string, changeId: string, option: number): Promise<PlanRecord>;
  dropPendingChange(actor: Actor, planId: string, changeId: string): Promise<PlanRecord>;
};

export function createPlanUseCases(ctx: PlanContext): PlanUseCases {
  return {
    startDraft: (request) => startDraft(ctx, request),
    updateDraft: (actor, planId, fields) => updateDraft(ctx, actor, planId, fields),
    previewPlan: (actor, planId) => previewPlan(ctx, actor, planId),
    createPreview: (request) => createPreview(ctx, request),
    regeneratePreview: (actor, planId) => regeneratePreview(ctx, actor, planId),
    confirmPlan: (actor, planId) => confirmPlan(ctx, actor, planId),
    generateNextWeek: (actor, planId) => generateNextWeek(ctx, actor, planId),
    ensureWeek: (actor, planId, weekNumber) => ensureWeek(ctx, actor, planId, weekNumber),
    requestWeek: (actor, planId, weekNumber, previousWeekExecution) => requestWeek(ctx, actor, planId, weekNumber, previousWeekExecution),
    regenerateWeek: (actor, planId, weekNumber) => regenerateWeek(ctx, actor, planId, weekNumber),
    logExecution: (actor, planId, weekNumber, log) => logExecution(ctx, actor, planId, weekNumber, log),
    markDay: (actor, planId, weekNumber, dayNumber, status) => markDay(ctx, actor, planId, weekNumber, dayNumber, status),
    recordActivity: (actor, planId, activity) => recordActivity(ctx, actor, planId, activity),
    undoActivity: (actor, planId, source, sourceId) => undoActivity(ctx, actor, planId, source, sourceId),
    updateSettings: (actor, planId, change) => updateSettings(ctx, actor, planId, change),
    moveDay: (actor, planId, request) => moveDay(ctx, actor, planId, request),
    moveTargets: (actor, planId, weekNumber, dayNumber) => moveTargets(ctx, actor, planId, weekNumber, dayNumber),
    crossTrain: (actor, planId, request) => crossTrain(ctx, actor, planId, request),
    cancelPlan: (actor, planId) => cancelPlan(ctx, actor, planId),
    completeIfFinished: (actor, planId) => completeIfFinished(ctx, actor, planId),
    getPlan: (actor, planId) => getPlan(ctx, actor, planId),
    listPlans: (filter) => listPlans(ctx, filter),
    listPlanPage: (filter, page) => listPlanPage(ctx, filter, page),
    currentPlan: (owner) => currentPlan(ctx, owner),
    activeSoloPlan: (owner) => activeSoloPlan(ctx, owner),
    exportPlanIcs: (actor, planId) => exportPlanIcs(ctx, actor, planId),
    fitWorkouts: (actor, planId, week) => fitWorkouts(ctx, actor, planId, week),
    sharedFitWorkouts: (token, week) => sharedFitWorkouts(ctx, token, week),
    calendarFeed: (planId) => calendarFeed(ctx, planId),
    sharePlan: (actor, planId) => sharePlan(ctx, actor, planId),
    unsharePlan: (actor, planId) => unsharePlan(ctx, actor, planId),
    sharedPlan: (token) => sharedPlan(ctx, token),
    addTuneUp: (actor, planId, request) => addTuneUp(ctx, actor, planId, request),
    recordResult: (actor, planId, request) => recordResult(ctx, actor, planId, request),
    choosePaces: (actor, planId, pendingId, accept) => choosePaces(ctx, actor, planId, pendingId, accept),
    pausePlan: (actor, planId, request) => pausePlan(ctx, actor, planId, request),
    resumePlan: (actor, planId, showsWeek) => resumePlan(ctx, actor, planId, showsWeek),
    proposeRaceChange: (actor, planId, request) => proposeRaceChange(ctx, actor, planId, request),
    applyPendingChange: (actor, planId, changeId, option) => applyPendingChange(ctx, actor, planId, changeId, option),
    dropPendingChange: (actor, planId, changeId) => dropPendingChange(ctx, actor, planId, changeId),
  };
}
