/**
 * A working access token for a link: the stored one while it has more than `REFRESH_MARGIN_MS`
 * left, else a refreshed one, stored before use.
 *
 * Two instances refreshing one link at once: Strava returns new tokens to the first and refuses
 * the now-old refresh token to the second. So a refused refresh is read as "revoked" only when the
 * link still holds the refresh token that was refused; if another instance stored new tokens
 * meanwhile, those are used (the store's conditional update settles who wrote them).
 */
import { REFRESH_MARGIN_MS, type StravaContext } from './strava-context.js';
import type { StravaConnection } from './strava-connection-store.js';
import { StravaApiError, type StravaTokens } from './strava-api.js';

/** New tokens for the link (refreshed here or by another instance); throws `unauthorized` when Strava refuses the link's own. */
export async function refreshLink(ctx: StravaContext, connection: StravaConnection): Promise<StravaTokens> {
  let tokens: StravaTokens;
  try {
    tokens = await ctx.api.refreshTokens(connection.refreshToken);
  } catch (error) {
    if (!(error instanceof StravaApiError) || error.code !== 'unauthorized') throw error;
    const current = await ctx.connections.findByAthlete(connection.athleteId);
    if (current !== undefined && current.refreshToken !== connection.refreshToken) return current;
    throw error;
  }
  if (await ctx.connections.updateTokens(connection.athleteId, connection.refreshToken, tokens)) return tokens;
  const current = await ctx.connections.findByAthlete(connection.athleteId);
  if (current === undefined) throw new StravaApiError('unauthorized', 'the Strava link was removed while its tokens were refreshed');
  return current;
}

export async function accessTokenFor(ctx: StravaContext, connection: StravaConnection): Promise<string> {
  const now = ctx.clock.now().getTime();
  if (connection.expiresAt.getTime() - now > REFRESH_MARGIN_MS) return connection.accessToken;
  return (await refreshLink(ctx, connection)).accessToken;
}
