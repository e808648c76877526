/**
 * The conversation core: `handle(intent) → View[]`, the same on every surface. A command goes to
 * its spec in the command registry, a form submission to its form spec, a button to its action,
 * a run's file to the activity log (activity-file-actions.ts);
 * each calls one use case and answers with views. User-facing errors (bad input, not your plan,
 * wrong state) become friendly views, a database that cannot be reached a "try again in a minute";
 * anything else is logged once, here, with its context, and
 * shown as a short apology with a reference id.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { GoFastError, InputError } from '../domain/errors.js';
import type { Clock } from '../plans/plan-context.js';
import { NotYourPlanError } from '../plans/plan-errors.js';
import { ClubError } from '../plans/club-errors.js';
import type { PlanUseCases } from '../plans/plan-use-cases.js';
import type { StravaLinking } from '../plans/strava/strava-use-cases.js';
import type { ActivityFileParser } from '../plans/activity-files/parse-activity-file.js';
import type { ClubUseCases } from '../plans/club-use-cases.js';
import { logActivityFile } from './activity-file-actions.js';
import { clubHome, type ClubHome } from './club-home.js';
import { cachedClubRoles, type ClubRoles } from './club-roles.js';
import { pressButton } from './button-actions.js';
import { COMMANDS, type CommandRegistry } from './commands/index.js';
import { runCommand } from './commands/run-command.js';
import { formSpec } from './forms/index.js';
import type { HandlerContext } from './handler-context.js';
import { FileUnavailableError, type Intent, type IntentActor } from './intents.js';
import { mentionOf } from './mentions.js';
import { pauseReasonText } from './pause-notice.js';
import { PROGRESS_DELAY_MS, watchWriting, withProgress, type ProgressListener } from './progress.js';
import { textView } from './plan-views.js';
import type { View } from './views.js';
import type { WeekMessages } from './week-messages.js';

/** How a surface takes part in one `handle` call. */
export type HandleOptions = {
  /**
   * Shows a progress line ("Writing your plan…") where the answer will go. Called at most once,
   * only when the answer is not ready after `progressDelayMs` (see progress.ts), never after it;
   * the answer waits for what it returns, so the surface can then replace or remove the line.
   */
  readonly onProgress?: ProgressListener;
};

export type Conversation = {
  handle(intent: Intent, options?: HandleOptions): Promise<View[]>;
  /** The commands it answers: surfaces derive their menus, grammar and private replies from them. */
  readonly commands: CommandRegistry;
  /**
   * The coach's view of the clubs `actor` administers, for a home screen (club-home.ts); null when
   * they administer none. Never throws: a home shows what it can without its clubs.
   */
  clubHome(actor: IntentActor): Promise<ClubHome | null>;
};

export type ConversationDeps = {
  readonly plans: PlanUseCases;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Default: every command of `commands/index.ts`. */
  readonly commands?: CommandRegistry;
  /** How long an answer may take before the progress line is shown; default `PROGRESS_DELAY_MS`. */
  readonly progressDelayMs?: number;
  /** Edits posted week messages after a change (the running chat platforms' posters). */
  readonly weekMessages?: WeekMessages;
  /** Clubs (`/plan club`, issue 19); without them `/plan club` says clubs are not set up here. */
  readonly clubs?: ClubUseCases;
  /** The platform's channel-admin check (cached here for a minute); absent: only each club's own admins. */
  readonly clubRoles?: ClubRoles;
  /** Strava linking (`/plan connect strava`, issue 21); without it those commands say Strava is not set up here. */
  readonly strava?: StravaLinking;
  /** Reads dropped run files off the event loop (the app's worker thread); absent: on this thread. */
  readonly parseActivityFile?: ActivityFileParser;
};

/** Told at the next interaction: weeks could not be delivered and are paused until settings change. */
async function pausedNotice(plans: PlanUseCases, actor: IntentActor): Promise<View[]> {
  const plan = await plans.currentPlan(actor.identity);
  if (!plan || plan.status !== 'active' || !plan.delivery.paused) return [];
  const reason = pauseReasonText(plan.delivery.pauseReason);
  return [
    textView(
      `I could not deliver your weekly plan: ${reason}. Delivery is paused; /plan settings chooses where weeks go and resumes it. /plan week shows this week now.`,
      { ephemeral: true },
    ),
  ];
}

/** The reply when the platform would not give a dropped file. */
const FILE_UNAVAILABLE_REPLY = 'I could not download that file, so nothing was logged; send it again in a moment.';

/** The reply while the database cannot be reached (STORAGE_UNAVAILABLE), on every surface. */
export const STORAGE_UNAVAILABLE_REPLY = 'The coach is catching its breath — try again in a minute.';

/** The reply when a surface's waiting line for work is full (too many requests at once), on every surface. */
export const BUSY_REPLY = 'The coach is busy right now — try again in a minute.';

/** The friendly line for an error the user can act on; undefined for a bug. */
function userFacing(error: unknown): View | undefined {
  if (error instanceof NotYourPlanError) {
    return textView('That plan belongs to someone else; only its owner can change it. Start your own with /plan.', { ephemeral: true });
  }
  if (error instanceof InputError) {
    return textView(
      `Check ${Object.entries(error.fields)
        .map(([f, m]) => `${f}: ${m}`)
        .join('; ')}`,
      { ephemeral: true },
    );
  }
  if (error instanceof GoFastError && error.userFacing) {
    // A club refusal about a person names them as chat shows people, not by their identity.
    const message = error instanceof ClubError ? error.namedBy(mentionOf) : error.message;
    const text = message.charAt(0).toUpperCase() + message.slice(1);
    return textView(`${text}.`, { ephemeral: true });
  }
  return undefined;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const commands = deps.commands ?? COMMANDS;
  const clubRoles = deps.clubRoles === undefined ? undefined : cachedClubRoles(deps.clubRoles, deps.clock);
  // The help reply is written in the style of the actor's surface (options on Discord).
  const contextFor = (actor: IntentActor, plans: PlanUseCases): HandlerContext => ({
    plans,
    clock: deps.clock,
    help: (intro) => commands.helpView(intro, actor.commandStyle),
    ...(deps.weekMessages === undefined ? {} : { weekMessages: deps.weekMessages }),
    ...(deps.clubs === undefined ? {} : { clubs: deps.clubs }),
    ...(clubRoles === undefined ? {} : { clubRoles }),
    ...(deps.strava === undefined ? {} : { strava: deps.strava }),
    ...(deps.parseActivityFile === undefined ? {} : { parseActivityFile: deps.parseActivityFile }),
  });

  async function dispatch(intent: Intent, plans: PlanUseCases): Promise<View[]> {
    const ctx = contextFor(intent.actor, plans);
    switch (intent.kind) {
      case 'command':
        return [...(await pausedNotice(ctx.plans, intent.actor)), ...(await runCommand(ctx, commands, intent))];
      case 'form': {
        const form = formSpec(intent.formId);
        if (!form) return [textView('That form is no longer valid; start again with /plan.', { ephemeral: true })];
        if (intent.keepOnly === true) return form.keep ? form.keep(ctx, intent) : [];
        return form.submit(ctx, intent);
      }
      case 'button':
        return pressButton(ctx, intent);
      case 'activity-file':
        return logActivityFile(ctx, intent);
    }
  }

  /** The views answering `intent`; every error becomes one (see `userFacing`). */
  async function answer(intent: Intent, plans: PlanUseCases): Promise<View[]> {
    try {
      return await dispatch(intent, plans);
    } catch (error) {
      const shown = userFacing(error);
      if (shown) return [shown];
      if (error instanceof FileUnavailableError && intent.kind === 'activity-file') {
        // The platform's side, and the athlete can act on it: told in one sentence, logged as a warning.
        deps.logger.warn({ err: error, user: intent.actor.identity, file: intent.filename }, 'a dropped file could not be downloaded');
        return [textView(FILE_UNAVAILABLE_REPLY, { ephemeral: true })];
      }
      if (error instanceof GoFastError && error.code === 'STORAGE_UNAVAILABLE') {
        // An outage that ends by itself, not a bug: no ref to quote, just when to come back.
        deps.logger.warn({ err: error, intent: intent.kind, user: intent.actor.identity }, 'intent failed: the database cannot be reached');
        return [textView(STORAGE_UNAVAILABLE_REPLY, { ephemeral: true })];
      }
      const ref = randomBytes(4).toString('hex');
      deps.logger.error(
        {
          err: error,
          ref,
          intent: intent.kind,
          user: intent.actor.identity,
          ...(intent.kind === 'button' ? { action: intent.actionId, planId: intent.planId } : {}),
          ...(intent.kind === 'form' ? { form: intent.formId, planId: intent.planId } : {}),
          ...(intent.kind === 'command' ? { command: intent.command.name } : {}),
          ...(intent.kind === 'activity-file' ? { file: intent.filename, size: intent.size } : {}),
        },
        'intent failed',
      );
      return [textView(`Sorry, something went wrong on our side (ref ${ref}). Please try again in a moment.`, { ephemeral: true })];
    }
  }

  return {
    commands,
    async clubHome(actor) {
      try {
        return await clubHome(contextFor(actor, deps.plans), actor, deps.logger);
      } catch (error) {
        deps.logger.warn({ err: error, user: actor.identity }, 'could not gather the clubs for the home; showing it without them');
        return null;
      }
    },
    async handle(intent, options = {}) {
      const { onProgress } = options;
      if (onProgress === undefined) return answer(intent, deps.plans);
      const watched = watchWriting(deps.plans);
      return withProgress(answer(intent, watched.plans), {
        onProgress,
        writing: watched.writing,
        logger: deps.logger,
        delayMs: deps.progressDelayMs ?? PROGRESS_DELAY_MS,
      });
    },
  };
}
