/**
 * Working through the webhook inbox (issue 21): the due events of one athlete at a time, claimed
 * with a lease, each fetched from Strava with a fresh token and recorded on the athlete's active
 * plan through the same use case as a dropped file; then one message for what came of them.
 *
 * Strava's events are only hints, so nothing is believed that Strava's API does not confirm (the
 * webhook's address is public and its body unsigned): an activity is fetched with the athlete's
 * own token and must be theirs; a deletion is acted on only once Strava no longer has the
 * activity; a deauthorization only once Strava refuses our refresh token.
 *
 * Failures: a limit or an outage puts the event back with a time to retry (Strava's reset when it
 * said, else a growing wait), up to `MAX_ATTEMPTS`; a refused token means the athlete revoked us:
 * the link is deleted and they are told once.
 */
import { GoFastError } from '../../domain/errors.js';
import type { ActivityOutcome, UndoOutcome } from '../use-cases/record-activity.js';
import type { StravaContext } from './strava-context.js';
import { StravaApiError } from './strava-api.js';
import { activityFromStrava, isStravaRun } from './strava-activity.js';
import type { StravaConnection } from './strava-connection-store.js';
import type { StravaEventRecord } from './strava-event-inbox.js';
import { accessTokenFor, refreshLink } from './strava-tokens.js';

/** How long a claim lasts; a batch takes seconds unless Strava's limits make the client wait. */
const LEASE_MS = 3 * 60_000;
/** Events of one athlete worked on (and told) together. */
const BATCH_LIMIT = 25;
/** After this many tries an event is given up (its outcome says why); waits for a rate limit's reset do not count. */
const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

export type EventBatchResult = {
  /** Events claimed (0: nothing was due). */
  readonly claimed: number;
  readonly athleteId: string | null;
  /** Events put back to retry, with why, for the runner's log. */
  readonly retried: readonly { readonly key: string; readonly error: unknown }[];
  /** Why the athlete could not be told (their chat platform failed); absent when they were, or nothing was to tell. */
  readonly untold?: unknown;
};

type Step =
  | { readonly kind: 'done'; readonly outcome: string }
  | { readonly kind: 'logged'; readonly outcome: string; readonly logged: ActivityOutcome }
  | { readonly kind: 'undone'; readonly outcome: string; readonly undone: UndoOutcome }
  | { readonly kind: 'revoked'; readonly outcome: string };

const LINK_GONE_TEXT =
  'Strava no longer lets GoFast Coach read your activities, so your runs stopped logging themselves. /plan connect strava links it again.';

function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

/** Whether Strava refuses the link's refresh token (the athlete revoked us); a working one is stored. */
async function confirmRevoked(ctx: StravaContext, connection: StravaConnection): Promise<boolean> {
  try {
    await refreshLink(ctx, connection);
    return false;
  } catch (error) {
    if (error instanceof StravaApiError && error.code === 'unauthorized') return true;
    throw error;
  }
}

async function undoOnPlan(ctx: StravaContext, identity: string, activityId: string, why: string): Promise<Step> {
  const plan = await ctx.plans.activeSoloPlan(identity);
  if (plan === undefined) return { kind: 'done', outcome: `${why}; no active plan` };
  const undone = await ctx.plans.undoActivity(identity, plan.id, 'strava', activityId);
  return undone.undone ? { kind: 'undone', outcome: `${why}; undone`, undone } : { kind: 'done', outcome: `${why}; was not logged` };
}

async function activityStep(ctx: StravaContext, connection: StravaConnection, event: StravaEventRecord): Promise<Step> {
  const { identity } = connection;
  const token = await accessTokenFor(ctx, connection);
  if (event.aspect === 'delete') {
    try {
      await ctx.api.getActivity(token, event.objectId);
      return { kind: 'done', outcome: 'deletion not confirmed: the activity is still on Strava' };
    } catch (error) {
      if (error instanceof StravaApiError && error.code === 'not-found')
        return undoOnPlan(ctx, identity, event.objectId, 'deleted on Strava');
      throw error;
    }
  }
  let fetched;
  try {
    fetched = await ctx.api.getActivity(token, event.objectId);
  } catch (error) {
    if (error instanceof StravaApiError && error.code === 'not-found') return { kind: 'done', outcome: 'no longer on Strava' };
    throw error;
  }
  if (fetched.athleteId !== connection.athleteId) return { kind: 'done', outcome: 'ignored: the activity is not this athlete’s' };
  if (!isStravaRun(fetched)) {
    // A run changed to a ride on Strava is no longer a run on the plan either.
    return event.aspect === 'update'
      ? undoOnPlan(ctx, identity, fetched.id, `not a run (${fetched.sportType})`)
      : { kind: 'done', outcome: `not a run (${fetched.sportType})` };
  }
  // An edit logs a run only when it makes the activity a run (a ride changed to a run): a title or
  // privacy edit of a run the athlete undid must not log it again behind their back.
  if (event.aspect === 'update' && event.updates.type === undefined && event.updates.sport_type === undefined) {
    return { kind: 'done', outcome: 'edit that does not change the type: left alone' };
  }
  const plan = await ctx.plans.activeSoloPlan(identity);
  if (plan === undefined) return { kind: 'done', outcome: 'no active plan' };
  const logged = await ctx.plans.recordActivity(identity, plan.id, activityFromStrava(fetched));
  // An edit (a title, a corrected distance) of a run already logged says nothing; nor does an edit that still matches no day.
  const tell = logged.kind === 'recorded' || (logged.kind === 'not-matched' && event.aspect === 'create');
  return tell ? { kind: 'logged', outcome: logged.kind, logged } : { kind: 'done', outcome: logged.kind };
}

async function eventStep(ctx: StravaContext, connection: StravaConnection, event: StravaEventRecord): Promise<Step> {
  if (event.objectType === 'athlete') {
    if (event.updates.authorized !== 'false') return { kind: 'done', outcome: 'athlete update ignored' };
    return (await confirmRevoked(ctx, connection))
      ? { kind: 'revoked', outcome: 'deauthorized on Strava' }
      : { kind: 'done', outcome: 'deauthorization not confirmed: the tokens still work' };
  }
  return activityStep(ctx, connection, event);
}

/** Whether an error is worth another try, and when. */
function retryAt(ctx: StravaContext, event: StravaEventRecord, error: unknown): Date | null {
  const now = ctx.clock.now().getTime();
  // Our own budget running out is no fault of the event: it waits for the reset however often it
  // must (a backlog of many athletes' runs can take several windows), and is never given up for it.
  if (error instanceof StravaApiError && error.code === 'rate-limited')
    return error.retryAt ?? new Date(now + retryDelayMs(event.attempts));
  if (event.attempts >= MAX_ATTEMPTS) return null;
  if (error instanceof StravaApiError) {
    if (error.code === 'unavailable' || error.code === 'bad-response') {
      return error.retryAt ?? new Date(now + retryDelayMs(event.attempts));
    }
    return null;
  }
  // A plan error the athlete would read (a plan that ended, a week not generated) will not pass on retry.
  if (error instanceof GoFastError && error.userFacing) return null;
  return new Date(now + retryDelayMs(event.attempts));
}

/**
 * Claims and works on the due events of one athlete for `holder`, then tells the athlete. Call it
 * until `claimed` is 0.
 */
export async function processDueEvents(ctx: StravaContext, holder: string): Promise<EventBatchResult> {
  const events = await ctx.inbox.claimBatch(holder, ctx.clock.now(), LEASE_MS, BATCH_LIMIT);
  const athleteId = events[0]?.athleteId ?? null;
  if (athleteId === null) return { claimed: 0, athleteId: null, retried: [] };
  const connection = await ctx.connections.findByAthlete(athleteId);
  if (connection === undefined) {
    await ctx.inbox.complete(
      holder,
      events.map((e) => ({ key: e.key, outcome: 'no Strava link for this athlete' })),
    );
    return { claimed: events.length, athleteId, retried: [] };
  }
  const done: { key: string; outcome: string }[] = [];
  const retried: { key: string; error: unknown }[] = [];
  const logged: ActivityOutcome[] = [];
  const undone: UndoOutcome[] = [];
  let linkGone = false;
  for (const event of events) {
    if (linkGone) {
      done.push({ key: event.key, outcome: 'the Strava link is gone' });
      continue;
    }
    let step: Step;
    try {
      step = await eventStep(ctx, connection, event);
    } catch (error) {
      if (error instanceof StravaApiError && error.code === 'unauthorized') {
        step = { kind: 'revoked', outcome: 'Strava refused the token' };
      } else {
        const at = retryAt(ctx, event, error);
        const why = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 400) : 'failed';
        if (at === null) {
          done.push({ key: event.key, outcome: `gave up after ${event.attempts} tries: ${why}` });
        } else {
          await ctx.inbox.retryLater(holder, event.key, at, why);
        }
        retried.push({ key: event.key, error });
        continue;
      }
    }
    done.push({ key: event.key, outcome: step.outcome });
    if (step.kind === 'logged') logged.push(step.logged);
    if (step.kind === 'undone') undone.push(step.undone);
    if (step.kind === 'revoked') linkGone = true;
  }
  // The link is removed before the events are marked done: a crash in between retries them, and they find no link.
  if (linkGone) await ctx.connections.remove(connection.athleteId);
  await ctx.inbox.complete(holder, done);
  // Recorded first, told after: a message that cannot be posted must not log a run twice, nor
  // hold up the other athletes' events (the runner logs it and goes on).
  try {
    if (logged.length > 0) await ctx.notifier.activities(connection.identity, logged);
    for (const outcome of undone) await ctx.notifier.undone(connection.identity, outcome);
    if (linkGone) await ctx.notifier.tell(connection.identity, LINK_GONE_TEXT);
  } catch (error) {
    return { claimed: events.length, athleteId, retried, untold: error };
  }
  return { claimed: events.length, athleteId, retried };
}
