/**
 * `/plan connect strava` and `/plan disconnect strava` (issue 21): link the caller's Strava account
 * so their runs log themselves, or unlink it. The authorize link says who asked, so it is private
 * and works once, for 15 minutes (src/plans/strava/strava-linking.ts).
 */
import { STRAVA_APPS_SETTINGS_URL } from '../../plans/strava/strava-linking.js';
import { textView } from '../plan-views.js';
import type { HandlerContext } from '../handler-context.js';
import type { CommandIntent } from '../intents.js';
import type { View } from '../views.js';
import type { CommandArgument, CommandSpec } from './command-spec.js';

const STRAVA = 'strava';

const serviceArgument = (verb: string): CommandArgument => ({
  name: 'service',
  kind: 'text',
  description: `What to ${verb}: strava`,
  required: false,
  choices: [{ value: STRAVA, label: 'Strava' }],
  positional: { placeholder: STRAVA },
});

const NOT_SET_UP =
  'Strava is not set up on this coach (the operator sets STRAVA_CLIENT_ID and the other Strava settings). You can still send me a run’s .fit, .gpx or .tcx file.';

/** The service asked for, or the one-sentence answer when it is not one we connect. */
function serviceOf({ command }: CommandIntent, verb: string): View[] | null {
  const service = (command.positional[0] ?? command.args.service ?? STRAVA).trim().toLowerCase();
  if (service === STRAVA || service === '') return null;
  return [textView(`I can ${verb} Strava only: /plan ${verb} strava.`, { ephemeral: true })];
}

async function connect(ctx: HandlerContext, intent: CommandIntent): Promise<View[]> {
  const refused = serviceOf(intent, 'connect');
  if (refused !== null) return refused;
  if (ctx.strava === undefined) return [textView(NOT_SET_UP, { ephemeral: true })];
  const link = await ctx.strava.connectLink(intent.actor.identity);
  const already =
    link.connectedAs === null
      ? ''
      : ` You are already connected${link.connectedAs.athleteName === null ? '' : ` as ${link.connectedAs.athleteName}`}; connecting again replaces that link.`;
  return [
    textView(
      `Connect Strava: ${link.url}\nOpen it, authorize GoFast Coach, and your runs (Run, Trail Run, Virtual Run) will log themselves on your plan. The link is yours alone and works once, for 15 minutes.${already}`,
      { ephemeral: true },
    ),
  ];
}

async function disconnect(ctx: HandlerContext, intent: CommandIntent): Promise<View[]> {
  const refused = serviceOf(intent, 'disconnect');
  if (refused !== null) return refused;
  if (ctx.strava === undefined) return [textView(NOT_SET_UP, { ephemeral: true })];
  const outcome = await ctx.strava.disconnect(intent.actor.identity);
  if (outcome.kind === 'not-connected') return [textView('Strava is not connected; nothing to disconnect.', { ephemeral: true })];
  const text = outcome.revokedOnStrava
    ? 'Strava disconnected: GoFast Coach no longer has access and your tokens are deleted. Runs already logged stay on your plan.'
    : `Strava disconnected here and your tokens are deleted, but Strava could not be reached to revoke access: remove GoFast Coach at ${STRAVA_APPS_SETTINGS_URL} too.`;
  return [textView(text, { ephemeral: true })];
}

export const connectCommand = {
  name: 'connect',
  description: 'Connect Strava: your runs log themselves',
  help: { summary: 'connect your Strava account, so your runs log themselves on your plan' },
  arguments: [serviceArgument('connect')],
  who: 'anyone',
  private: true,
  handle: connect,
} satisfies CommandSpec;

export const disconnectCommand = {
  name: 'disconnect',
  description: 'Disconnect Strava and delete its tokens',
  help: { summary: 'disconnect Strava: access revoked, tokens deleted' },
  arguments: [serviceArgument('disconnect')],
  who: 'anyone',
  private: true,
  handle: disconnect,
} satisfies CommandSpec;
