/**
 * Linking a chat identity to a Strava athlete (issue 21): `/plan connect strava` makes an authorize
 * link whose `state` says who asked (one use, 15 minutes, only its hash stored); Strava sends the
 * athlete back to `/strava/callback`, where the code is exchanged and the tokens stored (encrypted,
 * by the store). `/plan disconnect strava` revokes our access on Strava and deletes the tokens.
 *
 * Settlement: when Strava cannot be reached to deauthorize, the tokens are deleted anyway (we can
 * no longer use them, which is what the athlete asked) and the athlete is told to revoke the app
 * on Strava's settings page too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AUTHORIZATION_TTL_MS, STRAVA_CALLBACK_PATH, type StravaContext } from './strava-context.js';
import { StravaApiError } from './strava-api.js';
import { accessTokenFor } from './strava-tokens.js';

/** Where athletes see and revoke the apps they authorized. */
export const STRAVA_APPS_SETTINGS_URL = 'https://www.strava.com/settings/apps';

/** The scopes the coach asks for; reading activities needs one of the `activity:read` scopes. */
const ACTIVITY_SCOPES = new Set(['activity:read', 'activity:read_all']);

export type ConnectLink = {
  readonly url: string;
  /** The Strava athlete this identity is already linked to; connecting again replaces the link. */
  readonly connectedAs: { readonly athleteName: string | null } | null;
};

export type CallbackQuery = {
  readonly state?: string | undefined;
  readonly code?: string | undefined;
  readonly scope?: string | undefined;
  readonly error?: string | undefined;
};

export type CallbackOutcome =
  | { readonly kind: 'connected'; readonly identity: string; readonly athleteName: string | null }
  | { readonly kind: 'refused'; readonly message: string; readonly identity: string | null };

export type DisconnectOutcome =
  | { readonly kind: 'not-connected' }
  | { readonly kind: 'disconnected'; readonly revokedOnStrava: boolean; readonly athleteName: string | null };

function stateHash(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

function callbackUrl(ctx: Pick<StravaContext, 'baseUrl'>): string {
  return `${ctx.baseUrl}${STRAVA_CALLBACK_PATH}`;
}

export async function connectLink(ctx: StravaContext, identity: string): Promise<ConnectLink> {
  const state = (ctx.random ?? randomBytes)(24).toString('base64url');
  const now = ctx.clock.now();
  await ctx.authorizations.insert({ stateHash: stateHash(state), identity, expiresAt: new Date(now.getTime() + AUTHORIZATION_TTL_MS) });
  const existing = await ctx.connections.findByIdentity(identity);
  return {
    url: ctx.api.authorizeUrl({ redirectUri: callbackUrl(ctx), state }),
    connectedAs: existing === undefined ? null : { athleteName: existing.athleteName },
  };
}

const AGAIN = 'Send /plan connect strava in the chat for a new link.';

export async function completeConnection(ctx: StravaContext, query: CallbackQuery): Promise<CallbackOutcome> {
  const state = query.state?.trim() ?? '';
  const authorization = state === '' || state.length > 200 ? undefined : await ctx.authorizations.take(stateHash(state), ctx.clock.now());
  if (authorization === undefined) {
    return { kind: 'refused', identity: null, message: `This link has expired or was already used. ${AGAIN}` };
  }
  const { identity } = authorization;
  if (query.error !== undefined && query.error !== '') {
    return { kind: 'refused', identity, message: `Strava was not connected: you did not authorize GoFast Coach. ${AGAIN}` };
  }
  const scopes = new Set((query.scope ?? '').split(/[,\s]+/));
  if (![...ACTIVITY_SCOPES].some((scope) => scopes.has(scope))) {
    return {
      kind: 'refused',
      identity,
      message: `Strava was not connected: GoFast Coach needs permission to view your activities (leave that box ticked). ${AGAIN}`,
    };
  }
  const code = query.code?.trim() ?? '';
  if (code === '' || code.length > 200) {
    return { kind: 'refused', identity, message: `Strava did not send an authorization code. ${AGAIN}` };
  }
  let grant;
  try {
    grant = await ctx.api.exchangeCode(code);
  } catch (error) {
    if (error instanceof StravaApiError) {
      return { kind: 'refused', identity, message: `Strava did not complete the connection (${error.code}). ${AGAIN}` };
    }
    throw error;
  }
  await ctx.connections.save({
    athleteId: grant.athleteId,
    identity,
    athleteName: grant.athleteName,
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: grant.expiresAt,
    connectedAt: ctx.clock.now(),
  });
  return { kind: 'connected', identity, athleteName: grant.athleteName };
}

export async function disconnect(ctx: StravaContext, identity: string): Promise<DisconnectOutcome> {
  const connection = await ctx.connections.findByIdentity(identity);
  if (connection === undefined) return { kind: 'not-connected' };
  let revokedOnStrava = true;
  try {
    await ctx.api.deauthorize(await accessTokenFor(ctx, connection));
  } catch (error) {
    if (!(error instanceof StravaApiError)) throw error;
    // Refused: the athlete already revoked us on Strava; anything else: Strava could not say.
    revokedOnStrava = error.code === 'unauthorized';
  }
  await ctx.connections.remove(connection.athleteId);
  return { kind: 'disconnected', revokedOnStrava, athleteName: connection.athleteName };
}

/** The words for the athlete in chat once Strava is linked. */
export function connectedText(athleteName: string | null): string {
  const who = athleteName === null ? '' : ` as ${athleteName}`;
  return `Strava connected${who}: your runs will log themselves on your plan (Run, Trail Run and Virtual Run). /plan disconnect strava stops it.`;
}
