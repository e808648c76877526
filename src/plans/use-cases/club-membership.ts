/**
 * Joining and leaving a club, and where a member's own week goes (`setWeekDelivery`). Joining
 * makes the member's PERSONAL plan tied to the club: the club's race (or season's end) and
 * distance, its group days among the athlete's days with the long run on the club's long day, and
 * the athlete's own 5K, volume, recent long run and goal — through the plan use cases
 * (createPreview, confirmPlan), so PLAN-RULES v2 and one active plan per athlete hold as for any
 * plan.
 *
 * Settlement (one active plan): an athlete with an active solo plan is asked first, as `/plan new`
 * asks — Replace or Keep. The answer `ask` stores a draft tied to the club that records the plan
 * it would replace; Replace (`completeJoin`) builds and confirms it, which cancels the old plan in
 * the same guarded step; Keep cancels the draft and the athlete is not a member. Where the member
 * wants their weeks is not a plan's field: the caller carries it to `completeJoin` (the
 * conversation on the Replace button), so stored plans keep their shape. A goal more than
 * 8% faster than predicted (C-goal's "choose") is refused with one sentence: the join has no
 * preview to choose on, and the safer plan is the predicted time's, which leaving the goal out gives.
 */
import { parseDayName } from '../../domain/day-names.js';
import { computePaces, goalRealism } from '../../domain/paces.js';
import { parseFiveK, parsePlanInputs } from '../../domain/plan-inputs.js';
import { parseRaceDistance, type Units } from '../../domain/units.js';
import { formatDuration } from '../../domain/time.js';
import type { Delivery, Draft, PlanRecord } from '../plan-record.js';
import { todayFor } from '../plan-schedule.js';
import { clubGoalDate, type ClubRecord, type WeekDelivery } from '../club-record.js';
import { ClubError, clubClosed } from '../club-errors.js';
import { loadClub, makeSolo, writeClub, type ClubContext } from './club-context.js';

export type JoinRequest = {
  readonly fiveK: string;
  readonly mileage: string;
  readonly recentLong?: string;
  readonly goal?: string;
  /** Days the athlete runs beside the group days (`mon,wed` or `1,3`). */
  readonly extraDays?: string;
  readonly units?: string;
  readonly weekDelivery: WeekDelivery;
  /** The athlete's zone when the platform knows it; else the club's. */
  readonly timezone?: string | null;
  readonly requestKey?: string;
};

export type JoinOutcome =
  | { readonly kind: 'joined'; readonly club: ClubRecord; readonly plan: PlanRecord }
  /** The athlete has an active solo plan: Replace (`completeJoin(draftId)`) or Keep. */
  | { readonly kind: 'ask'; readonly club: ClubRecord; readonly active: PlanRecord; readonly draftId: string };

/** `mon,wed`, `1,3` or `monday wednesday` → day numbers; undefined for a word that is no day. */
function extraDayNumbers(text: string | undefined): number[] | undefined {
  if (text === undefined || text.trim() === '') return [];
  const days: number[] = [];
  for (const word of text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)) {
    const n = parseDayName(word);
    if (n === undefined) return undefined;
    days.push(n);
  }
  return days;
}

/**
 * Without a goal the member trains for the time their 5K predicts over the club's distance (the
 * plan inputs need a goal; PLAN-RULES' target pace is then the predicted one).
 */
function predictedGoal(distance: string, fiveK: string, units: Units): string {
  const fiveKSeconds = parseFiveK(fiveK.trim(), units);
  if (fiveKSeconds === undefined) throw new ClubError('INVALID_INPUT', `"${fiveK}" is not a 5K time: write it MM:SS, from 12:00 to 60:00`);
  const miles = parseRaceDistance(distance, units)?.miles;
  if (miles === undefined) throw new ClubError('INVALID_INPUT', `the club's distance "${distance}" is not one I know`);
  return formatDuration(computePaces({ distanceMiles: miles, goalTimeSeconds: fiveKSeconds, fiveKSeconds }).predictedTime);
}

/** The member's draft: the club's race and group days, the athlete's own running. */
function memberDraft(club: ClubRecord, request: JoinRequest): Draft {
  const extra = extraDayNumbers(request.extraDays);
  if (extra === undefined) throw new ClubError('INVALID_INPUT', `"${request.extraDays}" are not days: write them as tue,thu or 2,4`);
  const { longDay, qualityDays, easyDays } = club.groupDays;
  const days = [...new Set([longDay, ...qualityDays, ...easyDays, ...extra])].sort((a, b) => a - b);
  const given = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
  const distance = club.race?.distance ?? club.season?.distance ?? '';
  const units: Units = request.units?.trim().toLowerCase() === 'km' ? 'km' : 'mi';
  return {
    raceName: club.race?.name ?? `${club.season?.name ?? club.name} time trial`,
    distance,
    raceDate: clubGoalDate(club),
    fiveK: request.fiveK,
    mileage: request.mileage,
    days: days.join(','),
    longDay: String(longDay),
    ...(qualityDays.length > 0 ? { qualityDays: qualityDays.join(',') } : {}),
    ...(given(request.recentLong) ? { recentLong: request.recentLong } : {}),
    goal: given(request.goal) ? request.goal : predictedGoal(distance, request.fiveK, units),
    ...(given(request.units) ? { units: request.units } : {}),
  };
}

function memberDelivery(club: ClubRecord, request: Pick<JoinRequest, 'timezone'>): Partial<Delivery> {
  return {
    // The plan's own deliveries go by DM: its daily reminders are the member's own, and a channel
    // post each would bring back the thirty full weeks a Sunday that clubs are meant to end. The
    // member's week itself goes out with the club's weekly post, which reads `weekDelivery` (a
    // reply in the week's thread, or a DM) — not from here.
    target: 'dm',
    channelId: null,
    timezone: request.timezone ?? club.delivery.timezone,
    postingDay: club.delivery.postingDay,
    postingHour: club.delivery.postingHour,
  };
}

/** Checks the inputs as the plan use cases will (nothing stored on a refusal), and C-goal's choice. */
function checkDraft(draft: Draft, delivery: Partial<Delivery>, now: Date): void {
  const { inputs } = parsePlanInputs(draft, todayFor({ timezone: delivery.timezone ?? 'UTC' }, now));
  const paces = computePaces(inputs);
  if (goalRealism(paces) === 'choose') {
    throw new ClubError(
      'INVALID_INPUT',
      `your goal ${draft.goal} is more than 8% faster than the ${formatDuration(paces.predictedTime)} your 5K predicts: join with a closer goal or none`,
    );
  }
}

function openClubOf(club: ClubRecord, identity: string): void {
  if (club.status !== 'active') throw clubClosed(club.name);
  if (club.members.some((m) => m.identity === identity)) {
    throw new ClubError('WRONG_STATE', `you are already a member of ${club.name}; /plan status shows your plan`);
  }
}

/** Records the member on the club; a club closed meanwhile leaves the new plan a solo plan. */
async function addMember(ctx: ClubContext, club: ClubRecord, plan: PlanRecord, weekDelivery: WeekDelivery): Promise<JoinOutcome> {
  try {
    const joined = await writeClub(ctx, club.id, (current) => {
      if (current.members.some((m) => m.identity === plan.owner)) return { done: current };
      if (current.status !== 'active') throw clubClosed(current.name);
      const member = { identity: plan.owner, planId: plan.id, joinedAt: ctx.clock.now(), weekDelivery };
      return { guard: { revision: current.revision, statuses: ['active'] }, change: { members: [...current.members, member] } };
    });
    return { kind: 'joined', club: joined, plan };
  } catch (error) {
    await makeSolo(ctx, plan.id, club.id);
    throw error;
  }
}

export async function joinClub(ctx: ClubContext, identity: string, clubId: string, request: JoinRequest): Promise<JoinOutcome> {
  const club = await loadClub(ctx, clubId);
  openClubOf(club, identity);
  const fields = memberDraft(club, request);
  const delivery = memberDelivery(club, request);
  checkDraft(fields, delivery, ctx.clock.now());
  const requestKey = request.requestKey === undefined ? {} : { requestKey: request.requestKey };
  const active = await ctx.plans.activeSoloPlan(identity);
  if (active) {
    const draft = await ctx.plans.startDraft({ owner: identity, fields, delivery, replacesPlanId: active.id, clubId, ...requestKey });
    return { kind: 'ask', club, active, draftId: draft.id };
  }
  const preview = await ctx.plans.createPreview({ owner: identity, fields, delivery, clubId, ...requestKey });
  const plan = await ctx.plans.confirmPlan(identity, preview.id);
  return addMember(ctx, club, plan, request.weekDelivery);
}

/**
 * Replace, after `ask`: the draft tied to the club is previewed and confirmed, replacing the old
 * plan. `weekDelivery` is the member's choice made with the join, carried by the question's answer.
 */
export async function completeJoin(
  ctx: ClubContext,
  identity: string,
  draftId: string,
  weekDelivery: WeekDelivery = 'thread',
): Promise<JoinOutcome> {
  const draft = await ctx.plans.getPlan(identity, draftId);
  if (draft.clubId === undefined || draft.clubId === null) throw new ClubError('WRONG_STATE', 'that question is not about a club any more');
  const club = await loadClub(ctx, draft.clubId);
  if (draft.status === 'active' && club.members.some((m) => m.planId === draft.id)) return { kind: 'joined', club, plan: draft };
  if (draft.status !== 'draft' && draft.status !== 'preview' && draft.status !== 'active') {
    throw new ClubError('WRONG_STATE', `that question was answered already: the plan is ${draft.status}`);
  }
  openClubOf(club, identity);
  const preview = draft.status === 'draft' ? await ctx.plans.previewPlan(identity, draft.id) : draft;
  const plan = preview.status === 'active' ? preview : await ctx.plans.confirmPlan(identity, preview.id);
  return addMember(ctx, club, plan, weekDelivery);
}

/** `/plan club weeks thread|dm`: where the member's own week goes from the next weekly post on. */
export async function setWeekDelivery(ctx: ClubContext, identity: string, clubId: string, weekDelivery: WeekDelivery): Promise<ClubRecord> {
  return writeClub(ctx, clubId, (club) => {
    if (club.status !== 'active') throw new ClubError('WRONG_STATE', `the club ${club.name} is closed and posts no more weeks`);
    const member = club.members.find((m) => m.identity === identity);
    if (!member) throw new ClubError('INVALID_INPUT', `you are not a member of ${club.name}: /plan club join joins it`);
    if (member.weekDelivery === weekDelivery) return { done: club };
    const members = club.members.map((m) => (m.identity === identity ? { ...m, weekDelivery } : m));
    return { guard: { revision: club.revision, statuses: ['active'] }, change: { members } };
  });
}

export type LeaveChoice = 'keep' | 'cancel';

/** Leaving: the plan stays as a solo plan (`keep`) or is cancelled (`cancel`), as the member chooses. */
export async function leaveClub(
  ctx: ClubContext,
  identity: string,
  clubId: string,
  choice: LeaveChoice,
): Promise<{ club: ClubRecord; plan: PlanRecord }> {
  let planId: string | undefined;
  const club = await writeClub(ctx, clubId, (current) => {
    const member = current.members.find((m) => m.identity === identity);
    if (!member) throw new ClubError('INVALID_INPUT', `you are not a member of ${current.name}`);
    planId = member.planId;
    return { guard: { revision: current.revision }, change: { members: current.members.filter((m) => m.identity !== identity) } };
  });
  if (planId === undefined) throw new ClubError('WRONG_STATE', 'you are not a member of this club');
  await makeSolo(ctx, planId, clubId);
  const plan = await ctx.plans.getPlan(identity, planId);
  if (choice === 'cancel' && (plan.status === 'active' || plan.status === 'preview' || plan.status === 'draft')) {
    return { club, plan: await ctx.plans.cancelPlan(identity, planId) };
  }
  return { club, plan };
}
