/**
 * The Strava client (issue 21): the `StravaApi` port on Strava's API v3 and OAuth 2, and the
 * application's webhook subscription for the CLI, sharing one transport, so one rate-limit budget
 * and one concurrency cap per application. Deciding when to refresh a token is the caller's job;
 * here a refresh is one plain call.
 */
import { StravaApiError, type StravaApi, type StravaApiErrorCode } from '../../plans/strava/strava-api.js';
import { createStravaSubscriptions, type StravaSubscriptions } from './strava-subscriptions.js';
import { createStravaTransport, type StravaTransportOptions } from './strava-transport.js';
import {
  activityResponseSchema,
  type StravaErrorBody,
  grantResponseSchema,
  tokenResponseSchema,
  toActivity,
  toGrant,
  toTokens,
} from './strava-wire-schemas.js';

/** The scopes asked for: the profile (read) and every activity, private ones included (a run is often private). */
const STRAVA_SCOPE = 'read,activity:read_all';

export type StravaClientOptions = StravaTransportOptions & {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://www.strava.com/api/v3`, without a trailing slash. */
  readonly apiUrl: string;
  /** `https://www.strava.com/oauth`, without a trailing slash. */
  readonly oauthUrl: string;
};

export type StravaClient = StravaApi & { readonly subscriptions: StravaSubscriptions };

/** The OAuth fields that name an athlete's spent or revoked credential. */
const ATHLETE_CREDENTIALS = new Set(['code', 'refresh_token', 'access_token']);
/** The fields that name the application's own credentials: wrong settings, not a lost link. */
const APP_CREDENTIALS = new Set(['client_id', 'client_secret']);

/** The OAuth endpoints' 4xx by the field they name (see `StravaRequest.classify`). */
function classifyOauth(_status: number, body: StravaErrorBody | undefined): StravaApiErrorCode | undefined {
  const fields = (body?.errors ?? []).map((e) => e.field ?? '');
  if (fields.some((f) => APP_CREDENTIALS.has(f))) return 'bad-response';
  if (fields.some((f) => ATHLETE_CREDENTIALS.has(f))) return 'unauthorized';
  return undefined;
}

export function createStravaClient(options: StravaClientOptions): StravaClient {
  const transport = createStravaTransport(options);
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const oauthUrl = options.oauthUrl.replace(/\/+$/, '');
  const app = { client_id: options.clientId, client_secret: options.clientSecret };

  return {
    authorizeUrl({ redirectUri, state }) {
      const query = [
        `client_id=${encodeURIComponent(options.clientId)}`,
        `redirect_uri=${encodeURIComponent(redirectUri)}`,
        'response_type=code',
        'approval_prompt=auto',
        `scope=${STRAVA_SCOPE}`,
        `state=${encodeURIComponent(state)}`,
      ];
      return `${oauthUrl}/authorize?${query.join('&')}`;
    },

    async exchangeCode(code) {
      const body = await transport.read(
        {
          method: 'POST',
          url: `${oauthUrl}/token`,
          label: 'POST /oauth/token (authorization_code)',
          form: { ...app, code, grant_type: 'authorization_code' },
          classify: classifyOauth,
        },
        grantResponseSchema,
      );
      return toGrant(body);
    },

    async refreshTokens(refreshToken) {
      const body = await transport.read(
        {
          method: 'POST',
          url: `${oauthUrl}/token`,
          label: 'POST /oauth/token (refresh_token)',
          form: { ...app, refresh_token: refreshToken, grant_type: 'refresh_token' },
          classify: classifyOauth,
        },
        tokenResponseSchema,
      );
      return toTokens(body);
    },

    async deauthorize(accessToken) {
      await transport.send({
        method: 'POST',
        url: `${oauthUrl}/deauthorize`,
        label: 'POST /oauth/deauthorize',
        form: { access_token: accessToken },
        classify: classifyOauth,
      });
    },

    async getActivity(accessToken, activityId) {
      if (!/^\d{1,20}$/.test(activityId)) {
        throw new StravaApiError('not-found', `A Strava activity id is a number, not ${JSON.stringify(activityId.slice(0, 30))}`);
      }
      const body = await transport.read(
        { method: 'GET', url: `${apiUrl}/activities/${activityId}`, label: 'GET /activities/{id}', bearer: accessToken },
        activityResponseSchema,
      );
      return toActivity(body);
    },

    subscriptions: createStravaSubscriptions(transport, { clientId: options.clientId, clientSecret: options.clientSecret, apiUrl }),
  };
}
